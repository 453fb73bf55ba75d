package dev.agenthub.orchestration.cycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agenthub.orchestration.workitems.AgentLoad;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CoderSelectionTest {

    @Test
    void picksTheLowestLoadBelowCapacityWithTiesToTheLowestId() {
        assertThat(CoderSelection.amongActiveCoders(List.of(
                new AgentLoad(5, 2, 1), new AgentLoad(3, 2, 1), new AgentLoad(9, 4, 3))))
                .isEqualTo(new CoderSelection.Assign(3));
        assertThat(CoderSelection.amongActiveCoders(List.of(
                new AgentLoad(1, 1, 1), new AgentLoad(2, 3, 2))))
                .isEqualTo(new CoderSelection.Assign(2));
    }

    @Test
    void everyCoderAtCapacityDefersWithoutAgent() {
        assertThat(CoderSelection.amongActiveCoders(List.of(new AgentLoad(1, 1, 1), new AgentLoad(2, 2, 2))))
                .isEqualTo(new CoderSelection.Deferred(Optional.empty(), Optional.empty()));
    }

    @Test
    void noActiveCoderAborts() {
        assertThat(CoderSelection.amongActiveCoders(List.of())).isEqualTo(new CoderSelection.NoActiveCoder());
    }

    @Test
    void preAssignedAgentAtCapacityDefersWithItsIdAndLimit() {
        assertThat(CoderSelection.preAssigned(new AgentLoad(4, 2, 2)))
                .isEqualTo(new CoderSelection.Deferred(Optional.of(4L), Optional.of(2)));
        assertThat(CoderSelection.preAssigned(new AgentLoad(4, 2, 1))).isEqualTo(new CoderSelection.Assign(4));
    }
}
