package dev.agenthub.http.outbound.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agenthub.orchestration.agents.AgentRole;
import dev.agenthub.orchestration.git.port.ChangeSet;
import dev.agenthub.orchestration.git.port.FileChange;
import dev.agenthub.orchestration.git.port.WorkspaceOverview;
import dev.agenthub.orchestration.providers.port.ChangeProvider.Proposal;
import dev.agenthub.orchestration.providers.port.ChangeProvider.ProviderFailure;
import dev.agenthub.orchestration.providers.port.ChangeProvider.ReviewRequest;
import dev.agenthub.orchestration.providers.port.ChangeProvider.SynthesisRequest;
import dev.agenthub.orchestration.providers.port.ChangeProvider.Verdict;
import dev.agenthub.orchestration.pulls.ReviewDecision;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OpenAiChatProviderTest {

    private static final String KEY = "sk-test-0123456789abcdef";
    private static final ObjectMapper JSON = new ObjectMapper();

    private FakeChatCompletions server;
    private OpenAiChatProvider provider;

    @BeforeEach
    void start() throws Exception {
        server = new FakeChatCompletions();
        provider = new OpenAiChatProvider(new OpenAiSettings(server.baseUrl(), KEY, "test-model", Duration.ofSeconds(30)));
    }

    @AfterEach
    void stop() {
        provider.close();
        server.close();
    }

    private static SynthesisRequest request() {
        List<String> paths = IntStream.range(0, 130).mapToObj(i -> "src/file" + i + ".py").toList();
        return new SynthesisRequest("demo", "coder-1", "agent/7-add-login", 7, "Add login", "Users can log in",
                "Ship authentication", new WorkspaceOverview(130, paths, "# Demo\n" + "r".repeat(2000)));
    }

    private static String answer(String json) {
        return json.replace('\'', '"');
    }

    @Test
    void fileChangesBecomeFileChangesWithTrimmedMessages() {
        server.answering(answer("{'file_changes': ["
                + "{'path': 'app/login.py', 'operation': 'upsert', 'content': 'def login():\\n    return True'},"
                + "{'path': 'old.txt', 'operation': 'DELETE'}],"
                + "'commit_message': 'Add login\\nwith details " + "x".repeat(80) + "',"
                + "'summary': '" + "s".repeat(200) + "'}"));

        Proposal proposal = provider.synthesize(request());

        assertThat(proposal.changes()).isEqualTo(new ChangeSet.FileChanges(List.of(
                FileChange.upsert("app/login.py", "def login():\n    return True"),
                FileChange.delete("old.txt"))));
        assertThat(proposal.commitMessage()).hasSize(72).startsWith("Add login with details xxx").doesNotContain("\n");
        assertThat(proposal.summary()).isEqualTo("s".repeat(180));
    }

    @Test
    void aPatchBecomesAUnifiedPatch() {
        String diff = "diff --git a/README.md b/README.md\n--- a/README.md\n+++ b/README.md\n@@ -1 +1 @@\n-old\n+new\n";
        server.answering(JSON.createObjectNode().put("patch", diff).put("commit_message", "Update readme")
                .put("summary", "Readme updated.").toString());

        Proposal proposal = provider.synthesize(request());

        assertThat(proposal.changes()).isEqualTo(new ChangeSet.UnifiedPatch(diff));
        assertThat(proposal.commitMessage()).isEqualTo("Update readme");
        assertThat(proposal.summary()).isEqualTo("Readme updated.");
    }

    @Test
    void pathsLoseDotAndDotDotSegments() {
        server.answering(answer("{'file_changes': ["
                + "{'path': '../../etc/passwd', 'operation': 'upsert', 'content': 'x'},"
                + "{'path': '/abs/./dir//a.py', 'operation': 'upsert', 'content': 'y'},"
                + "{'path': 'src\\\\..\\\\win.py', 'operation': 'delete', 'content': ''}],"
                + "'commit_message': 'm', 'summary': 's'}"));

        Proposal proposal = provider.synthesize(request());

        assertThat(((ChangeSet.FileChanges) proposal.changes()).changes()).extracting(FileChange::path)
                .containsExactly("etc/passwd", "abs/dir/a.py", "src/win.py");
        assertThat(OpenAiChatProvider.normalisePath("a/../b/./c")).isEqualTo("a/b/c");
        assertThatThrownBy(() -> OpenAiChatProvider.normalisePath("../..")).isInstanceOf(ProviderFailure.class);
    }

    @Test
    void theRequestCarriesTheSettingsAndTheContext() {
        server.answering(answer("{'patch': 'diff', 'commit_message': 'm', 'summary': 's'}"));

        provider.synthesize(request());

        assertThat(server.received()).hasSize(1);
        FakeChatCompletions.Received received = server.received().getFirst();
        assertThat(received.method()).isEqualTo("POST");
        assertThat(received.path()).isEqualTo("/v1/chat/completions");
        assertThat(received.authorization()).isEqualTo("Bearer " + KEY);
        assertThat(received.contentType()).isEqualTo("application/json");
        JsonNode body = received.body();
        assertThat(body.path("model").asText()).isEqualTo("test-model");
        assertThat(body.path("temperature").asDouble()).isEqualTo(0.2);
        assertThat(body.path("max_tokens").asInt()).isEqualTo(1200);
        assertThat(body.path("response_format").path("type").asText()).isEqualTo("json_object");
        assertThat(body.path("messages")).hasSize(2);
        assertThat(body.path("messages").path(0).path("role").asText()).isEqualTo("system");
        assertThat(body.path("messages").path(0).path("content").asText()).contains("file_changes").contains("patch");
        assertThat(body.path("messages").path(1).path("role").asText()).isEqualTo("user");
        JsonNode context = parse(body.path("messages").path(1).path("content").asText());
        assertThat(context.path("project").asText()).isEqualTo("demo");
        assertThat(context.path("agent").asText()).isEqualTo("coder-1");
        assertThat(context.path("branch").asText()).isEqualTo("agent/7-add-login");
        assertThat(context.path("work_item").path("id").asLong()).isEqualTo(7);
        assertThat(context.path("work_item").path("title").asText()).isEqualTo("Add login");
        assertThat(context.path("work_item").path("description").asText()).isEqualTo("Users can log in");
        assertThat(context.path("work_item").path("objective").asText()).isEqualTo("Ship authentication");
        assertThat(context.path("workspace").path("tracked_files").asInt()).isEqualTo(130);
        assertThat(context.path("workspace").path("paths")).hasSize(120);
        assertThat(context.path("workspace").path("paths").path(119).asText()).isEqualTo("src/file119.py");
        assertThat(context.path("workspace").path("readme").asText()).hasSize(1800).startsWith("# Demo\n");
        assertThat(body.toString()).doesNotContain(KEY);
    }

    private static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    @Test
    void malformedAnswersAreProviderFailures() {
        List<String> bad = List.of(
                "not json at all",
                "[1, 2]",
                "{\"commit_message\": \"m\", \"summary\": \"s\"}",
                "{\"file_changes\": [], \"commit_message\": \"m\", \"summary\": \"s\"}",
                "{\"file_changes\": \"x\", \"commit_message\": \"m\", \"summary\": \"s\"}",
                "{\"file_changes\": [{\"path\": \"a\", \"operation\": \"rename\", \"content\": \"\"}], \"commit_message\": \"m\", \"summary\": \"s\"}",
                "{\"file_changes\": [{\"path\": \"a\", \"operation\": \"upsert\"}], \"commit_message\": \"m\", \"summary\": \"s\"}",
                "{\"file_changes\": [{\"path\": 3, \"operation\": \"upsert\", \"content\": \"\"}], \"commit_message\": \"m\", \"summary\": \"s\"}",
                "{\"patch\": 5, \"commit_message\": \"m\", \"summary\": \"s\"}",
                "{\"patch\": \"diff\", \"summary\": \"s\"}",
                "{\"patch\": \"diff\", \"commit_message\": \"  \\n \", \"summary\": \"s\"}",
                "{\"patch\": \"diff\", \"commit_message\": \"m\"}",
                "{\"patch\": \"diff\", \"commit_message\": \"m\", \"summary\": \"s\"} trailing");
        for (String content : bad) {
            server.answering(content);
            assertThatThrownBy(() -> provider.synthesize(request())).as(content)
                    .isInstanceOf(ProviderFailure.class).hasMessageStartingWith("OpenAI answer is malformed");
        }
        server.answeringRaw(200, "{\"choices\": []}");
        assertThatThrownBy(() -> provider.synthesize(request())).isInstanceOf(ProviderFailure.class);
        server.answeringRaw(200, "<html>gateway</html>");
        assertThatThrownBy(() -> provider.synthesize(request())).isInstanceOf(ProviderFailure.class);
    }

    @Test
    void anHttpErrorIsAProviderFailureThatEchoesNeitherTheKeyNorTheBody() {
        server.answeringRaw(500, "{\"error\": \"Incorrect API key provided: " + KEY + "\"}");
        assertThatThrownBy(() -> provider.synthesize(request()))
                .isInstanceOf(ProviderFailure.class).hasMessage("OpenAI answered HTTP 500");
        server.answeringRaw(401, "{}");
        assertThatThrownBy(() -> provider.review(review(true)))
                .isInstanceOf(ProviderFailure.class).hasMessage("OpenAI answered HTTP 401");
    }

    @Test
    void aSlowEndpointTimesOut() throws Exception {
        server.holding().answering(answer("{'patch': 'diff', 'commit_message': 'm', 'summary': 's'}"));
        try (OpenAiChatProvider impatient = new OpenAiChatProvider(
                new OpenAiSettings(server.baseUrl(), KEY, "test-model", Duration.ofSeconds(1)))) {
            assertThatThrownBy(() -> impatient.synthesize(request()))
                    .isInstanceOf(ProviderFailure.class).hasMessage("OpenAI did not answer within 1 s");
        }
    }

    @Test
    void anUnreachableEndpointIsAProviderFailure() {
        URI closed = server.baseUrl();
        server.close();
        assertThatThrownBy(() -> provider.synthesize(request()))
                .isInstanceOf(ProviderFailure.class).hasMessageStartingWith("OpenAI request failed")
                .hasMessageNotContaining(KEY);
        assertThat(closed.getPort()).isPositive();
    }

    private static ReviewRequest review(boolean checksPassed) {
        return new ReviewRequest("rev-1", AgentRole.REVIEWER, "[agent] Add login", "diff --git a/x b/x", checksPassed,
                "Validation command succeeded: `pytest`.");
    }

    @Test
    void reviewsParseDecisionAndComment() {
        server.answering(answer("{'decision': 'request_changes', 'comment': '" + "c".repeat(700) + "'}"));
        Verdict changes = provider.review(review(false));
        assertThat(changes.decision()).isEqualTo(ReviewDecision.REQUEST_CHANGES);
        assertThat(changes.comment()).isEqualTo("c".repeat(600));

        server.answering(answer("{'decision': 'reject', 'comment': 'meh'}"));
        assertThat(provider.review(review(true))).isEqualTo(new Verdict(ReviewDecision.APPROVE, "meh"));
        server.answering(answer("{'comment': 'fine'}"));
        assertThat(provider.review(review(true))).isEqualTo(new Verdict(ReviewDecision.APPROVE, "fine"));
        server.answering("no json");
        assertThatThrownBy(() -> provider.review(review(true))).isInstanceOf(ProviderFailure.class);

        JsonNode context = parse(server.received().getFirst().body().path("messages").path(1).path("content").asText());
        assertThat(context.path("agent").asText()).isEqualTo("rev-1");
        assertThat(context.path("role").asText()).isEqualTo("reviewer");
        assertThat(context.path("pull_request_title").asText()).isEqualTo("[agent] Add login");
        assertThat(context.path("checks_passed").asBoolean()).isFalse();
        assertThat(context.path("diff").asText()).isEqualTo("diff --git a/x b/x");
        assertThat(context.path("validation_summary").asText()).contains("pytest");
    }

    @Test
    void settingsRefuseAMissingKeyAndNeverPrintIt() {
        assertThatThrownBy(() -> OpenAiSettings.withKey("  "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("OPENAI_API_KEY");
        assertThatThrownBy(() -> new OpenAiSettings(URI.create("ftp://x"), KEY, "m", Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        OpenAiSettings settings = OpenAiSettings.withKey(KEY);
        assertThat(settings.baseUrl()).isEqualTo(URI.create("https://api.openai.com/v1"));
        assertThat(settings.model()).isEqualTo("gpt-4.1-mini");
        assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(45));
        assertThat(settings.toString()).doesNotContain(KEY);
        assertThat(provider.toString()).doesNotContain(KEY);
    }
}
