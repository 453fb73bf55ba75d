package dev.agenthub.orchestration.webhooks;

import dev.agenthub.orchestration.webhooks.port.JsonDecoder;
import dev.agenthub.orchestration.webhooks.port.ProjectRepositoryIndex;
import dev.agenthub.orchestration.webhooks.port.WebhookDeliveryStore;
import dev.agenthub.orchestration.webhooks.port.WebhookJobQueue;
import dev.agenthub.orchestration.workitems.IngestObjective;
import dev.agenthub.orchestration.workitems.Objectives;
import dev.agenthub.protocol.kernel.error.DomainError;
import dev.agenthub.protocol.kernel.error.Violation;
import dev.agenthub.protocol.kernel.time.WireTime;
import dev.agenthub.protocol.kernel.tx.TransactionRunner;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code POST /webhooks/github} (wire spec agenthub §9, §14 D5): checks the headers and the signature, records the
 * delivery once (a redelivery is answered {@code Duplicate delivery} with no other effect), then turns an opened
 * issue into an objective and a trusted {@code /agent run} comment into a job. The processing and the recording of
 * its outcome share one transaction; a failure rolls both back and marks the delivery {@code failed} instead.
 * Thread-safe.
 */
public final class GitHubWebhooks {

    public static final String EVENT_HEADER = "x-github-event";
    public static final String DELIVERY_HEADER = "x-github-delivery";
    public static final int MAX_EVENT = 120;
    public static final int MAX_DELIVERY_ID = 255;
    public static final int MAX_REASON = 300;
    public static final int MAX_REQUESTED_BY = 120;
    /** Triage of an opened issue, and the jobs a webhook enqueues (§9.3). */
    public static final int ISSUE_WORK_ITEMS = 4;
    public static final int JOB_MAX_ITEMS = 3;
    public static final int JOB_MAX_ATTEMPTS = 1;
    public static final String CREATED_BY = "github:webhook";

