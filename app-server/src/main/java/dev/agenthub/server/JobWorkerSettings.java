package dev.agenthub.server;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Objects;

/**
 * The in-process job workers (wire spec agenthub §8, §12).
 *
 * @param enabled      {@code AGENT_HUB_JOB_WORKER_ENABLED} (default on): whether this hub runs job workers
 * @param pollInterval {@code AGENT_HUB_JOB_WORKER_POLL_INTERVAL_SEC} (default 1.0, 0.1..60): the pause of an idle worker
 * @param concurrency  {@code AGENT_HUB_JOB_WORKER_CONCURRENCY} (ours; default 1, 1..32): workers in this process
 */
public record JobWorkerSettings(boolean enabled, Duration pollInterval, int concurrency) {

    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(1);
    public static final Duration MIN_POLL_INTERVAL = Duration.ofMillis(100);
    public static final Duration MAX_POLL_INTERVAL = Duration.ofSeconds(60);
    public static final int MAX_CONCURRENCY = 32;

    public JobWorkerSettings {
        Objects.requireNonNull(pollInterval, "pollInterval");
        if (pollInterval.compareTo(MIN_POLL_INTERVAL) < 0 || pollInterval.compareTo(MAX_POLL_INTERVAL) > 0) {
            throw new IllegalArgumentException("the poll interval must be 0.1..60 s: " + pollInterval);
        }
        if (concurrency < 1 || concurrency > MAX_CONCURRENCY) {
            throw new IllegalArgumentException("the worker concurrency must be 1..32: " + concurrency);
        }
    }

    public static JobWorkerSettings defaults() {
        return new JobWorkerSettings(true, DEFAULT_POLL_INTERVAL, 1);
    }

    /** A copy with the workers switched on or off. */
    public JobWorkerSettings withEnabled(boolean on) {
        return new JobWorkerSettings(on, pollInterval, concurrency);
    }

    /**
     * Seconds as a decimal ({@code 1}, {@code 0.25}) within 0.1..60, to the millisecond.
     *
     * @throws IllegalArgumentException naming the range
     */
    static Duration pollSeconds(String text) {
        BigDecimal seconds;
        try {
            seconds = new BigDecimal(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("must be a number of seconds (0.1..60), got '" + text + "'");
        }
        if (seconds.compareTo(new BigDecimal("0.1")) < 0 || seconds.compareTo(new BigDecimal("60")) > 0) {
            throw new IllegalArgumentException("must be between 0.1 and 60 seconds, got " + text);
        }
        return Duration.ofMillis(seconds.movePointRight(3).longValue());
    }
}
