package dev.agenthub.server;

import org.junit.jupiter.api.Test;

import dev.agenthub.orchestration.access.Role;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HubConfigTest {

    @Test
    void defaultsGiveTheZeroSetupServer() {
        HubConfig config = HubConfig.fromEnvironment(Map.of());
        assertThat(config.appEnv()).isEqualTo("development");
        assertThat(config.host()).isEqualTo("127.0.0.1");
        assertThat(config.port()).isEqualTo(8000);
        assertThat(config.databaseUrl()).isEmpty();
        assertThat(config.redisUrl()).isEmpty();
        assertThat(config.dataDir()).isEqualTo(Path.of(".agent-hub"));
        assertThat(config.databasePoolSize()).isEqualTo(10);
        assertThat(config.redisKeyPrefix()).isEqualTo("agenthub:");
        assertThat(config.maxRequestBytes()).isEqualTo(16L * 1024 * 1024);
        assertThat(config.shutdownGraceSeconds()).isEqualTo(30);
        assertThat(config.logLevel()).isEqualTo("info");
        assertThat(config.production()).isFalse();
    }

    @Test
    void agentHubNamesWinOverTheBeadhubAliases() {
        HubConfig config = HubConfig.fromEnvironment(Map.of(
                "AGENT_HUB_PORT", "9100", "BEADHUB_PORT", "9200",
                "DATABASE_URL", "postgresql://generic@db/one",
                "BEADHUB_DATABASE_URL", "postgresql://beadhub@db/two",
                "AGENT_HUB_DATABASE_URL", "postgresql://hub:secret@db:6543/three"));
        assertThat(config.port()).isEqualTo(9100);
        assertThat(config.databaseUrl()).get().satisfies(url -> {
            assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db:6543/three");
            assertThat(url.user()).isEqualTo("hub");
            assertThat(url.password()).isEqualTo("secret");
        });
    }

    @Test
    void aliasesApplyWhenThePrimaryNameIsAbsentOrBlank() {
        HubConfig config = HubConfig.fromEnvironment(Map.of(
                "AGENT_HUB_PORT", "  ",
                "BEADHUB_PORT", "9200",
                "BEADHUB_HOST", "0.0.0.0",
                "DATABASE_URL", "jdbc:postgresql://db/x",
                "REDIS_URL", "redis://cache:6380/2",
                "BEADHUB_LOG_LEVEL", "DEBUG"));
        assertThat(config.port()).isEqualTo(9200);
        assertThat(config.host()).isEqualTo("0.0.0.0");
        assertThat(config.databaseUrl()).get().extracting(url -> url.jdbcUrl()).isEqualTo("jdbc:postgresql://db/x");
        assertThat(config.redisUrl()).contains("redis://cache:6380/2");
        assertThat(config.logLevel()).isEqualTo("debug");
    }

    @Test
    void namesAreMatchedCaseInsensitively() {
        HubConfig config = HubConfig.fromEnvironment(Map.of("agent_hub_port", "8123", "Agent_Hub_App_Env", "TEST"));
        assertThat(config.port()).isEqualTo(8123);
        assertThat(config.appEnv()).isEqualTo("test"); // production, also matched in any case: ProductionChecksTest
    }

    @Test
    void everyBadValueIsReportedAtOnceNamingItsVariable() {
        assertThatThrownBy(() -> HubConfig.fromEnvironment(Map.of(
                "AGENT_HUB_PORT", "eighty",
                "AGENT_HUB_DATABASE_POOL_SIZE", "0",
                "BEADHUB_DATABASE_URL", "mysql://db/x",
                "AGENT_HUB_REDIS_URL", "http://cache",
                "AGENT_HUB_LOG_LEVEL", "loud",
                "AGENT_HUB_MAX_REQUEST_BYTES", "10")))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.problems()).hasSize(6);
                    assertThat(e.getMessage())
                            .contains("AGENT_HUB_PORT must be an integer, got 'eighty'")
                            .contains("AGENT_HUB_DATABASE_POOL_SIZE must be between 1 and 500, got 0")
                            .contains("BEADHUB_DATABASE_URL: not a PostgreSQL URL")
                            .contains("AGENT_HUB_REDIS_URL: expected redis://")
                            .contains("AGENT_HUB_LOG_LEVEL must be one of")
                            .contains("AGENT_HUB_MAX_REQUEST_BYTES must be between 1024");
                });
    }

    @Test
    void portZeroMeansAnyFreePortAndOutOfRangeIsRejected() {
        assertThat(HubConfig.fromEnvironment(Map.of("AGENT_HUB_PORT", "0")).port()).isZero();
        assertThatThrownBy(() -> HubConfig.fromEnvironment(Map.of("AGENT_HUB_PORT", "70000")))
                .hasMessageContaining("AGENT_HUB_PORT must be between 0 and 65535, got 70000");
    }

    @Test
    void databaseUrlsNeverAppearWithTheirPasswordInMessages() {
        HubConfig config = HubConfig.fromEnvironment(Map.of("AGENT_HUB_DATABASE_URL", "postgresql://u:topsecret@h/d"));
        assertThat(config.databaseUrl().orElseThrow().toString()).doesNotContain("topsecret");
    }

    @Test
    void theAuthGatesAreOffByDefault() {
        HubConfig config = HubConfig.fromEnvironment(Map.of());
        assertThat(config.access().anyGate()).isFalse();
        assertThat(config.access().keys().isEmpty()).isTrue();
        assertThat(config.access().jwtSecret()).isEmpty();
        assertThat(config.access().jwtTtl()).isEqualTo(Duration.ofSeconds(3600));
    }

    @Test
    void theAuthVariablesAreParsed() {
        String secret = "s".repeat(32);
        HubConfig config = HubConfig.fromEnvironment(Map.of(
                "AGENT_HUB_REQUIRE_API_KEY", "Yes", "AGENT_HUB_API_KEYS", " k1 , k2:viewer,,k3:admin ",
                "AGENT_HUB_AUTH_REQUIRE_ROLES", "TRUE", "AGENT_HUB_AUTH_REQUIRE_READS", "1",
                "AGENT_HUB_JWT_SECRET", "  " + secret + "  ", "AGENT_HUB_JWT_TTL_SECONDS", "90"));
        assertThat(config.access().requireApiKey()).isTrue();
        assertThat(config.access().requireRoles()).isTrue();
        assertThat(config.access().requireReads()).isTrue();
        assertThat(config.access().keys().size()).isEqualTo(3);
        assertThat(config.access().keys().match("k2")).get().extracting(m -> m.maxRole()).isEqualTo(Role.VIEWER);
        assertThat(config.access().jwtSecret()).contains(secret);
        assertThat(config.access().jwtTtl()).isEqualTo(Duration.ofSeconds(90));
        assertThat(config.toString()).doesNotContain(secret).doesNotContain("k1").doesNotContain("k3");
        assertThat(config.withPort(0).access()).isEqualTo(config.access());
        assertThat(HubConfig.fromEnvironment(Map.of("AGENT_HUB_REQUIRE_API_KEY", "off")).access().requireApiKey()).isFalse();
    }

    @Test
    void aBadTtlOrFlagOrAShortSecretBehindAGateStopsStartupNamingTheVariable() {
        assertThatThrownBy(() -> HubConfig.fromEnvironment(Map.of(
                "AGENT_HUB_JWT_TTL_SECONDS", "0", "AGENT_HUB_AUTH_REQUIRE_ROLES", "maybe",
                "AGENT_HUB_REQUIRE_API_KEY", "1", "AGENT_HUB_JWT_SECRET", "x".repeat(31))))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactlyInAnyOrder(
                        "AGENT_HUB_JWT_TTL_SECONDS must be between 1 and 2147483647, got 0",
                        "AGENT_HUB_AUTH_REQUIRE_ROLES must be 1/true/yes/on or 0/false/no/off, got 'maybe'",
                        "AGENT_HUB_JWT_SECRET must be at least 32 characters (HS256 needs a 256-bit key), got 31"));
        assertThatThrownBy(() -> HubConfig.fromEnvironment(Map.of("AGENT_HUB_JWT_TTL_SECONDS", "an hour")))
                .hasMessageContaining("AGENT_HUB_JWT_TTL_SECONDS must be an integer, got 'an hour'");
        assertThatThrownBy(() -> HubConfig.fromEnvironment(Map.of("AGENT_HUB_JWT_TTL_SECONDS", "-5")))
                .hasMessageContaining("AGENT_HUB_JWT_TTL_SECONDS must be between 1");
        for (String gate : new String[] {"AGENT_HUB_REQUIRE_API_KEY", "AGENT_HUB_AUTH_REQUIRE_ROLES", "AGENT_HUB_AUTH_REQUIRE_READS"}) {
            assertThatThrownBy(() -> HubConfig.fromEnvironment(Map.of(gate, "on", "AGENT_HUB_JWT_SECRET", " short ")))
                    .as(gate).hasMessageContaining("AGENT_HUB_JWT_SECRET must be at least 32 characters");
        }
        // with every gate off a short secret is accepted (and left unused by the hub); a missing one is a 500 per request
        assertThat(HubConfig.fromEnvironment(Map.of("AGENT_HUB_JWT_SECRET", "short")).access().jwtSecret()).contains("short");
        assertThat(HubConfig.fromEnvironment(Map.of("AGENT_HUB_AUTH_REQUIRE_ROLES", "1")).access().jwtSecret()).isEmpty();
    }

    @Test
        void agentHubPagingAndLocalRepoSettings() {
        HubConfig defaults = HubConfig.fromEnvironment(Map.of());
        assertThat(defaults.defaultPageSize()).isEqualTo(50);
        assertThat(defaults.maxPageSize()).isEqualTo(200);
        assertThat(defaults.allowLocalRepoPaths()).isTrue();
        assertThat(defaults.allowedLocalRepoRoot()).isEmpty();
        HubConfig set = HubConfig.fromEnvironment(Map.of("AGENT_HUB_DEFAULT_PAGE_SIZE", "500", "agent_hub_max_page_size", "2000",
                "AGENT_HUB_ALLOW_LOCAL_REPO_PATHS", "off", "AGENT_HUB_ALLOWED_LOCAL_REPO_ROOT", " ~/repos "));
        assertThat(set.defaultPageSize()).isEqualTo(500);
        assertThat(set.maxPageSize()).isEqualTo(2000);
        assertThat(set.allowLocalRepoPaths()).isFalse();
        assertThat(set.allowedLocalRepoRoot()).contains("~/repos");
        assertThat(set.withPort(0).allowedLocalRepoRoot()).contains("~/repos");
        assertThatThrownBy(() -> HubConfig.fromEnvironment(Map.of("AGENT_HUB_DEFAULT_PAGE_SIZE", "0",
                "AGENT_HUB_MAX_PAGE_SIZE", "2001", "AGENT_HUB_ALLOW_LOCAL_REPO_PATHS", "maybe")))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactly(
                        "AGENT_HUB_DEFAULT_PAGE_SIZE must be between 1 and 500, got 0",
                        "AGENT_HUB_MAX_PAGE_SIZE must be between 1 and 2000, got 2001",
                        "AGENT_HUB_ALLOW_LOCAL_REPO_PATHS must be 1/true/yes/on or 0/false/no/off, got 'maybe'"));
    }

    @Test
        void gitEngineSettingsHaveTheSpecDefaults() {
        HubConfig config = HubConfig.fromEnvironment(Map.of());
        assertThat(config.git().workspacesRoot()).isEqualTo(Path.of(".agent_workspaces"));
        assertThat(config.git().commandTimeout()).isEqualTo(java.time.Duration.ofSeconds(60));
        assertThat(config.git().retries()).isEqualTo(1);
        assertThat(config.git().username()).isEmpty();
        assertThat(config.git().githubToken()).isEmpty();
        assertThat(config.autoPush()).isFalse();
    }

    @Test
    void gitEngineSettingsAreReadAndNeverPrintCredentials() {
        HubConfig config = HubConfig.fromEnvironment(Map.of(
                "AGENT_HUB_WORKSPACES", "/srv/ws", "AGENT_HUB_GIT_COMMAND_TIMEOUT_SEC", "5",
                "AGENT_HUB_GIT_COMMAND_RETRIES", "10", "AGENT_HUB_AUTO_PUSH", "yes",
                "AGENT_HUB_GIT_USERNAME", "bot", "AGENT_HUB_GIT_PASSWORD", "pw-secret",
                "GITHUB_TOKEN", "gh-secret", "GITLAB_TOKEN", "gl-secret"));
        assertThat(config.git().workspacesRoot()).isEqualTo(Path.of("/srv/ws"));
        assertThat(config.git().commandTimeout()).isEqualTo(java.time.Duration.ofSeconds(5));
        assertThat(config.git().retries()).isEqualTo(10);
        assertThat(config.git().username()).contains("bot");
        assertThat(config.git().password()).contains("pw-secret");
        assertThat(config.git().githubToken()).contains("gh-secret");
        assertThat(config.git().gitlabToken()).contains("gl-secret");
        assertThat(config.autoPush()).isTrue();
        assertThat(config.toString()).doesNotContain("pw-secret").doesNotContain("gh-secret").doesNotContain("gl-secret");
    }

    @Test
    void badGitEngineValuesStopStartupNamingTheVariable() {
        assertThatThrownBy(() -> HubConfig.fromEnvironment(Map.of(
                "AGENT_HUB_GIT_COMMAND_TIMEOUT_SEC", "4", "AGENT_HUB_GIT_COMMAND_RETRIES", "11",
                "AGENT_HUB_AUTO_PUSH", "maybe", "AGENT_HUB_GIT_USERNAME", "bot")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("AGENT_HUB_GIT_COMMAND_TIMEOUT_SEC must be between 5 and 600")
                .hasMessageContaining("AGENT_HUB_GIT_COMMAND_RETRIES must be between 0 and 10")
                .hasMessageContaining("AGENT_HUB_AUTO_PUSH")
                .hasMessageContaining("AGENT_HUB_GIT_USERNAME and AGENT_HUB_GIT_PASSWORD");
    }

    @Test
    void workItemMaxAttemptsDefaultsToNoCapAndIsRangeChecked() {
        assertThat(HubConfig.fromEnvironment(Map.of()).workItemMaxAttempts()).isZero();
        HubConfig capped = HubConfig.fromEnvironment(Map.of("AGENT_HUB_WORK_ITEM_MAX_ATTEMPTS", "3")).withPort(0);
        assertThat(capped.workItemMaxAttempts()).isEqualTo(3);
        assertThat(capped.toString()).contains("workItemMaxAttempts=3");
        assertThatThrownBy(() -> HubConfig.fromEnvironment(Map.of("AGENT_HUB_WORK_ITEM_MAX_ATTEMPTS", "1001")))
                .hasMessageContaining("AGENT_HUB_WORK_ITEM_MAX_ATTEMPTS must be between 0 and 1000, got 1001");
        assertThatThrownBy(() -> HubConfig.fromEnvironment(Map.of("AGENT_HUB_WORK_ITEM_MAX_ATTEMPTS", "-1")))
                .hasMessageContaining("AGENT_HUB_WORK_ITEM_MAX_ATTEMPTS");
    }

    @Test
    void jobStaleTimeoutDefaultsTo900SecondsAndIsRangeChecked() {
        assertThat(HubConfig.fromEnvironment(Map.of()).jobStaleTimeout()).isEqualTo(java.time.Duration.ofSeconds(900));
        assertThat(HubConfig.fromEnvironment(Map.of("AGENT_HUB_JOB_STALE_TIMEOUT_SEC", "30")).withPort(0)
                .jobStaleTimeout()).isEqualTo(java.time.Duration.ofSeconds(30));
        assertThatThrownBy(() -> HubConfig.fromEnvironment(Map.of("AGENT_HUB_JOB_STALE_TIMEOUT_SEC", "0")))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactly(
                        "AGENT_HUB_JOB_STALE_TIMEOUT_SEC must be between 1 and 86400, got 0"));
    }
}
