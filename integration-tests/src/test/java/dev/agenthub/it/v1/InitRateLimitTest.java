package dev.agenthub.it.v1;

import dev.agenthub.it.support.HttpProbe.Response;
import dev.agenthub.it.support.V1Client;
import dev.agenthub.persistence.testing.SharedRedis;
import dev.agenthub.persistence.testing.TestDatabase;
import dev.agenthub.persistence.testing.TestInfrastructure;
import dev.agenthub.server.AgentHub;
import dev.agenthub.server.HubConfig;
import dev.agenthub.testkit.MutableClock;
import io.lettuce.core.RedisClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.embedded.RedisServer;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static dev.agenthub.it.support.V1Client.assertBody;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code /v1/init} rate limit (§4.1 step 1): a fixed window per client IP, 429 with {@code Retry-After},
 * 422s not counted, shared by the instances of one Redis, and failing closed (503) when the counter store is
 * down.
 */
@ExtendWith(TestInfrastructure.class)
class InitRateLimitTest {

    private static final String RATE_LIMITED = "{\"detail\":\"Rate limit exceeded. Too many initialization requests.\"}";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-02-07T11:14:49.500Z"));
    private final TestDatabase database;

    InitRateLimitTest(TestDatabase database) {
        this.database = database;
    }

    private AgentHub hub(Map<String, String> environment, RedisClient redis) {
        AgentHub.Builder builder = AgentHub.builder()
                .config(HubConfig.fromEnvironment(environment))
                .dataSource(database.dataSource())
                .clock(clock);
        if (redis != null) {
            builder.redisClient(redis);
        }
        return builder.build().start();
    }

    private static String init(String alias) {
        return "{\"project_slug\":\"limited\",\"alias\":\"" + alias + "\"}";
    }

    @Test
    void theWindowStartsAtTheFirstRequestAndValidationFailuresAreNotCounted() {
        try (AgentHub hub = hub(Map.of("AGENT_HUB_PORT", "0", "BEADHUB_INIT_RATE_LIMIT", "3", "BEADHUB_INIT_RATE_WINDOW", "60"), null)) {
            V1Client client = new V1Client(hub.url());
            assertThat(client.post("/v1/init", init("a1"), Map.of()).status()).isEqualTo(200);
            assertThat(client.post("/v1/init", "{\"alias\":\"bad alias\"}", Map.of()).status()).isEqualTo(422);
            clock.advance(Duration.ofSeconds(20));
            assertThat(client.post("/v1/init", init("a1"), Map.of()).status()).as("a 409 counts").isEqualTo(409);
            assertThat(client.post("/v1/init", init("a2"), Map.of()).status()).isEqualTo(200);

            Response limited = client.post("/v1/init", init("a3"), Map.of());
            assertBody(limited, 429, RATE_LIMITED);
            assertThat(limited.header("Retry-After")).isEqualTo("40");

            clock.advance(Duration.ofSeconds(40));
            assertThat(client.post("/v1/init", init("a3"), Map.of()).status()).as("a new window").isEqualTo(200);
        }
    }

    @Test
    void instancesOnOneRedisShareTheCountAndALostRedisFailsClosed(SharedRedis sharedRedis) throws IOException {
        // a Redis of this test's own, so that stopping it affects no other test
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        RedisServer server = RedisServer.newRedisServer().port(port).bind("127.0.0.1")
                .setting("save \"\"").setting("appendonly no").build();
        server.start();
        RedisClient hostClient = RedisClient.create("redis://127.0.0.1:" + port + "/0");
        try {
            Map<String, String> environment = Map.of("AGENT_HUB_PORT", "0", "AGENT_HUB_INIT_RATE_LIMIT", "2",
                    "AGENT_HUB_REDIS_URL", "redis://127.0.0.1:" + port + "/0",
                    "AGENT_HUB_REDIS_KEY_PREFIX", sharedRedis.newKeyPrefix());
            // one instance on a client of its own (from the URL), one on a client the host supplies and owns
            try (AgentHub first = hub(environment, null); AgentHub second = hub(environment, hostClient)) {
                V1Client one = new V1Client(first.url());
                V1Client two = new V1Client(second.url());
                assertThat(one.post("/v1/init", init("r1"), Map.of()).status()).isEqualTo(200);
                assertThat(two.post("/v1/init", init("r2"), Map.of()).status()).isEqualTo(200);
                assertBody(one.post("/v1/init", init("r3"), Map.of()), 429, RATE_LIMITED);
                assertBody(two.post("/v1/init", init("r3"), Map.of()), 429, RATE_LIMITED);

                server.stop();
                for (V1Client instance : new V1Client[]{one, two}) {
                    assertBody(instance.post("/v1/init", init("r4"), Map.of()), 503,
                            "{\"detail\":\"Service temporarily unavailable. Please retry.\"}");
                }
                assertThat(one.http().get("/health").json().get("status").asText()).isEqualTo("unhealthy");
            }
        } finally {
            hostClient.shutdown();
            if (server.isActive()) {
                server.stop();
            }
        }
    }
}
