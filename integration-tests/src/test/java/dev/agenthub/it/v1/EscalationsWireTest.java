package dev.agenthub.it.v1;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agenthub.it.support.HttpProbe.Response;
import dev.agenthub.it.support.HubSeeds;
import dev.agenthub.it.support.HubSeeds.Worktree;
import dev.agenthub.it.support.TestSql;
import dev.agenthub.it.support.V1HubTest;
import dev.agenthub.it.support.WorkspaceChannel;
import dev.agenthub.protocol.kernel.time.WireTime;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.agenthub.it.support.V1Client.assertBody;
import static dev.agenthub.it.support.V1Client.json;
import static dev.agenthub.it.support.V1Client.ordered;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The escalation routes (wire spec §4.14, §12), their events (§13.1) and expiry (§14 F5): whole bodies for every
 * endpoint and error; expiry under the test clock, seen at once by every read and persisted by the hub's sweep,
 * which publishes {@code escalation.expired} once; {@code escalations_pending} of the status view. The class's
 * hub sweeps every 100 ms so that a test waits briefly for the sweep's event; no assertion depends on timing.
 */
class EscalationsWireTest extends V1HubTest {

    private static final String FOREIGN = "{\"detail\":\"Workspace not found or does not belong to your project\"}";
    private static final String NOT_FOUND = "{\"detail\":\"Escalation not found\"}";

    private HubSeeds seeds;

    @Override
    protected Duration escalationSweepInterval() {
        return Duration.ofMillis(100);
    }

    @BeforeAll
    void seeds() {
        seeds = new HubSeeds(client, database.dataSource());
    }

    private record Team(Worktree alice, Worktree bob) {
    }

    private Team team(String slug) {
        clock.set(NOW);
        String origin = "git@github.com:" + slug + "/app.git";
        return new Team(seeds.worktree(slug, origin, "alice", "Ada"), seeds.worktree(slug, origin, "bob", "Bo"));
    }

    private String create(Worktree w, String subject, String extra) {
        Response response = client.post("/v1/escalations", "{\"workspace_id\":\"" + w.workspaceId() + "\",\"alias\":\""
                + w.alias() + "\",\"subject\":\"" + subject + "\",\"situation\":\"stuck on " + subject + "\"" + extra + "}",
                w.bearer());
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json().get("escalation_id").asText();
    }

    private static String at(Instant instant) {
        return WireTime.offset(instant);
    }

    private static Map<String, Object> summary(String id, String alias, String subject, String status, Instant created,
                                               Instant expires) {
        return ordered("escalation_id", id, "alias", alias, "subject", subject, "status", status, "created_at", at(created),
                "expires_at", at(expires));
    }

    private static String page(List<Map<String, Object>> escalations, boolean hasMore, String nextCursor) {
        return json(ordered("escalations", escalations, "has_more", hasMore, "next_cursor", nextCursor));
    }

    @Test
    void createsWhatBdhSendsAndReadsItBack() throws Exception {
        Team t = team("esc-create");
        try (WorkspaceChannel channel = new WorkspaceChannel(hub, t.alice().workspaceId())) {
            Response created = client.post("/v1/escalations", json(ordered("workspace_id", t.alice().workspaceId(),
                    "alias", "alice", "subject", "Deploy?", "situation", "prod is red", "repo_id", "ignored")), t.alice().bearer());
            assertThat(created.status()).as(created.body()).isEqualTo(200);
            String id = created.json().get("escalation_id").asText();
            assertThat(UUID.fromString(id).toString()).isEqualTo(id);
            Instant expires = NOW.plus(Duration.ofHours(4));
            assertBody(created, 200, json(ordered("escalation_id", id, "status", "pending", "created_at", at(NOW),
                    "expires_at", at(expires))));
            assertThat(channel.next()).isEqualTo(WorkspaceChannel.expectedEvent(t.alice(), "escalation.created", NOW,
                    "escalation_id", id, "alias", "alice", "subject", "Deploy?"));

            assertBody(client.get("/v1/escalations/" + id, t.bob().bearer()), 200, json(ordered("escalation_id", id,
                    "workspace_id", t.alice().workspaceId(), "alias", "alice", "member_email", null, "subject", "Deploy?",
                    "situation", "prod is red", "options", null, "status", "pending", "response", null,
                    "response_note", null, "created_at", at(NOW), "responded_at", null, "expires_at", at(expires))));
            assertBody(client.get("/v1/escalations", t.bob().bearer()), 200,
                    page(List.of(summary(id, "alice", "Deploy?", "pending", NOW, expires)), false, null));
        }
        assertThat(TestSql.rows(database.dataSource(), """
                SELECT event_type, actor_id::text, details->>'subject' FROM hub.audit_log
                WHERE project_id = ? AND event_type LIKE 'escalation%'""", UUID.fromString(t.alice().projectId())))
                .containsExactly(List.of("escalation_created", t.alice().workspaceId(), "Deploy?"));
    }

