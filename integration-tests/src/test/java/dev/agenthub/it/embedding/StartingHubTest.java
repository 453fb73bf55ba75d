package dev.agenthub.it.embedding;

import dev.agenthub.http.AgentHubHttpPlugin;
import dev.agenthub.http.HttpSettings;
import dev.agenthub.it.support.HttpProbe;
import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/** Before the hub behind the plugin is ready, its API answers 503; health, docs and the host's routes answer normally. */
class StartingHubTest {

    @Test
    void apiRoutesAnswer503UntilTheHubIsReady() {
        AtomicBoolean ready = new AtomicBoolean(false);
        AgentHubHttpPlugin plugin = new AgentHubHttpPlugin(HttpSettings.defaults(), List::of,
                () -> ready.get() ? null : "Service is starting", new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), () -> null);
        Javalin server = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.registerPlugin(plugin);
            config.routes.get("/v1/example", ctx -> {
                plugin.requireAvailable(ctx); // how the hub's API routes are gated
                ctx.json(java.util.Map.of("ok", true));
            });
            config.routes.get("/host/own", ctx -> ctx.result("host"));
        }).start(0);
        try {
            HttpProbe http = new HttpProbe("http://127.0.0.1:" + server.port());
            HttpProbe.Response starting = http.get("/v1/example");
            assertThat(starting.status()).isEqualTo(503);
            assertThat(starting.body()).isEqualTo("{\"detail\":\"Service is starting\"}");
            assertThat(http.get("/health/live").status()).isEqualTo(200);
            assertThat(http.get("/health/ready").status()).isEqualTo(503);
            assertThat(http.get("/health").body()).isEqualTo("{\"status\":\"unhealthy\",\"checks\":{\"database\":\"error: starting\"}}");
            assertThat(http.get("/openapi.json").status()).isEqualTo(200);
            assertThat(http.get("/host/own").body()).isEqualTo("host"); // the host's routes are never gated

            ready.set(true);
            assertThat(http.get("/v1/example").body()).isEqualTo("{\"ok\":true}");
        } finally {
            server.stop();
        }
    }
}
