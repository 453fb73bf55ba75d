package dev.agenthub.http.outbound.github;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agenthub.http.outbound.forge.ForgeHttp;
import dev.agenthub.orchestration.forge.ForgeRepo;
import dev.agenthub.orchestration.forge.ForgeRepos;
import dev.agenthub.orchestration.forge.port.ForgeClient;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link ForgeClient} on the GitHub REST API (wire spec agenthub §10.1, §14 D6), also GitHub Enterprise (a base URL
 * such as {@code https://ghe.example/api/v3}). Headers: {@code Accept: application/vnd.github+json},
 * {@code Authorization: Bearer <token>}, {@code X-GitHub-Api-Version: 2022-11-28}; 15 s per call. A 422 whose detail
 * contains "A pull request already exists" is the already-exists failure. Safe for concurrent use; {@link #close()}
 * releases the HTTP client.
 */
public final class GitHubRestClient implements ForgeClient, AutoCloseable {

    public static final String DEFAULT_BASE_URL = "https://api.github.com";
    static final String ALREADY_EXISTS = "a pull request already exists";

    private final boolean configured;
    private final ForgeHttp http;

    public GitHubRestClient(URI baseUrl, Optional<String> token) {
        Objects.requireNonNull(token, "token");
        this.configured = token.filter(t -> !t.isBlank()).isPresent();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", "application/vnd.github+json");
        token.filter(t -> !t.isBlank()).ifPresent(t -> headers.put("Authorization", "Bearer " + t));
        headers.put("X-GitHub-Api-Version", "2022-11-28");
        this.http = new ForgeHttp(baseUrl, headers, ForgeHttp.TIMEOUT);
    }

    @Override
    public boolean configured() {
        return configured;
    }

    @Override
    public RemoteObject create(ForgeRepo repo, String sourceBranch, String targetBranch, String title, String body) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("head", sourceBranch);
        json.put("base", targetBranch);
        json.put("title", title);
        json.put("body", body);
        return pull(http.send("POST", repo.apiPath() + "/pulls", json,
                f -> f.status() == 422 && f.detail().toLowerCase(Locale.ROOT).contains(ALREADY_EXISTS)));
    }

    @Override
    public Optional<RemoteObject> findOpen(ForgeRepo repo, String sourceBranch, String targetBranch) {
        JsonNode list = http.send("GET", repo.apiPath() + "/pulls?head="
                + ForgeRepos.encodeComponent(repo.owner() + ":" + sourceBranch)
                + "&base=" + ForgeRepos.encodeComponent(targetBranch) + "&state=open", null, f -> false);
        return list.isArray() && !list.isEmpty() ? Optional.of(pull(list.get(0))) : Optional.empty();
    }

    @Override
    public RemoteObject update(ForgeRepo repo, long number, String title, String body, boolean close) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("title", title);
        json.put("body", body);
        if (close) {
            json.put("state", "closed");
        }
        return pull(http.send("PATCH", repo.apiPath() + "/pulls/" + number, json, f -> false));
    }

    @Override
    public void comment(ForgeRepo repo, long issue, String body) {
        http.send("POST", repo.apiPath() + "/issues/" + issue + "/comments", Map.of("body", body), f -> false);
    }

    @Override
    public Optional<String> status(ForgeRepo repo, String sha, String state, String context, String description,
                                   Optional<String> targetUrl) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("state", state);
        json.put("context", context);
        json.put("description", description);
        targetUrl.ifPresent(url -> json.put("target_url", url));
        JsonNode answer = http.send("POST", repo.apiPath() + "/statuses/" + ForgeRepos.encodeComponent(sha), json,
                f -> false);
        return Optional.ofNullable(ForgeHttp.text(answer, "state"));
    }

    private static RemoteObject pull(JsonNode node) {
        return new RemoteObject(ForgeHttp.number(node, "number"), Optional.ofNullable(ForgeHttp.text(node, "html_url")));
    }

    @Override
    public void close() {
        http.close();
    }

    @Override
    public String toString() {
        return "GitHubRestClient[configured=" + configured + "]";
    }
}
