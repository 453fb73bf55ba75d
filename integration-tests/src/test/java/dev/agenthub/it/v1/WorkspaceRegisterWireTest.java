package dev.agenthub.it.v1;

import dev.agenthub.it.support.HttpProbe.Response;
import dev.agenthub.it.support.TestSql;
import dev.agenthub.it.support.V1Client.Identity;
import dev.agenthub.it.support.V1HubTest;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.agenthub.it.support.V1Client.assertBody;
import static dev.agenthub.it.support.V1Client.json;
import static dev.agenthub.it.support.V1Client.ordered;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /v1/workspaces/register} (wire spec §4.1, auth R of §3.2, §1.4 list-shaped 422s, §1.5 unknown keys
 * ignored, §14 F3), whole bodies compared, and the stored workspace rows checked after every answer.
 */
class WorkspaceRegisterWireTest extends V1HubTest {

    private static final String PATH = "/v1/workspaces/register";
    private static final String APP = "git@github.com:reg-org/app.git";
    private static final String LIB = "https://github.com/reg-org/lib.git";

    /** {@code POST /v1/init} of {@code alias} with {@code human_name}, and a workspace when {@code repoOrigin} is given. */
    private Identity init(String slug, String alias, String humanName, String repoOrigin, String role) {
        Map<String, Object> body = ordered("project_slug", slug, "alias", alias, "human_name", humanName);
        if (repoOrigin != null) {
            body.put("repo_origin", repoOrigin);
        }
        if (role != null) {
            body.put("role", role);
        }
        return client.initWith(body);
    }

    private Identity agentOnly(String slug, String alias, String humanName) {
        return init(slug, alias, humanName, null, null);
    }

    private static String register(Object... keysAndValues) {
        return json(ordered(keysAndValues));
    }

    private static String registered(Identity m, String humanName, String repoId, String canonical, boolean created) {
        return json(ordered("workspace_id", m.agentId(), "project_id", m.projectId(), "project_slug", m.projectSlug(),
                "repo_id", repoId, "canonical_origin", canonical, "alias", m.alias(), "human_name", humanName,
                "created", created));
    }

    private static String detail(String message) {
        return json(ordered("detail", message));
    }

    /** The stored workspace: alias, human_name, role, hostname, workspace_path, type, repo, created, updated, deleted. */
    private List<String> row(String id) {
        List<List<String>> rows = TestSql.rows(database.dataSource(), "SELECT alias, human_name, role, hostname, "
                + "workspace_path, workspace_type, repo_id::text, created_at, updated_at, deleted_at FROM hub.workspaces "
                + "WHERE workspace_id = ?", UUID.fromString(id));
        return rows.isEmpty() ? null : rows.getFirst();
    }

    private String repoId(String projectId, String canonical) {
        return TestSql.rows(database.dataSource(), "SELECT repo_id FROM hub.repos WHERE project_id = ? AND "
                + "canonical_origin = ?", UUID.fromString(projectId), canonical).getFirst().getFirst();
    }

    private String everyWorkspaceAndRepo() {
        return TestSql.rows(database.dataSource(), "SELECT * FROM hub.workspaces ORDER BY workspace_id").toString()
                + TestSql.rows(database.dataSource(), "SELECT * FROM hub.repos ORDER BY repo_id");
    }

