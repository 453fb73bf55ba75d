package dev.agenthub.server;

import dev.agenthub.orchestration.jobs.JobFigures;
import dev.agenthub.orchestration.jobs.port.JobStore;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.function.ToDoubleFunction;

/**
 * The job meters of wire spec agenthub §11.2: the queue gauges (over all projects, read from the database at most
 * once per second however many gauges a scrape reads) and the names of the worker counters.
 */
final class JobMetrics {

    static final String STALE_RECOVERED = "agent_hub_autopilot_jobs_stale_recovered";
    static final String LOOP_ERRORS = "agent_hub_autopilot_job_worker_loop_errors";
    private static final long CACHE_NANOS = 1_000_000_000L;

    private final JobStore store;
    private JobFigures last = JobFigures.EMPTY;
    private long readAt;
    private boolean read;

    private JobMetrics(JobStore store) {
        this.store = store;
    }

    static void register(MeterRegistry registry, JobStore store, Clock clock) {
        JobMetrics metrics = new JobMetrics(store);
        gauge(registry, metrics, "agent_hub_autopilot_jobs_queued", "Queued autopilot jobs", JobFigures::queued);
        gauge(registry, metrics, "agent_hub_autopilot_jobs_running", "Running autopilot jobs", JobFigures::running);
        gauge(registry, metrics, "agent_hub_autopilot_jobs_completed", "Completed autopilot jobs", JobFigures::completed);
        gauge(registry, metrics, "agent_hub_autopilot_jobs_failed", "Failed autopilot jobs", JobFigures::failed);
        Gauge.builder("agent_hub_autopilot_jobs_queued_oldest_age_seconds", metrics,
                        m -> Math.round(m.figures().oldestQueuedAgeSeconds(clock.instant()) * 1000) / 1000.0)
                .description("Age of the oldest queued autopilot job in seconds (0 when none)")
                .register(registry);
    }

    private static void gauge(MeterRegistry registry, JobMetrics metrics, String name, String help,
                              ToDoubleFunction<JobFigures> value) {
        Gauge.builder(name, metrics, m -> value.applyAsDouble(m.figures())).description(help).register(registry);
    }

    /** The figures, re-read when older than a second; a failing read keeps the last ones. */
    private synchronized JobFigures figures() {
        long now = System.nanoTime();
        if (!read || now - readAt > CACHE_NANOS) {
            try {
                last = store.figures();
            } catch (RuntimeException databaseDown) {
                // keep the last figures; the health check reports the database
            }
            readAt = now;
            read = true;
        }
        return last;
    }

    /** {@code worker-<hostname>-<pid>} (§8). */
    static String defaultWorkerId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = System.getenv().getOrDefault("HOSTNAME", "localhost");
        }
        return "worker-" + host + "-" + ProcessHandle.current().pid();
    }
}
