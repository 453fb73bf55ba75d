package dev.agenthub.it.v1;

import dev.agenthub.it.support.HttpProbe.Response;
import dev.agenthub.it.support.TestSql;
import dev.agenthub.it.support.V1Client.Identity;
import dev.agenthub.it.support.V1HubTest;
import dev.agenthub.protocol.kernel.text.Sha256;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static dev.agenthub.it.support.V1Client.assertBody;
import static dev.agenthub.it.support.V1Client.json;
import static dev.agenthub.it.support.V1Client.ordered;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Policies (wire spec §4.16, §11) over HTTP, whole bodies compared: the bootstrap of version 1 from the shipped
 * defaults, role selection and the ETag with its 304 (before role validation), creation with its optimistic
 * concurrency and workspace rules, activation, reset, history and the plain list, and races on the project lock.
 * Each test has its own project.
 */
class PoliciesWireTest extends V1HubTest {

    private static final String NOW_OFFSET = "2026-02-07T11:14:49.123456+00:00";

    /** The ids and titles §11.4 fixes, in file-name order. */
    private static final List<List<String>> INVARIANTS = List.of(
            List.of("01-tracking-bdh-only", "tracking.bdh-only", "Use bdh for tracking"),
            List.of("02-communication-mail-first", "communication.mail-first", "Mail-first communication"),
            List.of("03-communication-chat", "communication.chat", "Chat for synchronous coordination"),
            List.of("04-identity-no-impersonation", "identity.no-impersonation", "No workspace impersonation"),
            List.of("05-teamwork-collaborate", "teamwork.collaborate", "Collaborate toward the goal"));
    private static final List<List<String>> ROLES = List.of(
            List.of("backend", "Backend Expert"), List.of("coordinator", "Coordinator"), List.of("developer", "Developer"),
            List.of("frontend", "Frontend Expert"), List.of("reviewer", "Reviewer"));

    // helpers --------------------------------------------------------------------------------------------------

