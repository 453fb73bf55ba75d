package dev.agenthub.orchestration.jobs;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** The queue at a glance, over all projects (wire spec agenthub §11.2 job gauges). */
public record JobFigures(long queued, long running, long completed, long failed, long canceled,
                         Optional<Instant> oldestQueuedCreatedAt) {

    public static final JobFigures EMPTY = new JobFigures(0, 0, 0, 0, 0, Optional.empty());

    public JobFigures {
        Objects.requireNonNull(oldestQueuedCreatedAt, "oldestQueuedCreatedAt");
    }

    /** The age of the oldest queued job at {@code now} in seconds (never negative); 0 when none is queued. */
    public double oldestQueuedAgeSeconds(Instant now) {
        return oldestQueuedCreatedAt
                .map(created -> Math.max(0, Duration.between(created, now).toNanos()) / 1e9)
                .orElse(0.0);
    }
}