    @Test
    void storesOptionsMemberEmailAndTheExpiryGiven() {
        Team t = team("esc-options");
        String id = create(t.alice(), "pick", ",\"options\":[\"a\",\"b\"],\"expires_in_hours\":2,\"member_email\":\"ada@example.com\"");
        String none = create(t.alice(), "empty", ",\"options\":[],\"options_extra\":1");
        assertBody(client.get("/v1/escalations/" + id + "?workspace_id=" + t.alice().workspaceId(), t.alice().bearer()), 200,
                json(ordered("escalation_id", id, "workspace_id", t.alice().workspaceId(), "alias", "alice",
                        "member_email", "ada@example.com", "subject", "pick", "situation", "stuck on pick",
                        "options", List.of("a", "b"), "status", "pending", "response", null, "response_note", null,
                        "created_at", at(NOW), "responded_at", null, "expires_at", at(NOW.plus(Duration.ofHours(2))))));
        assertThat(client.get("/v1/escalations/" + none, t.alice().bearer()).json().get("options").isNull()).isTrue();
    }

    @Test
    void createRejectsMalformedBodiesBeforeAuthentication() {
        assertBody(client.post("/v1/escalations", json(ordered("workspace_id", "nope", "alias", "bad alias!",
                        "subject", "", "expires_in_hours", 0, "options", List.of("ok", 3))), Map.of()), 422,
                json(Map.of("detail", List.of(
                        ordered("type", "uuid_parsing", "loc", List.of("body", "workspace_id"), "msg", "Input should be a valid UUID",
                                "input", "nope"),
                        ordered("type", "value_error", "loc", List.of("body", "alias"), "msg", "Value error, Invalid alias format",
                                "input", "bad alias!"),
                        ordered("type", "string_too_short", "loc", List.of("body", "subject"),
                                "msg", "String should have at least 1 character", "input", "", "ctx", Map.of("min_length", 1)),
                        ordered("type", "missing", "loc", List.of("body", "situation"), "msg", "Field required",
                                "input", ordered("workspace_id", "nope", "alias", "bad alias!", "subject", "",
                                        "expires_in_hours", 0, "options", List.of("ok", 3))),
                        ordered("type", "string_type", "loc", List.of("body", "options", 1), "msg", "Input should be a valid string",
                                "input", 3),
                        ordered("type", "greater_than", "loc", List.of("body", "expires_in_hours"),
                                "msg", "Input should be greater than 0", "input", 0, "ctx", Map.of("gt", 0))))));
        assertBody(client.post("/v1/escalations", "{\"workspace_id\":\"" + UUID.randomUUID()
                + "\",\"alias\":\"a\",\"subject\":\"s\",\"situation\":\"x\"}", Map.of()), 401,
                "{\"detail\":\"Authentication required\"}");
    }

