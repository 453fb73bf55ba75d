package dev.agenthub.server;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code AGENT_HUB_UI_ENV_PREFILL_ENABLED} (wire spec §11.3). */
class ConsoleSettingsTest {

    @Test
    void thePrefillIsOffUnlessSwitchedOn() {
        assertThat(HubConfig.fromEnvironment(Map.of()).console()).isEqualTo(ConsoleSettings.defaults());
        assertThat(HubConfig.fromEnvironment(Map.of("AGENT_HUB_UI_ENV_PREFILL_ENABLED", "1")).console().uiEnvPrefillEnabled())
                .isTrue();
        assertThat(HubConfig.fromEnvironment(Map.of("agent_hub_ui_env_prefill_enabled", "off")).console()
                .uiEnvPrefillEnabled()).isFalse();
        assertThatThrownBy(() -> HubConfig.fromEnvironment(Map.of("AGENT_HUB_UI_ENV_PREFILL_ENABLED", "sometimes")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("AGENT_HUB_UI_ENV_PREFILL_ENABLED");
    }
}
