package dev.agenthub.server;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The GitHub webhook variables of {@link HubConfig} (wire spec agenthub §9, §12, §14 D5). */
class HubConfigWebhookTest {

    @Test
    void defaultsAreNoSecretNoAutoEnqueueOneMillionBytesAndTheThreeTrustedAssociations() {
        WebhookSettings webhooks = HubConfig.fromEnvironment(Map.of()).webhooks();
        assertThat(webhooks).isEqualTo(WebhookSettings.defaults());
        assertThat(webhooks.secret()).isEmpty();
        assertThat(webhooks.autoEnqueue()).isFalse();
        assertThat(webhooks.maxPayloadBytes()).isEqualTo(1_000_000);
        assertThat(webhooks.agentRunAssociations()).containsExactlyInAnyOrder("OWNER", "MEMBER", "COLLABORATOR");
        assertThat(webhooks.options().secret()).isEmpty();
    }

    @Test
    void everyVariableIsRead() {
        WebhookSettings webhooks = HubConfig.fromEnvironment(Map.of(
                "AGENT_HUB_GITHUB_WEBHOOK_SECRET", "  hush-hush  ",
                "agent_hub_github_webhook_auto_enqueue", "on",
                "AGENT_HUB_GITHUB_WEBHOOK_MAX_PAYLOAD_BYTES", "1024",
                "AGENT_HUB_WEBHOOK_AGENT_RUN_ASSOCIATIONS", " owner , Contributor,, ")).webhooks();
        assertThat(webhooks).isEqualTo(new WebhookSettings(Optional.of("hush-hush"), true, 1024,
                Set.of("OWNER", "CONTRIBUTOR")));
        assertThat(webhooks.options().agentRunAssociations()).containsExactlyInAnyOrder("OWNER", "CONTRIBUTOR");
        assertThat(HubConfig.fromEnvironment(Map.of("AGENT_HUB_GITHUB_WEBHOOK_MAX_PAYLOAD_BYTES", "20000000"))
                .webhooks().maxPayloadBytes()).isEqualTo(20_000_000);
    }

    @Test
    void theSecretIsNeverPrinted() {
        HubConfig config = HubConfig.fromEnvironment(Map.of("AGENT_HUB_GITHUB_WEBHOOK_SECRET", "very-secret-value"));
        assertThat(config.toString()).doesNotContain("very-secret-value").contains("secret=***");
        assertThat(config.webhooks().options().toString()).doesNotContain("very-secret-value");
    }

    @Test
    void badValuesNameTheirVariable() {
        assertThatThrownBy(() -> HubConfig.fromEnvironment(Map.of("AGENT_HUB_GITHUB_WEBHOOK_MAX_PAYLOAD_BYTES", "1023")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("AGENT_HUB_GITHUB_WEBHOOK_MAX_PAYLOAD_BYTES");
        assertThatThrownBy(() -> HubConfig.fromEnvironment(Map.of("AGENT_HUB_GITHUB_WEBHOOK_MAX_PAYLOAD_BYTES",
                "20000001"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("AGENT_HUB_GITHUB_WEBHOOK_MAX_PAYLOAD_BYTES");
        assertThatThrownBy(() -> HubConfig.fromEnvironment(Map.of("AGENT_HUB_GITHUB_WEBHOOK_AUTO_ENQUEUE", "maybe")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("AGENT_HUB_GITHUB_WEBHOOK_AUTO_ENQUEUE");
        assertThatThrownBy(() -> HubConfig.fromEnvironment(Map.of("AGENT_HUB_WEBHOOK_AGENT_RUN_ASSOCIATIONS", ",,")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("AGENT_HUB_WEBHOOK_AGENT_RUN_ASSOCIATIONS");
        assertThatThrownBy(() -> HubConfig.fromEnvironment(Map.of("AGENT_HUB_WEBHOOK_AGENT_RUN_ASSOCIATIONS",
                "OWNER,not valid!"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("AGENT_HUB_WEBHOOK_AGENT_RUN_ASSOCIATIONS");
    }
}