    /** A line that is, ignoring case, optional whitespace, {@code /agent run}, then nothing or whitespace and more. */
    static final Pattern AGENT_RUN = Pattern.compile("^\\s*/agent run(?:\\s+.*)?$",
            Pattern.MULTILINE | Pattern.CASE_INSENSITIVE | Pattern.UNIX_LINES | Pattern.UNICODE_CASE
                    | Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern WHITESPACE = Pattern.compile("\\s+", Pattern.UNICODE_CHARACTER_CLASS);

    private final TransactionRunner tx;
    private final Clock clock;
    private final GitHubWebhookOptions options;
    private final WebhookDeliveryStore deliveries;
    private final ProjectRepositoryIndex repositories;
    private final Objectives objectives;
    private final WebhookJobQueue jobs;
    private final JsonDecoder json;

    public GitHubWebhooks(TransactionRunner tx, Clock clock, GitHubWebhookOptions options,
                          WebhookDeliveryStore deliveries, ProjectRepositoryIndex repositories, Objectives objectives,
                          WebhookJobQueue jobs, JsonDecoder json) {
        this.tx = Objects.requireNonNull(tx, "tx");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.options = Objects.requireNonNull(options, "options");
        this.deliveries = Objects.requireNonNull(deliveries, "deliveries");
        this.repositories = Objects.requireNonNull(repositories, "repositories");
        this.objectives = Objects.requireNonNull(objectives, "objectives");
        this.jobs = Objects.requireNonNull(jobs, "jobs");
        this.json = Objects.requireNonNull(json, "json");
    }

    /**
     * Handles one delivery.
     *
     * @param event     {@code X-GitHub-Event} as received, or null when absent
     * @param delivery  {@code X-GitHub-Delivery} as received, or null when absent
     * @param signature {@code X-Hub-Signature-256} as received, or null when absent
     * @param body      the raw body, exactly as received
     * @throws DomainError.Invalid 422 (list-shaped, {@code loc ["header", …]}) for a missing required header; 400 for
     *                             a header that is blank or too long, or a body that is not a JSON object or not the
     *                             payload of its event; 413 for a body over the configured size
     * @throws DomainError.Unauthenticated 401 for a missing, malformed or wrong signature when a secret is set
     */
    public WebhookOutcome handle(String event, String delivery, String signature, byte[] body) {
        Objects.requireNonNull(body, "body");
        List<Violation> missing = new ArrayList<>();
        if (event == null) {
            missing.add(Violation.missing(List.of("header", EVENT_HEADER), null));
        }
        if (delivery == null) {
            missing.add(Violation.missing(List.of("header", DELIVERY_HEADER), null));
        }
        if (!missing.isEmpty()) {
            throw new DomainError.Invalid(missing);
        }
        options.secret().ifPresent(secret -> WebhookSignature.verify(secret, signature, body));
        String eventName = event.strip().toLowerCase(Locale.ROOT);
        if (eventName.length() > MAX_EVENT) {
            throw new DomainError.Invalid("X-GitHub-Event header too long", 400);
        }
        String deliveryId = delivery.strip();
        if (deliveryId.isEmpty()) {
            throw new DomainError.Invalid("Missing X-GitHub-Delivery header", 400);
        }
        if (deliveryId.length() > MAX_DELIVERY_ID) {
            throw new DomainError.Invalid("X-GitHub-Delivery header too long", 400);
        }
        if (!deliveries.receive(deliveryId, eventName, now())) {
            return WebhookOutcome.ignored(eventName, null, "Duplicate delivery");
        }
        try {
            return tx.inTransaction(() -> {
                WebhookOutcome outcome = process(eventName, body);
                deliveries.recordOutcome(deliveryId, outcome, now());
                return outcome;
            });
        } catch (DomainError e) {
            deliveries.markFailed(deliveryId, reason(e.getMessage()), now());
            throw e;
        } catch (RuntimeException e) {
            String type = e.getClass().getSimpleName().isEmpty() ? e.getClass().getName() : e.getClass().getSimpleName();
            deliveries.markFailed(deliveryId, reason(type + ": " + (e.getMessage() == null ? "" : e.getMessage())),
                    now());
            throw e;
        }
    }

    /** The value of {@code agent_hub_webhook_deliveries_failed_total}: deliveries marked {@code failed}. */
    public long failedDeliveries() {
        return deliveries.countFailed();
    }

    private WebhookOutcome process(String event, byte[] body) {
        if (body.length > options.maxPayloadBytes()) {
            throw new DomainError.Invalid("Webhook payload exceeds max allowed size (" + options.maxPayloadBytes()
                    + " bytes)", 413);
        }
        Object decoded = json.decode(body)
                .orElseThrow(() -> new DomainError.Invalid("Webhook body must be valid JSON", 400));
        if (!(decoded instanceof Map<?, ?> map)) {
            throw new DomainError.Invalid("Webhook body must be a JSON object", 400);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> payload = (Map<String, Object>) map;
        return switch (event) {
            case "issues" -> issues(payload);
            case "issue_comment" -> issueComment(payload);
            default -> WebhookOutcome.ignored(event, null, "Unsupported event type");
        };
    }

    private WebhookOutcome issues(Map<String, Object> payload) {
        WebhookPayloads.IssuesEvent event = WebhookPayloads.issues(payload)
                .orElseThrow(() -> new DomainError.Invalid("Invalid issues webhook payload", 400));
        long number = event.issue().number();
        if (!event.action().equals("opened")) {
            return WebhookOutcome.ignored("issues", number, "Unsupported issues action `" + event.action() + "`");
        }
        Optional<Long> project = matchProject(event.repository());
        if (project.isEmpty()) {
            return noProject("issues", number);
        }
        String objective = objectiveText(event.issue());
        objectives.ingest(project.get(), new IngestObjective(objective, ISSUE_WORK_ITEMS, CREATED_BY));
        if (options.autoEnqueue()) {
            long job = jobs.enqueue(project.get(), JOB_MAX_ITEMS, JOB_MAX_ATTEMPTS, requestedBy(event.senderLogin()));
            return new WebhookOutcome(WebhookOutcome.JOB_ENQUEUED, "issues", project.get(), number, job, objective,
                    null);
        }
        return new WebhookOutcome(WebhookOutcome.OBJECTIVE_CREATED, "issues", project.get(), number, null, objective,
                null);
    }

    private WebhookOutcome issueComment(Map<String, Object> payload) {
        WebhookPayloads.IssueCommentEvent event = WebhookPayloads.issueComment(payload)
                .orElseThrow(() -> new DomainError.Invalid("Invalid issue_comment webhook payload", 400));
        String name = "issue_comment";
        long number = event.issue().number();
        if (!event.action().equals("created")) {
            return WebhookOutcome.ignored(name, number, "Unsupported issue_comment action `" + event.action() + "`");
        }
        if (!hasAgentRunCommand(event.commentBody())) {
            return WebhookOutcome.ignored(name, number, "No supported command found");
        }
        String association = event.authorAssociation() == null || event.authorAssociation().isBlank()
                ? "NONE" : event.authorAssociation().strip();
        if (!options.agentRunAssociations().contains(association.toUpperCase(Locale.ROOT))) {
            return WebhookOutcome.ignored(name, number,
                    "Commenter not allowed to run agents (author_association=" + association + ")");
        }
        Optional<Long> project = matchProject(event.repository());
        if (project.isEmpty()) {
            return noProject(name, number);
        }
        long job = jobs.enqueue(project.get(), JOB_MAX_ITEMS, JOB_MAX_ATTEMPTS, requestedBy(event.senderLogin()));
        return new WebhookOutcome(WebhookOutcome.JOB_ENQUEUED, name, project.get(), number, job, null, null);
    }

    private static WebhookOutcome noProject(String event, long number) {
        return new WebhookOutcome(WebhookOutcome.NO_PROJECT, event, null, number, null, null,
                "No matching project for repository");
    }

    /** §9.4: the lowest project id by identity, else by normalised locator. */
    Optional<Long> matchProject(WebhookPayloads.Repository repository) {
        Set<String> identities = GitHubRepositories.candidateIdentities(repository);
        if (!identities.isEmpty()) {
            Optional<Long> byIdentity = repositories.firstByIdentity(identities);
            if (byIdentity.isPresent()) {
                return byIdentity;
            }
        }
        Set<String> locators = GitHubRepositories.candidateLocators(repository);
        return locators.isEmpty() ? Optional.empty() : repositories.firstByLocator(locators);
    }

    /** Whether a comment body has a {@code /agent run} line (§9.3). */
    public static boolean hasAgentRunCommand(String body) {
        return body != null && AGENT_RUN.matcher(body).find();
    }

    /**
     * {@code Resolve GitHub issue #<n>: <title or "Issue <n>">}, then a blank line and the body when it is not blank,
     * then a blank line and {@code Reference: <html_url>} when the URL is non-empty; title, body and URL trimmed.
     */
    public static String objectiveText(WebhookPayloads.Issue issue) {
        String title = issue.title().strip();
        StringBuilder text = new StringBuilder("Resolve GitHub issue #").append(issue.number()).append(": ")
                .append(title.isEmpty() ? "Issue " + issue.number() : title);
        String body = issue.body() == null ? "" : issue.body().strip();
        if (!body.isEmpty()) {
            text.append("\n\n").append(body);
        }
        if (issue.htmlUrl() != null && !issue.htmlUrl().isEmpty()) {
            text.append("\n\nReference: ").append(issue.htmlUrl().strip());
        }
        return text.toString();
    }

    /**
     * {@code github:<login>} (login trimmed) cut to 120 characters, or {@code github:webhook} without a login. The cut
     * counts UTF-16 units (never splitting a surrogate pair), so the result fits both the job's 120-character rule
     * and the column's.
     */
    public static String requestedBy(String senderLogin) {
        String login = senderLogin == null ? "" : senderLogin.strip();
        if (login.isEmpty()) {
            return CREATED_BY;
        }
        String text = "github:" + login;
        if (text.length() <= MAX_REQUESTED_BY) {
            return text;
        }
        int end = MAX_REQUESTED_BY;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end);
    }

    /** A failure reason: whitespace runs become one space, ends trimmed; over 300 characters it ends in {@code ...}. */
    public static String reason(String text) {
        String normalised = WHITESPACE.matcher(text == null ? "" : text.strip()).replaceAll(" ").strip();
        if (normalised.codePointCount(0, normalised.length()) <= MAX_REASON) {
            return normalised;
        }
        return cut(normalised, MAX_REASON - 3) + "...";
    }

    private static String cut(String text, int codePoints) {
        if (text.codePointCount(0, text.length()) <= codePoints) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, codePoints));
    }

    private Instant now() {
        return WireTime.truncate(clock.instant());
    }
}
