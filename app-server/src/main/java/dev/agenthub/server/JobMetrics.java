package dev.agenthub.server;

import dev.agenthub.orchestration.insights.port.AutopilotMetricsSource;
import dev.agenthub.orchestration.jobs.JobFigures;
import dev.agenthub.orchestration.jobs.port.JobStore;
import dev.agenthub.orchestration.webhooks.GitHubWebhooks;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;

/** The job and webhook figures of {@code /metrics} (wire spec agenthub §11.2), and the default worker id. */
final class JobMetrics {

    /** Worker ids are at most 120 characters (§13); the host part is cut so a suffix {@code -<n>} still fits. */
    private static final int MAX_HOST_LENGTH = 80;

    private JobMetrics() {
    }

    /**
     * The figures read at scrape time: the queue over all projects (one grouped count and one min), this hub's
     * worker counters, and the failed webhook deliveries (an indexed count; rows are never deleted, so it only grows).
     */
    static AutopilotMetricsSource source(JobStore jobs, GitHubWebhooks webhooks, AtomicLong staleRecovered,
                                         AtomicLong loopErrors, Clock clock) {
        return () -> {
            JobFigures figures = jobs.figures();
            double age = Math.round(figures.oldestQueuedAgeSeconds(clock.instant()) * 1000) / 1000.0;
            return new AutopilotMetricsSource.JobFigures(figures.queued(), figures.running(), figures.completed(),
                    figures.failed(), age, staleRecovered.get(), loopErrors.get(), webhooks.failedDeliveries());
        };
    }

    /** {@code worker-<hostname>-<pid>} (§8). */
    static String defaultWorkerId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = System.getenv().getOrDefault("HOSTNAME", "localhost");
        }
        if (host.length() > MAX_HOST_LENGTH) {
            host = host.substring(0, MAX_HOST_LENGTH);
        }
        return "worker-" + host + "-" + ProcessHandle.current().pid();
    }
}
