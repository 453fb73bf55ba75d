package dev.agenthub.it.v1;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agenthub.hub.beads.BeadIssue;
import dev.agenthub.it.support.HttpProbe.Response;
import dev.agenthub.it.support.SignedContext;
import dev.agenthub.it.support.TestSql;
import dev.agenthub.it.support.V1Client;
import dev.agenthub.it.support.V1Client.Identity;
import dev.agenthub.it.support.V1Hubs;
import dev.agenthub.persistence.hub.JooqBeadStore;
import dev.agenthub.persistence.sql.JooqTransactionRunner;
import dev.agenthub.persistence.testing.TestDatabase;
import dev.agenthub.persistence.testing.TestInfrastructure;
import dev.agenthub.protocol.kernel.id.ProjectId;
import dev.agenthub.protocol.kernel.time.WireTime;
import dev.agenthub.server.AgentHub;
import dev.agenthub.testkit.MutableClock;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;

import static dev.agenthub.it.support.V1Client.assertBody;
import static dev.agenthub.it.support.V1Client.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every route of the identity, agent, workspace, reservation, mail and chat area, the status, claims and bead
 * reads, the native tasks, the policies, the escalations, the subscriptions, the audit log, and the SSE streams
 * (wire spec §3, §4.1–§4.4, §4.6–§4.16, §9.2, §13) against every kind of
 * credential, one test case per cell: the status and the whole body, {@code WWW-Authenticate: Bearer} on
 * every bearer 401, and no response ever carrying the other project's data (§3.5). Two seeded projects,
 * "alpha" (A) and "bravo" (B), each with two agents, reservations, mail from the helper to the lead (one letter
 * read, one unread), a chat session between them with one unread reply, the lead's workspace with one pending
 * escalation, one ready native task (with no comments) of the lead, and distinctive names; the credential under
 * test is A's unless the kind says otherwise. Cells that change state get fresh agents or keys and undo
 * what they did, so the read cells see exactly the seeded state (each project's one policy version, bootstrapped
 * by a read when seeding). Bearer cells go to a hub with proxy mode
 * off (the default); the public-reader cells go to a second hub with proxy mode on over the same database.
 * The stream cells ask for a past deadline, so a stream answers its first frames (keepalive, replay or sweep)
 * and ends; their bodies are compared frame by frame.
 */