    private void execute(String sql, Object... parameters) {
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            assertThat(statement.executeUpdate()).as(sql).isPositive();
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void anAgentWithoutAWorkspaceRegistersOneForANewRepo() {
        Identity dora = agentOnly("reg-create", "dora-dev", "Dora Explorer");

        Response response = client.post(PATH, register("repo_origin", LIB, "role", "Lead Developer", "hostname", "dora-box",
                "workspace_path", "/src/lib", "alias", "ignored", "project_id", "ignored"), dora.bearer());

        String repo = repoId(dora.projectId(), "github.com/reg-org/lib");
        assertBody(response, 200, registered(dora, "Dora Explorer", repo, "github.com/reg-org/lib", true));
        List<String> stored = row(dora.agentId());
        assertThat(stored.subList(0, 7)).containsExactly("dora-dev", "Dora Explorer", "lead developer", "dora-box",
                "/src/lib", "agent", repo);
        assertThat(stored.get(9)).as("live").isNull();
        // the repo is visible like any other
        assertThat(TestSql.rows(database.dataSource(), "SELECT origin_url, deleted_at FROM hub.repos WHERE repo_id = ?",
                UUID.fromString(repo))).containsExactly(java.util.Arrays.asList(LIB, null));
    }

    @Test
    void aNewWorkspaceWithoutRoleHostnameOrPathStoresNone() {
        Identity erin = agentOnly("reg-bare", "erin", "");

        Response response = client.post(PATH, register("repo_origin", APP, "role", null, "hostname", null), erin.bearer());

        String repo = repoId(erin.projectId(), "github.com/reg-org/app");
        assertBody(response, 200, registered(erin, "", repo, "github.com/reg-org/app", true));
        assertThat(row(erin.agentId()).subList(0, 7)).containsExactly("erin", "", null, null, null, "agent", repo);
    }

    @Test
    void reRegisteringUpdatesTheWorkspaceUndeletesItAndKeepsTheRoleWhenNoneIsGiven() {
        Identity finn = init("reg-again", "finn", "Finn", APP, "developer");
        String repo = repoId(finn.projectId(), "github.com/reg-org/app");
        execute("UPDATE hub.workspaces SET deleted_at = now() WHERE workspace_id = ?", UUID.fromString(finn.agentId()));
        execute("UPDATE hub.repos SET deleted_at = now() WHERE repo_id = ?", UUID.fromString(repo));
        execute("UPDATE protocol.agents SET human_name = 'Finn Mertens' WHERE agent_id = ?", UUID.fromString(finn.agentId()));

        Response again = client.post(PATH, register("repo_origin", "https://github.com/reg-org/app", "hostname", "h2",
                "workspace_path", "/w\tone\ntwo"), finn.bearer());

        assertBody(again, 200, registered(finn, "Finn Mertens", repo, "github.com/reg-org/app", false));
        List<String> stored = row(finn.agentId());
        assertThat(stored.subList(0, 7)).containsExactly("finn", "Finn Mertens", "developer", "h2", "/w\tone\ntwo",
                "agent", repo);
        assertThat(stored.get(9)).as("undeleted").isNull();
        assertThat(TestSql.rows(database.dataSource(), "SELECT origin_url, deleted_at FROM hub.repos WHERE repo_id = ?",
                UUID.fromString(repo))).as("the repo is ensured: undeleted, origin taken")
                .containsExactly(java.util.Arrays.asList("https://github.com/reg-org/app", null));

        Response replaced = client.post(PATH, register("repo_origin", APP, "role", "Reviewer"), finn.bearer());

        assertBody(replaced, 200, registered(finn, "Finn Mertens", repo, "github.com/reg-org/app", false));
        assertThat(row(finn.agentId()).subList(0, 5)).as("a given role replaces; absent hostname and path clear them")
                .containsExactly("finn", "Finn Mertens", "reviewer", null, null);
        assertBody(client.post(PATH, register("repo_origin", APP, "role", ""), finn.bearer()), 200,
                registered(finn, "Finn Mertens", repo, "github.com/reg-org/app", false));
        assertThat(row(finn.agentId()).get(2)).as("an empty role leaves it (§14 F3)").isEqualTo("reviewer");
    }

    @Test
    void anExistingWorkspaceIsRefusedInTheOrderOfTheSpecification() {
        Identity gina = init("reg-conflicts", "gina", "", APP, null);
        String other = TestSql.insertProject(org.jooq.impl.DSL.using(database.dataSource(),
                org.jooq.SQLDialect.POSTGRES), "reg-conflicts-other").toString();
        String before = everyWorkspaceAndRepo();

        // another repo
        assertBody(client.post(PATH, register("repo_origin", LIB), gina.bearer()), 409,
                detail("Workspace already registered for another repo"));
        assertThat(everyWorkspaceAndRepo()).as("nothing written, not even the other repo").isEqualTo(before);

        // a renamed workspace: the repo check still comes first, then the alias check
        execute("UPDATE hub.workspaces SET alias = 'gina-old' WHERE workspace_id = ?", UUID.fromString(gina.agentId()));
        assertBody(client.post(PATH, register("repo_origin", LIB), gina.bearer()), 409,
                detail("Workspace already registered for another repo"));
        assertBody(client.post(PATH, register("repo_origin", APP), gina.bearer()), 409,
                detail("Workspace already registered with a different alias"));

        // another project beats the repo and alias checks
        execute("UPDATE hub.workspaces SET project_id = ? WHERE workspace_id = ?", UUID.fromString(other),
                UUID.fromString(gina.agentId()));
        assertBody(client.post(PATH, register("repo_origin", LIB), gina.bearer()), 409,
                detail("Workspace already registered in another project"));
        assertThat(row(gina.agentId()).get(0)).isEqualTo("gina-old");
    }

    @Test
    void anAliasHeldByAnotherLiveWorkspaceIsAConflict() {
        Identity holder = init("reg-clash", "holder", "", APP, null);
        Identity hana = agentOnly("reg-clash", "hana", "");
        execute("UPDATE hub.workspaces SET alias = 'hana' WHERE workspace_id = ?", UUID.fromString(holder.agentId()));
        String before = everyWorkspaceAndRepo();

        assertBody(client.post(PATH, register("repo_origin", LIB), hana.bearer()), 409,
                detail("Alias 'hana' is already used in this project"));

        assertThat(row(hana.agentId())).isNull();
        assertThat(everyWorkspaceAndRepo()).as("the ensured repo is rolled back too").isEqualTo(before);

        // a deleted workspace is not brought back onto an alias another live workspace holds now
        Identity oli = init("reg-clash", "oli", "", APP, null);
        Identity squatter = init("reg-clash", "squatter", "", APP, null);
        execute("UPDATE hub.workspaces SET deleted_at = now() WHERE workspace_id = ?", UUID.fromString(oli.agentId()));
        execute("UPDATE hub.workspaces SET alias = 'oli' WHERE workspace_id = ?", UUID.fromString(squatter.agentId()));
        String withSquatter = everyWorkspaceAndRepo();
        assertBody(client.post(PATH, register("repo_origin", APP), oli.bearer()), 409,
                detail("Alias 'oli' is already used in this project"));
        assertThat(everyWorkspaceAndRepo()).isEqualTo(withSquatter);
    }

    @Test
    void authRIsBearerOnlyAndNeedsALiveActiveAgent() {
        Identity ivan = init("reg-auth", "ivan", "", APP, null);
        String body = register("repo_origin", APP);
        String invalidKey = detail("Invalid API key");

        Response none = client.post(PATH, body, Map.of());
        assertBody(none, 401, detail("Authentication required"));
        assertThat(none.header("WWW-Authenticate")).isEqualTo("Bearer");
        assertBody(client.post(PATH, body, Map.of("Authorization", "Basic x")), 401,
                detail("Invalid Authorization header. Expected: Bearer <token>"));
        assertBody(client.post(PATH, body, Map.of("Authorization", "Bearer aw_sk_" + "0".repeat(64))), 401, invalidKey);
        String unbound = TestSql.insertUnboundKey(database.dataSource(), ivan.projectId(), NOW);
        Response unboundAnswer = client.post(PATH, body, Map.of("Authorization", "Bearer " + unbound));
        assertBody(unboundAnswer, 401, invalidKey);
        assertThat(unboundAnswer.header("WWW-Authenticate")).isEqualTo("Bearer");

        // status retired or deregistered (with the key still active), then soft-deleted
        UUID id = UUID.fromString(ivan.agentId());
        execute("UPDATE protocol.agents SET status = 'retired' WHERE agent_id = ?", id);
        assertBody(client.post(PATH, body, ivan.bearer()), 410, detail("Agent is retired"));
        execute("UPDATE protocol.agents SET status = 'deregistered' WHERE agent_id = ?", id);
        assertBody(client.post(PATH, body, ivan.bearer()), 410, detail("Agent is deregistered"));
        execute("UPDATE protocol.agents SET deleted_at = now() WHERE agent_id = ?", id);
        assertBody(client.post(PATH, body, ivan.bearer()), 410, detail("Agent has been deregistered"));
        execute("UPDATE protocol.agents SET deleted_at = NULL, status = 'active' WHERE agent_id = ?", id);
        assertThat(client.post(PATH, body, ivan.bearer()).status()).isEqualTo(200);

        // a deleted project
        execute("UPDATE protocol.projects SET deleted_at = now() WHERE project_id = ?", UUID.fromString(ivan.projectId()));
        assertBody(client.post(PATH, body, ivan.bearer()), 401, invalidKey);
    }

    @Test
    void aDeregisteredOrVanishedAgentsKeyIsInvalid() {
        Identity jay = agentOnly("reg-gone", "jay", "");
        Identity kim = agentOnly("reg-gone", "kim", "");
        String body = register("repo_origin", APP);
        String before = everyWorkspaceAndRepo();

        // DELETE /v1/agents/me deactivates the agent's keys with it (§3.1), so its key is no longer valid
        assertThat(client.delete("/v1/agents/me", jay.bearer()).status()).isEqualTo(200);
        assertBody(client.post(PATH, body, jay.bearer()), 401, detail("Invalid API key"));
        // the agent row gone: its keys went with it
        execute("DELETE FROM protocol.agents WHERE agent_id = ?", UUID.fromString(kim.agentId()));
        assertBody(client.post(PATH, body, kim.bearer()), 401, detail("Invalid API key"));

        assertThat(everyWorkspaceAndRepo()).isEqualTo(before);
    }

    @Test
    void agentNamesOutsideTheBeadhubPatternsAreA502() {
        Identity lee = agentOnly("reg-names", "lee", "");
        Identity mo = agentOnly("reg-names", "mo", "");
        execute("UPDATE protocol.agents SET alias = 'lee.dotted' WHERE agent_id = ?", UUID.fromString(lee.agentId()));
        execute("UPDATE protocol.agents SET human_name = '9 lives' WHERE agent_id = ?", UUID.fromString(mo.agentId()));
        String before = everyWorkspaceAndRepo();

        assertBody(client.post(PATH, register("repo_origin", APP), lee.bearer()), 502,
                detail("aweb returned invalid alias format"));
        assertBody(client.post(PATH, register("repo_origin", APP), mo.bearer()), 502,
                detail("aweb returned invalid human_name format"));

        assertThat(everyWorkspaceAndRepo()).as("nothing written").isEqualTo(before);
    }

    @Test
    void theBodyIsValidatedBeforeAuthenticationAsTheListShaped422() {
        String before = everyWorkspaceAndRepo();
        assertBody(client.post(PATH, "{\"role\":\"dev\"}", Map.of()), 422, json(ordered("detail", List.of(
                ordered("type", "missing", "loc", List.of("body", "repo_origin"), "msg", "Field required",
                        "input", ordered("role", "dev"))))));
        assertBody(client.post(PATH, register("repo_origin", ""), Map.of("Authorization", "Basic x")), 422,
                json(ordered("detail", List.of(ordered("type", "string_too_short", "loc", List.of("body", "repo_origin"),
                        "msg", "String should have at least 1 character", "input", "", "ctx", ordered("min_length", 1))))));
        String longOrigin = "https://github.com/o/" + "r".repeat(2030);
        assertBody(client.post(PATH, register("repo_origin", longOrigin), Map.of()), 422,
                json(ordered("detail", List.of(ordered("type", "string_too_long", "loc", List.of("body", "repo_origin"),
                        "msg", "String should have at most 2048 characters", "input", longOrigin,
                        "ctx", ordered("max_length", 2048))))));
        assertBody(client.post(PATH, register("repo_origin", "not a url", "role", "too many role words",
                        "hostname", "h\u0001", "workspace_path", "/p\r"), Map.of()), 422,
                json(ordered("detail", List.of(
                        ordered("type", "value_error", "loc", List.of("body", "repo_origin"),
                                "msg", "Value error, Invalid repo_origin: Invalid git URL: not a url", "input", "not a url"),
                        ordered("type", "value_error", "loc", List.of("body", "role"),
                                "msg", "Value error, Invalid role: use 1-2 words (letters/numbers) with hyphens/underscores "
                                        + "allowed; max 50 chars", "input", "too many role words"),
                        ordered("type", "value_error", "loc", List.of("body", "hostname"),
                                "msg", "Value error, hostname contains control characters", "input", "h\u0001"),
                        ordered("type", "value_error", "loc", List.of("body", "workspace_path"),
                                "msg", "Value error, workspace_path contains control characters", "input", "/p\r")))));
        assertBody(client.post(PATH, register("repo_origin", APP, "role", "r".repeat(51), "hostname", "h".repeat(256),
                        "workspace_path", "p".repeat(4097)), Map.of()), 422,
                json(ordered("detail", List.of(
                        ordered("type", "string_too_long", "loc", List.of("body", "role"),
                                "msg", "String should have at most 50 characters", "input", "r".repeat(51),
                                "ctx", ordered("max_length", 50)),
                        ordered("type", "string_too_long", "loc", List.of("body", "hostname"),
                                "msg", "String should have at most 255 characters", "input", "h".repeat(256),
                                "ctx", ordered("max_length", 255)),
                        ordered("type", "string_too_long", "loc", List.of("body", "workspace_path"),
                                "msg", "String should have at most 4096 characters", "input", "p".repeat(4097),
                                "ctx", ordered("max_length", 4096))))));
        assertThat(everyWorkspaceAndRepo()).isEqualTo(before);
    }
}
