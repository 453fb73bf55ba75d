package dev.agenthub.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code AGENT_HUB_JOB_WORKER_*} (wire spec agenthub §8, §12). */
class JobWorkerSettingsTest {

    @Test
    void workersAreOnPollingEverySecondByDefault() {
        JobWorkerSettings settings = HubConfig.fromEnvironment(Map.of()).jobWorkers();
        assertThat(settings.enabled()).isTrue();
        assertThat(settings.pollInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(settings.concurrency()).isEqualTo(1);
    }

    @Test
    void theVariablesAreRead() {
        JobWorkerSettings settings = HubConfig.fromEnvironment(Map.of("AGENT_HUB_JOB_WORKER_ENABLED", "off",
                "agent_hub_job_worker_poll_interval_sec", "0.25", "AGENT_HUB_JOB_WORKER_CONCURRENCY", "4")).jobWorkers();
        assertThat(settings.enabled()).isFalse();
        assertThat(settings.pollInterval()).isEqualTo(Duration.ofMillis(250));
        assertThat(settings.concurrency()).isEqualTo(4);
        assertThat(HubConfig.fromEnvironment(Map.of("AGENT_HUB_JOB_WORKER_POLL_INTERVAL_SEC", "60")).jobWorkers()
                .pollInterval()).isEqualTo(Duration.ofSeconds(60));
        assertThat(HubConfig.fromEnvironment(Map.of("AGENT_HUB_JOB_WORKER_POLL_INTERVAL_SEC", "0.1")).jobWorkers()
                .pollInterval()).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void badValuesNameTheirVariable() {
        assertThatThrownBy(() -> HubConfig.fromEnvironment(Map.of("AGENT_HUB_JOB_WORKER_POLL_INTERVAL_SEC", "0.05",
                "AGENT_HUB_JOB_WORKER_CONCURRENCY", "33", "AGENT_HUB_JOB_WORKER_ENABLED", "maybe")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("AGENT_HUB_JOB_WORKER_POLL_INTERVAL_SEC: must be between 0.1 and 60 seconds, got 0.05")
                .hasMessageContaining("AGENT_HUB_JOB_WORKER_CONCURRENCY must be between 1 and 32, got 33")
                .hasMessageContaining("AGENT_HUB_JOB_WORKER_ENABLED must be 1/true/yes/on");
        assertThatThrownBy(() -> HubConfig.fromEnvironment(Map.of("AGENT_HUB_JOB_WORKER_POLL_INTERVAL_SEC", "fast")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("AGENT_HUB_JOB_WORKER_POLL_INTERVAL_SEC: must be a number of seconds");
    }
}
