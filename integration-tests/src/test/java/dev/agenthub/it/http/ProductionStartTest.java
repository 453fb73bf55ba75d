package dev.agenthub.it.http;

import dev.agenthub.it.support.HttpProbe;
import dev.agenthub.persistence.postgres.PostgresUrl;
import dev.agenthub.persistence.testing.TestDatabase;
import dev.agenthub.persistence.testing.TestInfrastructure;
import dev.agenthub.server.AgentHub;
import dev.agenthub.server.HubConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A configuration that passes every production check (wire spec agenthub §12) starts a hub on PostgreSQL. */
@ExtendWith(TestInfrastructure.class)
class ProductionStartTest {

    @Test
    void aValidProductionConfigStartsAndServesWithItsGatesOn(TestDatabase database) {
        PostgresUrl url = database.url();
        String credentials = url.user() == null ? "" : URLEncoder.encode(url.user(), StandardCharsets.UTF_8)
                + (url.password() == null ? "" : ":" + URLEncoder.encode(url.password(), StandardCharsets.UTF_8)) + "@";
        String databaseUrl = "postgresql://" + credentials + url.jdbcUrl().substring("jdbc:postgresql://".length());
        String metricsToken = "metrics-token-0123456789abcdef";
        Map<String, String> env = new HashMap<>();
        env.put("AGENT_HUB_PORT", "0");
        env.put("AGENT_HUB_APP_ENV", "production");
        env.put("AGENT_HUB_REQUIRE_API_KEY", "1");
        env.put("AGENT_HUB_API_KEYS", "prod-admin-key-0123456789:admin");
        env.put("AGENT_HUB_AUTH_REQUIRE_ROLES", "1");
        env.put("AGENT_HUB_AUTH_REQUIRE_READS", "1");
        env.put("AGENT_HUB_JWT_SECRET", "j".repeat(40));
        env.put("AGENT_HUB_ALLOW_LOCAL_REPO_PATHS", "0");
        env.put("AGENT_HUB_METRICS_REQUIRE_TOKEN", "1");
        env.put("AGENT_HUB_METRICS_BEARER_TOKEN", metricsToken);
        env.put("AGENT_HUB_GITHUB_WEBHOOK_SECRET", "webhook-secret-0123456789abcdef");
        env.put("AGENT_HUB_DATABASE_URL", databaseUrl);
        env.put("AGENT_HUB_DATABASE_POOL_SIZE", "2");
        env.put("AGENT_HUB_REQUIRE_TEST_CMD", "1");
        env.put("AGENT_HUB_TEST_CMD", "true");
        env.put("AGENT_HUB_RATE_LIMIT_ENABLED", "1");
        try (AgentHub hub = AgentHub.builder().config(HubConfig.fromEnvironment(env)).build().start()) {
            HttpProbe http = new HttpProbe(hub.url());
            assertThat(http.get("/health/ready").status()).isEqualTo(200);
            assertThat(http.get("/projects").status()).as("read gate on").isEqualTo(401);
            assertThat(http.get("/metrics").status()).as("metrics token on").isEqualTo(401);
            assertThat(http.send("GET", "/metrics", null, Map.of("Authorization", "Bearer " + metricsToken)).status())
                    .isEqualTo(200);
        }
    }
}
