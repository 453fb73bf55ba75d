package dev.agenthub.it.v1;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agenthub.it.support.HttpProbe.Response;
import dev.agenthub.it.support.TestSql;
import dev.agenthub.it.support.V1HubTest;
import dev.agenthub.it.support.Worktrees;
import dev.agenthub.it.support.Worktrees.Worktree;
import dev.agenthub.protocol.kernel.time.WireTime;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static dev.agenthub.it.support.V1Client.assertBody;
import static dev.agenthub.it.support.V1Client.json;
import static dev.agenthub.it.support.V1Client.ordered;
import static dev.agenthub.it.support.Worktrees.issue;
import static dev.agenthub.it.support.Worktrees.jsonl;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /v1/audit} (the Agent Hub extension of docs/coordination-api.md): entries written by real actions
 * (a bdh sync, an escalation created, answered and expired, policy versions bootstrapped, created, activated and
 * reset) come back whole, newest first; every filter; keyset paging through more entries than a page holds with
 * tied timestamps, without gaps or repeats; project isolation; every 422. The class's hub sweeps every 100 ms so
 * that the expiry test waits briefly for the sweep's entry; no assertion depends on timing.
 */
class AuditWireTest extends V1HubTest {

    private static final String TYPES = "['bdh_sync', 'beads_uploaded', 'escalation_created', 'escalation_expired', "
            + "'escalation_responded', 'policy_activated', 'policy_created', 'policy_reset_to_default']";

    @Override
    protected Duration escalationSweepInterval() {
        return Duration.ofMillis(100);
    }

    private Worktrees bdh() {
        return new Worktrees(client);
    }

    private record Team(Worktree alice, Worktree bob) {
    }

    private Team team(String slug) {
        clock.set(NOW);
        String origin = "git@github.com:" + slug + "/app.git";
        return new Team(bdh().init(slug, "alice", "Alice", origin, "developer"),
                bdh().init(slug, "bob", "Bob", origin, "developer"));
    }

    private static String at(Instant instant) {
        return WireTime.offset(instant);
    }

    private static Instant second(int n) {
        return NOW.plusSeconds(n);
    }

