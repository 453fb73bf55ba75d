package dev.agenthub.http.ops;

import dev.agenthub.http.docs.ApiRoutes;
import dev.agenthub.http.docs.Operation;
import dev.agenthub.protocol.kernel.health.HealthProbe;
import io.javalin.http.Context;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.time.Duration;

/**
 * {@code /health} (always 200, with a check per dependency), {@code /health/live}, {@code /health/ready}
 * (503 when the database does not answer) and {@code /metrics} (Prometheus text).
 */
public final class OperationalRoutes {

    private static final String DATABASE = "database";

    /** Upper bound of one dependency check, whatever the probe or its pool does. */
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(3);

    private final Supplier<List<HealthProbe>> probes;
    private final BooleanSupplier hubReady;
    private final PrometheusMeterRegistry registry;
    private final MetricsEndpoint metricsEndpoint;

    /**
     * @param hubReady whether the hub serves its API; readiness also requires it, so a starting or
     *                 stopping hub is taken out of the load balancer
     */
    public OperationalRoutes(Supplier<List<HealthProbe>> probes, BooleanSupplier hubReady, PrometheusMeterRegistry registry) {
        this(probes, hubReady, registry, MetricsEndpoint.plain());
    }

    /** As the other constructor, with the {@code /metrics} token gate and Agent Hub metric set (§11.2). */
    public OperationalRoutes(Supplier<List<HealthProbe>> probes, BooleanSupplier hubReady, PrometheusMeterRegistry registry,
                             MetricsEndpoint metricsEndpoint) {
        this.metricsEndpoint = java.util.Objects.requireNonNull(metricsEndpoint, "metricsEndpoint");
        this.probes = probes;
        this.hubReady = hubReady;
        this.registry = registry;
    }

    public void register(ApiRoutes routes) {
        routes.get("/health", Operation.of("operations", "Health of the server and its dependencies"), this::health);
        routes.get("/health/live", Operation.of("operations", "Liveness: the process answers"), this::live);
        routes.get("/health/ready", Operation.of("operations", "Readiness: the database answers")
                .respond(503, "Database not ready"), this::ready);
        routes.get("/metrics", Operation.of("operations", "Prometheus metrics (bearer token when AGENT_HUB_METRICS_REQUIRE_TOKEN=1)")
                .produces("text/plain")
                .respond(401, "Invalid or missing metrics bearer token")
                .respond(500, "Metrics auth is enabled but token is not configured"), this::metrics);
    }

    private void health(Context ctx) {
        Map<String, String> checks = new LinkedHashMap<>();
        boolean healthy = true;
        List<HealthProbe> current = probes.get();
        if (current.isEmpty()) {
            checks.put(DATABASE, "error: starting");
            healthy = false;
        }
        List<CompletableFuture<HealthProbe.Status>> running = current.stream().map(OperationalRoutes::checkBounded).toList();
        for (int i = 0; i < current.size(); i++) {
            HealthProbe.Status status = running.get(i).join();
            healthy &= status.healthy();
            checks.put(current.get(i).name(), status.healthy() ? "ok" : "error: " + status.message());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", healthy ? "ok" : "unhealthy");
        body.put("checks", checks);
        ctx.json(body);
    }

    private void live(Context ctx) {
        ctx.json(Map.of("status", "live"));
    }

    private void ready(Context ctx) {
        // a hub that is not serving is not ready, whatever the database says: no need to ask it
        boolean ready = hubReady.getAsBoolean() && probes.get().stream()
                .filter(probe -> probe.name().equals(DATABASE))
                .findFirst()
                .map(probe -> checkBounded(probe).join().healthy())
                .orElse(false);
        if (ready) {
            ctx.json(Map.of("status", "ready"));
        } else {
            ctx.status(503).json(Map.of("detail", "Database not ready"));
        }
    }

    /** Runs a probe on a virtual thread and gives up after {@link #PROBE_TIMEOUT}. Never fails. */
    private static CompletableFuture<HealthProbe.Status> checkBounded(HealthProbe probe) {
        return CompletableFuture.supplyAsync(probe::check, command -> Thread.ofVirtual().name("health-" + probe.name()).start(command))
                .completeOnTimeout(HealthProbe.Status.down("no answer within " + PROBE_TIMEOUT.toSeconds() + " s"),
                        PROBE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .exceptionally(error -> HealthProbe.Status.down(error.toString()));
    }

    private void metrics(Context ctx) {
        metricsEndpoint.gate(ctx);
        StringBuilder text = new StringBuilder(registry.scrape());
        if (!text.isEmpty() && text.charAt(text.length() - 1) != '\n') {
            text.append('\n');
        }
        text.append(metricsEndpoint.render());
        ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(text.toString());
    }
}
