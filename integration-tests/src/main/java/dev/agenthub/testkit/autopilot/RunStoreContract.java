package dev.agenthub.testkit.autopilot;

import dev.agenthub.orchestration.common.PageSlice;
import dev.agenthub.orchestration.runs.AgentRun;
import dev.agenthub.orchestration.runs.RunStatus;
import dev.agenthub.orchestration.runs.port.RunStore;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@link RunStore} contract (wire spec agenthub §13). Every check is scoped to fresh projects. */
public abstract class RunStoreContract {

    protected static final Instant T0 = Instant.parse("2026-03-01T12:00:00.123456Z");

    private static final PageSlice ALL = new PageSlice(500, 0);

    protected abstract RunStore store();

    protected abstract AutopilotSeeds seeds();

    @Test
    void aRunIsStoredAsGiven() {
        long project = seeds().newProject();
        long agent = seeds().newAgent(project, 2);
        long item = seeds().newWorkItem(project);
        AgentRun run = store().insert(project, item, agent, RunStatus.COMPLETED, "Forge Coder completed.",
                "diff --git a/x b/x\n", true, T0);
        assertThat(run.projectId()).isEqualTo(project);
        assertThat(run.workItemId()).isEqualTo(item);
        assertThat(run.agentId()).contains(agent);
        assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(run.summary()).isEqualTo("Forge Coder completed.");
        assertThat(run.patch()).isEqualTo("diff --git a/x b/x\n");
        assertThat(run.testsPassed()).isTrue();
        assertThat(run.createdAt()).isEqualTo(T0);
        assertThat(run.updatedAt()).isEqualTo(T0);
        assertThat(store().list(project, Optional.empty(), ALL)).containsExactly(run);
    }

    @Test
    void listsNewestFirstThenByIdDescending() {
        long project = seeds().newProject();
        long agent = seeds().newAgent(project, 2);
        long item = seeds().newWorkItem(project);
        AgentRun old = store().insert(project, item, agent, RunStatus.FAILED, "old", "", false, T0);
        AgentRun tiedA = store().insert(project, item, agent, RunStatus.COMPLETED, "a", "", true, T0.plusSeconds(5));
        AgentRun tiedB = store().insert(project, item, agent, RunStatus.COMPLETED, "b", "", true, T0.plusSeconds(5));
        assertThat(store().list(project, Optional.empty(), ALL)).containsExactly(tiedB, tiedA, old);
    }

    @Test
    void filtersByStatusPagesAndKeepsToTheProject() {
        long project = seeds().newProject();
        long other = seeds().newProject();
        long agent = seeds().newAgent(project, 2);
        long item = seeds().newWorkItem(project);
        AgentRun failed = store().insert(project, item, agent, RunStatus.FAILED, "f", "", false, T0);
        AgentRun first = store().insert(project, item, agent, RunStatus.COMPLETED, "1", "", true, T0.plusSeconds(1));
        AgentRun second = store().insert(project, item, agent, RunStatus.COMPLETED, "2", "", true, T0.plusSeconds(2));
        long theirAgent = seeds().newAgent(other, 2);
        store().insert(other, seeds().newWorkItem(other), theirAgent, RunStatus.COMPLETED, "theirs", "", true, T0);
        assertThat(store().list(project, Optional.of(RunStatus.COMPLETED), ALL)).containsExactly(second, first);
        assertThat(store().list(project, Optional.of(RunStatus.FAILED), ALL)).containsExactly(failed);
        assertThat(store().list(project, Optional.of(RunStatus.QUEUED), ALL)).isEmpty();
        assertThat(store().list(project, Optional.empty(), new PageSlice(1, 1))).containsExactly(first);
        assertThat(store().list(project, Optional.empty(), new PageSlice(2, 2))).containsExactly(failed);
        assertThat(store().list(project, Optional.empty(), ALL)).hasSize(3);
    }
}
