package dev.agenthub.http.outbound.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agenthub.orchestration.git.port.ChangeSet;
import dev.agenthub.orchestration.git.port.FileChange;
import dev.agenthub.orchestration.git.port.WorkspaceOverview;
import dev.agenthub.orchestration.providers.port.ChangeProvider;
import dev.agenthub.orchestration.pulls.ReviewDecision;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The {@code openai} provider (wire spec agenthub §7.2) over any OpenAI-compatible chat-completions endpoint:
 * {@code POST <base>/chat/completions} with the bearer key, JSON-object output mode, temperature 0.2 and at most
 * 1,200 output tokens.
 *
 * <ul>
 *   <li><b>Synthesis</b> sends the project, agent, branch, work item (id, title, description, objective) and the
 *       workspace overview (tracked-file count, first 120 paths, first 1,800 characters of {@code README.md}); the
 *       answer must be a JSON object with {@code patch} (a unified diff) or {@code file_changes}
 *       ({@code [{path, operation: upsert|delete, content}]}, paths normalised by dropping empty, {@code .} and
 *       {@code ..} segments), plus {@code commit_message} (newlines replaced, cut to 72 characters) and
 *       {@code summary} (cut to 180).</li>
 *   <li><b>Review</b> sends the reviewer, its role, the PR title, the validation outcome and the diff (its first
 *       {@value #MAX_DIFF_CHARS} characters); the answer is {@code {decision, comment}}, the comment cut to 600
 *       characters, and any decision but {@code request_changes} approves.</li>
 * </ul>
 *
 * Any transport error, timeout, non-2xx status or malformed answer is a {@link ProviderFailure}, from both
 * methods: the catalog wraps this provider so that failures fall back to {@code rule_based}. Messages and logs
 * never contain the API key or the endpoint's answer body. Safe for concurrent use; {@link #close()} releases the
 * HTTP client.
 */
public final class OpenAiChatProvider implements ChangeProvider, AutoCloseable {

    public static final String NAME = "openai";
    static final double TEMPERATURE = 0.2;
    static final int MAX_TOKENS = 1200;
    static final int MAX_COMMIT_MESSAGE = 72;
    static final int MAX_SUMMARY = 180;
    static final int MAX_COMMENT = 600;
    static final int MAX_DIFF_CHARS = 20_000;

    static final String SYNTHESIS_INSTRUCTIONS = """
            You are a coding agent working in a git repository for Agent Hub. Implement the work item described \
            in the user message. Answer with one JSON object and nothing else, with these keys:
            - either "patch": a unified diff (git diff format) against the default branch,
              or "file_changes": a list of {"path": relative path, "operation": "upsert" or "delete", \
            "content": the whole new file content for upsert};
            - "commit_message": one line, at most 72 characters;
            - "summary": what you changed, at most 180 characters.""";

    static final String REVIEW_INSTRUCTIONS = """
            You are a code reviewer for Agent Hub. Review the pull request in the user message (its diff and \
            its validation outcome) as the agent and role given. Answer with one JSON object and nothing else: \
            {"decision": "approve" or "request_changes", "comment": at most 600 characters}.""";

    private static final Logger log = LoggerFactory.getLogger(OpenAiChatProvider.class);

    private final OpenAiSettings settings;
    private final HttpClient client;
    private final ObjectMapper json = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /** @throws IllegalArgumentException when the settings are incomplete (see {@link OpenAiSettings}) */
    public OpenAiChatProvider(OpenAiSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Proposal synthesize(SynthesisRequest request) {
        try {
            JsonNode answer = complete(SYNTHESIS_INSTRUCTIONS, synthesisContext(request));
            return proposal(answer);
        } catch (ProviderFailure e) {
            log.warn("OpenAI synthesis failed for work item {}: {}", request.workItemId(), e.getMessage());
            throw e;
        }
    }

    @Override
    public Verdict review(ReviewRequest request) {
        try {
            JsonNode answer = complete(REVIEW_INSTRUCTIONS, reviewContext(request));
            return verdict(answer);
        } catch (ProviderFailure e) {
            log.warn("OpenAI review by {} failed: {}", request.agentName(), e.getMessage());
            throw e;
        }
    }

    @Override
    public void close() {
        client.close();
    }

    @Override
    public String toString() {
        return "OpenAiChatProvider[" + settings + "]";
    }

    // --- the request -------------------------------------------------------------------------------------------

    ObjectNode synthesisContext(SynthesisRequest request) {
        ObjectNode context = json.createObjectNode();
        context.put("project", request.projectName());
        context.put("agent", request.agentName());
        context.put("branch", request.branch());
        ObjectNode item = context.putObject("work_item");
        item.put("id", request.workItemId());
        item.put("title", request.title());
        item.put("description", request.description());
        item.put("objective", request.sourceObjective());
        WorkspaceOverview overview = request.overview();
        ObjectNode workspace = context.putObject("workspace");
        workspace.put("tracked_files", overview.trackedFiles());
        ArrayNode paths = workspace.putArray("paths");
        overview.firstPaths().stream().limit(WorkspaceOverview.MAX_PATHS).forEach(paths::add);
        String readme = overview.readmeHead();
        workspace.put("readme", readme.length() > WorkspaceOverview.MAX_README_CHARS
                ? readme.substring(0, WorkspaceOverview.MAX_README_CHARS) : readme);
        return context;
    }

    ObjectNode reviewContext(ReviewRequest request) {
        ObjectNode context = json.createObjectNode();
        context.put("agent", request.agentName());
        context.put("role", request.agentRole().name().toLowerCase(Locale.ROOT));
        context.put("pull_request_title", request.pullRequestTitle());
        context.put("checks_passed", request.checksPassed());
        context.put("validation_summary", request.validationSummary());
        String diff = request.diff();
        context.put("diff", diff.length() > MAX_DIFF_CHARS ? diff.substring(0, MAX_DIFF_CHARS) : diff);
        return context;
    }

    /** Calls the endpoint and returns the JSON object the assistant answered. */
    private JsonNode complete(String instructions, ObjectNode context) {
        ObjectNode body = json.createObjectNode();
        body.put("model", settings.model());
        body.put("temperature", TEMPERATURE);
        body.put("max_tokens", MAX_TOKENS);
        body.putObject("response_format").put("type", "json_object");
        ArrayNode messages = body.putArray("messages");
        messages.addObject().put("role", "system").put("content", instructions);
        String contextText;
        try {
            contextText = json.writeValueAsString(context);
        } catch (JsonProcessingException e) {
            throw new ProviderFailure("could not encode the request", e);
        }
        messages.addObject().put("role", "user").put("content", contextText);
        HttpRequest httpRequest = HttpRequest.newBuilder(settings.chatCompletions())
                .timeout(settings.timeout())
                .header("Authorization", "Bearer " + settings.apiKey())
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
        HttpResponse<String> response;
        try {
            response = client.send(httpRequest, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new ProviderFailure("OpenAI did not answer within " + settings.timeout().toSeconds() + " s", null);
        } catch (IOException e) {
            throw new ProviderFailure("OpenAI request failed: " + scrub(e.toString()), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderFailure("OpenAI request interrupted", null);
        }
        if (response.statusCode() / 100 != 2) {
            throw new ProviderFailure("OpenAI answered HTTP " + response.statusCode(), null);
        }
        JsonNode completion = parse(response.body(), "the response");
        JsonNode content = completion.path("choices").path(0).path("message").path("content");
        if (!content.isTextual()) {
            throw malformed("no choices[0].message.content text");
        }
        JsonNode answer = parse(content.asText(), "the answer");
        if (!answer.isObject()) {
            throw malformed("the answer is not a JSON object");
        }
        return answer;
    }

    private JsonNode parse(String text, String what) {
        try {
            JsonNode node = json.readTree(text);
            if (node == null || node.isMissingNode()) {
                throw malformed(what + " is empty");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw malformed(what + " is not JSON");
        }
    }

    private String scrub(String text) {
        return text.replace(settings.apiKey(), "***");
    }

    private static ProviderFailure malformed(String reason) {
        return new ProviderFailure("OpenAI answer is malformed: " + reason, null);
    }

    // --- the answer --------------------------------------------------------------------------------------------

    static Proposal proposal(JsonNode answer) {
        ChangeSet changes = changes(answer);
        String commitMessage = cut(oneLine(requiredText(answer, "commit_message")), MAX_COMMIT_MESSAGE);
        if (commitMessage.isEmpty()) {
            throw malformed("commit_message is blank");
        }
        String summary = cut(oneLine(requiredText(answer, "summary")), MAX_SUMMARY);
        return new Proposal(changes, commitMessage, summary);
    }

    private static ChangeSet changes(JsonNode answer) {
        JsonNode patch = answer.get("patch");
        if (patch != null && !patch.isNull()) {
            if (!patch.isTextual()) {
                throw malformed("patch is not a string");
            }
            if (!patch.asText().isBlank()) {
                return new ChangeSet.UnifiedPatch(patch.asText());
            }
        }
        JsonNode fileChanges = answer.get("file_changes");
        if (fileChanges == null || fileChanges.isNull() || (fileChanges.isArray() && fileChanges.isEmpty())) {
            throw malformed("neither a patch nor file_changes");
        }
        if (!fileChanges.isArray()) {
            throw malformed("file_changes is not a list");
        }
        List<FileChange> files = new ArrayList<>();
        for (JsonNode entry : fileChanges) {
            if (!entry.isObject()) {
                throw malformed("a file change is not an object");
            }
            String path = normalisePath(requiredText(entry, "path"));
            String operation = requiredText(entry, "operation").strip().toLowerCase(Locale.ROOT);
            switch (operation) {
                case "upsert" -> files.add(FileChange.upsert(path, requiredText(entry, "content")));
                case "delete" -> files.add(FileChange.delete(path));
                default -> throw malformed("unknown operation `" + cut(operation, 20) + "`");
            }
        }
        return new ChangeSet.FileChanges(files);
    }

    /** Drops empty, {@code .} and {@code ..} segments (backslashes count as separators). */
    static String normalisePath(String path) {
        String normalised = Arrays.stream(path.replace('\\', '/').split("/"))
                .map(String::strip)
                .filter(segment -> !segment.isEmpty() && !segment.equals(".") && !segment.equals(".."))
                .collect(Collectors.joining("/"));
        if (normalised.isEmpty()) {
            throw malformed("a file change has no usable path");
        }
        return normalised;
    }

    static Verdict verdict(JsonNode answer) {
        JsonNode decision = answer.path("decision");
        boolean requestChanges = decision.isTextual()
                && decision.asText().strip().toLowerCase(Locale.ROOT).equals("request_changes");
        JsonNode comment = answer.path("comment");
        String text = comment.isTextual() ? cut(comment.asText().strip(), MAX_COMMENT) : "";
        return new Verdict(requestChanges ? ReviewDecision.REQUEST_CHANGES : ReviewDecision.APPROVE, text);
    }

    private static String requiredText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw malformed(field + " is missing or not a string");
        }
        return value.asText();
    }

    private static String oneLine(String text) {
        return text.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ').strip();
    }

    /** The first {@code max} code points. */
    static String cut(String text, int max) {
        if (text.codePointCount(0, text.length()) <= max) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, max));
    }
}