    @Test
    void createAnswers403ForAWorkspaceThatIsNotTheCallersOrNotLiveInTheProject() {
        Team t = team("esc-403");
        Worktree stranger = seeds.worktree("esc-403-other", "git@github.com:esc-403/app.git", "carol", "Cy");
        String unbound = TestSql.insertUnboundKey(database.dataSource(), t.alice().projectId(), NOW);
        Map<String, String> unboundBearer = Map.of("Authorization", "Bearer " + unbound);
        String body = "{\"workspace_id\":\"%s\",\"alias\":\"%s\",\"subject\":\"s\",\"situation\":\"x\"}";

        assertBody(client.post("/v1/escalations", body.formatted(t.alice().workspaceId(), "alice"), t.bob().bearer()), 403,
                "{\"detail\":\"workspace_id does not match API key identity\"}");
        assertBody(client.post("/v1/escalations", body.formatted(UUID.randomUUID(), "alice"), unboundBearer), 403, FOREIGN);
        assertBody(client.post("/v1/escalations", body.formatted(stranger.workspaceId(), "carol"), unboundBearer), 403, FOREIGN);
        assertBody(client.post("/v1/escalations", body.formatted(t.alice().workspaceId(), "bob"), t.alice().bearer()), 403,
                "{\"detail\":\"Alias does not match workspace_id\"}");
        Response unboundCreate = client.post("/v1/escalations", body.formatted(t.alice().workspaceId(), "alice"), unboundBearer);
        assertBody(unboundCreate, 200, json(ordered("escalation_id", unboundCreate.json().get("escalation_id").asText(),
                "status", "pending", "created_at", at(NOW), "expires_at", at(NOW.plus(Duration.ofHours(4))))));
        seeds.softDelete(t.bob(), NOW);
        assertBody(client.post("/v1/escalations", body.formatted(t.bob().workspaceId(), "bob"), t.bob().bearer()), 403, FOREIGN);
        assertThat(TestSql.rows(database.dataSource(), "SELECT escalation_id::text FROM hub.escalations WHERE project_id = ?",
                UUID.fromString(t.alice().projectId()))).as("a refused create stores nothing")
                .containsExactly(List.of(unboundCreate.json().get("escalation_id").asText()));
    }

