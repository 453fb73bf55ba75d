package dev.agenthub.orchestration.jobs;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A queued autopilot cycle (wire spec agenthub §4 AutopilotJobRead). {@code mergedPrIdsJson} is the stored JSON
 * array text, e.g. {@code [3, 4]}; {@code errorMessage} is {@code ""} when there is none.
 */
public record AutopilotJob(long id, long projectId, JobStatus status, int maxItems, Optional<String> provider,
                           String requestedBy, int attempts, int maxAttempts, Optional<String> workerId,
                           Optional<Instant> startedAt, Optional<Instant> finishedAt, Optional<Instant> canceledAt,
                           int processedItems, int createdPrs, int mergedPrs, String mergedPrIdsJson,
                           String errorMessage, Instant createdAt, Instant updatedAt) {

    public AutopilotJob {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(requestedBy, "requestedBy");
        Objects.requireNonNull(workerId, "workerId");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(finishedAt, "finishedAt");
        Objects.requireNonNull(canceledAt, "canceledAt");
        Objects.requireNonNull(mergedPrIdsJson, "mergedPrIdsJson");
        Objects.requireNonNull(errorMessage, "errorMessage");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }
}
