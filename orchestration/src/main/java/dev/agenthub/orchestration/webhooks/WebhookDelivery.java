package dev.agenthub.orchestration.webhooks;

import java.time.Instant;
import java.util.Objects;

/**
 * One row of the dedup table (wire spec agenthub §9.5). {@code action} is {@code received}, {@code failed} or the
 * final action; {@code reason} is {@code ""} when there is none; {@code projectId}, {@code issueNumber} and
 * {@code jobId} may be null.
 */
public record WebhookDelivery(long id, String deliveryId, String event, String action, Long projectId,
                              Long issueNumber, Long jobId, String reason, int duplicateCount, Instant createdAt,
                              Instant updatedAt) {

    public static final String RECEIVED = "received";
    public static final String FAILED = "failed";

    public WebhookDelivery {
        Objects.requireNonNull(deliveryId, "deliveryId");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }
}
