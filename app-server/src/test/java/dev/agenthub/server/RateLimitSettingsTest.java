package dev.agenthub.server;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The write rate limiter's variables of {@link HubConfig} (wire spec agenthub §2.3, §12). */
class RateLimitSettingsTest {

    @Test
    void defaultsAreOffWith120PerMinuteAndNoKeyWindow() {
        assertThat(HubConfig.fromEnvironment(Map.of()).rateLimit()).isEqualTo(RateLimitSettings.defaults())
                .isEqualTo(new RateLimitSettings(false, 120, 0, false, Set.of()));
    }

    @Test
    void everyVariableIsRead() {
        RateLimitSettings settings = HubConfig.fromEnvironment(Map.of(
                "AGENT_HUB_RATE_LIMIT_ENABLED", "yes",
                "agent_hub_rate_limit_requests_per_minute", "10000",
                "AGENT_HUB_RATE_LIMIT_PER_KEY_REQUESTS_PER_MINUTE", "7",
                "AGENT_HUB_RATE_LIMIT_TRUST_PROXY_HEADERS", "1",
                "AGENT_HUB_TRUSTED_PROXY_IPS", " 10.0.0.1, ,::1,2001:db8::a:1 ")).rateLimit();
        assertThat(settings).isEqualTo(new RateLimitSettings(true, 10000, 7, true, Set.of("10.0.0.1", "::1", "2001:db8::a:1")));
        assertThat(settings.toHttp().trustedProxies()).containsExactlyInAnyOrder("10.0.0.1", "::1", "2001:db8::a:1");
    }

    @Test
    void theCoordinationProxySwitchIsADifferentSetting() {
        assertThat(HubConfig.fromEnvironment(Map.of("AGENT_HUB_TRUST_PROXY_HEADERS", "1",
                "AGENT_HUB_INTERNAL_AUTH_SECRET", "s")).rateLimit().trustProxyHeaders()).isFalse();
    }

    @Test
    void badValuesAreReportedByName() {
        assertThatThrownBy(() -> HubConfig.fromEnvironment(Map.of(
                "AGENT_HUB_RATE_LIMIT_ENABLED", "maybe",
                "AGENT_HUB_RATE_LIMIT_REQUESTS_PER_MINUTE", "0",
                "AGENT_HUB_RATE_LIMIT_PER_KEY_REQUESTS_PER_MINUTE", "10001",
                "AGENT_HUB_RATE_LIMIT_TRUST_PROXY_HEADERS", "2",
                "AGENT_HUB_TRUSTED_PROXY_IPS", "10.0.0.1,proxy.example,010.0.0.1,1::2::3")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("AGENT_HUB_RATE_LIMIT_ENABLED must be 1/true/yes/on")
                .hasMessageContaining("AGENT_HUB_RATE_LIMIT_REQUESTS_PER_MINUTE must be between 1 and 10000, got 0")
                .hasMessageContaining("AGENT_HUB_RATE_LIMIT_PER_KEY_REQUESTS_PER_MINUTE must be between 0 and 10000, got 10001")
                .hasMessageContaining("AGENT_HUB_RATE_LIMIT_TRUST_PROXY_HEADERS must be")
                .hasMessageContaining("'proxy.example' is not an IPv4 or IPv6 address")
                .hasMessageContaining("'010.0.0.1' is not")
                .hasMessageContaining("'1::2::3' is not");
    }
}
