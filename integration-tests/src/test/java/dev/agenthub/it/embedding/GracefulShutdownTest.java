package dev.agenthub.it.embedding;

import dev.agenthub.it.support.HttpProbe;
import dev.agenthub.persistence.testing.TestDatabase;
import dev.agenthub.persistence.testing.TestInfrastructure;
import dev.agenthub.server.AgentHub;
import dev.agenthub.server.HubConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Closing the hub (what SIGTERM does) lets a request that is already running finish. */
@ExtendWith(TestInfrastructure.class)
class GracefulShutdownTest {

    @Test
    void anInFlightRequestCompletesWhileTheHubStops(TestDatabase database) throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AgentHub hub = AgentHub.builder()
                .config(HubConfig.fromEnvironment(Map.of("AGENT_HUB_PORT", "0", "AGENT_HUB_SHUTDOWN_GRACE_SECONDS", "20")))
                .dataSource(database.dataSource())
                .customizeServer(config -> config.routes.get("/test/slow", ctx -> {
                    entered.countDown();
                    release.await(20, TimeUnit.SECONDS);
                    ctx.result("finished");
                }))
                .build()
                .start();
        HttpProbe http = new HttpProbe(hub.url());
        CompletableFuture<HttpProbe.Response> slow = CompletableFuture.supplyAsync(() -> http.get("/test/slow"));
        assertThat(entered.await(20, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<Void> closing = CompletableFuture.runAsync(hub::close);
        Thread.sleep(2500); // past Jetty's 1 s shutdown idle timeout: without a graceful drain the connection is cut
        assertThat(closing).as("close waits for the in-flight request").isNotDone();
        release.countDown();

        HttpProbe.Response response = slow.get(30, TimeUnit.SECONDS);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("finished");
        closing.get(30, TimeUnit.SECONDS);
    }
}
