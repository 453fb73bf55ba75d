package dev.agenthub.server;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The production fail-fast (wire spec agenthub §12) and the two settings it adds. */
class ProductionChecksTest {

    private static Map<String, String> validProduction() {
        Map<String, String> env = new HashMap<>();
        env.put("AGENT_HUB_APP_ENV", "Production");
        env.put("AGENT_HUB_REQUIRE_API_KEY", "1");
        env.put("AGENT_HUB_API_KEYS", "k-admin-0123456789:admin,k-reader-0123456789:viewer,bare:key-with-colon1");
        env.put("AGENT_HUB_AUTH_REQUIRE_ROLES", "1");
        env.put("AGENT_HUB_AUTH_REQUIRE_READS", "1");
        env.put("AGENT_HUB_JWT_SECRET", "s".repeat(32));
        env.put("AGENT_HUB_ALLOW_LOCAL_REPO_PATHS", "0");
        env.put("AGENT_HUB_METRICS_REQUIRE_TOKEN", "1");
        env.put("AGENT_HUB_METRICS_BEARER_TOKEN", "m".repeat(24));
        env.put("AGENT_HUB_GITHUB_WEBHOOK_SECRET", "w".repeat(32));
        env.put("DATABASE_URL", "postgresql://hub:pw@db.internal:5432/hub");
        env.put("AGENT_HUB_REQUIRE_TEST_CMD", "1");
        env.put("AGENT_HUB_TEST_CMD", "mvn -q test");
        return env;
    }

    @Test
    void aValidProductionConfigIsAccepted() {
        HubConfig config = HubConfig.fromEnvironment(validProduction());
        assertThat(config.production()).isTrue();
        assertThat(config.metrics()).isEqualTo(new MetricsSettings(true, java.util.Optional.of("m".repeat(24))));
    }

    @Test
    void everyViolatedRuleIsNamedAtOnce() {
        Map<String, String> env = new HashMap<>();
        env.put("AGENT_HUB_APP_ENV", "PRODUCTION");
        env.put("AGENT_HUB_API_KEYS", "replace-with-a-key:superuser"); // 2 holds (one bare entry), 12 and 14 fail
        env.put("AGENT_HUB_JWT_SECRET", "  short-secret-replace-with  ");
        env.put("AGENT_HUB_METRICS_BEARER_TOKEN", "too-short");
        env.put("AGENT_HUB_RATE_LIMIT_TRUST_PROXY_HEADERS", "1");
        env.put("AGENT_HUB_UI_ENV_PREFILL_ENABLED", "1");
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> HubConfig.fromEnvironment(env));
        assertThat(e.problems()).containsExactly(
                "AGENT_HUB_REQUIRE_API_KEY must be enabled in production",
                "AGENT_HUB_AUTH_REQUIRE_ROLES must be enabled in production",
                "AGENT_HUB_AUTH_REQUIRE_READS must be enabled in production",
                "AGENT_HUB_JWT_SECRET must be at least 32 characters in production",
                "AGENT_HUB_ALLOW_LOCAL_REPO_PATHS must be disabled in production",
                "AGENT_HUB_GITHUB_WEBHOOK_SECRET must be set in production",
                "AGENT_HUB_METRICS_REQUIRE_TOKEN must be enabled in production",
                "AGENT_HUB_METRICS_BEARER_TOKEN must be at least 24 characters in production",
                "AGENT_HUB_DATABASE_URL must name a PostgreSQL database in production (the embedded one is for development)",
                "AGENT_HUB_REQUIRE_TEST_CMD must be enabled in production",
                "AGENT_HUB_API_KEYS still contains the placeholder 'replace-with'",
                "AGENT_HUB_JWT_SECRET still contains the placeholder 'replace-with'",
                "AGENT_HUB_RATE_LIMIT_TRUST_PROXY_HEADERS is enabled but AGENT_HUB_TRUSTED_PROXY_IPS is empty",
                "AGENT_HUB_API_KEYS has an entry with role suffix 'superuser', which is not viewer, maintainer or admin",
                "AGENT_HUB_UI_ENV_PREFILL_ENABLED must be disabled in production");
    }

    @Test
    void anEmptyKeyListAndPlaceholdersInTheTokenAndDatabaseUrlAreRefused() {
        Map<String, String> env = validProduction();
        env.remove("AGENT_HUB_API_KEYS");
        env.put("AGENT_HUB_METRICS_BEARER_TOKEN", "REPLACE-WITH-a-long-metrics-token");
        env.put("DATABASE_URL", "postgresql://hub:replace-with@db:5432/hub");
        env.put("AGENT_HUB_GITHUB_WEBHOOK_SECRET", "replace-with-the-webhook-secret");
        assertThat(catchThrowableOfType(ConfigException.class, () -> HubConfig.fromEnvironment(env)).problems())
                .containsExactly("AGENT_HUB_API_KEYS must have at least one entry in production",
                        "AGENT_HUB_GITHUB_WEBHOOK_SECRET still contains the placeholder 'replace-with'",
                        "AGENT_HUB_METRICS_BEARER_TOKEN still contains the placeholder 'replace-with'",
                        "AGENT_HUB_DATABASE_URL still contains the placeholder 'replace-with'");
    }

    @Test
    void aNonPostgresDatabaseUrlIsRefusedAndDevelopmentIsUnchecked() {
        Map<String, String> env = validProduction();
        env.put("DATABASE_URL", "sqlite:///./agent_hub.db");
        assertThatThrownBy(() -> HubConfig.fromEnvironment(env)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("DATABASE_URL");
        assertThat(HubConfig.fromEnvironment(Map.of("AGENT_HUB_APP_ENV", "development")).production()).isFalse();
    }

    @Test
    void roleLikeSuffixesThatAreNoRole() {
        assertThat(ProductionChecks.mistypedRole("a:admin, b:viewer, c:maintainer, d, e:f1, g:")).isEmpty();
        assertThat(ProductionChecks.mistypedRole("a:admin,b:Admin")).contains("Admin");
        assertThat(ProductionChecks.mistypedRole("x:owner")).contains("owner");
    }

    @Test
    void metricsVariablesAreRead() {
        assertThat(HubConfig.fromEnvironment(Map.of()).metrics()).isEqualTo(MetricsSettings.defaults());
        assertThatThrownBy(() -> HubConfig.fromEnvironment(Map.of("AGENT_HUB_METRICS_REQUIRE_TOKEN", "sure")))
                .hasMessageContaining("AGENT_HUB_METRICS_REQUIRE_TOKEN must be");
        assertThat(HubConfig.fromEnvironment(Map.of("AGENT_HUB_METRICS_BEARER_TOKEN", "  tok  ")).metrics().bearerToken())
                .contains("tok");
    }
}
