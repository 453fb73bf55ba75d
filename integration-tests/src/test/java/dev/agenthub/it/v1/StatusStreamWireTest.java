package dev.agenthub.it.v1;

import dev.agenthub.hub.beads.StatusChange;
import dev.agenthub.hub.claims.Claim;
import dev.agenthub.hub.live.HubLiveEvents;
import dev.agenthub.it.support.HubSeeds;
import dev.agenthub.it.support.HubSeeds.Worktree;
import dev.agenthub.it.support.SseClient;
import dev.agenthub.it.support.SseClient.Frame;
import dev.agenthub.it.support.SseHubTest;
import dev.agenthub.it.support.V1Client;
import dev.agenthub.it.support.V1Hubs;
import dev.agenthub.persistence.inprocess.InProcessWaitingPresence;
import dev.agenthub.persistence.protocol.JooqProjectStore;
import dev.agenthub.persistence.sql.JooqTransactionRunner;
import dev.agenthub.persistence.testing.SharedRedis;
import dev.agenthub.protocol.chat.WaitingSessions;
import dev.agenthub.protocol.kernel.time.WireTime;
import dev.agenthub.protocol.live.LiveEvents;
import dev.agenthub.server.AgentHub;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static dev.agenthub.it.support.V1Client.canonical;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /v1/status/stream} (wire spec §13.1) over real HTTP: the headers, data-only frames of real actions
 * (reservations, mail, chat) and of the bead events {@link HubLiveEvents} publishes, {@code event_types} and the
 * workspace filters, the 404s and 422s, keepalives (the class's hub writes one after 300 ms of silence), and
 * delivery across two instances over Redis. "Not delivered" is shown by ordering: an event that was filtered out
 * is published first, and the first frame the stream gets is the later one that was not.
 */
class StatusStreamWireTest extends SseHubTest {

    private static final Duration SHORT_KEEPALIVE = Duration.ofMillis(300);
    private HubSeeds seeds;
    private HubLiveEvents beadEvents;

    @Override
    protected Duration statusKeepalive() {
        return SHORT_KEEPALIVE;
    }

    @BeforeAll
    void seeds() {
        seeds = new HubSeeds(client, database.dataSource());
        JooqProjectStore projects = new JooqProjectStore(new JooqTransactionRunner(DSL.using(database.dataSource(), SQLDialect.POSTGRES)));
        beadEvents = new HubLiveEvents(new LiveEvents(hub.eventBus(), projects,
                new WaitingSessions(new InProcessWaitingPresence(), clock), clock));
    }

    private SseClient stream(String query, Map<String, String> headers) {
        return SseClient.open(http, hub.url(), "/v1/status/stream" + query, headers);
    }

    private String now() {
        return WireTime.zulu(clock.instant());
    }

    private String reservation(Worktree w, String key) {
        return canonical("""
                {"workspace_id":"%s","type":"reservation.acquired","timestamp":"%s","project_slug":"%s",
                 "paths":["%s"],"alias":"%s","ttl_seconds":60,"bead_id":null,"reason":null,"exclusive":true}"""
                .formatted(w.workspaceId(), now(), w.projectSlug(), key, w.alias()));
    }

    private void reserve(Worktree w, String key) {
        assertThat(client.post("/v1/reservations", "{\"resource_key\":\"" + key + "\",\"ttl_seconds\":60}", w.bearer())
                .status()).isEqualTo(200);
    }

    private String mail(Worktree from, Worktree to, String subject) {
        return client.post("/v1/messages", "{\"to_alias\":\"" + to.alias() + "\",\"subject\":\"" + subject + "\",\"body\":\"b\"}",
                from.bearer()).json().get("message_id").asText();
    }

    /** Only the text of a data frame: exactly one {@code data:} line, no {@code event:} and no {@code id:}. */
    private static String data(Frame frame) {
        assertThat(frame).as("a frame arrived").isNotNull();
        assertThat(frame.text()).startsWith("data: ").doesNotContain("\n");
        return frame.data();
    }

    @Test
    void framesRealActionsAndBeadEventsAsDataOnlyLines() throws Exception {
        clock.set(NOW);
        Worktree alice = seeds.worktree("ss-frames", "git@github.com:ss-frames/app.git", "alice", "Ada");
        Worktree bob = seeds.worktree("ss-frames", "git@github.com:ss-frames/app.git", "bob", "Bo");
        try (SseClient stream = stream("", bob.bearer())) {
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.header("Content-Type")).startsWith("text/event-stream");
            assertThat(stream.header("Cache-Control")).isEqualTo("no-cache");
            assertThat(stream.header("X-Accel-Buffering")).isEqualTo("no");

            reserve(alice, "src/a.java");
            assertThat(data(stream.nextData(WAIT))).isEqualTo(reservation(alice, "src/a.java"));

            String message = mail(bob, alice, "build");
            assertThat(data(stream.nextData(WAIT))).as("delivered: on the recipient's channel").isEqualTo(canonical("""
                    {"workspace_id":"%s","type":"message.delivered","timestamp":"%s","project_slug":"ss-frames","message_id":"%s",
                     "from_workspace":"%s","from_alias":"bob","to_alias":"alice","subject":"build","priority":"normal"}"""
                    .formatted(alice.workspaceId(), now(), message, bob.workspaceId())));

            var chat = client.post("/v1/chat/sessions", "{\"to_aliases\":[\"bob\"],\"message\":\"hi bob\"}", alice.bearer()).json();
            assertThat(data(stream.nextData(WAIT))).isEqualTo(canonical("""
                    {"workspace_id":"%s","type":"chat.message_sent","timestamp":"%s","project_slug":"ss-frames","session_id":"%s",
                     "message_id":"%s","from_alias":"alice","to_aliases":["bob"],"preview":"hi bob"}"""
                    .formatted(alice.workspaceId(), now(), chat.get("session_id").asText(), chat.get("message_id").asText())));

            Claim claim = new Claim(alice.project(), "bd-7", alice.agent(), "alice", "Ada", clock.instant(), Claim.Apex.NONE);
            beadEvents.claimed(claim, "Fix login");
            assertThat(data(stream.nextData(WAIT))).isEqualTo(canonical("""
                    {"workspace_id":"%s","type":"bead.claimed","timestamp":"%s","project_slug":"ss-frames","bead_id":"bd-7",
                     "alias":"alice","title":"Fix login"}""".formatted(alice.workspaceId(), now())));
            beadEvents.statusChanged(bob.agent(), bob.project(), "bob", "github.com/ss-frames/app",
                    new StatusChange("bd-7", "in_progress", "closed", "Fix login", false));
            assertThat(data(stream.nextData(WAIT))).isEqualTo(canonical("""
                    {"workspace_id":"%s","type":"bead.status_changed","timestamp":"%s","project_slug":"ss-frames","project_id":"",
                     "bead_id":"bd-7","repo":"github.com/ss-frames/app","old_status":"in_progress","new_status":"closed",
                     "title":"Fix login","alias":"bob"}""".formatted(bob.workspaceId(), now())));
            beadEvents.unclaimed(claim, null);
            assertThat(data(stream.nextData(WAIT))).isEqualTo(canonical("""
                    {"workspace_id":"%s","type":"bead.unclaimed","timestamp":"%s","project_slug":"ss-frames","bead_id":"bd-7",
                     "alias":"alice","title":null}""".formatted(alice.workspaceId(), now())));
        }
    }

    @Test
    void theResponseHeadCarriesTheStreamHeaders() throws Exception {
        Worktree alice = seeds.worktree("ss-head", "git@github.com:ss-head/app.git", "alice", "Ada");
        java.net.URI base = java.net.URI.create(hub.url());
        try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout((int) WAIT.toMillis());
            socket.getOutputStream().write(("GET /v1/status/stream HTTP/1.1\r\nHost: " + base.getHost() + "\r\n"
                    + "Authorization: Bearer " + alice.apiKey() + "\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            var lines = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    java.nio.charset.StandardCharsets.US_ASCII));
            java.util.List<String> head = new java.util.ArrayList<>();
            for (String line = lines.readLine(); line != null && !line.isEmpty(); line = lines.readLine()) {
                head.add(line.toLowerCase(java.util.Locale.ROOT));
            }
            assertThat(head.getFirst()).isEqualTo("http/1.1 200 ok");
            // The route sets Connection: keep-alive as §13.1 lists it, but Jetty leaves it out on HTTP/1.1, where a
            // connection is persistent unless "close" is said (docs/coordination-api.md, Live streams).
            assertThat(head).contains("content-type: text/event-stream;charset=utf-8", "cache-control: no-cache",
                    "x-accel-buffering: no").doesNotContain("connection: close");
        }
    }

    @Test
    void eventTypesKeepOnlyTheirCategories() throws Exception {
        clock.set(NOW);
        Worktree alice = seeds.worktree("ss-types", "git@github.com:ss-types/app.git", "alice", "Ada");
        Worktree bob = seeds.worktree("ss-types", "git@github.com:ss-types/app.git", "bob", "Bo");
        try (SseClient stream = stream("?event_types=%20Chat%20,,message", bob.bearer())) {
            assertThat(stream.status()).isEqualTo(200);
            reserve(alice, "src/skipped.java"); // reservation: not asked for
            String message = mail(bob, alice, "wanted");
            assertThat(data(stream.nextData(WAIT))).as("the reservation was left out")
                    .contains("\"type\":\"message.delivered\"", "\"message_id\":\"" + message + "\"");
            client.post("/v1/chat/sessions", "{\"to_aliases\":[\"alice\"],\"message\":\"yo\"}", bob.bearer());
            assertThat(data(stream.nextData(WAIT))).contains("\"type\":\"chat.message_sent\"", "\"preview\":\"yo\"");
        }
    }

    @Test
    void filtersChooseTheWorkspacesWhoseChannelsAreSubscribed() throws Exception {
        clock.set(NOW);
        Worktree alice = seeds.worktree("ss-filter", "git@github.com:ss-filter/app.git", "alice", "Ada");
        Worktree bob = seeds.worktree("ss-filter", "git@github.com:ss-filter/app.git", "bob", "Bo");
        Worktree carol = seeds.worktree("ss-filter", "git@github.com:ss-filter/lib.git", "carol", "Cy");
        Worktree stranger = seeds.worktree("ss-filter-other", "git@github.com:ss-filter/lib.git", "dave", "Cy");
        try (SseClient one = stream("?workspace_id=" + alice.workspaceId(), bob.bearer());
             SseClient lib = stream("?repo=github.com/ss-filter/lib", bob.bearer());
             SseClient named = stream("?human_name=Bo", alice.bearer())) {
            reserve(stranger, "x/0"); // another project: on no stream of this one
            reserve(bob, "x/1");
            reserve(carol, "x/2");
            reserve(alice, "x/3");
            assertThat(data(one.nextData(WAIT))).as("only alice's channel").isEqualTo(reservation(alice, "x/3"));
            assertThat(data(lib.nextData(WAIT))).as("only the lib repo's workspaces").isEqualTo(reservation(carol, "x/2"));
            assertThat(data(named.nextData(WAIT))).as("only Bo's workspace").isEqualTo(reservation(bob, "x/1"));
        }
    }

    @Test
    void limitSubscribesToTheMostRecentlyUpdatedWorkspaces() throws Exception {
        clock.set(NOW);
        Worktree old = seeds.worktree("ss-limit", "git@github.com:ss-limit/app.git", "old", "O");
        clock.advance(Duration.ofSeconds(5));
        Worktree fresh = seeds.worktree("ss-limit", "git@github.com:ss-limit/app.git", "fresh", "F");
        try (SseClient stream = stream("?limit=1", old.bearer())) {
            reserve(old, "k/1");
            reserve(fresh, "k/2");
            assertThat(data(stream.nextData(WAIT))).isEqualTo(reservation(fresh, "k/2"));
        }
    }

    @Test
    void keepalivesFollowSilenceAndAStreamWithoutWorkspacesGetsOnlyThose() throws Exception {
        clock.set(NOW);
        Worktree alice = seeds.worktree("ss-keepalive", "git@github.com:ss-keepalive/app.git", "alice", "Ada");
        var lone = client.init("ss-keepalive-empty", "solo");
        try (SseClient busy = stream("", alice.bearer()); SseClient empty = stream("", lone.bearer())) {
            assertThat(empty.status()).as("no workspaces and no filter: not a 404").isEqualTo(200);
            assertThat(busy.next(WAIT).text()).isEqualTo(": keepalive");
            assertThat(empty.next(WAIT).text()).isEqualTo(": keepalive");
            reserve(alice, "k/1");
            assertThat(data(busy.nextData(WAIT))).isEqualTo(reservation(alice, "k/1"));
            assertThat(empty.next(WAIT).text()).isEqualTo(": keepalive");
        }
    }

    @Test
    void filtersThatMatchNothingAre404() throws Exception {
        clock.set(NOW);
        Worktree alice = seeds.worktree("ss-404", "git@github.com:ss-404/app.git", "alice", "Ada");
        Worktree stranger = seeds.worktree("ss-404-other", "git@github.com:ss-404/app.git", "zed", "Z");
        String none = "{\"detail\":\"No workspaces found for the provided filter\"}";
        assertStreamError("?repo=github.com/ss-404/nothing", alice.bearer(), 404, none);
        assertStreamError("?human_name=Nobody", alice.bearer(), 404, none);
        String notFound = "{\"detail\":\"Workspace not found\"}";
        assertStreamError("?workspace_id=" + UUID.randomUUID(), alice.bearer(), 404, notFound);
        assertStreamError("?workspace_id=" + stranger.workspaceId(), alice.bearer(), 404, notFound);
        seeds.softDelete(alice, clock.instant());
        assertStreamError("?workspace_id=" + alice.workspaceId(), stranger.bearer(), 404, notFound);
    }

    @Test
    void malformedQueriesAre422BeforeAuthentication() throws Exception {
        assertStreamError("?event_types=reservation,Foo,bar", Map.of(), 422,
                "{\"detail\":\"Invalid event types: {'bar', 'foo'}. Valid types: ['bead', 'chat', 'escalation', 'message', 'reservation']\"}");
        assertStreamError("?repo=not%20a%20repo", Map.of(), 422, "{\"detail\":\"Invalid repo format: not a repo\"}");
        assertStreamError("?workspace_id=nope&limit=0&human_name=" + "h".repeat(65), Map.of(), 422, V1Client.json(Map.of("detail", java.util.List.of(
                V1Client.ordered("type", "uuid_parsing", "loc", java.util.List.of("query", "workspace_id"),
                        "msg", "Input should be a valid UUID", "input", "nope"),
                V1Client.ordered("type", "string_too_long", "loc", java.util.List.of("query", "human_name"),
                        "msg", "String should have at most 64 characters", "input", "h".repeat(65), "ctx", Map.of("max_length", 64)),
                V1Client.ordered("type", "greater_than_equal", "loc", java.util.List.of("query", "limit"),
                        "msg", "Input should be greater than or equal to 1", "input", "0", "ctx", Map.of("ge", 1))))));
        assertStreamError("?limit=1001", Map.of(), 422,
                "{\"detail\":[{\"type\":\"less_than_equal\",\"loc\":[\"query\",\"limit\"],\"msg\":\"Input should be less than or equal to 1000\",\"input\":\"1001\",\"ctx\":{\"le\":1000}}]}");
        assertStreamError("", Map.of(), 401, "{\"detail\":\"Authentication required\"}");
    }

    private void assertStreamError(String query, Map<String, String> headers, int status, String body) throws Exception {
        try (SseClient stream = stream(query, headers)) {
            assertThat(stream.status()).isEqualTo(status);
            assertThat(canonical(stream.bodyText())).isEqualTo(canonical(body));
        }
    }

    @Test
    void stoppingTheHubEndsOpenStatusStreams() throws Exception {
        try (AgentHub own = V1Hubs.start(database, clock, Map.of())) {
            Worktree alice = new HubSeeds(new V1Client(own.url()), database.dataSource())
                    .worktree("ss-stop", "git@github.com:ss-stop/app.git", "alice", "Ada");
            try (SseClient stream = SseClient.open(http, own.url(), "/v1/status/stream", alice.bearer())) {
                assertThat(stream.status()).isEqualTo(200);
                own.close();
                assertThat(stream.awaitEnd(WAIT)).as("ended by the stop, not by the grace period").isTrue();
            }
        }
    }

    @Test
    void eventsPublishedOnOneInstanceReachAStreamOnAnother(SharedRedis redis) throws Exception {
        clock.set(NOW);
        Map<String, String> environment = Map.of("AGENT_HUB_REDIS_URL", redis.url(),
                "AGENT_HUB_REDIS_KEY_PREFIX", redis.newKeyPrefix());
        try (AgentHub a = V1Hubs.start(database, clock, environment); AgentHub b = V1Hubs.start(database, clock, environment);
             HttpClient client2 = HttpClient.newHttpClient()) {
            HubSeeds onA = new HubSeeds(new V1Client(a.url()), database.dataSource());
            Worktree alice = onA.worktree("ss-cross", "git@github.com:ss-cross/app.git", "alice", "Ada");
            try (SseClient onB = SseClient.open(client2, b.url(), "/v1/status/stream", alice.bearer())) {
                assertThat(onB.status()).isEqualTo(200);
                assertThat(new V1Client(a.url()).post("/v1/reservations", "{\"resource_key\":\"r/1\",\"ttl_seconds\":60}",
                        alice.bearer()).status()).isEqualTo(200);
                assertThat(data(onB.nextData(WAIT))).isEqualTo(reservation(alice, "r/1"));
            }
        }
    }
}
