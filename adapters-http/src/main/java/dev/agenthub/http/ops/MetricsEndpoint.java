package dev.agenthub.http.ops;

import dev.agenthub.orchestration.insights.port.AutopilotMetricsSource;
import dev.agenthub.orchestration.insights.port.HubFigures;
import dev.agenthub.protocol.kernel.error.DomainError;
import io.javalin.http.Context;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What {@code GET /metrics} adds to the Micrometer scrape (wire spec agenthub §11.2): the token gate and the Agent
 * Hub metric set, rendered here as exposition text because Micrometer's Prometheus naming would rename gauges
 * ending in {@code _total} ({@code agent_hub_projects_total}). {@code agent_hub_rate_limit_rejections_total} is a
 * Micrometer counter and comes with the scrape.
 *
 * @param requireToken whether a bearer token is required
 * @param token        the configured token (trimmed); shorter than {@value #MIN_TOKEN_LENGTH} answers 500
 * @param figures      the project, work item and PR counts, read per scrape; null renders none (no database)
 * @param jobs         the job and webhook figures, read per scrape
 */
public record MetricsEndpoint(boolean requireToken, Optional<String> token, Supplier<HubFigures> figures,
                              Supplier<AutopilotMetricsSource> jobs) {

    public static final int MIN_TOKEN_LENGTH = 24;
    static final String NOT_CONFIGURED = "Metrics auth is enabled but token is not configured";
    static final String INVALID = "Invalid or missing metrics bearer token";

    public MetricsEndpoint {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(figures, "figures");
        Objects.requireNonNull(jobs, "jobs");
    }

    /** No token, no Agent Hub set (an embedder with only {@code /v1}). */
    public static MetricsEndpoint plain() {
        return new MetricsEndpoint(false, Optional.empty(), () -> null, () -> null);
    }

    /** The token gate: 500 when misconfigured, 401 with a bearer challenge on a wrong or missing token. */
    void gate(Context ctx) {
        if (!requireToken) {
            return;
        }
        String configured = token.orElse("");
        if (configured.length() < MIN_TOKEN_LENGTH) {
            throw new DomainError.Internal(NOT_CONFIGURED);
        }
        String presented = bearer(ctx.header("Authorization"));
        boolean equal = MessageDigest.isEqual(sha256(presented), sha256(configured));
        if (!equal) {
            throw new DomainError.Unauthenticated(INVALID, true);
        }
    }

    private static String bearer(String header) {
        if (header == null) {
            return "";
        }
        String value = header.strip();
        int space = value.indexOf(' ');
        if (space < 0 || !value.substring(0, space).toLowerCase(Locale.ROOT).equals("bearer")) {
            return "";
        }
        return value.substring(space + 1).strip();
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The Agent Hub set as exposition text, each metric with HELP and TYPE, ending in a newline; empty without figures
     * or when they cannot be read (logged), so a database outage does not fail the whole scrape.
     */
    String render() {
        HubFigures source = figures.get();
        if (source == null) {
            return "";
        }
        HubFigures.Figures f;
        AutopilotMetricsSource.JobFigures j;
        try {
            f = source.read();
            AutopilotMetricsSource jobSource = jobs.get();
            j = (jobSource == null ? AutopilotMetricsSource.UNWIRED : jobSource).read();
        } catch (RuntimeException e) {
            // the database does not answer: the rest of the scrape still serves, and the set is absent until it does
            org.slf4j.LoggerFactory.getLogger(MetricsEndpoint.class).warn("Agent Hub metrics left out of this scrape: {}",
                    e.toString());
            return "";
        }
        StringBuilder out = new StringBuilder();
        gauge(out, "agent_hub_projects_total", "Projects", Long.toString(f.projects()));
        gauge(out, "agent_hub_work_items_backlog", "Work items in backlog", Long.toString(f.backlog()));
        gauge(out, "agent_hub_work_items_in_progress", "Work items in progress or review", Long.toString(f.inProgress()));
        gauge(out, "agent_hub_work_items_done", "Work items done", Long.toString(f.done()));
        gauge(out, "agent_hub_pull_requests_open", "Open pull requests", Long.toString(f.pullRequestsOpen()));
        gauge(out, "agent_hub_pull_requests_merged", "Merged pull requests", Long.toString(f.pullRequestsMerged()));
        gauge(out, "agent_hub_autopilot_jobs_queued", "Queued autopilot jobs", Long.toString(j.queued()));
        gauge(out, "agent_hub_autopilot_jobs_queued_oldest_age_seconds", "Age of the oldest queued job in seconds",
                String.format(Locale.ROOT, "%.3f", j.oldestQueuedAgeSeconds()));
        gauge(out, "agent_hub_autopilot_jobs_running", "Running autopilot jobs", Long.toString(j.running()));
        gauge(out, "agent_hub_autopilot_jobs_completed", "Completed autopilot jobs", Long.toString(j.completed()));
        gauge(out, "agent_hub_autopilot_jobs_failed", "Failed autopilot jobs", Long.toString(j.failed()));
        counter(out, "agent_hub_webhook_deliveries_failed_total", "Webhook deliveries with action failed",
                j.webhookDeliveriesFailed());
        counter(out, "agent_hub_autopilot_jobs_stale_recovered_total", "Stale jobs recovered by the in-process worker",
                j.staleRecovered());
        counter(out, "agent_hub_autopilot_job_worker_loop_errors_total", "Job worker loop errors", j.workerLoopErrors());
        return out.toString();
    }

    private static void gauge(StringBuilder out, String name, String help, String value) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n')
                .append("# TYPE ").append(name).append(" gauge\n")
                .append(name).append(' ').append(value).append('\n');
    }

    private static void counter(StringBuilder out, String name, String help, long value) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n')
                .append("# TYPE ").append(name).append(" counter\n")
                .append(name).append(' ').append(value).append('\n');
    }
}
