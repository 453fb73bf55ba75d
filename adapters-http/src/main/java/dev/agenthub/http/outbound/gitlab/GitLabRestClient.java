package dev.agenthub.http.outbound.gitlab;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agenthub.http.outbound.forge.ForgeHttp;
import dev.agenthub.orchestration.forge.ForgeRepo;
import dev.agenthub.orchestration.forge.ForgeRepos;
import dev.agenthub.orchestration.forge.port.ForgeClient;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link ForgeClient} on the GitLab REST API v4 (wire spec agenthub §10.2, §14 D6), gitlab.com or self-hosted (base
 * URL {@code https://host/api/v4}). Headers {@code PRIVATE-TOKEN: <token>} and {@code Accept: application/json};
 * 15 s per call. A 409 on create is the already-exists failure. Safe for concurrent use; {@link #close()} releases
 * the HTTP client.
 */
public final class GitLabRestClient implements ForgeClient, AutoCloseable {

    public static final String DEFAULT_BASE_URL = "https://gitlab.com/api/v4";

    private final boolean configured;
    private final ForgeHttp http;

    public GitLabRestClient(URI baseUrl, Optional<String> token) {
        Objects.requireNonNull(token, "token");
        this.configured = token.filter(t -> !t.isBlank()).isPresent();
        Map<String, String> headers = new LinkedHashMap<>();
        token.filter(t -> !t.isBlank()).ifPresent(t -> headers.put("PRIVATE-TOKEN", t));
        headers.put("Accept", "application/json");
        this.http = new ForgeHttp(baseUrl, headers, ForgeHttp.TIMEOUT);
    }

    @Override
    public boolean configured() {
        return configured;
    }

    @Override
    public RemoteObject create(ForgeRepo repo, String sourceBranch, String targetBranch, String title, String body) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("source_branch", sourceBranch);
        json.put("target_branch", targetBranch);
        json.put("title", title);
        json.put("description", body);
        return mergeRequest(http.send("POST", repo.apiPath() + "/merge_requests", json, f -> f.status() == 409));
    }

    @Override
    public Optional<RemoteObject> findOpen(ForgeRepo repo, String sourceBranch, String targetBranch) {
        JsonNode list = http.send("GET", repo.apiPath() + "/merge_requests?source_branch="
                + ForgeRepos.encodeComponent(sourceBranch) + "&target_branch=" + ForgeRepos.encodeComponent(targetBranch)
                + "&state=opened", null, f -> false);
        return list.isArray() && !list.isEmpty() ? Optional.of(mergeRequest(list.get(0))) : Optional.empty();
    }

    @Override
    public RemoteObject update(ForgeRepo repo, long iid, String title, String body, boolean close) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("title", title);
        json.put("description", body);
        if (close) {
            json.put("state_event", "close");
        }
        return mergeRequest(http.send("PUT", repo.apiPath() + "/merge_requests/" + iid, json, f -> false));
    }

    @Override
    public void comment(ForgeRepo repo, long issue, String body) {
        http.send("POST", repo.apiPath() + "/issues/" + issue + "/notes", Map.of("body", body), f -> false);
    }

    @Override
    public Optional<String> status(ForgeRepo repo, String sha, String state, String context, String description,
                                   Optional<String> targetUrl) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("state", state);
        json.put("name", context);
        json.put("description", description);
        targetUrl.ifPresent(url -> json.put("target_url", url));
        JsonNode answer = http.send("POST", repo.apiPath() + "/statuses/" + ForgeRepos.encodeComponent(sha), json,
                f -> false);
        String status = ForgeHttp.text(answer, "status");
        return Optional.ofNullable(status != null ? status : ForgeHttp.text(answer, "state"));
    }

    private static RemoteObject mergeRequest(JsonNode node) {
        return new RemoteObject(ForgeHttp.number(node, "iid"), Optional.ofNullable(ForgeHttp.text(node, "web_url")));
    }

    @Override
    public void close() {
        http.close();
    }

    @Override
    public String toString() {
        return "GitLabRestClient[configured=" + configured + "]";
    }
}
