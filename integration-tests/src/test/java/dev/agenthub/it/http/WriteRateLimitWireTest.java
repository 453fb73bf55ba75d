package dev.agenthub.it.http;

import dev.agenthub.it.support.HttpProbe;
import dev.agenthub.it.support.HttpProbe.Response;
import dev.agenthub.persistence.testing.SharedRedis;
import dev.agenthub.persistence.testing.TestDatabase;
import dev.agenthub.persistence.testing.TestInfrastructure;
import dev.agenthub.server.AgentHub;
import dev.agenthub.server.HubConfig;
import dev.agenthub.testkit.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.embedded.RedisServer;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The write rate limiter (wire spec agenthub §2.3, per-key window after R-K2): a 60 s sliding window per client IP on
 * every write, first of the checks, with the injected clock moving the window.
 */
@ExtendWith(TestInfrastructure.class)
class WriteRateLimitWireTest {

    private static final String LIMITED = "{\"detail\":\"Rate limit exceeded\"}";
    private static final Instant T0 = Instant.parse("2026-02-07T11:14:49.250Z");

    private final MutableClock clock = new MutableClock(T0);
    private final TestDatabase database;

    WriteRateLimitWireTest(TestDatabase database) {
        this.database = database;
    }

    private AgentHub hub(Map<String, String> extra) {
        Map<String, String> environment = new HashMap<>(Map.of("AGENT_HUB_PORT", "0", "AGENT_HUB_RATE_LIMIT_ENABLED", "1"));
        environment.putAll(extra);
        return AgentHub.builder().config(HubConfig.fromEnvironment(environment)).dataSource(database.dataSource())
                .clock(clock).build().start();
    }

    private static void assertLimited(Response response, String retryAfter) {
        assertThat(response.status()).as(response.body()).isEqualTo(429);
        assertThat(response.body()).isEqualTo(LIMITED);
        assertThat(response.header("Retry-After")).isEqualTo(retryAfter);
    }

    private static int post(HttpProbe http, String path, Map<String, String> headers) {
        return http.send("POST", path, "{}", headers).status();
    }

    @Test
    void theLimitIsReachedOnWritesOfEveryPathAndRefusalsCarryTheRequestHeaders() {
        try (AgentHub hub = hub(Map.of("AGENT_HUB_RATE_LIMIT_REQUESTS_PER_MINUTE", "4"))) {
            HttpProbe http = new HttpProbe(hub.url());
            // the limiter runs before the API-key gate, validation and routing: every write counts
            assertThat(http.send("POST", "/projects", "{}", Map.of()).status()).isEqualTo(422);
            assertThat(http.send("PATCH", "/projects/1", "{}", Map.of()).status()).isNotEqualTo(429);
            assertThat(http.send("PUT", "/webhooks/github", "{}", Map.of()).status()).isNotEqualTo(429);
            clock.advance(Duration.ofMillis(12_700));
            assertThat(http.send("DELETE", "/v1/nothing-here", null, Map.of()).status()).isNotEqualTo(429);

            for (int i = 0; i < 3; i++) {
                assertThat(http.get("/projects").status()).as("GETs are never limited").isEqualTo(200);
                assertThat(http.send("OPTIONS", "/projects", null, Map.of()).status()).isNotEqualTo(429);
                assertThat(http.send("HEAD", "/health", null, Map.of()).status()).isNotEqualTo(429);
            }

            Response limited = http.send("POST", "/mcp", "{}", Map.of("X-Request-ID", "  my-request  ",
                    "traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"));
            assertLimited(limited, "47"); // floor(60 − 12.7)
            assertThat(limited.header("X-Request-ID")).isEqualTo("my-request");
            assertThat(limited.header("X-Trace-ID")).isEqualTo("0af7651916cd43dd8448eb211c80319c");
            assertThat(limited.header("traceparent")).matches("00-0af7651916cd43dd8448eb211c80319c-[0-9a-f]{16}-01");

            Response anonymousTrace = http.send("DELETE", "/projects/1", null, Map.of());
            assertLimited(anonymousTrace, "47");
            assertThat(anonymousTrace.header("X-Request-ID")).matches("[0-9a-f]{32}");
            assertThat(anonymousTrace.header("X-Trace-ID")).matches("[0-9a-f]{32}");

            assertThat(metric(http, "agent_hub_rate_limit_rejections_total")).isEqualTo(2.0);
        }
    }

    @Test
    void theWindowSlidesAndRefusalsDoNotEnterIt() {
        try (AgentHub hub = hub(Map.of("AGENT_HUB_RATE_LIMIT_REQUESTS_PER_MINUTE", "2"))) {
            HttpProbe http = new HttpProbe(hub.url());
            assertThat(post(http, "/nowhere", Map.of())).isEqualTo(404); // T0
            clock.advance(Duration.ofSeconds(30));
            assertThat(post(http, "/nowhere", Map.of())).isEqualTo(404); // T0+30
            clock.advance(Duration.ofSeconds(10));
            assertLimited(http.send("POST", "/nowhere", "{}", Map.of()), "20");
            clock.set(T0.plusSeconds(60));
            assertThat(post(http, "/nowhere", Map.of())).as("the first hit left the window").isEqualTo(404);
            assertLimited(http.send("POST", "/nowhere", "{}", Map.of()), "30");
            clock.set(T0.plusSeconds(89).plusMillis(500));
            assertLimited(http.send("POST", "/nowhere", "{}", Map.of()), "1");
            clock.set(T0.plusSeconds(90));
            assertThat(post(http, "/nowhere", Map.of())).isEqualTo(404);
        }
    }