@ExtendWith(TestInfrastructure.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationMatrixTest {

    private static final Instant NOW = Instant.parse("2026-03-04T05:06:07.123456Z");
    private static final DateTimeFormatter WIRE_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'+00:00'").withZone(ZoneOffset.UTC);
    private static final String PROXY_SECRET = "matrix-proxy-secret";

    private static final String AUTHENTICATION_REQUIRED = "{\"detail\":\"Authentication required\"}";
    private static final String INVALID_HEADER = "{\"detail\":\"Invalid Authorization header. Expected: Bearer <token>\"}";
    private static final String INVALID_KEY = "{\"detail\":\"Invalid API key\"}";
    private static final String NOT_BOUND = "{\"detail\":\"API key is not bound to an agent\"}";

    /** The credential a cell presents. */
    enum Kind {
        NO_HEADER("no Authorization header"),
        BASIC_SCHEME("Authorization: Basic x"),
        LOWERCASE_SCHEME("Authorization: bearer <valid key>"),
        DOUBLE_SPACE("Authorization: Bearer  <valid key> (two spaces)"),
        UNKNOWN_KEY("unknown key"),
        DEACTIVATED_KEY("deactivated key"),
        OTHER_PROJECT_KEY("valid key of project B"),
        UNBOUND_KEY("wrong actor: key bound to no agent"),
        PUBLIC_READER("public reader (proxy, type p)"),
        VALID_KEY("valid key");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** The auth level of a route (§3.2): none, project scope (B), actor (A) or registered identity (R). */
    enum Access { NONE, PROJECT, ACTOR, REGISTERED }

    enum Route {
        INIT("POST", "/v1/init", Access.NONE, "POST /v1/init (new alias)"),
        REINIT("POST", "/v1/init", Access.NONE, "POST /v1/init (existing alias, §14 F2)"),
        SUGGEST_ALIAS_PREFIX("POST", "/v1/agents/suggest-alias-prefix", Access.NONE, null),
        INTROSPECT("GET", "/v1/auth/introspect", Access.PROJECT, null),
        CURRENT_PROJECT("GET", "/v1/projects/current", Access.PROJECT, null),
        LIST_AGENTS("GET", "/v1/agents", Access.PROJECT, null),
        HEARTBEAT("POST", "/v1/agents/heartbeat", Access.ACTOR, null),
        UPDATE_ME("PATCH", "/v1/agents/me", Access.ACTOR, null),
        DEREGISTER_ME("DELETE", "/v1/agents/me", Access.ACTOR, null),
        DEREGISTER_PEER("DELETE", "/v1/agents/{namespace}/{alias}", Access.PROJECT, null),
        ACQUIRE("POST", "/v1/reservations", Access.ACTOR, null),
        RENEW("POST", "/v1/reservations/renew", Access.ACTOR, null),
        RELEASE("POST", "/v1/reservations/release", Access.ACTOR, null),
        REVOKE("POST", "/v1/reservations/revoke", Access.ACTOR, null),
        LIST_RESERVATIONS("GET", "/v1/reservations", Access.PROJECT, null),
        SEND_MAIL("POST", "/v1/messages", Access.ACTOR, null),
        INBOX("GET", "/v1/messages/inbox", Access.ACTOR, null),
        ACK_MAIL("POST", "/v1/messages/{message_id}/ack", Access.ACTOR, null),
        START_CHAT("POST", "/v1/chat/sessions", Access.ACTOR, null),
        CHAT_PENDING("GET", "/v1/chat/pending", Access.ACTOR, null),
        LIST_SESSIONS("GET", "/v1/chat/sessions", Access.ACTOR, null),
        CHAT_HISTORY("GET", "/v1/chat/sessions/{session_id}/messages", Access.ACTOR, null),
        SEND_CHAT("POST", "/v1/chat/sessions/{session_id}/messages", Access.ACTOR, null),
        MARK_READ("POST", "/v1/chat/sessions/{session_id}/read", Access.ACTOR, null),
        CHAT_STREAM("GET", "/v1/chat/sessions/{session_id}/stream", Access.ACTOR,
                "GET /v1/chat/sessions/{session_id}/stream?deadline=<past> (SSE)"),
        EVENTS_STREAM("GET", "/v1/events/stream", Access.ACTOR, "GET /v1/events/stream?deadline=<past> (SSE)"),
        LIST_WORKSPACES("GET", "/v1/workspaces", Access.PROJECT, null),
        TEAM("GET", "/v1/workspaces/team?only_with_claims=false", Access.PROJECT, null),
        ONLINE("GET", "/v1/workspaces/online", Access.PROJECT, null),
        WORKSPACE_HEARTBEAT("POST", "/v1/workspaces/heartbeat", Access.PROJECT, null),
        WORKSPACE_REGISTER("POST", "/v1/workspaces/register", Access.REGISTERED, null),
        DELETE_WORKSPACE("DELETE", "/v1/workspaces/{workspace_id}", Access.PROJECT, null),
        RESTORE_WORKSPACE("POST", "/v1/workspaces/{workspace_id}/restore", Access.PROJECT, null),
        STATUS("GET", "/v1/status", Access.PROJECT, null),
        // a filter that matches nothing: the stream answers 404 once authenticated instead of staying open
        STATUS_STREAM("GET", "/v1/status/stream", Access.PROJECT, "GET /v1/status/stream?human_name=<nobody> (SSE)"),
        LIST_CLAIMS("GET", "/v1/claims", Access.PROJECT, null),
        LIST_ISSUES("GET", "/v1/beads/issues", Access.PROJECT, null),
        GET_ISSUE("GET", "/v1/beads/issues/{bead_id}", Access.PROJECT, "GET /v1/beads/issues/{A's bead}"),
        READY_ISSUES("GET", "/v1/beads/ready", Access.PROJECT, null),
        BDH_COMMAND("POST", "/v1/bdh/command", Access.PROJECT, null),
        BDH_SYNC("POST", "/v1/bdh/sync", Access.PROJECT, "POST /v1/bdh/sync (incremental, deleted_ids only)"),
        UPLOAD_BEADS("POST", "/v1/beads/upload", Access.PROJECT, null),
        UPLOAD_JSONL("POST", "/v1/beads/upload-jsonl", Access.PROJECT, "POST /v1/beads/upload-jsonl?repo=<fresh repo>"),
        POLICY_ACTIVE("GET", "/v1/policies/active", Access.PROJECT, null),
        POLICY_HISTORY("GET", "/v1/policies/history", Access.PROJECT, null),
        POLICY_LIST("GET", "/v1/policies", Access.PROJECT, null),
        POLICY_GET("GET", "/v1/policies/{policy_id}", Access.PROJECT, "GET /v1/policies/{A's policy}"),
        POLICY_CREATE("POST", "/v1/policies", Access.PROJECT, null),
        POLICY_ACTIVATE("POST", "/v1/policies/{policy_id}/activate", Access.PROJECT, "POST /v1/policies/{A's fresh version}/activate"),
        POLICY_RESET("POST", "/v1/policies/reset", Access.PROJECT, null),
        CREATE_ESCALATION("POST", "/v1/escalations", Access.PROJECT, "POST /v1/escalations (A's lead's workspace)"),
        LIST_ESCALATIONS("GET", "/v1/escalations", Access.PROJECT, null),
        GET_ESCALATION("GET", "/v1/escalations/{escalation_id}", Access.PROJECT, "GET /v1/escalations/{A's escalation}"),
        RESPOND_ESCALATION("POST", "/v1/escalations/{escalation_id}/respond", Access.PROJECT,
                "POST /v1/escalations/{a fresh escalation of A}/respond"),
        SUBSCRIBE("POST", "/v1/subscriptions", Access.PROJECT, "POST /v1/subscriptions (A's lead's workspace)"),
        LIST_SUBSCRIPTIONS("GET", "/v1/subscriptions", Access.PROJECT, "GET /v1/subscriptions?workspace_id={A's lead}"),
        UNSUBSCRIBE("DELETE", "/v1/subscriptions/{subscription_id}", Access.PROJECT,
                "DELETE /v1/subscriptions/{a fresh subscription of A's lead}"),
        LIST_TASKS("GET", "/v1/tasks", Access.PROJECT, null),
        READY_TASKS("GET", "/v1/tasks/ready", Access.PROJECT, null),
        BLOCKED_TASKS("GET", "/v1/tasks/blocked", Access.PROJECT, null),
        GET_TASK("GET", "/v1/tasks/{ref}", Access.PROJECT, "GET /v1/tasks/{A's task}"),
        CREATE_TASK("POST", "/v1/tasks", Access.ACTOR, null),
        PATCH_TASK("PATCH", "/v1/tasks/{ref}", Access.ACTOR, "PATCH /v1/tasks/{a fresh task of A}"),
        DELETE_TASK("DELETE", "/v1/tasks/{ref}", Access.PROJECT, "DELETE /v1/tasks/{a fresh task of A}"),
        ADD_TASK_DEP("POST", "/v1/tasks/{ref}/deps", Access.PROJECT, "POST /v1/tasks/{a fresh task of A}/deps"),
        REMOVE_TASK_DEP("DELETE", "/v1/tasks/{ref}/deps/{dep_ref}", Access.PROJECT,
                "DELETE /v1/tasks/{a fresh task of A}/deps/{A's task}"),
        ADD_TASK_COMMENT("POST", "/v1/tasks/{ref}/comments", Access.ACTOR, "POST /v1/tasks/{a fresh task of A}/comments"),
        LIST_TASK_COMMENTS("GET", "/v1/tasks/{ref}/comments", Access.PROJECT, "GET /v1/tasks/{A's task}/comments"),
        // before NOW: the seeded escalation's entry only, whatever the cells that write at NOW have added
        AUDIT_LOG("GET", "/v1/audit?event_type=escalation_created&until=2026-03-04T05:06:07.123456Z", Access.PROJECT,
                "GET /v1/audit?event_type=escalation_created&until=<now>");

        private final String method;
        private final String path;
        private final Access access;
        private final String label;

        Route(String method, String path, Access access, String label) {
            this.method = method;
            this.path = path;
            this.access = access;
            this.label = label == null ? method + " " + path : label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** A seeded agent. */
    private record Member(String alias, String humanName, String lifetime, Identity identity, String apiKeyId) {
        String id() {
            return identity.agentId();
        }

        Map<String, String> bearer() {
            return identity.bearer();
        }
    }

    /** A seeded reservation. */
    private record Held(String key, Member holder, int ttlSeconds, String reason) {
    }

    /** A seeded letter from the helper to the lead. */
    private record Letter(String id, String subject, String body, String priority, Instant createdAt, Instant readAt) {
    }

    /** A seeded chat message. */
    private record Line(String id, Member from, Member to, String body, Instant at) {
    }

    /** The seeded mail (the lead's inbox, newest first) and the lead's one chat session with the helper. */
    private record Talk(List<Letter> inbox, String sessionId, Line opening, Line reply) {
        List<Letter> unread() {
            return inbox.stream().filter(letter -> letter.readAt() == null).toList();
        }
    }

    /** A seeded project with its agents (in alias order), reservations (in key order), mail and chat. */
    private record World(String slug, String name, String id, Member lead, Member helper, List<Held> reservations,
                         Talk talk, String escalationId, String taskId, List<String> extraTokens) {
        List<Member> agents() {
            return List.of(lead, helper);
        }

        /** Text that identifies this project's data and must never reach the other project. */
        List<String> tokens() {
            List<String> tokens = new ArrayList<>(List.of(slug, name, id));
            for (Member member : agents()) {
                tokens.addAll(List.of(member.alias(), member.id(), member.identity().apiKey(), member.apiKeyId()));
                if (!member.humanName().isEmpty()) {
                    tokens.add(member.humanName());
                }
            }
            reservations.stream().map(Held::key).filter(key -> !key.startsWith("contested/")).forEach(tokens::add);
            for (Letter letter : talk.inbox()) {
                tokens.addAll(List.of(letter.id(), letter.subject(), letter.body()));
            }
            tokens.add(talk.sessionId());
            tokens.addAll(List.of(escalationId, slug + " escalation subject", slug + " escalation situation"));
            tokens.addAll(List.of(taskId, slug + " task"));
            for (Line line : List.of(talk.opening(), talk.reply())) {
                tokens.addAll(List.of(line.id(), line.body()));
            }
            tokens.addAll(extraTokens);
            return tokens;
        }
    }

    /** A project's seeded policy: version 1, active, its {@code GET /active} body and its ETag. */
    private record SeededPolicy(String id, String body, String etag) {
    }

    /** Who a cell's credential authenticates as, if anyone: project, bound agent, key record. */
    private record Caller(Kind kind, V1Client client, Map<String, String> headers, World project, Member agent,
                          String apiKeyId) {
    }

    /** One prepared request with what it must answer. */
    private record Cell(Caller caller, String path, String body, int status, Function<Response, String> expected,
                        List<String> forbidden, Consumer<Response> verify, Consumer<Response> cleanup, boolean eventStream) {
    }

    private final MutableClock clock = new MutableClock(NOW);
    private final AtomicInteger cells = new AtomicInteger();
    private TestDatabase database;
    private AgentHub bearerHub;
    private AgentHub proxyHub;
    private V1Client bearer;
    private V1Client proxy;
    private World alpha;
    private World bravo;
    private String unknownKey;
    private String deactivatedKey;
    private String unboundKey;
    private String unboundKeyId;
    private Map<String, String> publicReader;
    private final Map<String, SeededPolicy> policies = new java.util.HashMap<>();

    @BeforeAll
    void seed(TestDatabase database) throws SQLException {
        this.database = database;
        bearerHub = V1Hubs.start(database, clock, Map.of());
        proxyHub = V1Hubs.start(database, clock, Map.of("AGENT_HUB_TRUST_PROXY_HEADERS", "1",
                "AGENT_HUB_INTERNAL_AUTH_SECRET", PROXY_SECRET));
        bearer = new V1Client(bearerHub.url());
        proxy = new V1Client(proxyHub.url());

        alpha = world("authz-alpha", "Authz Alpha Project", "alice-alpha", "Alice Alpha", "amber-alpha",
                "alpha-secret/plan.md", 300, 600);
        bravo = world("authz-bravo", "Authz Bravo Project", "alice-bravo", "Bruno Bravo", "bob-bravo",
                "bravo-secret/notes.md", 300, 900);

        // the deactivated key: an ephemeral agent of A that deregistered itself
        Identity gone = bearer.init(alpha.slug(), "gone-alpha");
        assertThat(bearer.delete("/v1/agents/me", gone.bearer()).status()).isEqualTo(200);
        deactivatedKey = gone.apiKey();
        alpha.extraTokens().addAll(List.of(gone.agentId(), gone.apiKey()));

        unboundKey = "aw_sk_" + randomHex(32);
        unboundKeyId = insertUnboundKey(alpha.id(), unboundKey);
        alpha.extraTokens().addAll(List.of(unboundKey, unboundKeyId));
        unknownKey = "aw_sk_" + randomHex(32);
        JooqBeadStore beads = new JooqBeadStore(new JooqTransactionRunner(DSL.using(database.dataSource(), SQLDialect.POSTGRES)));
        for (World world : List.of(alpha, bravo)) {
            beads.insert(new ProjectId(UUID.fromString(world.id())), List.of(new BeadIssue(beadRepo(world), "main",
                    beadId(world), beadTitle(world), null, "open", 1, "task", null, null, null, null, null, List.of(), null,
                    NOW)));
            world.extraTokens().addAll(List.of(beadId(world), beadTitle(world)));
        }
        for (World world : List.of(alpha, bravo)) {
            Response active = bearer.get("/v1/policies/active", world.lead().bearer()); // bootstraps version 1
            assertThat(active.status()).as(active.body()).isEqualTo(200);
            String id = active.json().get("policy_id").asText();
            assertThat(active.json().get("project_id").asText()).isEqualTo(world.id());
            assertThat(active.json().get("version").asInt()).isEqualTo(1);
            policies.put(world.slug(), new SeededPolicy(id, active.body(), active.header("ETag")));
            world.extraTokens().add(id);
        }
        String readerMessage = SignedContext.message(alpha.id(), "p", UUID.randomUUID().toString(), "");
        publicReader = Map.of("X-BH-Auth", SignedContext.header(PROXY_SECRET, readerMessage), "X-Project-ID", alpha.id());
    }

    @AfterAll
    void stop() {
        if (proxyHub != null) {
            proxyHub.close();
        }
        if (bearerHub != null) {
            bearerHub.close();
        }
    }

    /** A project with a persistent lead holding a secret key and an ephemeral helper holding a contested key. */
    private World world(String slug, String name, String leadAlias, String leadName, String helperAlias,
                        String secretKey, int secretTtl, int contestedTtl) throws SQLException {
        Identity lead = bearer.initWith(body("project_slug", slug, "project_name", name, "alias", leadAlias,
                "human_name", leadName, "lifetime", "persistent", "repo_origin", origin(slug)));
        Identity helper = bearer.init(slug, helperAlias);
        Member leadMember = new Member(leadAlias, leadName, "persistent", lead, apiKeyId(lead.agentId()));
        Member helperMember = new Member(helperAlias, "", "ephemeral", helper, apiKeyId(helper.agentId()));
        List<Held> held = List.of(new Held(secretKey, leadMember, secretTtl, "manual"),
                new Held("contested/main.go", helperMember, contestedTtl, "auto-reserve"));
        for (Held reservation : held) {
            Response acquired = bearer.post("/v1/reservations", json(body("resource_key", reservation.key(),
                    "ttl_seconds", reservation.ttlSeconds(), "metadata", body("reason", reservation.reason()))),
                    reservation.holder().bearer());
            assertThat(acquired.status()).as(acquired.body()).isEqualTo(200);
        }
        Talk talk = talk(slug, leadMember, helperMember);
        clock.set(NOW.minusSeconds(5));
        Response escalated = bearer.post("/v1/escalations", json(body("workspace_id", lead.agentId(), "alias", leadAlias,
                "subject", slug + " escalation subject", "situation", slug + " escalation situation")), lead.bearer());
        assertThat(escalated.status()).as(escalated.body()).isEqualTo(200);
        clock.set(NOW);
        Response task = bearer.post("/v1/tasks", json(body("title", slug + " task")), lead.bearer());
        assertThat(task.status()).as(task.body()).isEqualTo(200);
        return new World(slug, name, lead.projectId(), leadMember, helperMember, held, talk,
                escalated.json().get("escalation_id").asText(), task.json().get("task_id").asText(), new ArrayList<>());
    }

    /**
     * The helper mails the lead twice (the first letter read by the lead), the lead opens a chat with the helper
     * and the helper replies, each a few seconds before {@link #NOW} so that every order is strict; the clock
     * is back at {@link #NOW} afterwards.
     */
    private Talk talk(String slug, Member lead, Member helper) {
        clock.set(NOW.minusSeconds(30));
        Letter settled = letter(helper, lead, slug + " settled subject", slug + " settled body", "high");
        clock.set(NOW.minusSeconds(25));
        Response acked = bearer.post("/v1/messages/" + settled.id() + "/ack", null, lead.bearer());
        assertThat(acked.status()).as(acked.body()).isEqualTo(200);
        settled = new Letter(settled.id(), settled.subject(), settled.body(), settled.priority(), settled.createdAt(), clock.instant());
        clock.set(NOW.minusSeconds(20));
        Letter open = letter(helper, lead, slug + " open subject", slug + " open body", "normal");

        clock.set(NOW.minusSeconds(15));
        String opening = slug + " chat opening";
        Response started = bearer.post("/v1/chat/sessions", json(body("to_aliases", List.of(helper.alias()), "message", opening)),
                lead.bearer());
        assertThat(started.status()).as(started.body()).isEqualTo(200);
        String session = started.json().get("session_id").asText();
        Line first = new Line(started.json().get("message_id").asText(), lead, helper, opening, clock.instant());
        clock.set(NOW.minusSeconds(10));
        String reply = slug + " chat reply";
        Response replied = bearer.post("/v1/chat/sessions/" + session + "/messages", json(body("body", reply)), helper.bearer());
        assertThat(replied.status()).as(replied.body()).isEqualTo(200);
        Line second = new Line(replied.json().get("message_id").asText(), helper, lead, reply, clock.instant());
        clock.set(NOW);
        return new Talk(List.of(open, settled), session, first, second);
    }

    private Letter letter(Member from, Member to, String subject, String text, String priority) {
        Response sent = bearer.post("/v1/messages", json(body("to_agent_id", to.id(), "subject", subject, "body", text,
                "priority", priority)), from.bearer());
        assertThat(sent.status()).as(sent.body()).isEqualTo(200);
        return new Letter(sent.json().get("message_id").asText(), subject, text, priority, clock.instant(), null);
    }

    static Stream<Arguments> matrix() {
        return Arrays.stream(Route.values()).flatMap(route -> Arrays.stream(Kind.values()).map(kind -> Arguments.of(route, kind)));
    }

    @ParameterizedTest(name = "{0} × {1}")
    @MethodSource("matrix")
    void everyRouteAnswersEveryCredentialKind(Route route, Kind kind) {
        Cell cell = prepare(route, kind);
        Response response = null;
        try {
            response = cell.caller().client().send(route.method, cell.path(), cell.body(), cell.caller().headers());
            assertThat(response.status()).as(response.body()).isEqualTo(cell.status());
            if (cell.eventStream() && cell.status() == 200) {
                assertThat(response.header("Content-Type")).startsWith("text/event-stream");
                assertThat(response.header("Cache-Control")).isEqualTo("no-cache");
                assertThat(response.body()).as("the first frame").startsWith(": keepalive\n\n");
                assertThat(response.body()).as("every frame, the stream ended at the past deadline")
                        .isEqualTo(cell.expected().apply(response));
            } else {
                if (cell.eventStream()) {
                    assertThat(response.header("Content-Type")).as("a stream refused before its first byte answers JSON")
                            .startsWith("application/json");
                }
                assertBody(response, cell.status(), cell.expected().apply(response));
            }
            if (cell.status() == 401) {
                assertThat(response.header("WWW-Authenticate")).as("bearer 401s challenge").isEqualTo("Bearer");
            }
            assertNoLeak(response, cell.forbidden());
            cell.verify().accept(response);
        } finally {
            cell.cleanup().accept(response);
        }
    }

    /**
     * Structural validation of the body comes before authentication (§1.4): a malformed body is a 422 whatever
     * the credential, even none or a broken one, and even where credentials would otherwise decide (re-init).
     */
    static Stream<Arguments> validationBeforeAuthentication() {
        return Stream.of(
                Arguments.of(Route.ACQUIRE, Kind.NO_HEADER, "{\"ttl_seconds\":300}", """
                        {"detail":[{"type":"missing","loc":["body","resource_key"],"msg":"Field required","input":{"ttl_seconds":300}}]}"""),
                Arguments.of(Route.UPDATE_ME, Kind.UNKNOWN_KEY, "{\"role\":\"reviewer\",\"project_id\":\"x\"}", """
                        {"detail":[{"type":"extra_forbidden","loc":["body","project_id"],"msg":"Extra inputs are not permitted","input":"x"}]}"""),
                Arguments.of(Route.REVOKE, Kind.DEACTIVATED_KEY, "{\"prefix\":7}", """
                        {"detail":[{"type":"string_type","loc":["body","prefix"],"msg":"Input should be a valid string","input":7}]}"""),
                Arguments.of(Route.RELEASE, Kind.BASIC_SCHEME, "[\"x\"]", """
                        {"detail":[{"type":"model_attributes_type","loc":["body"],"msg":"Input should be a valid dictionary or object to extract fields from","input":["x"]}]}"""),
                Arguments.of(Route.RENEW, Kind.NO_HEADER, "{\"resource_key\":", null),
                Arguments.of(Route.ACQUIRE, Kind.PUBLIC_READER, "{\"resource_key\":\"\"}", """
                        {"detail":[{"type":"string_too_short","loc":["body","resource_key"],"msg":"String should have at least 1 character","input":"","ctx":{"min_length":1}}]}"""),
                Arguments.of(Route.ACQUIRE, Kind.VALID_KEY, "{\"resource_key\":\"order/x\",\"ttl_seconds\":0}", """
                        {"detail":[{"type":"greater_than_equal","loc":["body","ttl_seconds"],"msg":"Input should be greater than or equal to 1","input":0,"ctx":{"ge":1}}]}"""),
                Arguments.of(Route.WORKSPACE_HEARTBEAT, Kind.NO_HEADER, "{\"alias\":\"x\",\"repo_origin\":\"git@github.com:o/r.git\"}", """
                        {"detail":[{"type":"missing","loc":["body","workspace_id"],"msg":"Field required","input":{"alias":"x","repo_origin":"git@github.com:o/r.git"}}]}"""),
                Arguments.of(Route.WORKSPACE_REGISTER, Kind.UNBOUND_KEY, "{\"hostname\":\"h\"}", """
                        {"detail":[{"type":"missing","loc":["body","repo_origin"],"msg":"Field required","input":{"hostname":"h"}}]}"""),
                Arguments.of(Route.POLICY_CREATE, Kind.NO_HEADER, "{\"bundle\":[]}", """
                        {"detail":[{"type":"dict_type","loc":["body","bundle"],"msg":"Input should be a valid dictionary","input":[]}]}"""),
                Arguments.of(Route.POLICY_CREATE, Kind.DEACTIVATED_KEY, "{\"bundle\":{},\"created_by_workspace_id\":\"me\"}", """
                        {"detail":[{"type":"uuid_parsing","loc":["body","created_by_workspace_id"],"msg":"Input should be a valid UUID","input":"me"}]}"""),
                Arguments.of(Route.CREATE_TASK, Kind.NO_HEADER, "{\"title\":\"x\",\"project_id\":\"p\"}", """
                        {"detail":[{"type":"extra_forbidden","loc":["body","project_id"],"msg":"Extra inputs are not permitted","input":"p"}]}"""),
                Arguments.of(Route.CREATE_TASK, Kind.UNBOUND_KEY, "{}", """
                        {"detail":[{"type":"missing","loc":["body","title"],"msg":"Field required","input":{}}]}"""),
                Arguments.of(Route.CREATE_ESCALATION, Kind.NO_HEADER, "{\"workspace_id\":\"x\",\"alias\":\"a\",\"subject\":\"s\",\"situation\":\"t\"}", """
                        {"detail":[{"type":"uuid_parsing","loc":["body","workspace_id"],"msg":"Input should be a valid UUID","input":"x"}]}"""),
                Arguments.of(Route.SUGGEST_ALIAS_PREFIX, Kind.UNKNOWN_KEY, "{}", """
                        {"detail":[{"type":"missing","loc":["body","project_slug"],"msg":"Field required","input":{}}]}"""),
                Arguments.of(Route.REINIT, Kind.UNKNOWN_KEY, "{\"project_slug\":\"authz-alpha\",\"alias\":\"alice-alpha\",\"from_alias\":\"z\"}", """
                        {"detail":[{"type":"extra_forbidden","loc":["body","from_alias"],"msg":"Extra inputs are not permitted","input":"z"}]}"""));
    }

    @ParameterizedTest(name = "{0} × {1}: {2}")
    @MethodSource("validationBeforeAuthentication")
    void aMalformedBodyIs422BeforeAnyCredentialIsLookedAt(Route route, Kind kind, String body, String expected) {
        Caller caller = caller(kind, 0);
        Response response = caller.client().send(route.method, route.path, body, caller.headers());
        if (expected == null) {
            assertThat(response.status()).as(response.body()).isEqualTo(422);
            JsonNode detail = response.json().get("detail").get(0);
            assertThat(detail.get("type").asText()).isEqualTo("json_invalid");
            assertThat(detail.get("loc").get(0).asText()).isEqualTo("body");
        } else {
            assertBody(response, 422, expected);
        }
        assertNoLeak(response, tokens(alpha, bravo));
    }

    /** The peer-deregistration outcomes the matrix does not reach: unknown names and persistent agents. */
    @Test
    void peerDeregistrationOfUnknownOrPersistentAgents() {
        Map<String, String> asAlphaLead = alpha.lead().bearer();
        assertBody(bearer.delete("/v1/agents/" + alpha.slug() + "/no-such-agent", asAlphaLead), 404, "{\"detail\":\"Agent not found\"}");
        assertBody(bearer.delete("/v1/agents/no-such-project/" + alpha.helper().alias(), asAlphaLead), 404,
                "{\"detail\":\"Agent not found\"}");
        // B's ephemeral agent addressed with A's slug is simply not in A
        assertBody(bearer.delete("/v1/agents/" + alpha.slug() + "/" + bravo.helper().alias(), asAlphaLead), 404,
                "{\"detail\":\"Agent not found\"}");
        String persistent = "{\"detail\":\"Cannot deregister a persistent agent. Use the retire endpoint instead.\"}";
        assertBody(bearer.delete("/v1/agents/" + alpha.slug() + "/" + alpha.lead().alias(), alpha.helper().bearer()), 400, persistent);
        assertBody(bearer.delete("/v1/agents/me", asAlphaLead), 400, persistent);
        assertBody(bearer.get("/v1/agents", asAlphaLead), 200, json(agentList(alpha)));
        assertBody(bearer.get("/v1/agents", bravo.lead().bearer()), 200, json(agentList(bravo)));
    }

    /** A key bound to a wrapper's user but to no agent (§3.1): project scope with its user, no actor. */
    @Test
    void aUserBoundKeyHasProjectScopeButNoActor() throws SQLException {
        String key = "aw_sk_" + randomHex(32);
        String user = UUID.randomUUID().toString();
        String keyId = insertKey(alpha.id(), key, user);
        Map<String, String> asUser = Map.of("Authorization", "Bearer " + key);
        assertBody(bearer.get("/v1/auth/introspect", asUser), 200,
                json(body("project_id", alpha.id(), "api_key_id", keyId, "user_id", user)));
        assertBody(bearer.get("/v1/reservations", asUser), 200, json(reservationList(alpha)));
        assertBody(bearer.post("/v1/agents/heartbeat", null, asUser), 403, NOT_BOUND);
        assertBody(bearer.post("/v1/reservations", "{\"resource_key\":\"user/x\"}", asUser), 403, NOT_BOUND);
    }

    // ---------------------------------------------------------------------------------------------------------

    private Cell prepare(Route route, Kind kind) {
        int n = cells.incrementAndGet();
        boolean freshCaller = switch (route) {
            case DEREGISTER_ME, WORKSPACE_HEARTBEAT, WORKSPACE_REGISTER, BDH_COMMAND, BDH_SYNC ->
                    kind == Kind.VALID_KEY || kind == Kind.OTHER_PROJECT_KEY;
            // these change the caller's mail or chat state, which the lead's read cells must see as seeded
            case ACK_MAIL, START_CHAT, SEND_CHAT, MARK_READ -> kind == Kind.VALID_KEY;
            default -> false;
        };
        Caller caller = caller(kind, freshCaller ? n : 0);
        World scope = caller.project();
        List<Consumer<Response>> cleanups = new ArrayList<>();
        if (freshCaller) {
            cleanups.add(response -> bearer.delete("/v1/agents/me", caller.agent().bearer()));
        }
        String path = route.path;
        String payload = null;
        int successStatus = 200;
        Function<Response, String> success;
        Consumer<Response> verify = response -> {
        };

        switch (route) {
            case INIT -> {
                String alias = "init-" + n;
                payload = json(body("project_slug", alpha.slug(), "alias", alias, "lifetime", "ephemeral"));
                success = response -> initBody(response, alias, true, null);
                cleanups.add(response -> {
                    if (response != null && response.status() == 200) {
                        bearer.delete("/v1/agents/me", Map.of("Authorization", "Bearer " + response.json().get("api_key").asText()));
                    }
                });
            }
            case REINIT -> {
                payload = json(body("project_slug", alpha.slug(), "alias", alpha.lead().alias(), "lifetime", "persistent"));
                if (kind == Kind.VALID_KEY) {
                    success = response -> initBody(response, alpha.lead().alias(), false, alpha.lead().id());
                    verify = response -> assertThat(bearer.get("/v1/auth/introspect", alpha.lead().bearer()).status())
                            .as("re-init keeps the older keys active").isEqualTo(200);
                } else {
                    successStatus = 409;
                    success = response -> json(body("detail", "alias_exists: alias 'alice-alpha' is already registered in "
                            + "project 'authz-alpha'. Choose another alias or re-run with that agent's API key."));
                }
            }
            case SUGGEST_ALIAS_PREFIX -> {
                payload = json(body("project_slug", alpha.slug()));
                // A's live aliases take the prefixes alice and amber; B's alice-bravo and bob-bravo do not count
                success = response -> json(body("project_slug", alpha.slug(), "project_id", alpha.id(), "name_prefix", "bob"));
            }
            case INTROSPECT -> success = response -> json(introspection(caller));
            case CURRENT_PROJECT -> success = response -> json(body("project_id", scope.id(), "slug", scope.slug(), "name", scope.name()));
            case LIST_AGENTS -> success = response -> json(agentList(scope));
            case HEARTBEAT -> success = response -> json(body("agent_id", caller.agent().id(), "last_seen", at(0), "ttl_seconds", 1800));
            case UPDATE_ME -> {
                payload = "{\"role\":\"Reviewer\",\"program\":\"matrix-cli\",\"context\":{\"cell\":\"patch\"}}";
                success = response -> json(body("agent_id", caller.agent().id(), "access_mode", "open", "role", "reviewer",
                        "program", "matrix-cli", "context", body("cell", "patch")));
            }
            case DEREGISTER_ME -> {
                success = response -> json(body("agent_id", caller.agent().id(), "status", "deregistered"));
                verify = response -> {
                    if (response.status() == 200) {
                        assertBody(bearer.get("/v1/auth/introspect", caller.agent().bearer()), 401, INVALID_KEY);
                    }
                };
            }
            case DEREGISTER_PEER -> {
                Identity target = bearer.init(alpha.slug(), "peer-" + n);
                path = "/v1/agents/" + alpha.slug() + "/" + target.alias();
                if (scope == bravo) {
                    successStatus = 403;
                    success = response -> json(body("detail", "Not authorized to deregister agents in another project"));
                } else {
                    success = response -> json(body("agent_id", target.agentId(), "status", "deregistered"));
                }
                verify = response -> {
                    Response probe = bearer.get("/v1/auth/introspect", target.bearer());
                    if (response.status() == 200) {
                        assertBody(probe, 401, INVALID_KEY); // the cascade deactivated the peer's keys
                    } else {
                        assertThat(probe.status()).as("the peer is untouched").isEqualTo(200);
                    }
                };
                cleanups.add(response -> bearer.delete("/v1/agents/me", target.bearer()));
            }
            case ACQUIRE -> {
                String key = "acquire/" + n + ".go";
                payload = json(body("resource_key", key, "ttl_seconds", 300, "metadata", body("reason", "matrix")));
                success = response -> json(body("status", "acquired", "project_id", scope.id(), "resource_key", key,
                        "holder_agent_id", caller.agent().id(), "holder_alias", caller.agent().alias(),
                        "acquired_at", at(0), "expires_at", at(300)));
                verify = response -> {
                    if (response.status() == 200) {
                        World other = scope == alpha ? bravo : alpha;
                        assertThat(listed(scope, key)).as("held in the caller's project").hasSize(1);
                        assertThat(listed(other, key)).as("not in the other project").isEmpty();
                    } else {
                        assertThat(listed(alpha, key)).isEmpty();
                    }
                };
                cleanups.add(response -> {
                    if (response != null && response.status() == 200) {
                        caller.client().post("/v1/reservations/release", json(body("resource_key", key)), caller.headers());
                    }
                });
            }
            case RENEW -> {
                Held secret = alpha.reservations().getFirst();
                payload = json(body("resource_key", secret.key(), "ttl_seconds", secret.ttlSeconds()));
                if (scope == bravo) { // B has no reservation under A's key, whoever holds it in A
                    successStatus = 404;
                    success = response -> json(body("detail", "Reservation not found"));
                } else {
                    success = response -> json(body("status", "renewed", "resource_key", secret.key(), "expires_at", at(secret.ttlSeconds())));
                }
            }
            case RELEASE -> {
                String key = "release/" + n + ".txt";
                acquireAsAlphaLead(key);
                payload = json(body("resource_key", key));
                success = response -> json(body("status", "released", "resource_key", key)); // B: missing counts as released
                verify = response -> assertThat(listed(alpha, key)).as("A's reservation")
                        .hasSize(response.status() == 200 && scope == alpha ? 0 : 1);
                cleanups.add(response -> bearer.post("/v1/reservations/release", json(body("resource_key", key)), alpha.lead().bearer()));
            }
            case REVOKE -> {
                String prefix = "revoke/" + n + "/";
                acquireAsAlphaLead(prefix + "held.txt");
                payload = json(body("prefix", prefix));
                // B revokes nothing, and A's holder in another project is no reason for a 403 there
                success = response -> json(body("status", "revoked", "deleted", scope == alpha ? 1 : 0));
                verify = response -> assertThat(listed(alpha, prefix)).as("A's reservation")
                        .hasSize(response.status() == 200 && scope == alpha ? 0 : 1);
                cleanups.add(response -> bearer.post("/v1/reservations/release", json(body("resource_key", prefix + "held.txt")),
                        alpha.lead().bearer()));
            }
            case LIST_RESERVATIONS -> success = response -> json(reservationList(scope));
            case SEND_MAIL -> {
                Member recipient = alpha.helper();
                payload = json(body("to_agent_id", recipient.id(), "subject", "matrix " + n, "body", "matrix mail " + n));
                List<String> before = inboxIds(recipient);
                if (scope == bravo) { // A's agent id is no recipient in B
                    successStatus = 404;
                    success = response -> json(body("detail", "Agent not found"));
                } else {
                    success = response -> json(body("message_id", uuid(response, "message_id"), "status", "delivered",
                            "delivered_at", zulu(NOW)));
                }
                verify = response -> {
                    List<String> after = inboxIds(recipient);
                    if (response.status() == 200) {
                        assertThat(after).as("delivered to A's helper").hasSize(before.size() + 1)
                                .contains(response.json().get("message_id").asText());
                    } else {
                        assertThat(after).as("nothing delivered").isEqualTo(before);
                    }
                };
            }
            case INBOX -> success = response -> json(inbox(scope));
            case ACK_MAIL -> {
                Letter unread = alpha.talk().unread().getFirst();
                // the valid cell is a first acknowledgement by a fresh recipient; the others aim at the lead's unread letter
                String messageId = kind == Kind.VALID_KEY ? letter(alpha.helper(), caller.agent(), "ack " + n, "ack me", "low").id()
                        : unread.id();
                path = "/v1/messages/" + messageId + "/ack";
                if (scope == bravo) {
                    successStatus = 404;
                    success = response -> json(body("detail", "Message not found"));
                } else {
                    success = response -> json(body("message_id", messageId, "acknowledged_at", zulu(NOW)));
                }
                verify = response -> {
                    if (response.status() == 200) {
                        assertThat(readAt(caller.agent(), messageId)).isEqualTo(zulu(NOW));
                    } else {
                        assertThat(readAt(alpha.lead(), unread.id())).as("A's letter is still unread").isNull();
                    }
                };
            }
            case START_CHAT -> {
                Member target = alpha.helper();
                payload = json(body("to_aliases", List.of(target.alias()), "message", "matrix chat " + n));
                List<String> before = sessionIds(target);
                if (scope == bravo) { // A's alias is unknown in B
                    successStatus = 404;
                    success = response -> json(body("detail", "Agent not found"));
                } else {
                    success = response -> {
                        String session = uuid(response, "session_id");
                        return json(body("session_id", session, "message_id", uuid(response, "message_id"),
                                "participants", List.of(body("agent_id", target.id(), "alias", target.alias()),
                                        body("agent_id", caller.agent().id(), "alias", caller.agent().alias())),
                                "sse_url", "/v1/chat/sessions/" + session + "/stream", "targets_connected", List.of(),
                                "targets_left", List.of()));
                    };
                }
                verify = response -> {
                    List<String> after = sessionIds(target);
                    if (response.status() == 200) {
                        String session = response.json().get("session_id").asText();
                        assertThat(after).as("A's helper is in the new session").hasSize(before.size() + 1).contains(session);
                        assertThat(sessionIds(caller.agent())).containsExactly(session);
                    } else {
                        assertThat(after).as("no session started").isEqualTo(before);
                        assertThat(sessionIds(bravo.lead())).containsExactly(bravo.talk().sessionId());
                    }
                };
            }
            case CHAT_PENDING -> success = response -> json(pending(scope));
            case LIST_SESSIONS -> success = response -> json(sessions(scope));
            case CHAT_HISTORY -> {
                path = "/v1/chat/sessions/" + alpha.talk().sessionId() + "/messages";
                if (scope == bravo) {
                    successStatus = 404;
                    success = response -> json(body("detail", "Session not found"));
                } else {
                    success = response -> json(history(alpha));
                }
            }
            case SEND_CHAT -> {
                // the valid cell writes to a fresh session of its own; the others aim at A's seeded session
                String session = kind == Kind.VALID_KEY ? startWithHelper(caller, n) : alpha.talk().sessionId();
                path = "/v1/chat/sessions/" + session + "/messages";
                payload = json(body("body", "matrix reply " + n, "hang_on", true));
                if (scope == bravo) {
                    successStatus = 404;
                    success = response -> json(body("detail", "Session not found"));
                } else {
                    success = response -> json(body("message_id", uuid(response, "message_id"), "delivered", true,
                            "extends_wait_seconds", 300));
                }
                verify = response -> {
                    if (response.status() == 200) {
                        Response history = bearer.get(path(session, "messages"), caller.headers());
                        assertThat(history.status()).as(history.body()).isEqualTo(200);
                        assertThat(history.json().get("messages")).hasSize(2);
                        assertThat(history.json().get("messages").get(1).get("message_id").asText())
                                .isEqualTo(response.json().get("message_id").asText());
                    } else {
                        assertBody(bearer.get(path(session, "messages"), alpha.lead().bearer()), 200, json(history(alpha)));
                    }
                };
            }
            case MARK_READ -> {
                // the valid cell reads the helper's reply in a fresh session of its own; the others aim at A's
                String session = kind == Kind.VALID_KEY ? startWithHelper(caller, n) : alpha.talk().sessionId();
                String upTo = kind == Kind.VALID_KEY ? replyAsHelper(session, n) : alpha.talk().reply().id();
                path = path(session, "read");
                payload = json(body("up_to_message_id", upTo));
                if (scope == bravo) {
                    successStatus = 404;
                    success = response -> json(body("detail", "Session not found"));
                } else {
                    success = response -> json(body("success", true, "messages_marked", 1));
                }
                verify = response -> {
                    if (response.status() == 200) {
                        assertBody(bearer.get("/v1/chat/pending", caller.headers()), 200, "{\"pending\":[],\"messages_waiting\":0}");
                    } else {
                        assertBody(bearer.get("/v1/chat/pending", alpha.lead().bearer()), 200, json(pending(alpha)));
                    }
                };
            }
            case CHAT_STREAM -> {
                // the valid cell streams the lead's own session with the helper
                path = path(alpha.talk().sessionId(), "stream") + "?deadline=" + pastDeadline();
                if (scope == bravo) {
                    successStatus = 404;
                    success = response -> json(body("detail", "Session not found"));
                } else {
                    success = response -> chatReplay(alpha);
                }
            }
            case EVENTS_STREAM -> {
                path = "/v1/events/stream?deadline=" + pastDeadline();
                success = response -> wakeSweep(scope);
            }
            case LIST_WORKSPACES -> success = response -> json(workspaceList(scope, kind == Kind.PUBLIC_READER));
            case TEAM -> success = response -> json(workspaceList(scope, kind == Kind.PUBLIC_READER));
            case ONLINE -> success = response -> json(body("workspaces", List.of(), "has_more", false, "next_cursor", null));
            case WORKSPACE_HEARTBEAT -> {
                // a bound key beats its own (new) workspace; a caller without an agent names one that does not exist
                String id = caller.agent() != null ? caller.agent().id() : UUID.randomUUID().toString();
                String alias = caller.agent() != null ? caller.agent().alias() : "ghost-" + n;
                payload = json(body("workspace_id", id, "alias", alias, "repo_origin", origin(scope == null ? alpha.slug() : scope.slug())));
                if (caller.agent() == null) {
                    successStatus = 404;
                    success = response -> json(body("detail", "Agent not found"));
                } else {
                    success = response -> json(body("ok", true, "workspace_id", id));
                }
            }
            case WORKSPACE_REGISTER -> {
                // a fresh agent registers its (new) workspace for its project's repo; nobody else gets through
                String repo = scope == null ? alpha.slug() : scope.slug();
                payload = json(body("repo_origin", origin(repo), "role", "Matrix Tester", "hostname", "matrix-host"));
                success = response -> json(body("workspace_id", caller.agent().id(), "project_id", scope.id(),
                        "project_slug", scope.slug(), "repo_id", repoId(scope), "canonical_origin",
                        "github.com/" + scope.slug() + "/app", "alias", caller.agent().alias(), "human_name", "",
                        "created", true));
                String before = workspaceRows();
                verify = response -> {
                    if (response.status() != 200) {
                        assertThat(workspaceRows()).as("nothing registered or changed").isEqualTo(before);
                    }
                };
            }
            case DELETE_WORKSPACE -> {
                Identity target = bearer.initWith(body("project_slug", alpha.slug(), "alias", "wsdel-" + n, "lifetime",
                        "ephemeral", "repo_origin", origin(alpha.slug())));
                path = "/v1/workspaces/" + target.agentId();
                if (scope == bravo) {
                    successStatus = 404;
                    success = response -> json(body("detail", "Workspace " + target.agentId() + " not found"));
                } else {
                    success = response -> json(body("workspace_id", target.agentId(), "alias", target.alias(), "deleted_at", at(0)));
                }
                verify = response -> {
                    Response probe = bearer.get("/v1/auth/introspect", target.bearer());
                    if (response.status() == 200) {
                        assertBody(probe, 401, INVALID_KEY); // the agent and its keys went with the workspace
                    } else {
                        assertThat(probe.status()).as("the workspace's agent is untouched").isEqualTo(200);
                    }
                };
                cleanups.add(response -> bearer.delete("/v1/agents/me", target.bearer()));
            }
            case RESTORE_WORKSPACE -> {
                Identity target = bearer.initWith(body("project_slug", alpha.slug(), "alias", "wsrst-" + n, "lifetime",
                        "ephemeral", "repo_origin", origin(alpha.slug())));
                assertThat(bearer.delete("/v1/workspaces/" + target.agentId(), alpha.lead().bearer()).status()).isEqualTo(200);
                path = "/v1/workspaces/" + target.agentId() + "/restore";
                if (caller.agent() != null) { // a key bound to another agent (AB), checked before the lookup
                    successStatus = 403;
                    success = response -> json(body("detail", "workspace_id does not match API key identity"));
                } else {
                    success = response -> json(body("workspace_id", target.agentId(), "alias", target.alias(), "restored_at", at(0)));
                }
                cleanups.add(response -> bearer.delete("/v1/workspaces/" + target.agentId(), alpha.lead().bearer()));
            }
            case STATUS -> success = response -> json(body("workspace", body("project_id", scope.id(),
                            "project_slug", scope.slug(), "workspace_count", 1), "agents", List.of(), "claims", List.of(),
                    "conflicts", List.of(), "escalations_pending", kind == Kind.PUBLIC_READER ? 0 : 1, "timestamp", at(0)));
            case STATUS_STREAM -> {
                path = "/v1/status/stream?human_name=nobody";
                successStatus = 404;
                success = response -> json(body("detail", "No workspaces found for the provided filter"));
            }
            case LIST_CLAIMS -> success = response -> json(body("claims", List.of(), "has_more", false, "next_cursor", null));
            case LIST_ISSUES -> success = response -> {
                Map<String, Object> issue = issueView(scope);
                issue.put("reservations", List.of());
                return json(body("issues", List.of(issue), "count", 1, "has_more", false, "next_cursor", null,
                        "synced_at", null));
            };
            case GET_ISSUE -> {
                path = "/v1/beads/issues/" + beadId(alpha);
                if (scope == bravo) {
                    successStatus = 404;
                    success = response -> json(body("detail", "Issue not found"));
                } else {
                    success = response -> {
                        Map<String, Object> issue = issueView(alpha);
                        issue.put("description", null);
                        issue.put("project_id", alpha.id());
                        return json(issue);
                    };
                }
            }
            case READY_ISSUES -> {
                path = "/v1/beads/ready?workspace_id=" + UUID.randomUUID();
                success = response -> json(body("issues", List.of(body("bead_id", beadId(scope), "repo", beadRepo(scope),
                        "branch", "main", "title", beadTitle(scope), "status", "open", "priority", 1, "type", "task",
                        "blocked_by", List.of(), "current_reservation", null)), "count", 1));
            }
            case BDH_COMMAND, BDH_SYNC -> {
                // a bound (fresh) caller coordinates through its own workspace, made by a heartbeat first; a caller
                // without an agent names a workspace that does not exist
                String id = caller.agent() != null ? caller.agent().id() : UUID.randomUUID().toString();
                String alias = caller.agent() != null ? caller.agent().alias() : "ghost-" + n;
                String origin = origin(scope == null ? alpha.slug() : scope.slug());
                if (caller.agent() != null) {
                    assertThat(bearer.post("/v1/workspaces/heartbeat", json(body("workspace_id", id, "alias", alias,
                            "repo_origin", origin)), caller.agent().bearer()).status()).isEqualTo(200);
                }
                Map<String, Object> fields = body("workspace_id", id, "alias", alias, "human_name", "", "repo_origin", origin);
                if (route == Route.BDH_COMMAND) {
                    fields.put("command_line", "list");
                } else {
                    fields.put("sync_mode", "incremental");
                    fields.put("deleted_ids", List.of("nothing-" + n));
                }
                payload = json(fields);
                if (caller.agent() == null) {
                    successStatus = 404;
                    success = response -> json(body("detail", "Workspace not found"));
                } else if (route == Route.BDH_COMMAND) {
                    success = response -> json(body("approved", true, "reason", "", "context",
                            body("messages_waiting", 0, "beads_in_progress", List.of())));
                } else { // the seeded bead is the project's one issue on (github.com/<slug>/app, main)
                    success = response -> json(body("synced", true, "issues_count", 1, "context", null, "stats",
                            body("received", 0, "inserted", 0, "updated", 0, "deleted", 0), "sync_protocol_version", 1,
                            "claim_rejected", false, "claim_rejected_reason", ""));
                }
            }
            case UPLOAD_BEADS, UPLOAD_JSONL -> {
                // a repo of its own, removed again, so the bead reads keep seeing only the seeded issue
                String repo = "github.com/" + (scope == null ? alpha.slug() : scope.slug()) + "/upload-" + n;
                if (route == Route.UPLOAD_BEADS) {
                    payload = json(body("repo", repo, "issues", List.of(body("id", "up-" + n, "status", "open"))));
                } else {
                    path = "/v1/beads/upload-jsonl?repo=" + repo;
                    payload = "{\"id\":\"up-" + n + "\",\"status\":\"open\"}";
                }
                success = response -> json(body("status", "completed", "repo", repo, "branch", "main", "issues_synced", 1,
                        "issues_added", 1, "issues_updated", 0, "conflicts", List.of(), "conflicts_count", 0,
                        "notifications_sent", 0, "notifications_failed", 0, "synced_at", at(0)));
                cleanups.add(response -> TestSql.rows(database.dataSource(),
                        "DELETE FROM hub.bead_issues WHERE repo = ? RETURNING bead_id", repo));
            }
            case POLICY_ACTIVE -> {
                success = response -> policy(scope).body();
                verify = response -> {
                    if (response.status() == 200) {
                        assertThat(response.header("ETag")).isEqualTo(policy(scope).etag());
                    }
                };
            }
            case POLICY_HISTORY -> success = response -> json(body("policies", List.of(body("policy_id", policy(scope).id(),
                    "version", 1, "created_at", at(0), "created_by_workspace_id", null, "is_active", true))));
            case POLICY_LIST -> success = response -> json(body("policies", List.of(body("policy_id", policy(scope).id(),
                    "version", 1, "created_at", at(0), "is_active", true))));
            case POLICY_GET -> {
                path = "/v1/policies/" + policy(alpha).id();
                if (scope == bravo) {
                    successStatus = 404;
                    success = response -> json(body("detail", "Policy not found or does not belong to this project"));
                } else {
                    success = response -> policy(alpha).body(); // the active one, no role selected
                }
            }
            case POLICY_CREATE -> {
                payload = json(body("bundle", body("invariants", List.of(body("id", "matrix." + n, "title", "Matrix " + n)))));
                success = response -> json(body("policy_id", uuid(response, "policy_id"), "project_id", scope.id(),
                        "version", 2, "created", true));
                verify = response -> assertThat(policyVersions(alpha)).as("A's versions")
                        .isEqualTo(response.status() == 200 && scope == alpha ? 2 : 1);
                cleanups.add(response -> {
                    if (response != null && response.status() == 200) {
                        dropPolicy(scope, response.json().get("policy_id").asText());
                    }
                });
            }
            case POLICY_ACTIVATE -> {
                Response fresh = bearer.post("/v1/policies", json(body("bundle", body())), alpha.lead().bearer());
                assertThat(fresh.status()).as(fresh.body()).isEqualTo(200);
                String id = fresh.json().get("policy_id").asText();
                path = "/v1/policies/" + id + "/activate";
                if (scope == bravo) {
                    successStatus = 400;
                    success = response -> json(body("detail", "Policy does not belong to this project"));
                } else {
                    success = response -> json(body("activated", true, "active_policy_id", id));
                }
                verify = response -> assertThat(activePolicy(alpha)).as("A's active policy")
                        .isEqualTo(response.status() == 200 ? id : policy(alpha).id());
                cleanups.add(response -> dropPolicy(alpha, id));
            }
            case POLICY_RESET -> {
                payload = "null";
                success = response -> json(body("reset", true, "active_policy_id", uuid(response, "active_policy_id"),
                        "version", 2));
                verify = response -> {
                    if (response.status() != 200 || scope != alpha) {
                        assertThat(activePolicy(alpha)).as("A's active policy").isEqualTo(policy(alpha).id());
                    }
                };
                cleanups.add(response -> {
                    if (response != null && response.status() == 200) {
                        dropPolicy(scope, response.json().get("active_policy_id").asText());
                    }
                });
            }
            case CREATE_ESCALATION -> {
                // always A's lead's workspace: B's key is bound to another agent (AB); other A callers have no agent
                payload = json(body("workspace_id", alpha.lead().id(), "alias", alpha.lead().alias(), "subject",
                        "matrix subject " + n, "situation", "matrix situation " + n));
                if (scope == bravo) {
                    successStatus = 403;
                    success = response -> json(body("detail", "workspace_id does not match API key identity"));
                } else {
                    success = response -> json(body("escalation_id", response.json().get("escalation_id").asText(),
                            "status", "pending", "created_at", at(0), "expires_at", at(4 * 3600)));
                }
                cleanups.add(response -> {
                    if (response != null && response.status() == 200) {
                        deleteEscalation(response.json().get("escalation_id").asText());
                    }
                });
            }
            case LIST_ESCALATIONS -> success = response -> json(body("escalations", List.of(body(
                            "escalation_id", scope.escalationId(), "alias", scope.lead().alias(),
                            "subject", scope.slug() + " escalation subject", "status", "pending", "created_at", at(-5),
                            "expires_at", at(-5 + 4 * 3600))), "has_more", false, "next_cursor", null));
            case GET_ESCALATION -> {
                path = "/v1/escalations/" + alpha.escalationId();
                if (scope == bravo) {
                    successStatus = 404;
                    success = response -> json(body("detail", "Escalation not found"));
                } else {
                    success = response -> json(body("escalation_id", alpha.escalationId(), "workspace_id", alpha.lead().id(),
                            "alias", alpha.lead().alias(), "member_email", null, "subject", alpha.slug() + " escalation subject",
                            "situation", alpha.slug() + " escalation situation", "options", null, "status", "pending",
                            "response", null, "response_note", null, "created_at", at(-5), "responded_at", null,
                            "expires_at", at(-5 + 4 * 3600)));
                }
            }
            case RESPOND_ESCALATION -> {
                Response fresh = bearer.post("/v1/escalations", json(body("workspace_id", alpha.lead().id(), "alias",
                        alpha.lead().alias(), "subject", "respond " + n, "situation", "cell " + n)), alpha.lead().bearer());
                assertThat(fresh.status()).as(fresh.body()).isEqualTo(200);
                String id = fresh.json().get("escalation_id").asText();
                path = "/v1/escalations/" + id + "/respond";
                payload = json(body("response", "matrix answer " + n));
                if (scope == bravo) {
                    successStatus = 404;
                    success = response -> json(body("detail", "Escalation not found"));
                } else {
                    success = response -> json(body("escalation_id", id, "status", "responded", "response",
                            "matrix answer " + n, "response_note", null, "responded_at", at(0)));
                }
                cleanups.add(response -> deleteEscalation(id));
            }
            case SUBSCRIBE -> {
                // always A's lead's workspace, like the escalations: B's key is bound to another agent (AB)
                payload = json(body("workspace_id", alpha.lead().id(), "bead_id", "matrix-" + n));
                if (scope == bravo) {
                    successStatus = 403;
                    success = response -> json(body("detail", "workspace_id does not match API key identity"));
                } else {
                    success = response -> json(body("subscription_id", uuid(response, "subscription_id"),
                            "workspace_id", alpha.lead().id(), "alias", alpha.lead().alias(), "bead_id", "matrix-" + n,
                            "repo", null, "event_types", List.of("status_change"), "created_at", at(0)));
                }
                cleanups.add(response -> deleteSubscriptions(alpha));
            }
            case LIST_SUBSCRIPTIONS -> {
                path = "/v1/subscriptions?workspace_id=" + alpha.lead().id();
                if (scope == bravo) {
                    successStatus = 403;
                    success = response -> json(body("detail", "workspace_id does not match API key identity"));
                } else {
                    success = response -> json(body("subscriptions", List.of(), "count", 0));
                }
            }
            case UNSUBSCRIBE -> {
                Response fresh = bearer.post("/v1/subscriptions", json(body("workspace_id", alpha.lead().id(),
                        "bead_id", "unsubscribe-" + n)), alpha.lead().bearer());
                assertThat(fresh.status()).as(fresh.body()).isEqualTo(200);
                String id = fresh.json().get("subscription_id").asText();
                path = "/v1/subscriptions/" + id + "?workspace_id=" + alpha.lead().id();
                if (scope == bravo) {
                    successStatus = 403;
                    success = response -> json(body("detail", "workspace_id does not match API key identity"));
                } else {
                    success = response -> json(body("subscription_id", id, "deleted", true));
                }
                cleanups.add(response -> deleteSubscriptions(alpha));
            }
            case LIST_TASKS -> success = response -> json(body("tasks", List.of(taskListed(scope, scope.taskId(), 1,
                    scope.slug() + " task"), body("task_id", beadId(scope), "task_ref", beadId(scope), "task_number", null,
                    "title", beadTitle(scope), "status", "open", "priority", 1, "task_type", "task", "labels", List.of(),
                    "assignee_agent_id", null, "created_by_agent_id", null, "created_at", null, "updated_at", null))));
            case READY_TASKS -> success = response -> json(body("tasks", List.of(taskListed(scope, scope.taskId(), 1,
                    scope.slug() + " task"))));
            case BLOCKED_TASKS -> success = response -> json(body("tasks", List.of()));
            case GET_TASK -> {
                path = "/v1/tasks/" + alpha.taskId();
                success = scope == bravo ? taskNotFound() : response -> json(taskDetail(alpha, alpha.taskId(), 1,
                        alpha.slug() + " task", alpha.lead().id()));
                if (scope == bravo) {
                    successStatus = 404;
                }
            }
            case CREATE_TASK -> {
                payload = json(body("title", "matrix task " + n));
                success = response -> json(taskDetail(scope, uuid(response, "task_id"),
                        response.json().get("task_number").asLong(), "matrix task " + n, caller.agent().id()));
                cleanups.add(response -> {
                    if (response != null && response.status() == 200) {
                        deleteTask(response.json().get("task_id").asText());
                    }
                });
            }
            case PATCH_TASK, DELETE_TASK, ADD_TASK_DEP, REMOVE_TASK_DEP, ADD_TASK_COMMENT -> {
                Response fresh = bearer.post("/v1/tasks", json(body("title", "fresh task " + n)), alpha.lead().bearer());
                assertThat(fresh.status()).as(fresh.body()).isEqualTo(200);
                String id = fresh.json().get("task_id").asText();
                long number = fresh.json().get("task_number").asLong();
                cleanups.add(response -> deleteTask(id));
                path = switch (route) {
                    case ADD_TASK_DEP -> "/v1/tasks/" + id + "/deps";
                    case REMOVE_TASK_DEP -> "/v1/tasks/" + id + "/deps/" + alpha.taskId();
                    case ADD_TASK_COMMENT -> "/v1/tasks/" + id + "/comments";
                    default -> "/v1/tasks/" + id;
                };
                payload = switch (route) {
                    case PATCH_TASK -> json(body("title", "patched " + n));
                    case ADD_TASK_DEP -> json(body("depends_on", alpha.taskId()));
                    case ADD_TASK_COMMENT -> json(body("body", "matrix comment " + n));
                    default -> null;
                };
                if (scope == bravo) {
                    successStatus = 404;
                    success = taskNotFound();
                } else {
                    success = switch (route) {
                        case PATCH_TASK -> response -> json(taskDetail(alpha, id, number, "patched " + n, alpha.lead().id()));
                        case DELETE_TASK -> response -> json(body("status", "deleted", "task_id", id,
                                "task_ref", alpha.slug() + "-" + String.format("%03d", number)));
                        case ADD_TASK_DEP -> response -> json(body("task_id", id, "depends_on_task_id", alpha.taskId()));
                        case REMOVE_TASK_DEP -> response -> json(body("task_id", id, "removed_depends_on_task_id",
                                alpha.taskId()));
                        default -> response -> json(body("comment_id", uuid(response, "comment_id"), "task_id", id,
                                "agent_id", caller.agent().id(), "body", "matrix comment " + n, "created_at", at(0)));
                    };
                }
            }
            case LIST_TASK_COMMENTS -> {
                path = "/v1/tasks/" + alpha.taskId() + "/comments";
                success = scope == bravo ? taskNotFound() : response -> json(body("comments", List.of()));
                if (scope == bravo) {
                    successStatus = 404;
                }
            }
            case AUDIT_LOG -> success = response -> json(body("entries", List.of(body("audit_id", TestSql.rows(
                        database.dataSource(), "SELECT audit_id::text FROM hub.audit_log WHERE project_id = ?"
                                + " AND event_type = 'escalation_created' AND details->>'escalation_id' = ?",
                        UUID.fromString(scope.id()), scope.escalationId()).getFirst().getFirst(),
                        "event_type", "escalation_created", "actor_id", scope.lead().id(), "details", body(
                                "alias", scope.lead().alias(), "subject", scope.slug() + " escalation subject",
                                "expires_at", at(-5 + 4 * 3600), "escalation_id", scope.escalationId()),
                        "created_at", at(-5))), "has_more", false, "next_cursor", null));
            default -> throw new AssertionError(route);
        }

        int status;
        Function<Response, String> expected;
        String failure = authFailure(route, kind);
        List<String> forbidden;
        if (failure != null) {
            status = route.access != Access.REGISTERED && (kind == Kind.UNBOUND_KEY || kind == Kind.PUBLIC_READER)
                    ? 403 : 401;
            expected = response -> failure;
            forbidden = status == 401 ? tokens(alpha, bravo) : bravo.tokens();
        } else {
            status = successStatus;
            expected = success;
            // unauthenticated routes act on the project their body names (A) whatever the credential
            forbidden = scope == bravo && route.access != Access.NONE ? alpha.tokens() : bravo.tokens();
        }
        Consumer<Response> cleanup = response -> cleanups.forEach(step -> step.accept(response));
        return new Cell(caller, path, payload, status, expected, forbidden, verify, cleanup,
                route == Route.CHAT_STREAM || route == Route.EVENTS_STREAM || route == Route.STATUS_STREAM);
    }

    private SeededPolicy policy(World world) {
        return policies.get(world.slug());
    }

    private int policyVersions(World world) {
        return Integer.parseInt(TestSql.rows(database.dataSource(), "SELECT count(*) FROM hub.policies WHERE project_id = ?",
                UUID.fromString(world.id())).getFirst().getFirst());
    }

    private String activePolicy(World world) {
        return TestSql.rows(database.dataSource(), "SELECT active_policy_id::text FROM protocol.projects WHERE project_id = ?",
                UUID.fromString(world.id())).getFirst().getFirst();
    }

    /** Makes the seeded policy the project's active one again and removes the version {@code policyId}. */
    private void dropPolicy(World world, String policyId) {
        TestSql.rows(database.dataSource(), "UPDATE protocol.projects SET active_policy_id = ? WHERE project_id = ? RETURNING 1",
                UUID.fromString(policy(world).id()), UUID.fromString(world.id()));
        TestSql.rows(database.dataSource(), "DELETE FROM hub.policies WHERE policy_id = ? RETURNING 1", UUID.fromString(policyId));
    }

    /** Removes an escalation a cell made, so the read cells see only the seeded ones. */
    private void deleteEscalation(String id) {
        TestSql.rows(database.dataSource(), "DELETE FROM hub.escalations WHERE escalation_id = ? RETURNING escalation_id",
                UUID.fromString(id));
    }

    /** Removes a task a cell made (a hard delete), so the read cells see only the seeded ones. */
    private void deleteTask(String id) {
        TestSql.rows(database.dataSource(), "DELETE FROM hub.tasks WHERE task_id = ? RETURNING 1", UUID.fromString(id));
    }

    private static Function<Response, String> taskNotFound() {
        return response -> json(body("detail", "Task not found"));
    }

    /** The list form of a fresh task of the world's lead. */
    private static Map<String, Object> taskListed(World world, String id, long number, String title) {
        Map<String, Object> detail = taskDetail(world, id, number, title, world.lead().id());
        for (String omitted : List.of("project_id", "description", "notes", "parent_task_id", "closed_by_agent_id",
                "closed_at", "blocked_by", "blocks")) {
            detail.remove(omitted);
        }
        return detail;
    }

    /** The detail form of a fresh open task made at {@link #NOW}. */
    private static Map<String, Object> taskDetail(World world, String id, long number, String title, String createdBy) {
        return body("task_id", id, "task_ref", world.slug() + "-" + String.format("%03d", number), "task_number", number,
                "project_id", world.id(), "title", title, "description", "", "notes", "", "status", "open",
                "priority", 2, "task_type", "task", "labels", List.of(), "parent_task_id", null, "assignee_agent_id", null,
                "created_by_agent_id", createdBy, "closed_by_agent_id", null, "created_at", at(0), "updated_at", at(0),
                "closed_at", null, "blocked_by", List.of(), "blocks", List.of());
    }

    /** Removes the subscriptions cells made, so the list cells see none. */
    private void deleteSubscriptions(World world) {
        TestSql.rows(database.dataSource(), "DELETE FROM hub.subscriptions WHERE project_id = ? RETURNING 1",
                UUID.fromString(world.id()));
    }

    /** Each project's one bead issue, open and unblocked. */
    private static String beadId(World world) {
        return world.slug() + "-bead";
    }

    private static String beadTitle(World world) {
        return world.name() + " bead";
    }

    private static String beadRepo(World world) {
        return "github.com/" + world.slug() + "/app";
    }

    /** The list fields of the project's bead issue, through {@code current_reservation}. */
    private static Map<String, Object> issueView(World world) {
        return body("bead_id", beadId(world), "repo", beadRepo(world), "branch", "main", "title", beadTitle(world),
                "status", "open", "priority", 1, "type", "task", "assignee", null, "created_by", null, "labels", List.of(),
                "blocked_by", List.of(), "parent_id", null, "created_at", null, "updated_at", null,
                "current_reservation", null);
    }

    /** The auth error body a kind gets on a route before any handler logic, or null when it gets through. */
    private static String authFailure(Route route, Kind kind) {
        if (route.access == Access.NONE) {
            // only a presented Authorization header is looked at, and any invalid one is "Invalid API key" (§14 F2 c)
            return route == Route.REINIT ? switch (kind) {
                case BASIC_SCHEME, LOWERCASE_SCHEME, DOUBLE_SPACE, UNKNOWN_KEY, DEACTIVATED_KEY -> INVALID_KEY;
                default -> null;
            } : null;
        }
        return switch (kind) {
            case NO_HEADER -> AUTHENTICATION_REQUIRED;
            case BASIC_SCHEME, LOWERCASE_SCHEME, DOUBLE_SPACE -> INVALID_HEADER;
            case UNKNOWN_KEY, DEACTIVATED_KEY -> INVALID_KEY;
            // auth R is bearer only (a proxy context is not looked at) and an unbound key is no identity (§3.2)
            case UNBOUND_KEY -> route.access == Access.REGISTERED ? INVALID_KEY : route.access == Access.ACTOR ? NOT_BOUND : null;
            case PUBLIC_READER -> route.access == Access.REGISTERED ? AUTHENTICATION_REQUIRED
                    : route.access == Access.ACTOR ? NOT_BOUND : null;
            case OTHER_PROJECT_KEY, VALID_KEY -> null;
        };
    }

    /** The credential of {@code kind}; {@code fresh > 0} gives the key of a new ephemeral agent instead of the lead's. */
    private Caller caller(Kind kind, int fresh) {
        return switch (kind) {
            case NO_HEADER -> anonymous(kind, Map.of());
            case BASIC_SCHEME -> anonymous(kind, Map.of("Authorization", "Basic x"));
            case LOWERCASE_SCHEME -> anonymous(kind, Map.of("Authorization", "bearer " + alpha.lead().identity().apiKey()));
            case DOUBLE_SPACE -> anonymous(kind, Map.of("Authorization", "Bearer  " + alpha.lead().identity().apiKey()));
            case UNKNOWN_KEY -> anonymous(kind, Map.of("Authorization", "Bearer " + unknownKey));
            case DEACTIVATED_KEY -> anonymous(kind, Map.of("Authorization", "Bearer " + deactivatedKey));
            case OTHER_PROJECT_KEY -> member(kind, bravo, fresh);
            case UNBOUND_KEY -> new Caller(kind, bearer, Map.of("Authorization", "Bearer " + unboundKey), alpha, null, unboundKeyId);
            case PUBLIC_READER -> new Caller(kind, proxy, publicReader, alpha, null, null);
            case VALID_KEY -> member(kind, alpha, fresh);
        };
    }

    private Caller anonymous(Kind kind, Map<String, String> headers) {
        return new Caller(kind, bearer, headers, null, null, null);
    }

    private Caller member(Kind kind, World world, int fresh) {
        Member agent = world.lead();
        if (fresh > 0) {
            String alias = "tmp-" + world.slug().substring("authz-".length()) + "-" + fresh;
            agent = new Member(alias, "", "ephemeral", bearer.init(world.slug(), alias), null);
        }
        return new Caller(kind, bearer, agent.bearer(), world, agent, agent.apiKeyId());
    }

    // expected bodies ---------------------------------------------------------------------------------------

    private Map<String, Object> introspection(Caller caller) {
        if (caller.kind() == Kind.PUBLIC_READER) {
            return body("project_id", caller.project().id());
        }
        Map<String, Object> introspection = body("project_id", caller.project().id(), "api_key_id", caller.apiKeyId());
        if (caller.agent() != null) {
            introspection.putAll(body("agent_id", caller.agent().id(), "alias", caller.agent().alias(),
                    "human_name", caller.agent().humanName(), "agent_type", "agent"));
        }
        return introspection;
    }

    private static Map<String, Object> agentList(World world) {
        List<Map<String, Object>> agents = world.agents().stream().map(agent -> body("agent_id", agent.id(),
                "alias", agent.alias(), "human_name", agent.humanName().isEmpty() ? null : agent.humanName(),
                "agent_type", "agent", "status", "offline", "last_seen", null, "online", false, "did", null,
                "custody", null, "lifetime", agent.lifetime(), "identity_status", "active", "access_mode", "open")).toList();
        return body("project_id", world.id(), "agents", agents);
    }

    /** Every workspace row as text, for before-and-after comparisons. */
    private String workspaceRows() {
        return TestSql.rows(database.dataSource(), "SELECT * FROM hub.workspaces ORDER BY workspace_id").toString();
    }

    /** The id of the repo the project's lead registered with its init. */
    private String repoId(World world) {
        return TestSql.rows(database.dataSource(), "SELECT repo_id FROM hub.repos WHERE project_id = ?",
                UUID.fromString(world.id())).getFirst().getFirst();
    }

    private static String origin(String slug) {
        return "git@github.com:" + slug + "/app.git";
    }

    /** The listing (or team view) of a project: the lead's workspace, never seen, without claims. */
    private static Map<String, Object> workspaceList(World world, boolean publicReader) {
        Member lead = world.lead();
        Map<String, Object> info = body("workspace_id", lead.id(), "alias", lead.alias(), "human_name", lead.humanName(),
                "project_id", world.id(), "project_slug", world.slug(), "program", null, "model", null,
                "repo", "github.com/" + world.slug() + "/app", "branch", null, "member_email", null,
                "role", publicReader ? null : "agent", "hostname", null, "workspace_path", null, "apex_id", null,
                "apex_title", null, "apex_type", null, "focus_apex_id", null, "focus_apex_title", null,
                "focus_apex_type", null, "focus_apex_repo_name", null, "focus_apex_branch", null, "focus_updated_at", null,
                "status", "offline", "last_seen", null, "deleted_at", null, "claims", List.of());
        return body("workspaces", List.of(info), "has_more", false, "next_cursor", null);
    }

    private static Map<String, Object> reservationList(World world) {
        List<Map<String, Object>> rows = world.reservations().stream().map(held -> body("project_id", world.id(),
                "resource_key", held.key(), "holder_agent_id", held.holder().id(), "holder_alias", held.holder().alias(),
                "acquired_at", at(0), "expires_at", at(held.ttlSeconds()), "metadata", body("reason", held.reason()))).toList();
        return body("reservations", rows);
    }

    /** The lead's inbox: the helper's letters, newest first. */
    private static Map<String, Object> inbox(World world) {
        List<Map<String, Object>> messages = world.talk().inbox().stream().map(letter -> body("message_id", letter.id(),
                "from_agent_id", world.helper().id(), "from_alias", world.helper().alias(), "from_address", address(world, world.helper()),
                "subject", letter.subject(), "body", letter.body(), "priority", letter.priority(), "thread_id", null,
                "read_at", letter.readAt() == null ? null : zulu(letter.readAt()), "created_at", zulu(letter.createdAt()),
                "from_did", null, "to_did", null, "to_address", address(world, world.lead()), "signature", null,
                "signing_key_id", null, "rotation_announcement", null)).toList();
        return body("messages", messages);
    }

    /** The lead's pending chat: the session with the helper's unread reply, and the unread mail count. */
    private static Map<String, Object> pending(World world) {
        Talk talk = world.talk();
        return body("pending", List.of(body("session_id", talk.sessionId(), "participants", participants(world),
                        "last_message", talk.reply().body(), "last_from", world.helper().alias(), "unread_count", 1,
                        "last_activity", zulu(talk.reply().at()), "sender_waiting", false, "time_remaining_seconds", 0)),
                "messages_waiting", talk.unread().size());
    }

    private static Map<String, Object> sessions(World world) {
        return body("sessions", List.of(body("session_id", world.talk().sessionId(), "participants", participants(world),
                "created_at", zulu(world.talk().opening().at()), "sender_waiting", false)));
    }

    private static Map<String, Object> history(World world) {
        List<Map<String, Object>> messages = Stream.of(world.talk().opening(), world.talk().reply()).map(line -> body(
                "message_id", line.id(), "from_agent", line.from().alias(), "from_address", address(world, line.from()),
                "body", line.body(), "timestamp", zulu(line.at()), "sender_leaving", false, "to_address", address(world, line.to()),
                "from_did", null, "to_did", null, "signature", null, "signing_key_id", null)).toList();
        return body("messages", messages);
    }

    /** The lead's session stream past its deadline: the keepalive and the replay; the streaming lead is waiting. */
    private static String chatReplay(World world) {
        StringBuilder frames = new StringBuilder(": keepalive\n\n");
        for (Line line : List.of(world.talk().opening(), world.talk().reply())) {
            frames.append(frame("message", body("type", "message", "session_id", world.talk().sessionId(), "message_id", line.id(),
                    "from_agent", line.from().alias(), "from_address", address(world, line.from()), "body", line.body(),
                    "sender_leaving", false, "sender_waiting", line.from() == world.lead(), "hang_on", false,
                    "extends_wait_seconds", 0, "timestamp", zulu(line.at()), "to_address", address(world, line.to()),
                    "from_did", null, "to_did", null, "signature", null, "signing_key_id", null)));
        }
        return frames.toString();
    }

    /** The lead's wake stream past its deadline: keepalive, connected, then the sweep of unread mail and chat. */
    private static String wakeSweep(World world) {
        StringBuilder frames = new StringBuilder(": keepalive\n\n");
        frames.append(frame("connected", body("agent_id", world.lead().id(), "project_id", world.id())));
        for (Letter letter : world.talk().unread()) {
            frames.append(frame("mail_message", body("type", "mail_message", "message_id", letter.id(),
                    "from_alias", world.helper().alias(), "subject", letter.subject())));
        }
        Line reply = world.talk().reply();
        frames.append(frame("chat_message", body("type", "chat_message", "message_id", reply.id(),
                "from_alias", reply.from().alias(), "session_id", world.talk().sessionId())));
        frames.append(frame("work_available", body("type", "work_available", "task_id", world.taskId(),
                "title", world.slug() + " task")));
        return frames.toString();
    }

    private static String frame(String event, Map<String, Object> data) {
        return "event: " + event + "\ndata: " + json(data) + "\n\n";
    }

    private static List<String> participants(World world) {
        return List.of(world.lead().alias(), world.helper().alias());
    }

    private static String address(World world, Member member) {
        return world.slug() + "/" + member.alias();
    }

    /** The init answer, with the minted key and (for a new agent) the agent id taken from the response once checked. */
    private String initBody(Response response, String alias, boolean created, String agentId) {
        String key = response.json().path("api_key").asText();
        assertThat(key).matches("aw_sk_[0-9a-f]{64}");
        String agent = agentId != null ? agentId : response.json().path("agent_id").asText();
        assertThat(UUID.fromString(agent).toString()).isEqualTo(agent);
        return json(body("status", "ok", "created_at", at(0), "api_key", key, "project_id", alpha.id(),
                "project_slug", alpha.slug(), "agent_id", agent, "repo_id", null, "canonical_origin", null,
                "workspace_id", null, "alias", alias, "created", created, "workspace_created", false, "did", null,
                "custody", null, "lifetime", created ? "ephemeral" : "persistent"));
    }

    // helpers ------------------------------------------------------------------------------------------------

    private static void assertNoLeak(Response response, List<String> forbidden) {
        String seen = response.body() + "\n" + response.headers();
        for (String token : forbidden) {
            assertThat(seen).as("the response must not carry %s", token).doesNotContainIgnoringCase(token);
        }
    }

    private static List<String> tokens(World first, World second) {
        List<String> tokens = new ArrayList<>(first.tokens());
        tokens.addAll(second.tokens());
        return tokens;
    }

    private List<JsonNode> listed(World world, String prefix) {
        Response response = bearer.get("/v1/reservations?prefix=" + java.net.URLEncoder.encode(prefix, StandardCharsets.UTF_8),
                world.lead().bearer());
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        List<JsonNode> rows = new ArrayList<>();
        response.json().get("reservations").forEach(rows::add);
        return rows;
    }

    private void acquireAsAlphaLead(String key) {
        Response acquired = bearer.post("/v1/reservations", json(body("resource_key", key)), alpha.lead().bearer());
        assertThat(acquired.status()).as(acquired.body()).isEqualTo(200);
    }

    /** A session-scoped chat path. */
    private static String path(String sessionId, String leaf) {
        return "/v1/chat/sessions/" + sessionId + "/" + leaf;
    }

    /** The caller opens a session with A's helper and returns its id. */
    private String startWithHelper(Caller caller, int n) {
        Response started = bearer.post("/v1/chat/sessions", json(body("to_aliases", List.of(alpha.helper().alias()),
                "message", "matrix opening " + n)), caller.headers());
        assertThat(started.status()).as(started.body()).isEqualTo(200);
        return started.json().get("session_id").asText();
    }

    /**
     * A's helper writes to {@code sessionId} one second after {@link #NOW} (the read cursor is a time, and a
     * message stamped the very instant of the reader's own would already count as read) and returns its id.
     */
    private String replyAsHelper(String sessionId, int n) {
        clock.set(NOW.plusSeconds(1));
        try {
            Response sent = bearer.post(path(sessionId, "messages"), json(body("body", "matrix answer " + n)), alpha.helper().bearer());
            assertThat(sent.status()).as(sent.body()).isEqualTo(200);
            return sent.json().get("message_id").asText();
        } finally {
            clock.set(NOW);
        }
    }

    private List<String> inboxIds(Member member) {
        Response response = bearer.get("/v1/messages/inbox?limit=500", member.bearer());
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        response.json().get("messages").forEach(message -> ids.add(message.get("message_id").asText()));
        return ids;
    }

    /** The {@code read_at} of a message in the member's inbox, null while unread. */
    private String readAt(Member member, String messageId) {
        Response response = bearer.get("/v1/messages/inbox?limit=500", member.bearer());
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        for (JsonNode message : response.json().get("messages")) {
            if (message.get("message_id").asText().equals(messageId)) {
                return message.get("read_at").isNull() ? null : message.get("read_at").asText();
            }
        }
        throw new AssertionError("message " + messageId + " is not in the inbox of " + member.alias());
    }

    private List<String> sessionIds(Member member) {
        Response response = bearer.get("/v1/chat/sessions", member.bearer());
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        response.json().get("sessions").forEach(session -> ids.add(session.get("session_id").asText()));
        return ids;
    }

    /** A generated id taken from the response once checked to be a canonical UUID. */
    private static String uuid(Response response, String field) {
        String id = response.json().path(field).asText();
        assertThat(UUID.fromString(id).toString()).as(field).isEqualTo(id);
        return id;
    }

    /** A deadline one second before {@link #NOW}, query-encoded. */
    private static String pastDeadline() {
        return URLEncoder.encode(WireTime.offset(NOW.minusSeconds(1)), StandardCharsets.UTF_8);
    }

    private static String zulu(Instant instant) {
        return WireTime.zulu(instant);
    }

    private static String at(long secondsAfterNow) {
        return WIRE_TIME.format(NOW.plusSeconds(secondsAfterNow));
    }

    /** An insertion-ordered map from alternating keys and values (values may be null). */
    private static Map<String, Object> body(Object... keysAndValues) {
        return V1Client.ordered(keysAndValues);
    }

    private String apiKeyId(String agentId) throws SQLException {
        return TestSql.firstApiKeyIdOf(database.dataSource(), agentId);
    }

    /** A project-only key, as a wrapper may create one (§3.1): there is no API for it. */
    private String insertUnboundKey(String projectId, String key) throws SQLException {
        return insertKey(projectId, key, null);
    }

    private String insertKey(String projectId, String key, String userId) throws SQLException {
        UUID id = UUID.randomUUID();
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement insert = connection.prepareStatement("""
                     INSERT INTO protocol.api_keys (api_key_id, project_id, agent_id, user_id, key_prefix, key_hash, is_active, created_at)
                     VALUES (?, ?, NULL, ?, ?, ?, true, ?)""")) {
            insert.setObject(1, id);
            insert.setObject(2, UUID.fromString(projectId));
            if (userId == null) {
                insert.setNull(3, java.sql.Types.OTHER);
            } else {
                insert.setObject(3, UUID.fromString(userId));
            }
            insert.setString(4, key.substring(0, 12));
            insert.setString(5, sha256(key));
            insert.setTimestamp(6, Timestamp.from(NOW));
            insert.executeUpdate();
        }
        return id.toString();
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        new SecureRandom().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