    @Test
    void listsNewestFirstWithFiltersAndCursor() {
        Team t = team("esc-list");
        Worktree carol = seeds.worktree("esc-list", "git@github.com:esc-list/other.git", "carol", "Cy");
        String a1 = create(t.alice(), "one", "");
        clock.set(NOW.plusSeconds(1));
        String b1 = create(t.bob(), "two", ",\"expires_in_hours\":1");
        clock.set(NOW.plusSeconds(2));
        String c1 = create(carol, "three", "");
        clock.set(NOW.plusSeconds(3));
        Instant four = NOW.plus(Duration.ofHours(4));
        Map<String, Object> one = summary(a1, "alice", "one", "pending", NOW, four);
        Map<String, Object> two = summary(b1, "bob", "two", "pending", NOW.plusSeconds(1), NOW.plusSeconds(1).plus(Duration.ofHours(1)));
        Map<String, Object> three = summary(c1, "carol", "three", "pending", NOW.plusSeconds(2), NOW.plusSeconds(2).plus(Duration.ofHours(4)));
        Map<String, String> reader = t.alice().bearer();

        assertBody(client.get("/v1/escalations", reader), 200, page(List.of(three, two, one), false, null));
        assertBody(client.get("/v1/escalations?alias=bob", reader), 200, page(List.of(two), false, null));
        assertBody(client.get("/v1/escalations?workspace_id=" + t.alice().workspaceId().replace("-", "").toUpperCase(), reader),
                200, page(List.of(one), false, null));
        assertBody(client.get("/v1/escalations?repo_id=" + t.alice().repoId(), reader), 200, page(List.of(two, one), false, null));
        assertBody(client.get("/v1/escalations?status=responded", reader), 200, page(List.of(), false, null));

        List<String> seen = new ArrayList<>();
        String cursor = null;
        for (int i = 0; i < 3; i++) {
            JsonNode body = client.get("/v1/escalations?limit=1" + (cursor == null ? "" : "&cursor=" + cursor), reader).json();
            seen.add(body.get("escalations").get(0).get("escalation_id").asText());
            assertThat(body.get("has_more").asBoolean()).isEqualTo(i < 2);
            cursor = body.get("next_cursor").isNull() ? null : body.get("next_cursor").asText();
            assertThat(cursor == null).isEqualTo(i == 2);
        }
        assertThat(seen).containsExactly(c1, b1, a1);
        String specCursor = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("{\"created_at\":\"" + at(NOW.plusSeconds(1)) + "\"}").getBytes());
        assertBody(client.get("/v1/escalations?cursor=" + specCursor, reader), 200, page(List.of(one), false, null));
    }

    @Test
    void listValidatesItsQuery() {
        Team t = team("esc-list-422");
        Worktree stranger = seeds.worktree("esc-list-422-other", "git@github.com:esc-list-422/app.git", "carol", "Cy");
        Map<String, String> reader = t.alice().bearer();
        assertBody(client.get("/v1/escalations?workspace_id=nope&limit=0", Map.of()), 422, json(Map.of("detail", List.of(
                ordered("type", "uuid_parsing", "loc", List.of("query", "workspace_id"), "msg", "Input should be a valid UUID",
                        "input", "nope"),
                ordered("type", "greater_than_equal", "loc", List.of("query", "limit"), "msg",
                        "Input should be greater than or equal to 1", "input", "0", "ctx", Map.of("ge", 1))))));
        assertBody(client.get("/v1/escalations?status=open", reader), 422,
                "{\"detail\":\"Invalid status: must be one of ['expired', 'pending', 'responded']\"}");
        assertBody(client.get("/v1/escalations?repo_id=" + t.alice().repoId().replace("-", ""), reader), 422,
                "{\"detail\":\"Invalid repo_id format: expected UUID\"}");
        assertBody(client.get("/v1/escalations?alias=no%20spaces", reader), 422,
                "{\"detail\":\"Invalid alias: must be alphanumeric with hyphens/underscores, 1-64 chars\"}");
        assertBody(client.get("/v1/escalations?cursor=!!!", reader), 422, "{\"detail\":\"Invalid cursor: malformed base64\"}");
        assertBody(client.get("/v1/escalations?workspace_id=" + stranger.workspaceId(), reader), 403, FOREIGN);
        assertBody(client.get("/v1/escalations?workspace_id=" + UUID.randomUUID(), reader), 403, FOREIGN);
        assertBody(client.get("/v1/escalations", Map.of()), 401, "{\"detail\":\"Authentication required\"}");
        // structural checks come before authentication (§1.4): without credentials these are 422s, not 401s
        assertBody(client.get("/v1/escalations?status=open", Map.of()), 422,
                "{\"detail\":\"Invalid status: must be one of ['expired', 'pending', 'responded']\"}");
        assertBody(client.get("/v1/escalations?repo_id=short", Map.of()), 422,
                "{\"detail\":\"Invalid repo_id format: expected UUID\"}");
    }

    @Test
    void anExpiryBeyondACenturyIsA422() {
        Team t = team("esc-century");
        Map<String, Object> body = ordered("workspace_id", t.alice().workspaceId(), "alias", t.alice().alias(),
                "subject", "s", "situation", "t", "expires_in_hours", 2_147_483_647);
        var response = client.post("/v1/escalations", json(body), t.alice().bearer());
        assertThat(response.status()).as(response.body()).isEqualTo(422);
        assertThat(response.json().get("detail").get(0).get("type").asText()).isEqualTo("less_than_equal");
    }

    @Test
    void getAnswers404ForWhatTheCallerMayNotSee() {
        Team t = team("esc-get");
        Worktree stranger = seeds.worktree("esc-get-other", "git@github.com:esc-get/app.git", "carol", "Cy");
        String mine = create(t.alice(), "mine", "");
        String bobs = create(t.bob(), "bobs", "");
        String theirs = create(stranger, "theirs", "");
        assertBody(client.get("/v1/escalations/not-a-uuid", Map.of()), 422, "{\"detail\":\"Invalid escalation_id: must be a UUID\"}");
        assertBody(client.get("/v1/escalations/" + UUID.randomUUID(), t.alice().bearer()), 404, NOT_FOUND);
        assertBody(client.get("/v1/escalations/" + theirs, t.alice().bearer()), 404, NOT_FOUND);
        assertBody(client.get("/v1/escalations/" + mine + "?workspace_id=" + t.bob().workspaceId(), t.alice().bearer()), 404,
                NOT_FOUND);
        assertBody(client.get("/v1/escalations/" + mine + "?workspace_id=x", t.alice().bearer()), 422, json(Map.of("detail",
                List.of(ordered("type", "uuid_parsing", "loc", List.of("query", "workspace_id"),
                        "msg", "Input should be a valid UUID", "input", "x")))));
        seeds.softDelete(t.bob(), NOW);
        assertBody(client.get("/v1/escalations/" + bobs, t.alice().bearer()), 404, NOT_FOUND);
        assertBody(client.get("/v1/escalations", t.alice().bearer()), 200, page(List.of(
                summary(mine, "alice", "mine", "pending", NOW, NOW.plus(Duration.ofHours(4)))), false, null));
        assertBody(client.get("/v1/escalations/" + mine, Map.of()), 401, "{\"detail\":\"Authentication required\"}");
    }

    @Test
    void anyCallerInTheProjectResponds() throws Exception {
        Team t = team("esc-respond");
        Worktree stranger = seeds.worktree("esc-respond-other", "git@github.com:esc-respond/app.git", "carol", "Cy");
        String id = create(t.alice(), "merge?", "");
        clock.set(NOW.plusSeconds(30));
        Instant answered = NOW.plusSeconds(30);
        try (WorkspaceChannel aliceChannel = new WorkspaceChannel(hub, t.alice().workspaceId())) {
            assertBody(client.post("/v1/escalations/" + id + "/respond", "{\"response\":\"yes\",\"note\":\"after CI\",\"x\":1}",
                    t.bob().bearer()), 200, json(ordered("escalation_id", id, "status", "responded", "response", "yes",
                    "response_note", "after CI", "responded_at", at(answered))));
            assertThat(aliceChannel.next()).as("on the creator's channel").isEqualTo(WorkspaceChannel.expectedEvent(t.alice(), "escalation.responded",
                    answered, "escalation_id", id, "response", "yes"));
        }
        assertBody(client.get("/v1/escalations/" + id, t.alice().bearer()), 200, json(ordered("escalation_id", id,
                "workspace_id", t.alice().workspaceId(), "alias", "alice", "member_email", null, "subject", "merge?",
                "situation", "stuck on merge?", "options", null, "status", "responded", "response", "yes",
                "response_note", "after CI", "created_at", at(NOW), "responded_at", at(answered),
                "expires_at", at(NOW.plus(Duration.ofHours(4))))));
        assertBody(client.get("/v1/escalations?status=responded", t.bob().bearer()), 200, page(List.of(
                summary(id, "alice", "merge?", "responded", NOW, NOW.plus(Duration.ofHours(4)))), false, null));
        assertThat(TestSql.rows(database.dataSource(), """
                SELECT event_type, actor_id::text, details->>'response' FROM hub.audit_log
                WHERE project_id = ? AND event_type = 'escalation_responded'""", UUID.fromString(t.alice().projectId())))
                .containsExactly(List.of("escalation_responded", t.bob().workspaceId(), "yes"));

        assertBody(client.post("/v1/escalations/" + id + "/respond", "{\"response\":\"yes\"}", stranger.bearer()), 404, NOT_FOUND);
        assertBody(client.post("/v1/escalations/" + UUID.randomUUID() + "/respond", "{\"response\":\"yes\"}", t.bob().bearer()),
                404, NOT_FOUND);
        assertBody(client.post("/v1/escalations/nope/respond", "{\"response\":\"yes\"}", Map.of()), 422,
                "{\"detail\":\"Invalid escalation_id: must be a UUID\"}");
        assertBody(client.post("/v1/escalations/" + id + "/respond", "{\"response\":\"\",\"note\":null}", Map.of()), 422,
                json(Map.of("detail", List.of(ordered("type", "string_too_short", "loc", List.of("body", "response"),
                        "msg", "String should have at least 1 character", "input", "", "ctx", Map.of("min_length", 1))))));
        assertBody(client.post("/v1/escalations/" + id + "/respond", "{\"response\":\"yes\"}", Map.of()), 401,
                "{\"detail\":\"Authentication required\"}");
    }

    @Test
    void expiryTakesEffectOnReadsAndTheSweepPublishesItOnce() throws Exception {
        Team t = team("esc-expiry");
        // two hours: later than any time the other tests of the class set, so a sweep still running with such a
        // time when this test resets the clock to NOW cannot expire this escalation early
        Instant expires = NOW.plus(Duration.ofHours(2));
        String id;
        try (WorkspaceChannel channel = new WorkspaceChannel(hub, t.alice().workspaceId())) {
            id = create(t.alice(), "late", ",\"expires_in_hours\":2");
            assertThat(channel.next()).contains("\"type\":\"escalation.created\"");
            String url = "/v1/escalations/" + id;
            clock.set(expires.minusNanos(1000));
            assertThat(client.get(url, t.bob().bearer()).json().get("status").asText()).isEqualTo("pending");
            assertThat(channel.poll(Duration.ofMillis(300))).as("nothing expires before expires_at").isNull();

            clock.set(expires); // now ≥ expires_at: expired on every read, and the sweep persists it
            assertThat(channel.next()).isEqualTo(WorkspaceChannel.expectedEvent(t.alice(), "escalation.expired", expires,
                    "escalation_id", id, "alias", "alice", "subject", "late"));
            assertThat(channel.poll(Duration.ofSeconds(1))).as("expired exactly once").isNull();
        }
        String url = "/v1/escalations/" + id;
        assertBody(client.get(url, t.bob().bearer()), 200, json(ordered("escalation_id", id,
                "workspace_id", t.alice().workspaceId(), "alias", "alice", "member_email", null, "subject", "late",
                "situation", "stuck on late", "options", null, "status", "expired", "response", null,
                "response_note", null, "created_at", at(NOW), "responded_at", null, "expires_at", at(expires))));
        assertBody(client.get("/v1/escalations?status=expired", t.bob().bearer()), 200,
                page(List.of(summary(id, "alice", "late", "expired", NOW, expires)), false, null));
        assertBody(client.get("/v1/escalations?status=pending", t.bob().bearer()), 200, page(List.of(), false, null));
        assertBody(client.post(url + "/respond", "{\"response\":\"too late\"}", t.bob().bearer()), 409,
                "{\"detail\":\"Escalation has expired\"}");
        assertThat(TestSql.rows(database.dataSource(),
                "SELECT status, response FROM hub.escalations WHERE escalation_id = ?", UUID.fromString(id)))
                .containsExactly(java.util.Arrays.asList("expired", null));
        assertThat(TestSql.rows(database.dataSource(), """
                SELECT event_type, actor_id FROM hub.audit_log WHERE project_id = ? AND event_type = 'escalation_expired'""",
                UUID.fromString(t.alice().projectId()))).containsExactly(java.util.Arrays.asList("escalation_expired", null));
    }

    @Test
    void statusCountsOnlyPendingUnexpiredEscalations() {
        Team t = team("esc-status");
        create(t.alice(), "soon", ",\"expires_in_hours\":1");
        create(t.alice(), "later", ",\"expires_in_hours\":8");
        String answered = create(t.bob(), "answered", ",\"expires_in_hours\":8");
        String gone = create(t.bob(), "gone", ",\"expires_in_hours\":8");
        assertThat(client.post("/v1/escalations/" + answered + "/respond", "{\"response\":\"ok\"}", t.alice().bearer()).status())
                .isEqualTo(200);
        assertThat(pending(t.alice())).isEqualTo(3);
        clock.set(NOW.plus(Duration.ofHours(1))); // "soon" is due: it no longer counts, swept or not
        assertThat(pending(t.alice())).isEqualTo(2);
        seeds.softDelete(t.bob(), NOW);
        assertThat(pending(t.alice())).as("a deleted creator's escalation is not visible").isEqualTo(1);
        assertThat(gone).isNotNull();
    }

    private int pending(Worktree reader) {
        Response status = client.get("/v1/status", reader.bearer());
        assertThat(status.status()).as(status.body()).isEqualTo(200);
        return status.json().get("escalations_pending").asInt();
    }
}
