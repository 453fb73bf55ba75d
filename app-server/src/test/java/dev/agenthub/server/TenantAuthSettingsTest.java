package dev.agenthub.server;

import dev.agenthub.hub.tenants.port.TenantTokenVerifier;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The tenant dashboard's settings (docs/dashboard-api.md): parsing, aliases, the startup refusal, redaction. */
class TenantAuthSettingsTest {

    private static final String SECRET = "0123456789abcdef0123456789abcdef";

    @Test
    void theDashboardIsOffByDefaultAndThenNeedsNoSecret() {
        TenantAuthSettings settings = HubConfig.fromEnvironment(Map.of()).tenantAuth();
        assertThat(settings).isEqualTo(TenantAuthSettings.disabled());
        assertThat(settings.verifier(Clock.systemUTC())).isEmpty();
        // a short secret is left unused while the dashboard is off
        assertThat(HubConfig.fromEnvironment(Map.of("BETTER_AUTH_SECRET", "short")).tenantAuth().dashboardEnabled()).isFalse();
    }

    @Test
    void anEnabledDashboardWithoutASecretStopsStartup() {
        assertThatThrownBy(() -> HubConfig.fromEnvironment(Map.of("AGENT_HUB_DASHBOARD_ENABLED", "1")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("AGENT_HUB_TENANT_JWT_SECRET").hasMessageContaining("BETTER_AUTH_SECRET");
    }

    @Test
    void anEnabledDashboardWithAShortSecretStopsStartupWithoutPrintingIt() {
        String shortSecret = "0123456789abcdef0123456789abcde"; // 31 bytes
        assertThatThrownBy(() -> HubConfig.fromEnvironment(Map.of("AGENT_HUB_DASHBOARD_ENABLED", "yes",
                "AGENT_HUB_TENANT_JWT_SECRET", shortSecret)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("AGENT_HUB_TENANT_JWT_SECRET").hasMessageContaining("at least 32 bytes")
                .hasMessageNotContaining(shortSecret);
        // bytes, not characters: 16 two-byte characters are 32 bytes
        assertThat(HubConfig.fromEnvironment(Map.of("AGENT_HUB_DASHBOARD_ENABLED", "1",
                "BETTER_AUTH_SECRET", "é".repeat(16))).tenantAuth().dashboardEnabled()).isTrue();
    }

    @Test
    void namesWinOverAliasesAndTheSecretIsRedacted() {
        HubConfig config = HubConfig.fromEnvironment(Map.of("AGENT_HUB_DASHBOARD_ENABLED", "on",
                "AGENT_HUB_TENANT_JWT_SECRET", SECRET, "BETTER_AUTH_SECRET", "the-alias-secret-which-loses-to-the-name",
                "JWT_ISSUER", "https://alias.example.com", "AGENT_HUB_TENANT_JWT_ISSUER", "https://auth.example.com",
                "jwt_audience", "dashboard"));
        TenantAuthSettings settings = config.tenantAuth();
        assertThat(settings).isEqualTo(new TenantAuthSettings(true, Optional.of(SECRET),
                Optional.of("https://auth.example.com"), Optional.of("dashboard")));
        assertThat(settings.toString()).doesNotContain(SECRET).contains("***");
        assertThat(config.toString()).doesNotContain(SECRET).contains("dashboardEnabled=true");
        assertThat(settings.verifier(Clock.systemUTC())).get().isInstanceOf(TenantTokenVerifier.class);
    }

    @Test
    void aBadSwitchValueIsReported() {
        assertThatThrownBy(() -> HubConfig.fromEnvironment(Map.of("AGENT_HUB_DASHBOARD_ENABLED", "maybe")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("AGENT_HUB_DASHBOARD_ENABLED");
    }
}