    private static String q(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static String cursor(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private Response audit(String query, Worktree caller) {
        return client.get("/v1/audit" + query, caller.bearer());
    }

    private JsonNode ok(String query, Worktree caller) {
        Response response = audit(query, caller);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    /** The id of the project's one entry of {@code type} at {@code createdAt}. */
    private String idOf(Worktree member, String type, Instant createdAt) {
        List<List<String>> rows = TestSql.rows(database.dataSource(), "SELECT audit_id::text FROM hub.audit_log"
                + " WHERE project_id = ? AND event_type = ? AND created_at = ?::timestamptz",
                UUID.fromString(member.projectId()), type, at(createdAt));
        assertThat(rows).as(type + " at " + createdAt).hasSize(1);
        return rows.getFirst().getFirst();
    }

    private Map<String, Object> entry(Worktree member, String type, String actor, Map<String, Object> details,
                                      Instant createdAt) {
        return ordered("audit_id", idOf(member, type, createdAt), "event_type", type, "actor_id", actor,
                "details", details, "created_at", at(createdAt));
    }

    private static String page(List<Map<String, Object>> entries, boolean hasMore, String nextCursor) {
        return json(ordered("entries", entries, "has_more", hasMore, "next_cursor", nextCursor));
    }

    private String escalate(Worktree w, String subject) {
        Response response = client.post("/v1/escalations", json(ordered("workspace_id", w.workspaceId(), "alias",
                w.alias(), "subject", subject, "situation", "stuck on " + subject)), w.bearer());
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json().get("escalation_id").asText();
    }

    /** What a project's flow of actions wrote, newest first, each entry's whole body. */
    private record Flow(Team team, List<Map<String, Object>> newestFirst) {
    }

    /**
     * At second 1 alice syncs, 2 escalates, 3 bob answers, 4 alice's first policy read bootstraps version 1
     * (created and activated at one instant), 5 alice creates version 2 on it, 6 activates it, 7 bob resets.
     */
    private Flow flow(String slug) {
        Team t = team(slug);
        Worktree alice = t.alice();
        Worktree bob = t.bob();
        clock.set(second(1));
        assertThat(bdh().fullSync(alice, jsonl(issue("id", "bd-1", "status", "open")), null).status()).isEqualTo(200);
        clock.set(second(2));
        String escalation = escalate(alice, "deploy");
        clock.set(second(3));
        Response answered = client.post("/v1/escalations/" + escalation + "/respond",
                json(ordered("response", "ship it", "note", "after lunch")), bob.bearer());
        assertThat(answered.status()).as(answered.body()).isEqualTo(200);
        clock.set(second(4));
        Response active = client.get("/v1/policies/active", alice.bearer());
        assertThat(active.status()).as(active.body()).isEqualTo(200);
        String first = active.json().get("policy_id").asText();
        clock.set(second(5));
        Response created = client.post("/v1/policies", json(ordered("bundle", ordered("invariants", List.of(
                        ordered("id", "x.audit", "title", "X", "body_md", "do x")), "roles",
                ordered("tester", ordered("title", "Tester", "playbook_md", "test")), "adapters", Map.of()),
                "base_policy_id", first)), alice.bearer());
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        String second = created.json().get("policy_id").asText();
        clock.set(second(6));
        assertThat(client.post("/v1/policies/" + second + "/activate", null, alice.bearer()).status()).isEqualTo(200);
        clock.set(second(7));
        Response reset = client.post("/v1/policies/reset", null, bob.bearer());
        assertThat(reset.status()).as(reset.body()).isEqualTo(200);
        String third = reset.json().get("active_policy_id").asText();
        clock.set(NOW);

        // details come back as stored (jsonb): keys shortest first, then in byte order
        List<Map<String, Object>> bootstrap = new ArrayList<>(List.of(
                entry(alice, "policy_created", null, ordered("version", 1, "policy_id", first, "base_policy_id", null),
                        second(4)),
                entry(alice, "policy_activated", null, ordered("version", 1, "policy_id", first), second(4))));
        bootstrap.sort(Comparator.comparing(e -> (String) e.get("audit_id"))); // tied times: audit_id ascending
        List<Map<String, Object>> entries = new ArrayList<>();
        entries.add(entry(alice, "policy_reset_to_default", bob.workspaceId(), ordered("version", 3, "policy_id", third,
                "base_policy_id", second, "previous_policy_id", second), second(7)));
        entries.add(entry(alice, "policy_activated", alice.workspaceId(), ordered("version", 2, "policy_id", second,
                "previous_policy_id", first), second(6)));
        entries.add(entry(alice, "policy_created", alice.workspaceId(), ordered("version", 2, "policy_id", second,
                "base_policy_id", first), second(5)));
        entries.addAll(bootstrap);
        entries.add(entry(alice, "escalation_responded", bob.workspaceId(), ordered("response", "ship it",
                "escalation_id", escalation, "response_note", "after lunch"), second(3)));
        entries.add(entry(alice, "escalation_created", alice.workspaceId(), ordered("alias", "alice", "subject", "deploy",
                "expires_at", at(second(2).plus(Duration.ofHours(4))), "escalation_id", escalation), second(2)));
        entries.add(entry(alice, "bdh_sync", alice.workspaceId(), ordered("mode", "full", "repo",
                "github.com/" + slug + "/app", "deleted", 0, "updated", 0, "inserted", 1, "received", 1, "project_id",
                alice.projectId(), "notifications_sent", 0, "notifications_failed", 0), second(1)));
        return new Flow(t, entries);
    }

    private static List<Map<String, Object>> ofTypes(Flow flow, Set<String> types) {
        return flow.newestFirst().stream().filter(e -> types.contains((String) e.get("event_type"))).toList();
    }

    // tests ----------------------------------------------------------------------------------------------------

    @Test
    void realActionsAreListedWholeNewestFirst() {
        Flow flow = flow("audit-flow");
        assertBody(audit("", flow.team().alice()), 200, page(flow.newestFirst(), false, null));
        // any member of the project reads the same log
        assertBody(audit("", flow.team().bob()), 200, page(flow.newestFirst(), false, null));
    }

    @Test
    void theExpirySweepsEntryIsListedWithoutAnActor() throws InterruptedException {
        Team t = team("audit-expiry");
        Response created = client.post("/v1/escalations", json(ordered("workspace_id", t.alice().workspaceId(),
                "alias", "alice", "subject", "late", "situation", "stuck", "expires_in_hours", 1)), t.alice().bearer());
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        String id = created.json().get("escalation_id").asText();
        Instant expires = NOW.plus(Duration.ofHours(1));
        clock.set(expires);
        JsonNode expired = ok("?event_type=escalation_expired", t.alice());
        for (int i = 0; i < 200 && expired.get("entries").isEmpty(); i++) { // the sweep runs every 100 ms
            Thread.sleep(50);
            expired = ok("?event_type=escalation_expired", t.alice());
        }
        assertThat(json(expired)).isEqualTo(page(List.of(ordered("audit_id", idOf(t.alice(), "escalation_expired", expires),
                "event_type", "escalation_expired", "actor_id", null, "details", ordered("alias", "alice", "subject", "late",
                        "expires_at", at(expires), "escalation_id", id), "created_at", at(expires))), false, null));
        clock.set(NOW);
    }

    @Test
    void eventTypeFiltersByAnyOfACommaSeparatedList() {
        Flow flow = flow("audit-types");
        Worktree alice = flow.team().alice();
        assertBody(audit("?event_type=escalation_created,escalation_responded", alice), 200,
                page(ofTypes(flow, Set.of("escalation_created", "escalation_responded")), false, null));
        // entries are trimmed and lowercased, empty entries skipped
        assertBody(audit("?event_type=" + q(" Policy_Activated ,,policy_created"), alice), 200,
                page(ofTypes(flow, Set.of("policy_activated", "policy_created")), false, null));
        assertBody(audit("?event_type=bdh_sync", alice), 200, page(ofTypes(flow, Set.of("bdh_sync")), false, null));
        assertBody(audit("?event_type=beads_uploaded", alice), 200, page(List.of(), false, null));
        // an empty list means every type
        assertBody(audit("?event_type=", alice), 200, page(flow.newestFirst(), false, null));
    }

    @Test
    void actorIdFiltersByTheActingWorkspace() {
        Flow flow = flow("audit-actor");
        Worktree bob = flow.team().bob();
        List<Map<String, Object>> bobs = flow.newestFirst().stream()
                .filter(e -> bob.workspaceId().equals(e.get("actor_id"))).toList();
        assertThat(bobs).extracting(e -> e.get("event_type"))
                .containsExactly("policy_reset_to_default", "escalation_responded");
        assertBody(audit("?actor_id=" + bob.workspaceId(), flow.team().alice()), 200, page(bobs, false, null));
        // any UUID spelling (§1.2)
        assertBody(audit("?actor_id=" + bob.workspaceId().toUpperCase().replace("-", ""), flow.team().alice()), 200,
                page(bobs, false, null));
        assertBody(audit("?actor_id=" + UUID.randomUUID() + "&event_type=bdh_sync", flow.team().alice()), 200,
                page(List.of(), false, null));
    }

    @Test
    void sinceIsInclusiveAndUntilExclusive() {
        Flow flow = flow("audit-range");
        Worktree alice = flow.team().alice();
        List<Map<String, Object>> all = flow.newestFirst(); // seconds 7, 6, 5, 4, 4, 3, 2, 1
        assertBody(audit("?since=" + q(at(second(3))) + "&until=" + q(at(second(5))), alice), 200,
                page(all.subList(3, 6), false, null));
        // the Z form, and any offset, name the same instants
        assertBody(audit("?since=" + q(WireTime.zulu(second(3))) + "&until=" + q("2026-02-07T12:14:54.123456+01:00"),
                alice), 200, page(all.subList(3, 6), false, null));
        assertBody(audit("?since=" + q(at(second(7))), alice), 200, page(all.subList(0, 1), false, null));
        assertBody(audit("?until=" + q(at(second(2))), alice), 200, page(all.subList(7, 8), false, null));
        // every filter at once
        assertBody(audit("?event_type=policy_activated,bdh_sync&actor_id=" + alice.workspaceId() + "&since="
                + q(at(second(1))) + "&until=" + q(at(second(7))), alice), 200, page(List.of(all.get(1), all.get(7)), false, null));
    }

    @Test
    void pagingWalksTiedTimestampsWithoutGapsOrRepeats() {
        Team t = team("audit-paging");
        // 3 escalations at second 1 and 6 at second 2: every page boundary below falls inside a tie
        clock.set(second(1));
        for (int i = 0; i < 3; i++) {
            escalate(t.alice(), "early " + i);
        }
        clock.set(second(2));
        for (int i = 0; i < 6; i++) {
            escalate(t.bob(), "late " + i);
        }
        clock.set(NOW);
        List<String> expected = TestSql.rows(database.dataSource(), "SELECT audit_id::text FROM hub.audit_log"
                        + " WHERE project_id = ? ORDER BY created_at DESC, audit_id", UUID.fromString(t.alice().projectId()))
                .stream().map(List::getFirst).toList();
        assertThat(expected).hasSize(9);

        for (int limit : new int[]{1, 2, 4, 8}) {
            List<String> seen = new ArrayList<>();
            String next = null;
            int pages = 0;
            do {
                JsonNode page = ok("?limit=" + limit + (next == null ? "" : "&cursor=" + next), t.alice());
                page.get("entries").forEach(e -> seen.add(e.get("audit_id").asText()));
                assertThat(page.get("entries").size()).isLessThanOrEqualTo(limit);
                assertThat(page.get("has_more").asBoolean()).isEqualTo(!page.get("next_cursor").isNull());
                next = page.get("next_cursor").isNull() ? null : page.get("next_cursor").asText();
                pages++;
                assertThat(pages).as("a walk of 9 entries ends").isLessThanOrEqualTo(9);
            } while (next != null);
            assertThat(seen).as("limit " + limit).isEqualTo(expected);
            assertThat(pages).as("limit " + limit).isEqualTo((9 + limit - 1) / limit);
        }

        // the cursor is the last entry's sort key, and a filtered walk keeps its filter's rows only
        JsonNode first = ok("?limit=2", t.alice());
        String lastId = first.get("entries").get(1).get("audit_id").asText();
        assertThat(new String(Base64.getUrlDecoder().decode(first.get("next_cursor").asText()), StandardCharsets.UTF_8))
                .isEqualTo("{\"created_at\":\"" + at(second(2)) + "\",\"audit_id\":\"" + lastId + "\"}");
        // a filtered walk: bob's entries after the third one, two at a time
        String after = cursor("{\"created_at\":\"" + WireTime.zulu(second(2)) + "\",\"audit_id\":\"" + expected.get(2) + "\"}");
        JsonNode filtered = ok("?limit=2&actor_id=" + t.bob().workspaceId() + "&cursor=" + after, t.alice());
        assertThat(filtered.get("entries")).extracting(e -> e.get("audit_id").asText())
                .containsExactly(expected.get(3), expected.get(4));
        assertThat(filtered.get("has_more").asBoolean()).isTrue();
        JsonNode rest = ok("?limit=2&actor_id=" + t.bob().workspaceId() + "&cursor=" + filtered.get("next_cursor").asText(),
                t.alice());
        assertThat(rest.get("entries")).extracting(e -> e.get("audit_id").asText()).containsExactly(expected.get(5));
        assertThat(rest.get("has_more").asBoolean()).isFalse();
        assertThat(rest.get("next_cursor").isNull()).isTrue();
    }

    @Test
    void aCallerSeesOnlyItsOwnProject() {
        Flow mine = flow("audit-mine");
        Team other = team("audit-other");
        clock.set(second(9));
        escalate(other.alice(), "other secret");
        clock.set(NOW);
        assertBody(audit("", mine.team().alice()), 200, page(mine.newestFirst(), false, null));
        JsonNode theirs = ok("", other.alice());
        assertThat(theirs.get("entries")).hasSize(1);
        assertThat(theirs.get("entries").get(0).get("details").get("subject").asText()).isEqualTo("other secret");
        // the other project's actor and the other project's cursor find nothing of it
        assertBody(audit("?actor_id=" + other.alice().workspaceId(), mine.team().alice()), 200, page(List.of(), false, null));
        String theirCursor = cursor("{\"created_at\":\"" + at(second(10)) + "\",\"audit_id\":\""
                + theirs.get("entries").get(0).get("audit_id").asText() + "\"}");
        assertBody(audit("?cursor=" + theirCursor, mine.team().alice()), 200, page(mine.newestFirst(), false, null));
    }

    @Test
    void everyMalformedQueryIsA422BeforeAuthentication() {
        Team t = team("audit-422");
        Map<String, String> none = Map.of();
        // structural checks run before authentication (§1.4): the same 422 without credentials
        for (Map<String, String> headers : List.of(none, t.alice().bearer())) {
            assertBody(client.get("/v1/audit?event_type=nope,bdh_sync,Other", headers), 422, json(ordered("detail",
                    "Invalid event types: {'nope', 'other'}. Valid types: " + TYPES)));
            assertBody(client.get("/v1/audit?actor_id=nope", headers), 422,
                    "{\"detail\":[{\"type\":\"uuid_parsing\",\"loc\":[\"query\",\"actor_id\"],\"msg\":\"Input should be a valid UUID\",\"input\":\"nope\"}]}");
            assertBody(client.get("/v1/audit?since=yesterday", headers), 422, "{\"detail\":\"Invalid since format\"}");
            assertBody(client.get("/v1/audit?until=" + q("2026-02-07T11:14:49"), headers), 422,
                    "{\"detail\":\"until must be timezone-aware\"}");
            assertBody(client.get("/v1/audit?until=" + q("+300000-01-01T00:00:00Z"), headers), 422,
                    "{\"detail\":\"Invalid until format\"}");
            assertBody(client.get("/v1/audit?since=" + q(at(NOW)) + "&until=" + q(WireTime.zulu(NOW)), headers), 422,
                    "{\"detail\":\"since must be earlier than until\"}");
            assertBody(client.get("/v1/audit?limit=0", headers), 422,
                    "{\"detail\":[{\"type\":\"greater_than_equal\",\"loc\":[\"query\",\"limit\"],\"msg\":\"Input should be greater than or equal to 1\",\"input\":\"0\",\"ctx\":{\"ge\":1}}]}");
            assertBody(client.get("/v1/audit?limit=501", headers), 422,
                    "{\"detail\":[{\"type\":\"less_than_equal\",\"loc\":[\"query\",\"limit\"],\"msg\":\"Input should be less than or equal to 500\",\"input\":\"501\",\"ctx\":{\"le\":500}}]}");
            assertBody(client.get("/v1/audit?limit=many", headers), 422,
                    "{\"detail\":[{\"type\":\"int_parsing\",\"loc\":[\"query\",\"limit\"],\"msg\":\"Input should be a valid integer, unable to parse string as an integer\",\"input\":\"many\"}]}");
            assertBody(client.get("/v1/audit?cursor=!!!", headers), 422, "{\"detail\":\"Invalid cursor: malformed base64\"}");
            assertBody(client.get("/v1/audit?cursor=" + cursor("[1]"), headers), 422,
                    "{\"detail\":\"Invalid cursor: not a JSON object\"}");
        }
        // a well-formed cursor object is read once the caller is known
        assertBody(client.get("/v1/audit?cursor=" + cursor("{\"created_at\":\"" + at(NOW) + "\"}"), none), 401,
                "{\"detail\":\"Authentication required\"}");
        assertBody(audit("?cursor=" + cursor("{\"created_at\":\"soon\",\"audit_id\":\"" + UUID.randomUUID() + "\"}"), t.alice()),
                422, "{\"detail\":\"Invalid cursor timestamp: soon\"}");
        assertBody(audit("?cursor=" + cursor("{\"audit_id\":\"" + UUID.randomUUID() + "\"}"), t.alice()),
                422, "{\"detail\":\"Invalid cursor timestamp: null\"}");
        assertBody(audit("?cursor=" + cursor("{\"created_at\":\"" + at(NOW) + "\"}"), t.alice()), 422,
                "{\"detail\":\"Invalid cursor: missing audit_id\"}");
        assertBody(audit("?cursor=" + cursor("{\"created_at\":\"" + at(NOW) + "\",\"audit_id\":\"nope\"}"), t.alice()), 422,
                "{\"detail\":\"Invalid cursor: bad audit_id\"}");
        // the bounds themselves are accepted
        assertBody(audit("?limit=500", t.alice()), 200, page(List.of(), false, null));
        assertBody(audit("?limit=1", t.alice()), 200, page(List.of(), false, null));
    }

    @Test
    void withoutCredentialsTheLogIsNotRead() {
        assertBody(client.get("/v1/audit", Map.of()), 401, "{\"detail\":\"Authentication required\"}");
        assertBody(client.get("/v1/audit", Map.of("Authorization", "Bearer aw_sk_unknown")), 401,
                "{\"detail\":\"Invalid API key\"}");
    }
}
