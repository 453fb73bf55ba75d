package dev.agenthub.it.autopilot;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code AGENT_HUB_DEFAULT_PAGE_SIZE} and {@code AGENT_HUB_MAX_PAGE_SIZE} (wire spec agenthub §1): the page is
 * {@code min(limit or default, max)}.
 */
class AutopilotPagingWireTest extends AutopilotWireTest {

    @Override
    protected Map<String, String> environment() {
        return Map.of("AGENT_HUB_DEFAULT_PAGE_SIZE", "2", "AGENT_HUB_MAX_PAGE_SIZE", "3");
    }

    @Test
    void theDefaultAppliesWithoutALimitAndTheMaximumCapsIt() {
        long project = newProject();
        for (int i = 0; i < 5; i++) {
            newAgent(project, "agent-" + i, "coder");
        }
        String path = "/projects/" + project + "/agents";
        assertThat(get(path).json()).hasSize(2);
        assertThat(get(path + "?limit=1").json()).hasSize(1);
        assertThat(get(path + "?limit=3").json()).hasSize(3);
        assertThat(get(path + "?limit=5000").json()).hasSize(3);
        assertThat(get(path + "?limit=5000&offset=3").json()).hasSize(2);
        assertThat(get(path + "?limit=5001").status()).isEqualTo(422);
    }
}
