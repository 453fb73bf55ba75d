package dev.agenthub.orchestration.webhooks;

import java.util.Objects;

/**
 * The answer to a processed delivery (wire spec agenthub §9.2): {@code action} is {@code ignored},
 * {@code objective_created}, {@code job_enqueued} or {@code no_project}; every other field may be null.
 */
public record WebhookOutcome(String action, String event, Long projectId, Long issueNumber, Long jobId,
                             String objective, String reason) {

    public static final String IGNORED = "ignored";
    public static final String OBJECTIVE_CREATED = "objective_created";
    public static final String JOB_ENQUEUED = "job_enqueued";
    public static final String NO_PROJECT = "no_project";

    public WebhookOutcome {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(event, "event");
    }

    static WebhookOutcome ignored(String event, Long issueNumber, String reason) {
        return new WebhookOutcome(IGNORED, event, null, issueNumber, null, null, reason);
    }
}