    @Test
    void forwardedAddressesCountOnlyFromATrustedProxyAndInvalidOnesAreIgnored() {
        Map<String, String> trusted = Map.of("AGENT_HUB_RATE_LIMIT_REQUESTS_PER_MINUTE", "1",
                "AGENT_HUB_RATE_LIMIT_TRUST_PROXY_HEADERS", "1", "AGENT_HUB_TRUSTED_PROXY_IPS", "10.9.9.9, 127.0.0.1");
        try (AgentHub hub = hub(trusted)) {
            HttpProbe http = new HttpProbe(hub.url());
            assertThat(post(http, "/x", Map.of("X-Forwarded-For", "203.0.113.7, 10.0.0.1"))).isEqualTo(404);
            assertThat(post(http, "/x", Map.of("X-Forwarded-For", "2001:db8::7"))).isEqualTo(404);
            assertThat(post(http, "/x", Map.of("X-Forwarded-For", "bogus", "X-Real-IP", "198.51.100.2"))).isEqualTo(404);
            assertThat(post(http, "/x", Map.of("X-Real-IP", "198.51.100.3"))).isEqualTo(404);
            // same first entry again: its own window is full
            assertLimited(http.send("POST", "/x", "{}", Map.of("X-Forwarded-For", "203.0.113.7")), "60");
            assertLimited(http.send("POST", "/x", "{}", Map.of("X-Real-IP", "198.51.100.2")), "60");
            // nothing valid: the peer's window (unused so far), then full
            assertThat(post(http, "/x", Map.of("X-Forwarded-For", "256.1.1.1", "X-Real-IP", "::gg"))).isEqualTo(404);
            assertLimited(http.send("POST", "/x", "{}", Map.of()), "60");
        }
        Map<String, String> untrustedPeer = Map.of("AGENT_HUB_RATE_LIMIT_REQUESTS_PER_MINUTE", "1",
                "AGENT_HUB_RATE_LIMIT_TRUST_PROXY_HEADERS", "1", "AGENT_HUB_TRUSTED_PROXY_IPS", "10.9.9.9");
        for (Map<String, String> environment : new Map[]{untrustedPeer,
                Map.of("AGENT_HUB_RATE_LIMIT_REQUESTS_PER_MINUTE", "1", "AGENT_HUB_TRUSTED_PROXY_IPS", "127.0.0.1")}) {
            try (AgentHub hub = hub(environment)) {
                HttpProbe http = new HttpProbe(hub.url());
                assertThat(post(http, "/x", Map.of("X-Forwarded-For", "203.0.113.8"))).isEqualTo(404);
                assertLimited(http.send("POST", "/x", "{}", Map.of("X-Forwarded-For", "203.0.113.9")), "60");
            }
        }
    }

    @Test
    void aKeyHasAWindowOfItsOwnAcrossHeadersAndAnonymousWritersHaveNone() {
        try (AgentHub hub = hub(Map.of("AGENT_HUB_RATE_LIMIT_REQUESTS_PER_MINUTE", "100",
                "AGENT_HUB_RATE_LIMIT_PER_KEY_REQUESTS_PER_MINUTE", "2"))) {
            HttpProbe http = new HttpProbe(hub.url());
            assertThat(post(http, "/x", Map.of("X-API-Key", "key-one"))).isEqualTo(404);
            clock.advance(Duration.ofSeconds(5));
            assertThat(post(http, "/x", Map.of("Authorization", "Bearer key-one"))).isEqualTo(404);
            assertLimited(http.send("POST", "/x", "{}", Map.of("X-API-Key", "key-one")), "55");
            assertThat(post(http, "/x", Map.of("X-API-Key", "key-two"))).isEqualTo(404);
            for (int i = 0; i < 5; i++) {
                assertThat(post(http, "/x", Map.of())).as("anonymous writers are not keyed").isEqualTo(404);
            }
        }
    }

    @Test
    void twoHubsOnOneRedisShareTheWindowAndALostRedisAllowsWrites(SharedRedis sharedRedis) throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        RedisServer server = RedisServer.newRedisServer().port(port).bind("127.0.0.1")
                .setting("save \"\"").setting("appendonly no").build();
        server.start();
        try {
            Map<String, String> environment = Map.of("AGENT_HUB_RATE_LIMIT_REQUESTS_PER_MINUTE", "3",
                    "AGENT_HUB_REDIS_URL", "redis://127.0.0.1:" + port + "/0",
                    "AGENT_HUB_REDIS_KEY_PREFIX", sharedRedis.newKeyPrefix());
            try (AgentHub first = hub(environment); AgentHub second = hub(environment)) {
                HttpProbe one = new HttpProbe(first.url());
                HttpProbe two = new HttpProbe(second.url());
                assertThat(post(one, "/x", Map.of())).isEqualTo(404);
                assertThat(post(two, "/x", Map.of())).isEqualTo(404);
                assertThat(post(one, "/x", Map.of())).isEqualTo(404);
                assertLimited(two.send("POST", "/x", "{}", Map.of()), "60");
                assertLimited(one.send("POST", "/x", "{}", Map.of()), "60");

                server.stop();
                assertThat(post(one, "/x", Map.of())).as("a lost store allows").isEqualTo(404);
                assertThat(post(one, "/x", Map.of())).isEqualTo(404);
                assertThat(metric(one, "agent_hub_rate_limit_store_failures_total")).isEqualTo(2.0);
            }
        } finally {
            if (server.isActive()) {
                server.stop();
            }
        }
    }

    static double metric(HttpProbe http, String name) {
        String text = http.get("/metrics").body();
        var matcher = Pattern.compile("(?m)^" + Pattern.quote(name) + "(?:\\{[^}]*})? (\\S+)$").matcher(text);
        assertThat(matcher.find()).as("%s in %s", name, text).isTrue();
        return Double.parseDouble(matcher.group(1));
    }
}
