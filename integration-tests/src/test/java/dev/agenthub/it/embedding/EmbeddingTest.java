package dev.agenthub.it.embedding;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agenthub.http.support.JsonBodies;
import dev.agenthub.it.support.HttpProbe;
import dev.agenthub.persistence.testing.SharedPostgres;
import dev.agenthub.persistence.testing.TestDatabase;
import dev.agenthub.persistence.testing.TestInfrastructure;
import dev.agenthub.protocol.kernel.error.DomainError;
import dev.agenthub.server.AgentHub;
import dev.agenthub.server.HubConfig;
import dev.agenthub.testkit.events.RecordingListener;
import io.javalin.Javalin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The hub as a library: several hubs in one JVM, and the HTTP plugin mounted on a host's Javalin. */
@ExtendWith(TestInfrastructure.class)
class EmbeddingTest {

    private static HubConfig randomPort() {
        return HubConfig.fromEnvironment(Map.of("AGENT_HUB_PORT", "0"));
    }

    @Test
    void twoHubsInOneJvmShareNothing(TestDatabase database, SharedPostgres postgres) {
        var secondUrl = postgres.createDatabase("second_hub");
        var secondPool = dev.agenthub.persistence.postgres.ConnectionPools.create("second", secondUrl, 4, null);
        try (secondPool;
             AgentHub first = AgentHub.builder().config(randomPort()).dataSource(database.dataSource()).build().start();
             AgentHub second = AgentHub.builder().config(randomPort()).dataSource(secondPool).build().start()) {
            assertThat(first.port()).isNotEqualTo(second.port());
            assertThat(first.meterRegistry()).isNotSameAs(second.meterRegistry());
            assertThat(first.eventBus()).isNotSameAs(second.eventBus());

            RecordingListener onFirst = new RecordingListener();
            RecordingListener onSecond = new RecordingListener();
            try (var a = first.eventBus().subscribe("isolation", onFirst);
                 var b = second.eventBus().subscribe("isolation", onSecond)) {
                second.eventBus().publish("isolation", "for-second");
                first.eventBus().publish("isolation", "for-first");
                onFirst.awaitPayload("for-first");
                onSecond.awaitPayload("for-second");
                assertThat(onFirst.payloads()).containsExactly("for-first");
                assertThat(onSecond.payloads()).containsExactly("for-second");
            }

            HttpProbe firstHttp = new HttpProbe(first.url());
            HttpProbe secondHttp = new HttpProbe(second.url());
            assertThat(firstHttp.get("/health/ready").status()).isEqualTo(200);
            assertThat(secondHttp.get("/health/ready").status()).isEqualTo(200);
            firstHttp.get("/health/live");
            assertThat(firstHttp.get("/metrics").body()).contains("route=\"/health/live\"");
            assertThat(secondHttp.get("/metrics").body()).doesNotContain("route=\"/health/live\"");

            first.close();
            assertThat(secondHttp.get("/health/ready").status()).isEqualTo(200);
        } finally {
            postgres.dropDatabase(secondUrl);
        }
    }

    @Test
    void aHostApplicationMountsThePluginBesideItsOwnRoutes(TestDatabase database) {
        try (AgentHub hub = AgentHub.builder().config(randomPort()).dataSource(database.dataSource())
                .withoutHttpServer().build().start()) {
            JsonBodies bodies = hub.httpPlugin().jsonBodies();
            Javalin host = Javalin.create(config -> {
                config.startup.showJavalinBanner = false;
                config.registerPlugin(hub.httpPlugin());
                config.routes.get("/host/hello", ctx -> ctx.json(Map.of("hello", "host")));
                config.routes.post("/host/strict", ctx -> {
                    ObjectNode body = bodies.object(ctx);
                    bodies.rejectUnknownKeys(body, Set.of("name"));
                    ctx.json(Map.of("name", body.path("name").asText()));
                });
                config.routes.get("/host/conflict", ctx -> {
                    var holder = new java.util.LinkedHashMap<String, Object>();
                    holder.put("holder_alias", "alice");
                    holder.put("expires_at", "2026-01-01T00:00:00.000000+00:00");
                    throw new DomainError.Conflict("Reservation is already held", holder);
                });
                config.routes.get("/host/bug", ctx -> {
                    throw new IllegalStateException("internal detail that must not leak");
                });
            }).start(0);
            try {
                HttpProbe http = new HttpProbe("http://127.0.0.1:" + host.port());
                assertThat(http.get("/host/hello").body()).isEqualTo("{\"hello\":\"host\"}");
                assertThat(http.get("/health").json().path("checks").path("database").asText()).isEqualTo("ok");
                assertThat(http.get("/host/unknown").body()).isEqualTo("{\"detail\":\"Not Found\"}");
                assertThat(http.get("/host/hello").header("X-Request-ID")).matches("[0-9a-f]{32}");

                HttpProbe.Response invalidJson = http.send("POST", "/host/strict", "{\"name\": ", Map.of());
                assertThat(invalidJson.status()).isEqualTo(422);
                assertThat(invalidJson.json().path("detail").get(0).path("type").asText()).isEqualTo("json_invalid");
                assertThat(invalidJson.json().path("detail").get(0).path("loc").get(0).asText()).isEqualTo("body");
                assertThat(invalidJson.json().path("detail").get(0).path("loc").get(1).asInt()).as("offset of the error").isPositive();
                assertThat(invalidJson.json().path("detail").get(0).path("msg").asText()).isEqualTo("JSON decode error");

                HttpProbe.Response extra = http.send("POST", "/host/strict", "{\"name\":\"x\",\"from_alias\":\"bob\"}", Map.of());
                assertThat(extra.status()).isEqualTo(422);
                assertThat(extra.body()).isEqualTo("{\"detail\":[{\"type\":\"extra_forbidden\",\"loc\":[\"body\",\"from_alias\"],"
                        + "\"msg\":\"Extra inputs are not permitted\",\"input\":\"bob\"}]}");

                HttpProbe.Response empty = http.send("POST", "/host/strict", "", Map.of());
                assertThat(empty.status()).isEqualTo(422);
                assertThat(empty.body()).isEqualTo("{\"detail\":[{\"type\":\"missing\",\"loc\":[\"body\"],\"msg\":\"Field required\",\"input\":null}]}");

                HttpProbe.Response notAnObject = http.send("POST", "/host/strict", "[1,2]", Map.of());
                assertThat(notAnObject.status()).isEqualTo(422);
                assertThat(notAnObject.json().path("detail").get(0).path("type").asText()).isEqualTo("model_attributes_type");

                HttpProbe.Response conflict = http.get("/host/conflict");
                assertThat(conflict.status()).isEqualTo(409);
                assertThat(conflict.body()).isEqualTo("{\"detail\":\"Reservation is already held\",\"holder_alias\":\"alice\","
                        + "\"expires_at\":\"2026-01-01T00:00:00.000000+00:00\"}");

                HttpProbe.Response bug = http.get("/host/bug");
                assertThat(bug.status()).isEqualTo(500);
                assertThat(bug.body()).isEqualTo("{\"detail\":\"Internal server error\"}");
            } finally {
                host.stop();
            }
        }
    }
}
