package dev.agenthub.it.autopilot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agenthub.it.autopilot.FakeForge.Reply;
import dev.agenthub.it.autopilot.FakeForge.Request;
import dev.agenthub.it.support.HttpProbe;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Forge sync end to end (wire spec agenthub §10, §14 D6): PRs made by a real autopilot cycle on a local git remote,
 * the project's {@code repo_url} then pointed at a GitHub- or GitLab-shaped URL (the cycle needs a reachable remote,
 * the sync only parses the URL), and the forges played by a recording local HTTP server.
 */
class ForgeSyncWireTest extends AutopilotHubTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String GH_TOKEN = "ghp-test-secret-token";
    private static final String GL_TOKEN = "glpat-test-secret-token";
    private static final String GH = "/api/v3/repos/acme/widgets";
    private static final String GL = "/api/v4/projects/platform%2Fbackend%2Fapi";

    private FakeForge forge;

    @BeforeEach
    void startForge() {
        forge = new FakeForge();
    }

    @AfterEach
    void stopForge() {
        forge.close();
    }

    /** A hub whose forges are the fake (GitHub Enterprise style base with a path prefix), tests failing. */
    private HttpProbe forgeHub(Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(Map.of(
                "GITHUB_TOKEN", GH_TOKEN, "GITLAB_TOKEN", GL_TOKEN,
                "GITHUB_API_BASE_URL", forge.url("/api/v3"), "GITLAB_API_BASE_URL", forge.url("/api/v4/"),
                "AGENT_HUB_TEST_CMD", "exit 1"));
        env.putAll(extra);
        return hub(env);
    }

    /** A project with three PRs from one cycle, then re-pointed at {@code repoUrl}; the PRs, oldest first. */
    private List<JsonNode> projectWithPullRequests(HttpProbe http, String repoUrl) {
        long project = project(http);
        objective(http, project);
        JsonNode created = run(http, project, 3).get("created_prs");
        assertThat(created).hasSize(3);
        setRepoUrl(project, repoUrl);
        java.util.ArrayList<JsonNode> prs = new java.util.ArrayList<>();
        created.forEach(pr -> prs.add(ok(http.get("/projects/" + project + "/pull-requests/" + pr.get("id").asLong()))));
        return prs;
    }

    private void setRepoUrl(long project, String repoUrl) {
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement update = connection.prepareStatement(
                     "UPDATE orchestration.projects SET repo_url = ? WHERE id = ?")) {
            update.setString(1, repoUrl);
            update.setLong(2, project);
            assertThat(update.executeUpdate()).isEqualTo(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha(JsonNode pr, String key) {
        Matcher m = Pattern.compile("(?m)^- " + key + ": (\\S+)$").matcher(pr.get("description").asText());
        assertThat(m.find()).as(pr.get("description").asText()).isTrue();
        return m.group(1);
    }

    private static String syncPath(JsonNode pr, String forgeName) {
        return "/projects/" + pr.get("project_id").asLong() + "/pull-requests/" + pr.get("id").asLong() + "/"
                + forgeName + "/sync";
    }

    private static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String enc(String text) {
        return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Test
    void gitHubFirstSyncCreatesCommentsAndPostsThePendingStatusThenLaterSyncsUpdate() {
        HttpProbe http = forgeHub(Map.of());
        JsonNode pr = projectWithPullRequests(http, "https://github.com/acme/widgets").get(0);
        String commit = sha(pr, "commit");
        forge.once("POST " + GH + "/pulls", Reply.json(201,
                        "{\"number\":42,\"html_url\":\"https://ghe.example/acme/widgets/pull/42\"}"))
                .always("POST " + GH + "/issues/7/comments", Reply.json(201, "{\"id\":1}"))
                .always("POST " + GH + "/statuses/" + commit, Reply.json(201, "{\"state\":\"pending\"}"))
                .always("PATCH " + GH + "/pulls/42", Reply.json(200,
                        "{\"number\":42,\"html_url\":\"https://ghe.example/acme/widgets/pull/42\"}"));
        String body = "{\"issue_number\":7,\"comment_body\":\"Synced by Agent Hub\",\"target_url\":\"https://ci.example/1\"}";

        JsonNode first = post(http, syncPath(pr, "github"), body);

        assertThat(first).isEqualTo(json("{\"owner\":\"acme\",\"repo\":\"widgets\",\"github_pr_number\":42,"
                + "\"github_pr_url\":\"https://ghe.example/acme/widgets/pull/42\",\"commit_status_state\":\"pending\","
                + "\"created\":true}"));
        List<Request> calls = forge.requests();
        assertThat(calls).extracting(Request::key).containsExactly("POST " + GH + "/pulls",
                "POST " + GH + "/issues/7/comments", "POST " + GH + "/statuses/" + commit);
        for (Request call : calls) {
            assertThat(call.headers()).containsEntry("accept", "application/vnd.github+json")
                    .containsEntry("authorization", "Bearer " + GH_TOKEN)
                    .containsEntry("x-github-api-version", "2022-11-28")
                    .containsEntry("content-type", "application/json");
        }
        JsonNode create = calls.get(0).json();
        assertThat(create).isEqualTo(MAPPER.createObjectNode().put("head", pr.get("source_branch").asText())
                .put("base", "main").put("title", pr.get("title").asText()).put("body", pr.get("description").asText()));
        assertThat(calls.get(1).json()).isEqualTo(json("{\"body\":\"Synced by Agent Hub\"}"));
        assertThat(calls.get(2).json()).isEqualTo(json("{\"state\":\"pending\",\"context\":\"agent-hub/autopilot\","
                + "\"description\":\"Agent Hub autopilot sync\",\"target_url\":\"https://ci.example/1\"}"));
        JsonNode detail = ok(http.get("/projects/" + pr.get("project_id").asLong() + "/pull-requests/" + pr.get("id").asLong()));
        assertThat(detail.get("remote")).isEqualTo(json(
                "{\"github\":{\"number\":42,\"url\":\"https://ghe.example/acme/widgets/pull/42\"}}"));

        forge.clear();
        JsonNode second = post(http, syncPath(pr, "github"), body);

        assertThat(second.get("created").asBoolean()).isFalse();
        assertThat(second.get("github_pr_number").asLong()).isEqualTo(42);
        assertThat(forge.requests()).extracting(Request::key)
                .containsExactly("PATCH " + GH + "/pulls/42", "POST " + GH + "/statuses/" + commit);
        assertThat(forge.requests().get(0).json()).isEqualTo(MAPPER.createObjectNode()
                .put("title", pr.get("title").asText()).put("body", pr.get("description").asText()));
        // a different comment body is a new comment; no target_url means none is sent
        forge.clear();
        post(http, syncPath(pr, "github"), "{\"issue_number\":7,\"comment_body\":\"Second note\"}");
        assertThat(forge.requests()).extracting(Request::key).containsExactly("PATCH " + GH + "/pulls/42",
                "POST " + GH + "/issues/7/comments", "POST " + GH + "/statuses/" + commit);
        assertThat(forge.requests().get(2).json().has("target_url")).isFalse();
    }

    @Test
    void gitHubAdoptsAnExistingPullRequestAndAClosedPullRequestIsClosedRemotely() {
        HttpProbe http = forgeHub(Map.of());
        JsonNode pr = projectWithPullRequests(http, "git@github.com:acme/widgets.git").get(1);
        String branch = pr.get("source_branch").asText();
        forge.once("POST " + GH + "/pulls", Reply.json(422, "{\"message\":\"Validation Failed\",\"errors\":[{"
                        + "\"resource\":\"PullRequest\",\"code\":\"custom\",\"message\":\"A pull request already exists "
                        + "for acme:" + branch + ".\"}]}"))
                .always("GET " + GH + "/pulls", Reply.json(200, "[{\"number\":5,\"html_url\":\"https://gh/pull/5\"}]"))
                .always("POST " + GH + "/statuses/" + sha(pr, "commit"), Reply.json(201, "{\"state\":\"pending\"}"));

        JsonNode adopted = post(http, syncPath(pr, "github"), "");

        assertThat(adopted.get("created").asBoolean()).isFalse();
        assertThat(adopted.get("github_pr_number").asLong()).isEqualTo(5);
        assertThat(adopted.get("github_pr_url").asText()).isEqualTo("https://gh/pull/5");
        Request lookup = forge.requests("GET " + GH + "/pulls").get(0);
        assertThat(lookup.query()).isEqualTo("head=" + enc("acme:" + branch) + "&base=main&state=open");

        long project = pr.get("project_id").asLong();
        post(http, "/projects/" + project + "/pull-requests/" + pr.get("id").asLong() + "/close", "{}");
        forge.clear();
        forge.always("PATCH " + GH + "/pulls/5", Reply.json(200, "{\"number\":5,\"html_url\":\"https://gh/pull/5\"}"))
                .always("POST " + GH + "/statuses/" + sha(pr, "commit"), Reply.json(201, "{\"state\":\"failure\"}"));

        JsonNode closed = post(http, syncPath(pr, "github"), "{}");

        assertThat(closed.get("commit_status_state").asText()).isEqualTo("failure");
        assertThat(forge.requests("PATCH " + GH + "/pulls/5").get(0).json().get("state").asText()).isEqualTo("closed");
        assertThat(forge.requests("POST " + GH + "/statuses/" + sha(pr, "commit")).get(0).json().get("state").asText())
                .isEqualTo("failure");
        assertThat(forge.requests("POST " + GH + "/pulls")).isEmpty();
    }

    @Test
    void aMergedPullRequestReportsSuccessForTheMergedSha() {
        HttpProbe http = forgeHub(Map.of("AGENT_HUB_TEST_CMD", ""));
        JsonNode pr = projectWithPullRequests(http, "https://github.com/acme/widgets").get(0);
        assertThat(pr.get("status").asText()).isEqualTo("merged");
        String merged = sha(pr, "merged_sha");
        forge.once("POST " + GH + "/pulls", Reply.json(201, "{\"number\":1,\"html_url\":null}"))
                .always("POST " + GH + "/statuses/" + merged, Reply.json(201, "{\"state\":\"success\"}"));

        JsonNode result = post(http, syncPath(pr, "github"), "{\"status_context\":\"ci/x\",\"status_description\":\"d\"}");

        assertThat(result.get("commit_status_state").asText()).isEqualTo("success");
        assertThat(result.get("github_pr_url").isNull()).isTrue();
        assertThat(forge.requests("POST " + GH + "/statuses/" + merged).get(0).json())
                .isEqualTo(json("{\"state\":\"success\",\"context\":\"ci/x\",\"description\":\"d\"}"));
    }

    @Test
    void forgeErrorsAre502WithTheDetailRule() {
        HttpProbe http = forgeHub(Map.of());
        List<JsonNode> prs = projectWithPullRequests(http, "https://github.com/acme/widgets");
        String url = forge.url("/api/v3/repos/acme/widgets/pulls");
        forge.once("POST " + GH + "/pulls",
                Reply.json(422, "{\"message\":\"Validation Failed\",\"errors\":[{\"field\":\"head\",\"code\":\"invalid\"}]}"),
                Reply.json(500, "upstream exploded"),
                Reply.json(502, ""),
                Reply.json(403, "{\"message\":\"Resource not accessible\",\"errors\":null}"));

        assertThat(detail(http.send("POST", syncPath(prs.get(0), "github"), "{}", JSON), 502)).isEqualTo(
                "GitHub API request failed [422] POST " + url
                        + ": Validation Failed; errors=[{\"field\":\"head\",\"code\":\"invalid\"}]");
        assertThat(detail(http.send("POST", syncPath(prs.get(0), "github"), "{}", JSON), 502)).isEqualTo(
                "GitHub API request failed [500] POST " + url + ": upstream exploded");
        assertThat(detail(http.send("POST", syncPath(prs.get(0), "github"), "{}", JSON), 502)).isEqualTo(
                "GitHub API request failed [502] POST " + url + ": empty response body");
        String failed = detail(http.send("POST", syncPath(prs.get(0), "github"), "{}", JSON), 502);
        assertThat(failed).isEqualTo("GitHub API request failed [403] POST " + url + ": Resource not accessible")
                .doesNotContain(GH_TOKEN);
        assertThat(ok(http.get("/projects/" + prs.get(0).get("project_id").asLong() + "/pull-requests/"
                + prs.get(0).get("id").asLong())).get("remote")).isEmpty();
    }

    @Test
    void theLinkIsSavedBeforeAFailingStatusSoARetryDoesNotCreateTwice() {
        HttpProbe http = forgeHub(Map.of());
        JsonNode pr = projectWithPullRequests(http, "https://github.com/acme/widgets").get(2);
        String status = "POST " + GH + "/statuses/" + sha(pr, "commit");
        forge.always("POST " + GH + "/pulls", Reply.json(201, "{\"number\":9,\"html_url\":\"u9\"}"))
                .always("PATCH " + GH + "/pulls/9", Reply.json(200, "{\"number\":9,\"html_url\":\"u9\"}"))
                .once(status, Reply.json(500, "{\"message\":\"boom\"}"))
                .always(status, Reply.json(201, "{\"state\":\"pending\"}"));

        assertThat(detail(http.send("POST", syncPath(pr, "github"), "{}", JSON), 502))
                .startsWith("GitHub API request failed [500] POST " + forge.url(GH.substring(0) + "/statuses/"))
                .endsWith(": boom");
        assertThat(ok(http.get("/projects/" + pr.get("project_id").asLong() + "/pull-requests/" + pr.get("id").asLong()))
                .get("remote")).isEqualTo(json("{\"github\":{\"number\":9,\"url\":\"u9\"}}"));

        JsonNode retry = post(http, syncPath(pr, "github"), "{}");

        assertThat(retry.get("created").asBoolean()).isFalse();
        assertThat(retry.get("commit_status_state").asText()).isEqualTo("pending");
        assertThat(forge.requests("POST " + GH + "/pulls")).hasSize(1);
    }

    @Test
    void twoConcurrentFirstSyncsCreateOneRemotePullRequest() {
        HttpProbe http = forgeHub(Map.of());
        JsonNode pr = projectWithPullRequests(http, "https://github.com/acme/widgets").get(0);
        forge.always("POST " + GH + "/pulls", new Reply(201, "{\"number\":3,\"html_url\":\"u3\"}", 300))
                .always("PATCH " + GH + "/pulls/3", Reply.json(200, "{\"number\":3,\"html_url\":\"u3\"}"))
                .always("POST " + GH + "/statuses/" + sha(pr, "commit"), Reply.json(201, "{\"state\":\"pending\"}"));

        List<CompletableFuture<JsonNode>> syncs = List.of(
                CompletableFuture.supplyAsync(() -> post(http, syncPath(pr, "github"), "{}")),
                CompletableFuture.supplyAsync(() -> post(http, syncPath(pr, "github"), "{}")));

        List<JsonNode> answers = syncs.stream().map(CompletableFuture::join).toList();
        assertThat(forge.requests("POST " + GH + "/pulls")).hasSize(1);
        assertThat(answers).extracting(a -> a.get("created").asBoolean()).containsExactlyInAnyOrder(true, false);
        assertThat(answers).extracting(a -> a.get("github_pr_number").asLong()).containsOnly(3L);
    }

    @Test
    void connectionRefusedIs502() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        HttpProbe http = forgeHub(Map.of("GITHUB_API_BASE_URL", "http://127.0.0.1:" + closedPort));
        JsonNode pr = projectWithPullRequests(http, "https://github.com/acme/widgets").get(0);

        assertThat(detail(http.send("POST", syncPath(pr, "github"), "{}", JSON), 502)).startsWith(
                "GitHub API request failed [no response] POST http://127.0.0.1:" + closedPort
                        + "/repos/acme/widgets/pulls: connection failed");
    }

    @Test
    void missingTokensBadRepoUrlsBadBodiesAndOtherProjectsPullRequests() {
        HttpProbe http = hub(Map.of("AGENT_HUB_TEST_CMD", "exit 1", "GITHUB_API_BASE_URL", forge.url("")));
        long project = project(http);
        objective(http, project);
        JsonNode pr = run(http, project, 1).get("created_prs").get(0);

        // the project still points at the local remote: not a forge URL
        assertThat(detail(http.send("POST", syncPath(pr, "github"), "{}", JSON), 422)).isEqualTo(
                "Unsupported repository URL scheme ``; expected https:// or git@ URL");
        setRepoUrl(project, "https://github.com/acme");
        assertThat(detail(http.send("POST", syncPath(pr, "github"), "{}", JSON), 422)).isEqualTo(
                "Repository URL must point to owner/repo: https://github.com/acme");
        assertThat(detail(http.send("POST", syncPath(pr, "gitlab"), "{}", JSON), 422)).isEqualTo(
                "Repository URL must include group/project path: https://github.com/acme");
        setRepoUrl(project, "ssh://git@github.com/acme/widgets");
        assertThat(detail(http.send("POST", syncPath(pr, "github"), "{}", JSON), 422)).isEqualTo(
                "Unsupported repository URL scheme `ssh`; expected https:// or git@ URL");
        setRepoUrl(project, "https://github.com/acme/widgets");
        assertThat(detail(http.send("POST", syncPath(pr, "github"), "{}", JSON), 422)).contains("GITHUB_TOKEN");
        assertThat(detail(http.send("POST", syncPath(pr, "gitlab"), "{}", JSON), 422)).contains("GITLAB_TOKEN");

        HttpProbe.Response invalid = http.send("POST", syncPath(pr, "github"),
                "{\"issue_number\":0,\"comment_body\":5}", JSON);
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.json().get("detail").get(0).get("loc").toString()).isEqualTo("[\"body\",\"issue_number\"]");
        assertThat(invalid.json().get("detail").get(0).get("type").asText()).isEqualTo("greater_than_equal");
        assertThat(invalid.json().get("detail").get(1).get("loc").toString()).isEqualTo("[\"body\",\"comment_body\"]");
        HttpProbe.Response iid = http.send("POST", syncPath(pr, "gitlab"), "{\"issue_iid\":-1}", JSON);
        assertThat(iid.json().get("detail").get(0).get("loc").toString()).isEqualTo("[\"body\",\"issue_iid\"]");

        long other = project(http);
        assertThat(detail(http.send("POST", "/projects/" + other + "/pull-requests/" + pr.get("id").asLong()
                + "/github/sync", "{}", JSON), 404)).isEqualTo("Pull request not found");
        assertThat(forge.requests()).isEmpty();
    }

    @Test
    void gitLabSubgroupProjectCreatesNotesAndStatusesThenUpdatesAndCloses() {
        HttpProbe http = forgeHub(Map.of());
        JsonNode pr = projectWithPullRequests(http, "https://gitlab.example/platform/backend/api/-/tree/main").get(0);
        String commit = sha(pr, "commit");
        String mr = "{\"iid\":9,\"web_url\":\"https://gitlab.example/platform/backend/api/-/merge_requests/9\"}";
        forge.once("POST " + GL + "/merge_requests", Reply.json(201, mr))
                .always("POST " + GL + "/issues/3/notes", Reply.json(201, "{\"id\":1}"))
                .once("POST " + GL + "/statuses/" + commit, Reply.json(201, "{\"status\":\"pending\",\"state\":\"x\"}"))
                .always("POST " + GL + "/statuses/" + commit, Reply.json(201, "{\"state\":\"failed\"}"))
                .always("PUT " + GL + "/merge_requests/9", Reply.json(200, mr));
        String body = "{\"issue_iid\":3,\"comment_body\":\"Synced\"}";

        JsonNode first = post(http, syncPath(pr, "gitlab"), body);

        assertThat(first).isEqualTo(json("{\"project_path\":\"platform/backend/api\",\"gitlab_mr_iid\":9,"
                + "\"gitlab_mr_url\":\"https://gitlab.example/platform/backend/api/-/merge_requests/9\","
                + "\"commit_status_state\":\"pending\",\"created\":true}"));
        List<Request> calls = forge.requests();
        assertThat(calls).extracting(Request::key).containsExactly("POST " + GL + "/merge_requests",
                "POST " + GL + "/issues/3/notes", "POST " + GL + "/statuses/" + commit);
        for (Request call : calls) {
            assertThat(call.headers()).containsEntry("private-token", GL_TOKEN).containsEntry("accept", "application/json")
                    .doesNotContainKey("authorization");
        }
        assertThat(calls.get(0).json()).isEqualTo(MAPPER.createObjectNode()
                .put("source_branch", pr.get("source_branch").asText()).put("target_branch", "main")
                .put("title", pr.get("title").asText()).put("description", pr.get("description").asText()));
        assertThat(calls.get(1).json()).isEqualTo(json("{\"body\":\"Synced\"}"));
        assertThat(calls.get(2).json()).isEqualTo(json("{\"state\":\"pending\",\"name\":\"agent-hub/autopilot\","
                + "\"description\":\"Agent Hub autopilot sync\"}"));

        long project = pr.get("project_id").asLong();
        post(http, "/projects/" + project + "/pull-requests/" + pr.get("id").asLong() + "/close", "{}");
        forge.clear();
        JsonNode second = post(http, syncPath(pr, "gitlab"), body);

        assertThat(second.get("created").asBoolean()).isFalse();
        assertThat(second.get("commit_status_state").asText()).isEqualTo("failed");
        assertThat(forge.requests()).extracting(Request::key)
                .containsExactly("PUT " + GL + "/merge_requests/9", "POST " + GL + "/statuses/" + commit);
        assertThat(forge.requests().get(0).json()).isEqualTo(MAPPER.createObjectNode()
                .put("title", pr.get("title").asText()).put("description", pr.get("description").asText())
                .put("state_event", "close"));
        assertThat(forge.requests().get(1).json().get("state").asText()).isEqualTo("failed");
        assertThat(ok(http.get("/projects/" + project + "/pull-requests/" + pr.get("id").asLong())).get("remote"))
                .isEqualTo(json("{\"gitlab\":{\"iid\":9,\"url\":"
                        + "\"https://gitlab.example/platform/backend/api/-/merge_requests/9\"}}"));
    }

    @Test
    void gitLabAdoptsOn409AndReportsErrorsAsGitLab() {
        HttpProbe http = forgeHub(Map.of());
        List<JsonNode> prs = projectWithPullRequests(http, "git@gitlab.example:platform/backend/api.git");
        JsonNode pr = prs.get(0);
        String branch = pr.get("source_branch").asText();
        forge.once("POST " + GL + "/merge_requests",
                        Reply.json(409, "{\"message\":[\"Another open merge request already exists for this source branch: !4\"]}"))
                .always("GET " + GL + "/merge_requests", Reply.json(200, "[{\"iid\":4,\"web_url\":\"w4\"}]"))
                .always("POST " + GL + "/statuses/" + sha(pr, "commit"), Reply.json(201, "{\"status\":\"pending\"}"));

        JsonNode adopted = post(http, syncPath(pr, "gitlab"), "{}");

        assertThat(adopted.get("created").asBoolean()).isFalse();
        assertThat(adopted.get("gitlab_mr_iid").asLong()).isEqualTo(4);
        assertThat(forge.requests("GET " + GL + "/merge_requests").get(0).query())
                .isEqualTo("source_branch=" + enc(branch) + "&target_branch=main&state=opened");

        forge.once("POST " + GL + "/merge_requests", Reply.json(401, "{\"message\":\"401 Unauthorized\"}"));
        assertThat(detail(http.send("POST", syncPath(prs.get(1), "gitlab"), "{}", JSON), 502)).isEqualTo(
                "GitLab API request failed [401] POST " + forge.url(GL + "/merge_requests") + ": 401 Unauthorized");
    }

    private static String detail(HttpProbe.Response response, int status) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        return response.json().get("detail").asText();
    }
}