    /** The markdown body of a shipped document, read here independently of the hub's loader. */
    private static String documentBody(String path) {
        try (InputStream in = PoliciesWireTest.class.getResourceAsStream("/dev/agenthub/server/policies/" + path)) {
            assertThat(in).as(path).isNotNull();
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int close = text.indexOf("\n---\n", 3);
            return text.substring(close + 5).strip() + "\n";
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static List<Object> defaultInvariants() {
        List<Object> invariants = new ArrayList<>();
        for (List<String> invariant : INVARIANTS) {
            invariants.add(ordered("id", invariant.get(1), "title", invariant.get(2),
                    "body_md", documentBody("invariants/" + invariant.get(0) + ".md")));
        }
        return invariants;
    }

    private static Map<String, Object> defaultRole(String id) {
        String title = ROLES.stream().filter(r -> r.get(0).equals(id)).findFirst().orElseThrow().get(1);
        return ordered("title", title, "playbook_md", documentBody("roles/" + id + ".md"));
    }

    private static Map<String, Object> defaultRoles() {
        Map<String, Object> roles = new LinkedHashMap<>();
        ROLES.forEach(role -> roles.put(role.get(0), defaultRole(role.get(0))));
        return roles;
    }

    /** The body of {@code GET /active} or {@code GET /{id}}. */
    private static String policyBody(String policyId, Identity caller, int version, String updatedAt, Object invariants,
                                     Object roles, Object selected, Object adapters) {
        return json(ordered("policy_id", policyId, "project_id", caller.projectId(), "version", version,
                "updated_at", updatedAt, "invariants", invariants, "roles", roles, "selected_role", selected,
                "adapters", adapters));
    }

    private static String defaultsBody(String policyId, Identity caller, int version, String updatedAt) {
        return policyBody(policyId, caller, version, updatedAt, defaultInvariants(), defaultRoles(), null, Map.of());
    }

    private static String etag(String policyId, String updatedAtIso) {
        return "\"" + Sha256.hex(policyId + ":" + updatedAtIso).substring(0, 16) + "\"";
    }

    private Response active(Identity caller, String query) {
        return client.get("/v1/policies/active" + query, caller.bearer());
    }

    private String activeId(Identity caller) {
        Response response = active(caller, "");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json().get("policy_id").asText();
    }

    private Response create(Identity caller, Object body) {
        return client.post("/v1/policies", json(body), caller.bearer());
    }

    private String createOk(Identity caller, Object body) {
        Response created = create(caller, body);
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        return created.json().get("policy_id").asText();
    }

    private static Map<String, Object> smallBundle(String marker) {
        return ordered("invariants", List.of(ordered("id", "x." + marker, "title", "X " + marker, "body_md", "do " + marker)),
                "roles", ordered("tester", ordered("title", "Tester", "playbook_md", "test " + marker)), "adapters", Map.of());
    }

    /**
     * The project's policy audit entries in order: type, actor, and the details policy_id, version, base_policy_id
     * and previous_policy_id ({@code "-"} for a key the entry does not have, null for a JSON null).
     */
    private List<List<String>> audit(Identity caller) {
        return TestSql.rows(database.dataSource(), "SELECT event_type, actor_id::text, details->>'policy_id', details->>'version',"
                + " CASE WHEN jsonb_exists(details, 'base_policy_id') THEN details->>'base_policy_id' ELSE '-' END,"
                + " CASE WHEN jsonb_exists(details, 'previous_policy_id') THEN details->>'previous_policy_id' ELSE '-' END"
                + " FROM hub.audit_log WHERE project_id = ? AND event_type LIKE 'policy%'"
                + " ORDER BY created_at, details->>'version', event_type", UUID.fromString(caller.projectId()));
    }

    private static List<String> entry(String type, String actor, String policyId, int version, String base, String previous) {
        return Arrays.asList(type, actor, policyId, Integer.toString(version), base, previous);
    }

    private static String conflict(String base, String active) {
        return json(ordered("detail", "Policy conflict: base_policy_id " + base + " does not match active policy " + active
                + ". Another agent may have updated the policy. Re-read the active policy and retry."));
    }

    // tests ----------------------------------------------------------------------------------------------------

    @Test
    void theFirstReadOfActiveBootstrapsVersionOneFromTheShippedDefaults() {
        clock.set(NOW);
        Identity alice = client.init("pol-bootstrap", "alice");
        // the plain list does not bootstrap
        assertBody(client.get("/v1/policies", alice.bearer()), 200, "{\"policies\":[]}");

        Response first = active(alice, "");
        String id = first.json().path("policy_id").asText();
        assertBody(first, 200, defaultsBody(id, alice, 1, NOW_OFFSET));
        assertThat(first.header("ETag")).isEqualTo(etag(id, NOW_OFFSET));
        clock.advance(Duration.ofSeconds(5));
        assertBody(active(alice, ""), 200, defaultsBody(id, alice, 1, NOW_OFFSET)); // no second version

        assertBody(client.get("/v1/policies/history", alice.bearer()), 200, json(ordered("policies", List.of(ordered(
                "policy_id", id, "version", 1, "created_at", NOW_OFFSET, "created_by_workspace_id", null, "is_active", true)))));
        assertBody(client.get("/v1/policies", alice.bearer()), 200, json(ordered("policies", List.of(ordered(
                "policy_id", id, "version", 1, "created_at", NOW_OFFSET, "is_active", true)))));
        assertThat(audit(alice)).containsExactly(entry("policy_activated", null, id, 1, "-", "-"),
                entry("policy_created", null, id, 1, null, "-"));
    }

    @Test
    void theFirstReadOfHistoryBootstrapsToo() {
        clock.set(NOW);
        Identity alice = client.init("pol-bootstrap-history", "alice");
        Response history = client.get("/v1/policies/history?limit=1", alice.bearer());
        String id = history.json().path("policies").path(0).path("policy_id").asText();
        assertBody(history, 200, json(ordered("policies", List.of(ordered("policy_id", id, "version", 1,
                "created_at", NOW_OFFSET, "created_by_workspace_id", null, "is_active", true)))));
        assertThat(activeId(alice)).isEqualTo(id);
    }

    @Test
    void aRoleIsSelectedAndOnlySelectedNarrowsTheRoles() {
        clock.set(NOW);
        Identity alice = client.init("pol-roles", "alice");
        String id = activeId(alice);
        Map<String, Object> developer = defaultRole("developer");
        Map<String, Object> selected = ordered("role", "developer", "title", "Developer", "playbook_md", developer.get("playbook_md"));
        assertBody(active(alice, "?role=developer"), 200,
                policyBody(id, alice, 1, NOW_OFFSET, defaultInvariants(), defaultRoles(), selected, Map.of()));
        assertBody(active(alice, "?role=developer&only_selected=true"), 200,
                policyBody(id, alice, 1, NOW_OFFSET, defaultInvariants(), ordered("developer", developer), selected, Map.of()));
        assertBody(active(alice, "?role=developer&only_selected=false"), 200,
                policyBody(id, alice, 1, NOW_OFFSET, defaultInvariants(), defaultRoles(), selected, Map.of()));

        assertBody(active(alice, "?role=designer"), 400, json(ordered("detail",
                "Role 'designer' not found. Available roles: ['backend', 'coordinator', 'developer', 'frontend', 'reviewer']")));
        Response unselected = active(alice, "?only_selected=true");
        assertBody(unselected, 400, "{\"detail\":\"only_selected=true requires a role parameter\"}");
        assertThat(unselected.header("ETag")).as("no ETag on an error").isNull();
        assertBody(active(alice, "?only_selected=maybe"), 422, """
                {"detail":[{"type":"bool_parsing","loc":["query","only_selected"],"msg":"Input should be a valid boolean, unable to interpret input","input":"maybe"}]}""");
        // the query is validated before the credentials are looked at
        assertBody(client.get("/v1/policies/active?only_selected=maybe", Map.of()), 422, """
                {"detail":[{"type":"bool_parsing","loc":["query","only_selected"],"msg":"Input should be a valid boolean, unable to interpret input","input":"maybe"}]}""");
    }

    @Test
    void anExactIfNoneMatchIs304BeforeTheRoleIsValidated() {
        clock.set(NOW);
        Identity alice = client.init("pol-etag", "alice");
        Response first = active(alice, "");
        String tag = first.header("ETag");
        String id = first.json().get("policy_id").asText();
        assertThat(tag).isEqualTo(etag(id, NOW_OFFSET)).matches("\"[0-9a-f]{16}\"");

        Map<String, String> cached = new LinkedHashMap<>(alice.bearer());
        cached.put("If-None-Match", tag);
        cached.put("If-Modified-Since", "Sat, 07 Feb 2026 11:14:49 GMT"); // bdh sends it; ignored
        Response notModified = client.get("/v1/policies/active", cached);
        assertThat(notModified.status()).isEqualTo(304);
        assertThat(notModified.body()).isEmpty();
        assertThat(notModified.header("ETag")).isEqualTo(tag);
        // an unknown role and a role-less only_selected still get the 304
        assertThat(client.get("/v1/policies/active?role=designer", cached).status()).isEqualTo(304);
        assertThat(client.get("/v1/policies/active?only_selected=true", cached).status()).isEqualTo(304);

        // the comparison is exact: without the quotes, or another tag, the body comes back
        Map<String, String> unquoted = new LinkedHashMap<>(alice.bearer());
        unquoted.put("If-None-Match", tag.replace("\"", ""));
        assertBody(client.get("/v1/policies/active", unquoted), 200, defaultsBody(id, alice, 1, NOW_OFFSET));
        Map<String, String> weak = new LinkedHashMap<>(alice.bearer());
        weak.put("If-None-Match", "W/" + tag);
        assertBody(client.get("/v1/policies/active?role=designer", weak), 400, json(ordered("detail",
                "Role 'designer' not found. Available roles: ['backend', 'coordinator', 'developer', 'frontend', 'reviewer']")));

        // another active version changes the tag, and the old one no longer matches
        clock.advance(Duration.ofSeconds(7));
        String second = createOk(alice, ordered("bundle", smallBundle("etag")));
        assertThat(client.post("/v1/policies/" + second + "/activate", null, alice.bearer()).status()).isEqualTo(200);
        Response changed = client.get("/v1/policies/active", cached);
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(changed.header("ETag")).isEqualTo(etag(second, "2026-02-07T11:14:56.123456+00:00")).isNotEqualTo(tag);
    }

    @Test
    void createdVersionsAreInactiveUntilActivatedAndKeepWhatTheBundleLeftOut() {
        clock.set(NOW);
        Identity alice = client.initWith(ordered("project_slug", "pol-create", "alias", "alice", "lifetime", "ephemeral",
                "repo_origin", "git@github.com:pol-create/app.git"));
        String first = activeId(alice);
        clock.advance(Duration.ofSeconds(2));
        String later = "2026-02-07T11:14:51.123456+00:00";
        // unknown keys are ignored, at the top and inside the bundle; missing fields are filled in on reading
        Response created = create(alice, ordered("bundle", ordered(
                "invariants", List.of(ordered("id", "only.id", "extra", 1), ordered("title", "Only title", "body_md", "b")),
                "roles", ordered("zeta", ordered("playbook_md", "z"), "alpha", ordered("title", "Alpha", "x", true)),
                "adapters", ordered("beads", ordered("enabled", true, "weight", 1.5)), "unknown", "dropped"),
                "base_policy_id", first.toUpperCase(), "project_id", "ignored", "note", 7));
        String second = created.json().path("policy_id").asText();
        assertBody(created, 200, json(ordered("policy_id", second, "project_id", alice.projectId(), "version", 2, "created", true)));

        String stored = policyBody(second, alice, 2, later,
                List.of(ordered("id", "only.id", "title", "", "body_md", ""), ordered("id", "", "title", "Only title", "body_md", "b")),
                ordered("zeta", ordered("title", "zeta", "playbook_md", "z"), "alpha", ordered("title", "Alpha", "playbook_md", "")),
                null, ordered("beads", ordered("enabled", true, "weight", 1.5)));
        Response byId = client.get("/v1/policies/" + second.replace("-", "").toUpperCase(), alice.bearer());
        assertBody(byId, 200, stored);
        assertThat(byId.header("ETag")).isNull();
        assertThat(activeId(alice)).as("creation does not activate").isEqualTo(first);
        assertBody(client.get("/v1/policies/history", alice.bearer()), 200, json(ordered("policies", List.of(
                ordered("policy_id", second, "version", 2, "created_at", later, "created_by_workspace_id", alice.agentId(), "is_active", false),
                ordered("policy_id", first, "version", 1, "created_at", NOW_OFFSET, "created_by_workspace_id", null, "is_active", true)))));

        clock.advance(Duration.ofSeconds(1));
        assertBody(client.post("/v1/policies/" + second + "/activate", "{\"ignored\":true}", alice.bearer()), 200,
                json(ordered("activated", true, "active_policy_id", second)));
        Response now = active(alice, "?role=alpha&only_selected=1");
        assertBody(now, 200, policyBody(second, alice, 2, later,
                List.of(ordered("id", "only.id", "title", "", "body_md", ""), ordered("id", "", "title", "Only title", "body_md", "b")),
                ordered("alpha", ordered("title", "Alpha", "playbook_md", "")),
                ordered("role", "alpha", "title", "Alpha", "playbook_md", ""), ordered("beads", ordered("enabled", true, "weight", 1.5))));
        assertThat(now.header("ETag")).isEqualTo(etag(second, later));
        assertBody(active(alice, "?role=developer"), 400, "{\"detail\":\"Role 'developer' not found. Available roles: ['alpha', 'zeta']\"}");
        assertBody(client.get("/v1/policies?limit=1", alice.bearer()), 200, json(ordered("policies", List.of(
                ordered("policy_id", second, "version", 2, "created_at", later, "is_active", true)))));
        // activating the first again is allowed: any member may, and the ETag follows the version
        clock.advance(Duration.ofSeconds(1));
        assertBody(client.post("/v1/policies/" + first + "/activate", null, alice.bearer()), 200,
                json(ordered("activated", true, "active_policy_id", first)));
        assertThat(active(alice, "").header("ETag")).isEqualTo(etag(first, NOW_OFFSET));

        String agent = alice.agentId();
        assertThat(audit(alice)).containsExactly(entry("policy_activated", null, first, 1, "-", "-"),
                entry("policy_created", null, first, 1, null, "-"),
                entry("policy_created", agent, second, 2, first, "-"),
                entry("policy_activated", agent, second, 2, "-", first),
                entry("policy_activated", agent, first, 1, "-", second));
    }

    @Test
    void aStaleBasePolicyIs409() {
        Identity alice = client.init("pol-conflict", "alice");
        // before any read there is no active policy
        String stale = UUID.randomUUID().toString();
        assertBody(create(alice, ordered("bundle", smallBundle("a"), "base_policy_id", stale)), 409, conflict(stale, "none"));
        String first = activeId(alice);
        assertBody(create(alice, ordered("bundle", smallBundle("b"), "base_policy_id", stale)), 409, conflict(stale, first));
        String second = createOk(alice, ordered("bundle", smallBundle("c"), "base_policy_id", first));
        assertThat(client.post("/v1/policies/" + second + "/activate", null, alice.bearer()).status()).isEqualTo(200);
        assertBody(create(alice, ordered("bundle", smallBundle("d"), "base_policy_id", first)), 409, conflict(first, second));
        // without a base there is no check; the rejected ones took no version number
        assertBody(create(alice, ordered("bundle", Map.of())), 200, json(ordered("policy_id",
                TestSql.rows(database.dataSource(), "SELECT policy_id::text FROM hub.policies WHERE project_id = ? AND version = 3",
                        UUID.fromString(alice.projectId())).getFirst().getFirst(), "project_id", alice.projectId(), "version", 3, "created", true)));
    }

    @Test
    void createdByMustBeTheCallersOwnLiveWorkspace() {
        Identity alice = client.initWith(ordered("project_slug", "pol-author", "alias", "alice", "lifetime", "ephemeral",
                "repo_origin", "git@github.com:pol-author/app.git"));
        Identity bob = client.initWith(ordered("project_slug", "pol-author", "alias", "bob", "lifetime", "ephemeral",
                "repo_origin", "git@github.com:pol-author/app.git"));
        Identity carol = client.init("pol-author", "carol"); // no repo: an agent without a workspace
        Identity other = client.initWith(ordered("project_slug", "pol-author-other", "alias", "olga", "lifetime", "ephemeral",
                "repo_origin", "git@github.com:pol-author/other.git"));
        String bundle = "{\"bundle\":{},\"created_by_workspace_id\":%s}";
        assertBody(client.post("/v1/policies", bundle.formatted("\"nope\""), alice.bearer()), 422, """
                {"detail":[{"type":"uuid_parsing","loc":["body","created_by_workspace_id"],"msg":"Input should be a valid UUID","input":"nope"}]}""");
        assertBody(client.post("/v1/policies", bundle.formatted("\"" + bob.agentId() + "\""), alice.bearer()), 403,
                "{\"detail\":\"created_by_workspace_id does not match API key identity\"}");
        assertBody(client.post("/v1/policies", bundle.formatted("\"" + carol.agentId() + "\""), carol.bearer()), 403,
                "{\"detail\":\"Workspace not found or does not belong to your project\"}");
        String unbound = TestSql.insertUnboundKey(database.dataSource(), alice.projectId(), NOW);
        Map<String, String> asProject = Map.of("Authorization", "Bearer " + unbound);
        assertBody(client.post("/v1/policies", bundle.formatted("\"" + other.agentId() + "\""), asProject), 403,
                "{\"detail\":\"Workspace not found or does not belong to your project\"}");
        // an unbound key may name any live workspace of the project; a bound key its own
        Response byBob = client.post("/v1/policies", bundle.formatted("\"" + bob.agentId() + "\""), asProject);
        assertThat(byBob.status()).as(byBob.body()).isEqualTo(200);
        Response byAlice = client.post("/v1/policies", bundle.formatted("\"" + alice.agentId() + "\""), alice.bearer());
        assertThat(byAlice.status()).as(byAlice.body()).isEqualTo(200);
        Response anonymous = client.post("/v1/policies", bundle.formatted("null"), asProject);
        assertThat(anonymous.status()).as(anonymous.body()).isEqualTo(200);
        assertThat(TestSql.rows(database.dataSource(), "SELECT version, created_by_workspace_id::text FROM hub.policies"
                + " WHERE project_id = ? ORDER BY version", UUID.fromString(alice.projectId())))
                .containsExactly(List.of("1", bob.agentId()), List.of("2", alice.agentId()), Arrays.asList("3", null));
        // a deleted workspace is no author any more
        assertThat(client.delete("/v1/workspaces/" + bob.agentId(), alice.bearer()).status()).isEqualTo(200);
        assertBody(client.post("/v1/policies", bundle.formatted("\"" + bob.agentId() + "\""), asProject), 403,
                "{\"detail\":\"Workspace not found or does not belong to your project\"}");
    }

    @Test
    void malformedBodiesAre422BeforeAuthentication() {
        assertBody(client.post("/v1/policies", "{\"base_policy_id\":\"x\"}", Map.of()), 422, """
                {"detail":[{"type":"missing","loc":["body","bundle"],"msg":"Field required","input":{"base_policy_id":"x"}},
                 {"type":"uuid_parsing","loc":["body","base_policy_id"],"msg":"Input should be a valid UUID","input":"x"}]}""");
        assertBody(client.post("/v1/policies", "{\"bundle\":[]}", Map.of()), 422, """
                {"detail":[{"type":"dict_type","loc":["body","bundle"],"msg":"Input should be a valid dictionary","input":[]}]}""");
        assertBody(client.post("/v1/policies", """
                {"bundle":{"invariants":[{"id":1},"x"],"roles":{"r":{"title":false},"s":[]},"adapters":"none"}}""", Map.of()), 422, """
                {"detail":[{"type":"string_type","loc":["body","bundle","invariants",0,"id"],"msg":"Input should be a valid string","input":1},
                 {"type":"dict_type","loc":["body","bundle","invariants",1],"msg":"Input should be a valid dictionary","input":"x"},
                 {"type":"string_type","loc":["body","bundle","roles","r","title"],"msg":"Input should be a valid string","input":false},
                 {"type":"dict_type","loc":["body","bundle","roles","s"],"msg":"Input should be a valid dictionary","input":[]},
                 {"type":"dict_type","loc":["body","bundle","adapters"],"msg":"Input should be a valid dictionary","input":"none"}]}""");
        assertBody(client.post("/v1/policies", "{\"bundle\":{\"invariants\":{}}}", Map.of()), 422, """
                {"detail":[{"type":"list_type","loc":["body","bundle","invariants"],"msg":"Input should be a valid list","input":{}}]}""");
        Response invalid = client.post("/v1/policies", "{\"bundle\":", Map.of());
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.json().get("detail").get(0).get("type").asText()).isEqualTo("json_invalid");
        assertBody(client.get("/v1/policies/history?limit=101", Map.of()), 422, """
                {"detail":[{"type":"less_than_equal","loc":["query","limit"],"msg":"Input should be less than or equal to 100","input":"101","ctx":{"le":100}}]}""");
        assertBody(client.get("/v1/policies?limit=0", Map.of()), 422, """
                {"detail":[{"type":"greater_than_equal","loc":["query","limit"],"msg":"Input should be greater than or equal to 1","input":"0","ctx":{"ge":1}}]}""");
        // well-formed but without credentials: 401
        assertBody(client.post("/v1/policies", "{\"bundle\":{}}", Map.of()), 401, "{\"detail\":\"Authentication required\"}");
    }

    @Test
    void unknownAndForeignPolicies() {
        Identity alice = client.init("pol-foreign-a", "alice");
        Identity bob = client.init("pol-foreign-b", "bob");
        String alicePolicy = activeId(alice);
        String notHere = "{\"detail\":\"Policy not found or does not belong to this project\"}";
        assertBody(client.get("/v1/policies/" + alicePolicy, bob.bearer()), 404, notHere);
        assertBody(client.get("/v1/policies/" + UUID.randomUUID(), alice.bearer()), 404, notHere);
        assertBody(client.get("/v1/policies/not-a-uuid", alice.bearer()), 404, notHere);
        assertBody(client.post("/v1/policies/" + alicePolicy + "/activate", null, bob.bearer()), 400,
                "{\"detail\":\"Policy does not belong to this project\"}");
        assertBody(client.post("/v1/policies/" + UUID.randomUUID() + "/activate", null, alice.bearer()), 404,
                "{\"detail\":\"Policy not found\"}");
        assertBody(client.post("/v1/policies/not-a-uuid/activate", null, alice.bearer()), 404, "{\"detail\":\"Policy not found\"}");
        assertThat(activeId(alice)).isEqualTo(alicePolicy);
        assertBody(client.get("/v1/policies", bob.bearer()), 200, "{\"policies\":[]}");
    }

    @Test
    void resetCreatesAndActivatesTheDefaultsAgainstTheActiveVersion() {
        clock.set(NOW);
        Identity alice = client.init("pol-reset", "alice");
        // a reset on a project without policies creates version 1 without a base
        Response bootstrap = client.post("/v1/policies/reset", "null", alice.bearer());
        String first = bootstrap.json().path("active_policy_id").asText();
        assertBody(bootstrap, 200, json(ordered("reset", true, "active_policy_id", first, "version", 1)));
        clock.advance(Duration.ofSeconds(1));
        String second = createOk(alice, ordered("bundle", smallBundle("custom"), "base_policy_id", first));
        clock.advance(Duration.ofSeconds(1));
        assertThat(client.post("/v1/policies/" + second + "/activate", null, alice.bearer()).status()).isEqualTo(200);

        clock.advance(Duration.ofSeconds(7));
        // bdh sends the JSON body null; any body, even one that is not JSON, is ignored
        Response reset = client.post("/v1/policies/reset", "{not json", alice.bearer());
        String third = reset.json().path("active_policy_id").asText();
        assertBody(reset, 200, json(ordered("reset", true, "active_policy_id", third, "version", 3)));
        assertBody(active(alice, ""), 200, defaultsBody(third, alice, 3, "2026-02-07T11:14:58.123456+00:00"));
        assertBody(client.get("/v1/policies/history", alice.bearer()), 200, json(ordered("policies", List.of(
                ordered("policy_id", third, "version", 3, "created_at", "2026-02-07T11:14:58.123456+00:00",
                        "created_by_workspace_id", alice.agentId(), "is_active", true),
                ordered("policy_id", second, "version", 2, "created_at", "2026-02-07T11:14:50.123456+00:00",
                        "created_by_workspace_id", alice.agentId(), "is_active", false),
                ordered("policy_id", first, "version", 1, "created_at", NOW_OFFSET, "created_by_workspace_id", alice.agentId(), "is_active", false)))));
        assertThat(audit(alice)).containsExactly(entry("policy_reset_to_default", alice.agentId(), first, 1, null, null),
                entry("policy_created", alice.agentId(), second, 2, first, "-"),
                entry("policy_activated", alice.agentId(), second, 2, "-", first),
                entry("policy_reset_to_default", alice.agentId(), third, 3, second, second));
    }

    /**
     * Two resets read the same active version as their base, then queue on the project's row lock, which the test
     * holds: once it lets go, exactly one wins and the other gets the 409 naming the winner.
     */
    @Test
    void ofTwoRacingResetsWithTheSameBaseExactlyOneWins() throws Exception {
        Identity alice = client.init("pol-race-reset", "alice");
        String base = activeId(alice);
        List<Response> responses = whileProjectLocked(alice, 2, () -> client.post("/v1/policies/reset", "null", alice.bearer()));
        List<Response> won = responses.stream().filter(r -> r.status() == 200).toList();
        assertThat(won).as(responses.toString()).hasSize(1);
        String winner = won.getFirst().json().get("active_policy_id").asText();
        assertBody(won.getFirst(), 200, json(ordered("reset", true, "active_policy_id", winner, "version", 2)));
        Response lost = responses.stream().filter(r -> r.status() != 200).findFirst().orElseThrow();
        assertBody(lost, 409, conflict(base, winner));
        assertThat(activeId(alice)).isEqualTo(winner);
        assertThat(TestSql.rows(database.dataSource(), "SELECT count(*) FROM hub.policies WHERE project_id = ?",
                UUID.fromString(alice.projectId()))).containsExactly(List.of("2"));
    }

    /**
     * Creations do not activate (§11.3), so two with the same, still active, base both succeed: the project lock
     * gives them consecutive version numbers.
     */
    @Test
    void racingCreationsWithTheSameBaseGetConsecutiveVersions() throws Exception {
        Identity alice = client.init("pol-race-create", "alice");
        String base = activeId(alice);
        List<Response> responses = whileProjectLocked(alice, 3, () -> create(alice, ordered("bundle", smallBundle("race"),
                "base_policy_id", base)));
        assertThat(responses).allSatisfy(r -> assertThat(r.status()).as(r.body()).isEqualTo(200));
        assertThat(responses.stream().map(r -> r.json().get("version").asInt()).sorted().toList()).containsExactly(2, 3, 4);
    }

    /**
     * Runs {@code requests} concurrent calls while the test holds the project's row lock, releases it once every
     * call waits on it, and answers the responses.
     */
    private List<Response> whileProjectLocked(Identity caller, int requests, java.util.function.Supplier<Response> call)
            throws Exception {
        List<CompletableFuture<Response>> calls = new ArrayList<>();
        try (Connection connection = database.dataSource().getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement lock = connection.prepareStatement(
                    "SELECT 1 FROM protocol.projects WHERE project_id = ? FOR UPDATE")) {
                lock.setObject(1, UUID.fromString(caller.projectId()));
                lock.executeQuery().close();
            }
            for (int i = 0; i < requests; i++) {
                calls.add(CompletableFuture.supplyAsync(call, runnable -> Thread.ofVirtual().start(runnable)));
            }
            awaitWaiters(requests);
            connection.commit();
        }
        List<Response> responses = new ArrayList<>();
        for (CompletableFuture<Response> future : calls) {
            responses.add(future.get(30, TimeUnit.SECONDS));
        }
        return responses;
    }

    /** Waits until {@code count} other sessions wait on a row lock (of this test's project: nothing else locks rows). */
    private void awaitWaiters(int count) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            List<List<String>> waiting = TestSql.rows(database.dataSource(), "SELECT count(*) FROM pg_stat_activity"
                    + " WHERE datname = current_database() AND wait_event_type = 'Lock'"
                    + " AND query ILIKE '%protocol%projects%for update%'");
            if (Integer.parseInt(waiting.getFirst().getFirst()) >= count) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + waiting + " requests wait on the project lock");
            }
            Thread.sleep(20);
        }
    }
}
