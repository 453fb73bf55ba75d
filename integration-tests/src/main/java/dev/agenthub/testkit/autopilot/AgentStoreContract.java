package dev.agenthub.testkit.autopilot;

import dev.agenthub.orchestration.agents.Agent;
import dev.agenthub.orchestration.agents.AgentRole;
import dev.agenthub.orchestration.agents.AgentStatus;
import dev.agenthub.orchestration.agents.port.AgentStore;
import dev.agenthub.orchestration.common.PageSlice;
import dev.agenthub.orchestration.projects.port.ProjectStore;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@link AgentStore} contract of the Agent Hub autopilot. Extend it with the store under test and the project
 * store of the same database (agents belong to existing projects). Every check uses fresh projects.
 */
public abstract class AgentStoreContract {

    protected static final Instant T0 = Instant.parse("2026-03-01T12:00:00.123456Z");

    /** The store under test. */
    protected abstract AgentStore store();

    /** Projects of the same database. */
    protected abstract ProjectStore projects();

    private long newProject() {
        return projects().insert("agents-" + UUID.randomUUID(), "git@x:y.git", "main", T0).orElseThrow().id();
    }

    private Agent insert(long project, String name, AgentRole role, Instant at) {
        return store().insert(project, name, role, AgentStatus.ACTIVE, 2, "caps", at);
    }

    @Test
    void insertReturnsTheStoredAgentAndFindReadsItBack() {
        long project = newProject();
        Agent agent = store().insert(project, "Forge", AgentRole.CODER, AgentStatus.PAUSED, 7, "Code ✓ \"q\"", T0);
        assertThat(agent.id()).isPositive();
        assertThat(agent).isEqualTo(new Agent(agent.id(), project, "Forge", AgentRole.CODER, AgentStatus.PAUSED, 7,
                "Code ✓ \"q\"", T0));
        assertThat(store().find(project, agent.id())).contains(agent);
    }

    @Test
    void anAgentOfAnotherProjectIsNotFound() {
        long mine = newProject();
        long other = newProject();
        Agent agent = insert(other, "Other", AgentRole.CODER, T0);
        assertThat(store().find(mine, agent.id())).isEmpty();
        assertThat(store().update(mine, agent.id(), Optional.of("Renamed"), Optional.empty(), Optional.empty())).isEmpty();
        assertThat(store().find(other, agent.id())).contains(agent);
        assertThat(store().find(mine, Long.MAX_VALUE)).isEmpty();
    }

    @Test
    void namesNeedNotBeUnique() {
        long project = newProject();
        Agent a = insert(project, "Twin", AgentRole.CODER, T0);
        Agent b = insert(project, "Twin", AgentRole.CODER, T0);
        assertThat(a.id()).isNotEqualTo(b.id());
    }

    @Test
    void listIsByRoleTextThenCreationThenIdAndPages() {
        long project = newProject();
        Agent tester = insert(project, "t", AgentRole.TESTER, T0);
        Agent plannerLate = insert(project, "p2", AgentRole.PLANNER, T0.plusSeconds(10));
        Agent plannerEarly = insert(project, "p1", AgentRole.PLANNER, T0);
        Agent coderB = insert(project, "c2", AgentRole.CODER, T0.plusSeconds(3));
        Agent coderA = insert(project, "c1", AgentRole.CODER, T0.plusSeconds(3));
        Agent reviewer = insert(project, "r", AgentRole.REVIEWER, T0);
        insert(newProject(), "elsewhere", AgentRole.CODER, T0);
        List<Agent> expected = List.of(coderB, coderA, plannerEarly, plannerLate, reviewer, tester);
        assertThat(store().all(project)).containsExactlyElementsOf(expected);
        assertThat(store().list(project, new PageSlice(50, 0))).containsExactlyElementsOf(expected);
        assertThat(store().list(project, new PageSlice(2, 1))).containsExactly(coderA, plannerEarly);
        assertThat(store().list(project, new PageSlice(10, 6))).isEmpty();
    }

    @Test
    void anyTellsWhetherTheProjectHasAgents() {
        long project = newProject();
        assertThat(store().any(project)).isFalse();
        assertThat(store().all(project)).isEmpty();
        insert(project, "one", AgentRole.TESTER, T0);
        assertThat(store().any(project)).isTrue();
    }

    @Test
    void updateChangesOnlyThePresentFields() {
        long project = newProject();
        Agent agent = insert(project, "Before", AgentRole.REVIEWER, T0);
        Agent renamed = store().update(project, agent.id(), Optional.of("After"), Optional.empty(), Optional.empty()).orElseThrow();
        assertThat(renamed).isEqualTo(new Agent(agent.id(), project, "After", AgentRole.REVIEWER, AgentStatus.ACTIVE, 2, "caps", T0));
        Agent paused = store().update(project, agent.id(), Optional.empty(), Optional.of(AgentStatus.PAUSED), Optional.of(9)).orElseThrow();
        assertThat(paused).isEqualTo(new Agent(agent.id(), project, "After", AgentRole.REVIEWER, AgentStatus.PAUSED, 9, "caps", T0));
        assertThat(store().update(project, agent.id(), Optional.empty(), Optional.empty(), Optional.empty())).contains(paused);
        assertThat(store().find(project, agent.id())).contains(paused);
    }

    @Test
    void updatingAnUnknownAgentIsEmpty() {
        long project = newProject();
        assertThat(store().update(project, Long.MAX_VALUE, Optional.empty(), Optional.empty(), Optional.empty())).isEmpty();
        assertThat(store().update(project, Long.MAX_VALUE, Optional.of("x"), Optional.empty(), Optional.empty())).isEmpty();
    }
}
