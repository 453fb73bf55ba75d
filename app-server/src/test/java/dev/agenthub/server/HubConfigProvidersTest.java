package dev.agenthub.server;

import dev.agenthub.orchestration.providers.FallbackProvider;
import dev.agenthub.orchestration.providers.RuleBasedProvider;
import dev.agenthub.orchestration.providers.port.ProviderCatalog.UnsupportedProvider;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The provider and validation variables of {@link HubConfig} (wire spec agenthub §7, §6.3 step 7, §12). */
class HubConfigProvidersTest {

    @Test
    void defaultsAreRuleBasedWithFallbackAndNoTestCommand() {
        HubConfig config = HubConfig.fromEnvironment(Map.of());
        assertThat(config.providers()).isEqualTo(ProviderSettings.defaults());
        assertThat(config.providers().provider()).isEqualTo("rule_based");
        assertThat(config.providers().fallback()).isTrue();
        assertThat(config.providers().openAiModel()).isEqualTo("gpt-4.1-mini");
        assertThat(config.providers().openAiTimeout()).isEqualTo(Duration.ofSeconds(45));
        assertThat(config.providers().openAiBaseUrl()).isEqualTo(URI.create("https://api.openai.com/v1"));
        assertThat(config.providers().openAiApiKey()).isEmpty();
        assertThat(config.validation()).isEqualTo(new ValidationSettings(Optional.empty(), false, Duration.ofSeconds(600)));
    }

    @Test
    void everyVariableIsRead() {
        HubConfig config = HubConfig.fromEnvironment(Map.of(
                "AGENT_HUB_PROVIDER", " OpenAI ",
                "agent_hub_provider_fallback", "off",
                "AGENT_HUB_OPENAI_MODEL", "local-model",
                "AGENT_HUB_OPENAI_TIMEOUT_SEC", "5",
                "AGENT_HUB_OPENAI_BASE_URL", "http://127.0.0.1:11434/v1",
                "OPENAI_API_KEY", "sk-secret-value",
                "AGENT_HUB_TEST_CMD", "python -m pytest -q",
                "AGENT_HUB_REQUIRE_TEST_CMD", "yes",
                "AGENT_HUB_TEST_CMD_TIMEOUT_SEC", "120"));
        assertThat(config.providers()).isEqualTo(new ProviderSettings("openai", false, "local-model",
                Duration.ofSeconds(5), URI.create("http://127.0.0.1:11434/v1"), Optional.of("sk-secret-value")));
        assertThat(config.validation()).isEqualTo(
                new ValidationSettings(Optional.of("python -m pytest -q"), true, Duration.ofSeconds(120)));
        assertThat(config.toString()).doesNotContain("sk-secret-value").contains("openAiApiKey=***");
        assertThat(config.providers().toString()).doesNotContain("sk-secret-value");
    }

    @Test
    void badValuesAreReportedNamingTheirVariable() {
        assertThatThrownBy(() -> HubConfig.fromEnvironment(Map.of(
                "AGENT_HUB_PROVIDER", "claude",
                "AGENT_HUB_PROVIDER_FALLBACK", "maybe",
                "AGENT_HUB_OPENAI_TIMEOUT_SEC", "0",
                "AGENT_HUB_OPENAI_BASE_URL", "ftp://models",
                "AGENT_HUB_REQUIRE_TEST_CMD", "sometimes",
                "AGENT_HUB_TEST_CMD_TIMEOUT_SEC", "86401")))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.problems()).hasSize(6);
                    assertThat(e.getMessage())
                            .contains("AGENT_HUB_PROVIDER must be one of [rule_based, rule-based, default, openai], got 'claude'")
                            .contains("AGENT_HUB_PROVIDER_FALLBACK must be 1/true/yes/on or 0/false/no/off, got 'maybe'")
                            .contains("AGENT_HUB_OPENAI_TIMEOUT_SEC must be between 1 and 3600, got 0")
                            .contains("AGENT_HUB_OPENAI_BASE_URL: expected an absolute http:// or https:// URL")
                            .contains("AGENT_HUB_REQUIRE_TEST_CMD must be 1/true/yes/on or 0/false/no/off")
                            .contains("AGENT_HUB_TEST_CMD_TIMEOUT_SEC must be between 1 and 86400, got 86401");
                });
    }

    @Test
    void theCatalogFollowsTheSettings() {
        assertThat(HubConfig.fromEnvironment(Map.of()).providers().catalog().select(Optional.empty()))
                .isInstanceOf(RuleBasedProvider.class);
        assertThat(HubConfig.fromEnvironment(Map.of("AGENT_HUB_PROVIDER", "openai")).providers().catalog()
                .select(Optional.empty())).isInstanceOf(RuleBasedProvider.class);
        assertThatThrownBy(() -> HubConfig.fromEnvironment(Map.of("AGENT_HUB_PROVIDER", "openai",
                "AGENT_HUB_PROVIDER_FALLBACK", "0")).providers().catalog().select(Optional.empty()))
                .isInstanceOf(UnsupportedProvider.class).hasMessageContaining("OPENAI_API_KEY is unset");
        assertThat(HubConfig.fromEnvironment(Map.of("OPENAI_API_KEY", "sk-x")).providers().catalog()
                .select(Optional.of("openai"))).isInstanceOf(FallbackProvider.class);
    }

    @Test
    void theValidationStepFollowsTheSettings(@org.junit.jupiter.api.io.TempDir Path dir) {
        assertThat(HubConfig.fromEnvironment(Map.of("AGENT_HUB_REQUIRE_TEST_CMD", "1")).validation().validation()
                .validate(dir).passed()).isFalse();
        assertThat(HubConfig.fromEnvironment(Map.of("AGENT_HUB_TEST_CMD", "test -d .")).validation().validation()
                .validate(dir).summary()).isEqualTo("Validation command succeeded: `test -d .`.");
    }
}
