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

/** Before the hub behind the plugin is ready, only health, metrics and docs answer normally. */
class StartingHubTest {

    @Test
    void apiRoutesAnswer503UntilTheHubIsReady() {
        AtomicBoolean ready = new AtomicBoolean(false);
        AgentHubHttpPlugin plugin = new AgentHubHttpPlugin(HttpSettings.defaults(), List::of, ready::get,
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        Javalin server = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.registerPlugin(plugin);
            config.routes.get("/v1/example", ctx -> ctx.json(java.util.Map.of("ok", true)));
        }).start(0);
        try {
            HttpProbe http = new HttpProbe("http://127.0.0.1:" + server.port());
            HttpProbe.Response starting = http.get("/v1/example");
            assertThat(starting.status()).isEqualTo(503);
            assertThat(starting.body()).isEqualTo("{\"detail\":\"Service is starting\"}");
            assertThat(http.get("/health/live").status()).isEqualTo(200);
            assertThat(http.get("/health/ready").status()).isEqualTo(503);
            assertThat(http.get("/openapi.json").status()).isEqualTo(200);

            ready.set(true);
            assertThat(http.get("/v1/example").body()).isEqualTo("{\"ok\":true}");
        } finally {
            server.stop();
        }
    }
}
