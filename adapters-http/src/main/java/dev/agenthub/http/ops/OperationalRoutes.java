package dev.agenthub.http.ops;

import dev.agenthub.http.docs.ApiRoutes;
import dev.agenthub.http.docs.Operation;
import dev.agenthub.protocol.kernel.health.HealthProbe;
import io.javalin.http.Context;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code /health} (always 200, with a check per dependency), {@code /health/live}, {@code /health/ready}
 * (503 when the database does not answer) and {@code /metrics} (Prometheus text).
 */
public final class OperationalRoutes {

    private static final String DATABASE = "database";

    private final Supplier<List<HealthProbe>> probes;
    private final PrometheusMeterRegistry registry;

    public OperationalRoutes(Supplier<List<HealthProbe>> probes, PrometheusMeterRegistry registry) {
        this.probes = probes;
        this.registry = registry;
    }

    public void register(ApiRoutes routes) {
        routes.get("/health", Operation.of("operations", "Health of the server and its dependencies"), this::health);
        routes.get("/health/live", Operation.of("operations", "Liveness: the process answers"), this::live);
        routes.get("/health/ready", Operation.of("operations", "Readiness: the database answers")
                .respond(503, "Database not ready"), this::ready);
        routes.get("/metrics", Operation.of("operations", "Prometheus metrics").produces("text/plain"), this::metrics);
    }

    private void health(Context ctx) {
        Map<String, String> checks = new LinkedHashMap<>();
        boolean healthy = true;
        for (HealthProbe probe : probes.get()) {
            HealthProbe.Status status = probe.check();
            healthy &= status.healthy();
            checks.put(probe.name(), status.healthy() ? "ok" : "error: " + status.message());
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
        boolean databaseUp = probes.get().stream()
                .filter(probe -> probe.name().equals(DATABASE))
                .findFirst()
                .map(probe -> probe.check().healthy())
                .orElse(false);
        if (databaseUp) {
            ctx.json(Map.of("status", "ready"));
        } else {
            ctx.status(503).json(Map.of("detail", "Database not ready"));
        }
    }

    private void metrics(Context ctx) {
        ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(registry.scrape());
    }
}
