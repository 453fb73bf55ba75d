package dev.agenthub.orchestration.jobs;

import java.util.Objects;
import java.util.Optional;

/**
 * What {@code POST /projects/{id}/jobs/autopilot} asks for (wire spec agenthub §5): validated by
 * {@link AutopilotJobs#enqueue}. The provider is kept as given and only resolved when the job runs (§14 "kept").
 */
public record NewJob(int maxItems, Optional<String> provider, String requestedBy, int maxAttempts) {

    public static final int MIN_ITEMS = 1;
    public static final int MAX_ITEMS = 50;
    public static final int DEFAULT_ITEMS = 3;
    public static final int MAX_PROVIDER_LENGTH = 80;
    public static final int MAX_REQUESTED_BY_LENGTH = 120;
    public static final String DEFAULT_REQUESTED_BY = "system";
    public static final int MIN_ATTEMPTS = 1;
    public static final int MAX_ATTEMPTS = 10;
    public static final int DEFAULT_ATTEMPTS = 1;

    public NewJob {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(requestedBy, "requestedBy");
        if (maxItems < MIN_ITEMS || maxItems > MAX_ITEMS) {
            throw new IllegalArgumentException("maxItems must be 1..50: " + maxItems);
        }
        if (maxAttempts < MIN_ATTEMPTS || maxAttempts > MAX_ATTEMPTS) {
            throw new IllegalArgumentException("maxAttempts must be 1..10: " + maxAttempts);
        }
        if (provider.isPresent() && provider.get().length() > MAX_PROVIDER_LENGTH) {
            throw new IllegalArgumentException("provider is longer than 80 characters");
        }
        if (requestedBy.length() > MAX_REQUESTED_BY_LENGTH) {
            throw new IllegalArgumentException("requestedBy is longer than 120 characters");
        }
    }
}
