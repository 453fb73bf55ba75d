package dev.agenthub.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agenthub.it.support.HttpProbe.Response;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bdh client over {@link V1Client}: inits worktrees (identity + workspace) and sends the {@code /v1/bdh}
 * bodies the way bdh builds them (wire spec §4.5, §5.2).
 */
public final class Worktrees {

    private final V1Client client;

    public Worktrees(V1Client client) {
        this.client = client;
    }

    /** An initialised worktree: its key, workspace (= agent) id and alias, project and repo. */
    public record Worktree(String apiKey, String workspaceId, String alias, String humanName, String projectId,
                           String projectSlug, String repoId, String repoOrigin) {

        public Map<String, String> bearer() {
            return Map.of("Authorization", "Bearer " + apiKey);
        }
    }

    /** {@code POST /v1/init} with a repo, asserting success. */
    public Worktree init(String slug, String alias, String humanName, String repoOrigin, String role) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("project_slug", slug);
        body.put("alias", alias);
        body.put("human_name", humanName);
        body.put("repo_origin", repoOrigin);
        body.put("role", role);
        body.put("hostname", "host-" + alias);
        body.put("workspace_path", "/work/" + alias);
        Response response = client.post("/v1/init", V1Client.json(body), Map.of());
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode node = response.json();
        return new Worktree(node.get("api_key").asText(), node.get("workspace_id").asText(), node.get("alias").asText(),
                humanName, node.get("project_id").asText(), node.get("project_slug").asText(),
                node.get("repo_id").asText(), repoOrigin);
    }

    /** The identity fields of both bdh bodies, with {@code role} (null: omitted). */
    public static Map<String, Object> identity(Worktree worktree, String role) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("workspace_id", worktree.workspaceId());
        body.put("alias", worktree.alias());
        body.put("human_name", worktree.humanName());
        body.put("repo_origin", worktree.repoOrigin());
        if (role != null) {
            body.put("role", role);
        }
        return body;
    }

    /** {@code POST /v1/bdh/command}. */
    public Response command(Worktree worktree, String commandLine) {
        Map<String, Object> body = identity(worktree, null);
        body.put("command_line", commandLine);
        return client.post("/v1/bdh/command", V1Client.json(body), worktree.bearer());
    }

    /** A full sync of {@code jsonl}, triggered by {@code commandLine} (null: none). */
    public Response fullSync(Worktree worktree, String jsonl, String commandLine) {
        Map<String, Object> body = identity(worktree, null);
        body.put("sync_mode", "full");
        body.put("issues_jsonl", jsonl);
        body.put("sync_protocol_version", 1);
        if (commandLine != null) {
            body.put("command_line", commandLine);
        }
        return client.post("/v1/bdh/sync", V1Client.json(body), worktree.bearer());
    }

    /** An incremental sync of the changed issues and deleted ids, triggered by {@code commandLine} (null: none). */
    public Response incrementalSync(Worktree worktree, String changedJsonl, List<String> deletedIds, String commandLine) {
        Map<String, Object> body = identity(worktree, null);
        body.put("sync_mode", "incremental");
        if (changedJsonl != null) {
            body.put("changed_issues", changedJsonl);
        }
        body.put("deleted_ids", deletedIds);
        body.put("sync_protocol_version", 1);
        if (commandLine != null) {
            body.put("command_line", commandLine);
        }
        return client.post("/v1/bdh/sync", V1Client.json(body), worktree.bearer());
    }

    /** One beads JSONL line: an issue with these fields (values may be null, maps and lists). */
    public static String issue(Object... keysAndValues) {
        return V1Client.json(V1Client.ordered(keysAndValues));
    }

    /** Lines joined with newlines. */
    public static String jsonl(String... lines) {
        return String.join("\n", lines) + "\n";
    }
}
