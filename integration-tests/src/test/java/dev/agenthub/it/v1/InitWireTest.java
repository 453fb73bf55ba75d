package dev.agenthub.it.v1;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agenthub.it.support.HttpProbe.Response;
import dev.agenthub.it.support.V1Client;
import dev.agenthub.it.support.V1HubTest;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;

import static dev.agenthub.it.support.V1Client.assertBody;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code POST /v1/init} (wire spec §4.1, identity and workspace parts, with §14 F2, F3 and F7), whole bodies compared. */
class InitWireTest extends V1HubTest {

    private static final String NOW_TEXT = "2026-02-07T11:14:49.123456+00:00";

    @Test
    void aNewAliasCreatesProjectAgentAndKey() throws SQLException {
        Response response = client.post("/v1/init", """
                {"project_slug":"init-demo","alias":"carol-dev","human_name":"Carol","lifetime":"persistent","email":"c@example.com"}""", Map.of());
        JsonNode body = response.json();
        String key = body.get("api_key").asText();
        assertThat(key).matches("aw_sk_[0-9a-f]{64}");
        String projectId = body.get("project_id").asText();
        String agentId = body.get("agent_id").asText();
        assertBody(response, 200, """
                {"status":"ok","created_at":"%s","api_key":"%s","project_id":"%s","project_slug":"init-demo",
                 "agent_id":"%s","repo_id":null,"canonical_origin":null,"workspace_id":null,"alias":"carol-dev",
                 "created":true,"workspace_created":false,"did":null,"custody":null,"lifetime":"persistent"}"""
                .formatted(NOW_TEXT, key, projectId, agentId));
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT key_hash, key_prefix, is_active FROM protocol.api_keys WHERE agent_id = ?")) {
            query.setObject(1, UUID.fromString(agentId));
            try (ResultSet row = query.executeQuery()) {
                assertThat(row.next()).isTrue();
                assertThat(row.getString("key_hash")).isEqualTo(sha256(key)).doesNotContain(key);
                assertThat(row.getString("key_prefix")).isEqualTo(key.substring(0, 12));
                assertThat(row.getBoolean("is_active")).isTrue();
                assertThat(row.next()).as("one key per init").isFalse();
            }
        }
    }

    @Test
    void withoutAnAliasTheFirstFreeBareClassicNameIsAllocated() {
        V1Client.Identity first = client.init("init-alloc", null);
        V1Client.Identity second = client.init("init-alloc", null);
        client.init("init-alloc", "charlie-reviewer");
        V1Client.Identity fourth = client.init("init-alloc", null);
        assertThat(first.alias()).isEqualTo("alice");
        assertThat(second.alias()).isEqualTo("bob");
        assertThat(fourth.alias()).as("charlie is taken by charlie-reviewer").isEqualTo("dave");
        assertThat(second.projectId()).isEqualTo(first.projectId());
    }

    @Test
    void anExistingAliasWithoutItsOwnKeyIs409AliasExists() {
        V1Client.Identity owner = client.init("init-f2", "bob-developer");
        V1Client.Identity other = client.init("init-f2", "eve");
        String body = "{\"project_slug\":\"init-f2\",\"alias\":\"bob-developer\"}";
        String expected = "{\"detail\":\"alias_exists: alias 'bob-developer' is already registered in project 'init-f2'. "
                + "Choose another alias or re-run with that agent's API key.\"}";
        assertBody(client.post("/v1/init", body, Map.of()), 409, expected);
        assertBody(client.post("/v1/init", body, other.bearer()), 409, expected);
        assertBody(client.post("/v1/init", body, Map.of("Authorization", "Bearer aw_sk_" + "0".repeat(64))), 401,
                "{\"detail\":\"Invalid API key\"}");

        Response reinit = client.post("/v1/init", body, owner.bearer());
        assertThat(reinit.status()).isEqualTo(200);
        assertThat(reinit.json().get("agent_id").asText()).isEqualTo(owner.agentId());
        assertThat(reinit.json().get("created").asBoolean()).isFalse();
        String newKey = reinit.json().get("api_key").asText();
        assertThat(newKey).isNotEqualTo(owner.apiKey());
        // both keys stay active
        assertThat(client.get("/v1/auth/introspect", owner.bearer()).status()).isEqualTo(200);
        assertThat(client.get("/v1/auth/introspect", Map.of("Authorization", "Bearer " + newKey)).status()).isEqualTo(200);
    }

    @Test
    void validationIsListShapedAndNamesEveryField() {
        assertBody(client.post("/v1/init", """
                {"project_slug":"bad slug!","alias":"-x","lifetime":"forever","project_id":"nope","role":"a b c","from_alias":"z"}""", Map.of()),
                422, """
                {"detail":[
                 {"type":"value_error","loc":["body","project_slug"],"msg":"Value error, Invalid project_slug format","input":"bad slug!"},
                 {"type":"value_error","loc":["body","alias"],"msg":"Value error, Invalid alias format","input":"-x"},
                 {"type":"literal_error","loc":["body","lifetime"],"msg":"Input should be 'persistent' or 'ephemeral'","input":"forever","ctx":{"expected":"'persistent' or 'ephemeral'"}},
                 {"type":"value_error","loc":["body","project_id"],"msg":"Value error, Invalid project_id format","input":"nope"},
                 {"type":"value_error","loc":["body","role"],"msg":"Value error, Invalid role: use 1-2 words (letters/numbers) with hyphens/underscores allowed; max 50 chars","input":"a b c"},
                 {"type":"extra_forbidden","loc":["body","from_alias"],"msg":"Extra inputs are not permitted","input":"z"}]}""");
        assertBody(client.post("/v1/init", "{\"alias\":\"" + "a".repeat(65) + "\"}", Map.of()), 422, """
                {"detail":[{"type":"string_too_long","loc":["body","alias"],"msg":"String should have at most 64 characters","input":"%s","ctx":{"max_length":64}}]}"""
                .formatted("a".repeat(65)));
        assertBody(client.post("/v1/init", "{\"project_slug\":\"x\",\"project_id\":\"" + UUID.randomUUID() + "\"}", Map.of()), 404,
                "{\"detail\":\"project_not_found: unknown project_id\"}");
        assertBody(client.post("/v1/init", "{}", Map.of()), 422, "{\"detail\":\"project_slug is required\"}");

        Response badOrigin = client.post("/v1/init", "{\"project_slug\":\"x\",\"repo_origin\":\"   \"}", Map.of());
        assertBody(badOrigin, 422, "{\"detail\":\"Invalid repo_origin: Empty origin URL\"}");
    }

    private static String initBody(Response response, String alias, boolean created, boolean workspaceCreated,
                                   String canonical) {
        JsonNode body = response.json();
        return """
                {"status":"ok","created_at":"%s","api_key":"%s","project_id":"%s","project_slug":"%s",
                 "agent_id":"%s","repo_id":"%s","canonical_origin":"%s","workspace_id":"%s","alias":"%s",
                 "created":%s,"workspace_created":%s,"did":null,"custody":null,"lifetime":"ephemeral"}"""
                .formatted(NOW_TEXT, body.get("api_key").asText(), body.get("project_id").asText(),
                        body.get("project_slug").asText(), body.get("agent_id").asText(), body.get("repo_id").asText(),
                        canonical, body.get("agent_id").asText(), alias, created, workspaceCreated);
    }

    /** The stored workspace row: alias, human_name, role, hostname, workspace_path, repo_id, deleted_at. */
    private Map<String, Object> workspaceRow(String workspaceId) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement query = connection.prepareStatement("SELECT alias, human_name, role, hostname, "
                     + "workspace_path, repo_id, project_id, deleted_at FROM hub.workspaces WHERE workspace_id = ?")) {
            query.setObject(1, UUID.fromString(workspaceId));
            try (ResultSet row = query.executeQuery()) {
                assertThat(row.next()).as("workspace " + workspaceId).isTrue();
                Map<String, Object> values = new java.util.LinkedHashMap<>();
                for (String column : new String[] {"alias", "human_name", "role", "hostname", "workspace_path",
                        "repo_id", "project_id", "deleted_at"}) {
                    values.put(column, row.getObject(column) == null ? null : row.getObject(column).toString());
                }
                return values;
            }
        }
    }

    @Test
    void aRepoOriginRegistersTheRepoAndCreatesTheWorkspace() throws SQLException {
        Response response = client.post("/v1/init", """
                {"project_slug":"init-ws","repo_origin":"git@github.com:init-ws/repo.git","role":"  Code   Reviewer ",
                 "human_name":"Ada","hostname":" box-1 ","workspace_path":"/home/ada/repo"}""", Map.of());
        assertBody(response, 200, initBody(response, "alice-code-reviewer", true, true, "github.com/init-ws/repo"));
        JsonNode body = response.json();
        assertBody(client.post("/v1/repos/lookup", "{\"origin_url\":\"https://github.com/init-ws/repo\"}", Map.of()), 200, """
                {"repo_id":"%s","project_id":"%s","project_slug":"init-ws","canonical_origin":"github.com/init-ws/repo","name":"repo"}"""
                .formatted(body.get("repo_id").asText(), body.get("project_id").asText()));
        Map<String, Object> expected = new java.util.LinkedHashMap<>();
        expected.put("alias", "alice-code-reviewer");
        expected.put("human_name", "Ada");
        expected.put("role", "code reviewer");
        expected.put("hostname", "box-1");
        expected.put("workspace_path", "/home/ada/repo");
        expected.put("repo_id", body.get("repo_id").asText());
        expected.put("project_id", body.get("project_id").asText());
        expected.put("deleted_at", null);
        assertThat(workspaceRow(body.get("workspace_id").asText())).isEqualTo(expected);
    }

    @Test
    void reInitFromTheSameRepoUpdatesTheWorkspaceAndKeepsAnOmittedRole() throws SQLException {
        Response first = client.post("/v1/init", """
                {"project_slug":"init-reinit","repo_origin":"git@github.com:init-reinit/repo.git","role":"developer",
                 "hostname":"box-1","workspace_path":"/w/1"}""", Map.of());
        JsonNode identity = first.json();
        Response again = client.post("/v1/init", """
                {"project_slug":"init-reinit","alias":"alice-developer","repo_origin":"https://github.com/init-reinit/repo.git",
                 "human_name":"Bea","hostname":"box-2","role":"  "}""",
                Map.of("Authorization", "Bearer " + identity.get("api_key").asText()));
        assertBody(again, 200, initBody(again, "alice-developer", false, false, "github.com/init-reinit/repo"));
        assertThat(again.json().get("agent_id").asText()).isEqualTo(identity.get("agent_id").asText());
        assertThat(again.json().get("repo_id").asText()).isEqualTo(identity.get("repo_id").asText());
        Map<String, Object> row = workspaceRow(identity.get("agent_id").asText());
        assertThat(row).containsEntry("role", "developer").containsEntry("human_name", "Bea")
                .containsEntry("hostname", "box-2").containsEntry("workspace_path", null);
    }

    @Test
    void reInitFromAnotherRepoIs409WorkspaceRepoMismatch() {
        Response first = client.post("/v1/init", """
                {"project_slug":"init-mismatch","repo_origin":"git@github.com:init-mismatch/one.git"}""", Map.of());
        JsonNode identity = first.json();
        assertBody(client.post("/v1/init", """
                {"project_slug":"init-mismatch","alias":"alice-agent","repo_origin":"git@github.com:init-mismatch/two.git"}""",
                Map.of("Authorization", "Bearer " + identity.get("api_key").asText())), 409, """
                {"detail":"workspace_repo_mismatch: alias 'alice-agent' (workspace_id=%s) is already registered for repo 'github.com/init-mismatch/one'. Cannot initialize the same agent for repo 'github.com/init-mismatch/two'. Choose a different alias (new agent/worktree) or initialize from the original repo."}"""
                .formatted(identity.get("agent_id").asText()));
        // nothing of the refused init stays: the second repo was not registered
        assertBody(client.post("/v1/repos/lookup", "{\"origin_url\":\"git@github.com:init-mismatch/two.git\"}", Map.of()),
                404, "{\"detail\":\"Repo not found: github.com/init-mismatch/two\"}");
    }

    @Test
    void anEmptySlugTakesTheProjectOfTheRegisteredRepo() {
        Response first = client.post("/v1/init", """
                {"project_slug":"init-noslug","repo_origin":"git@github.com:init-noslug/repo.git"}""", Map.of());
        Response second = client.post("/v1/init", """
                {"repo_origin":"https://github.com/init-noslug/repo.git","role":"qa"}""", Map.of());
        assertBody(second, 200, initBody(second, "bob-qa", true, true, "github.com/init-noslug/repo"));
        assertThat(second.json().get("project_slug").asText()).isEqualTo("init-noslug");
        assertThat(second.json().get("project_id").asText()).isEqualTo(first.json().get("project_id").asText());
        assertThat(second.json().get("repo_id").asText()).isEqualTo(first.json().get("repo_id").asText());
    }

    @Test
    void anEmptySlugWithAnUnregisteredRepoIsProjectNotFound() {
        assertBody(client.post("/v1/init", "{\"repo_origin\":\"https://github.com/init-unknown/repo.git\"}", Map.of()), 422,
                "{\"detail\":\"project_not_found: repo not registered\"}");
    }

    @Test
    void anUncanonicalisableRepoOriginIs422AndCreatesNothing() {
        assertBody(client.post("/v1/init", "{\"project_slug\":\"init-badorigin\",\"repo_origin\":\"nohost\"}", Map.of()), 422,
                "{\"detail\":\"Invalid repo_origin: Invalid git URL: nohost\"}");
        assertBody(client.post("/v1/agents/suggest-alias-prefix", "{\"project_slug\":\"init-badorigin\"}", Map.of()), 200,
                "{\"project_slug\":\"init-badorigin\",\"project_id\":null,\"name_prefix\":\"alice\"}");
    }

    @Test
    void hostedModeJoinsTheNamedProject() {
        V1Client.Identity first = client.init("init-hosted", "alice");
        Response response = client.post("/v1/init",
                "{\"project_slug\":\"ignored-slug\",\"project_id\":\"" + first.projectId().toUpperCase() + "\"}", Map.of());
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().get("project_slug").asText()).isEqualTo("init-hosted");
        assertThat(response.json().get("alias").asText()).isEqualTo("bob");
    }

    @Test
    void theSystemAgentTypeIsReserved() {
        assertBody(client.post("/v1/init", "{\"project_slug\":\"init-system\",\"agent_type\":\"system\"}", Map.of()), 422, """
                {"detail":[{"type":"value_error","loc":["body","agent_type"],"msg":"Value error, agent_type 'system' is reserved for the hub's notification sender","input":"system"}]}""");
        Response reviewer = client.post("/v1/init", "{\"project_slug\":\"init-system\",\"agent_type\":\"reviewer\"}", Map.of());
        assertThat(reviewer.status()).isEqualTo(200);
    }

    @Test
    void keysOfADeletedProjectNoLongerAuthenticateAndItsSlugIsFree() throws SQLException {
        V1Client.Identity alice = client.init("init-deleted", "alice");
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement delete = connection.prepareStatement("UPDATE protocol.projects SET deleted_at = now() WHERE project_id = ?")) {
            delete.setObject(1, UUID.fromString(alice.projectId()));
            assertThat(delete.executeUpdate()).isEqualTo(1);
        }
        assertBody(client.get("/v1/auth/introspect", alice.bearer()), 401, "{\"detail\":\"Invalid API key\"}");
        V1Client.Identity again = client.init("init-deleted", "alice");
        assertThat(again.projectId()).isNotEqualTo(alice.projectId());
    }

    static String sha256(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
