package dev.agenthub.orchestration.agents;

import dev.agenthub.orchestration.agents.port.AgentStore;
import dev.agenthub.orchestration.common.PageSlice;
import dev.agenthub.orchestration.events.EventTypes;
import dev.agenthub.orchestration.events.PayloadJson;
import dev.agenthub.orchestration.events.port.EventLog;
import dev.agenthub.orchestration.policy.port.PolicyStore;
import dev.agenthub.orchestration.projects.Projects;
import dev.agenthub.protocol.kernel.error.DomainError;
import dev.agenthub.protocol.kernel.time.WireTime;
import dev.agenthub.protocol.kernel.tx.TransactionRunner;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/** A project's autopilot agents (wire spec agenthub §5, §6.1): list, create, change, bootstrap. */
public final class Agents {

    public static final String NOT_FOUND = "Agent not found";

    /** The four agents of §6.1, in creation order. */
    public static final List<NewAgent> BOOTSTRAP_TEAM = List.of(
            new NewAgent("Atlas Planner", AgentRole.PLANNER, AgentStatus.ACTIVE, 2,
                    "Task decomposition, risk identification, roadmap updates"),
            new NewAgent("Forge Coder", AgentRole.CODER, AgentStatus.ACTIVE, 2,
                    "Code synthesis, refactors, implementation"),
            new NewAgent("Sentinel Reviewer", AgentRole.REVIEWER, AgentStatus.ACTIVE, 2,
                    "Static review, design regression checks"),
            new NewAgent("Probe Tester", AgentRole.TESTER, AgentStatus.ACTIVE, 2,
                    "Test strategy, smoke validation, release readiness"));

    private final TransactionRunner tx;
    private final Projects projects;
    private final AgentStore store;
    private final PolicyStore policies;
    private final EventLog events;
    private final Clock clock;

    public Agents(TransactionRunner tx, Projects projects, AgentStore store, PolicyStore policies, EventLog events,
                  Clock clock) {
        this.tx = Objects.requireNonNull(tx, "tx");
        this.projects = Objects.requireNonNull(projects, "projects");
        this.store = Objects.requireNonNull(store, "store");
        this.policies = Objects.requireNonNull(policies, "policies");
        this.events = Objects.requireNonNull(events, "events");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A page of the project's agents: role text asc, then creation. @throws DomainError.NotFound {@code Project not found} */
    public List<Agent> list(long projectId, PageSlice page) {
        projects.require(projectId);
        return store.list(projectId, page);
    }

    /** Every agent of the project in list order. @throws DomainError.NotFound {@code Project not found} */
    public List<Agent> all(long projectId) {
        projects.require(projectId);
        return store.all(projectId);
    }

    /** Adds an agent; names need not be unique. @throws DomainError.NotFound {@code Project not found} */
    public Agent create(long projectId, NewAgent agent) {
        return tx.inTransaction(() -> {
            projects.require(projectId);
            return insert(projectId, agent, now());
        });
    }

    /**
     * Applies the present changes (role and capabilities never change).
     *
     * @throws DomainError.NotFound {@code Project not found}, or {@code Agent not found} for an unknown agent or one
     *                              of another project
     */
    public Agent update(long projectId, long agentId, AgentChanges changes) {
        return tx.inTransaction(() -> {
            projects.require(projectId);
            return store.update(projectId, agentId, changes.name(), changes.status(), changes.maxParallelTasks())
                    .orElseThrow(() -> new DomainError.NotFound(NOT_FOUND));
        });
    }

    /**
     * §6.1: a project with any agents gets them all back (in creation order) and nothing else happens; otherwise the
     * four agents of {@link #BOOTSTRAP_TEAM} are created, the policy is created if missing, and
     * {@code project_bootstrapped {"agent_count": 4}} is logged. Two bootstraps at once create one team: both lock the
     * project's policy row first.
     *
     * @throws DomainError.NotFound {@code Project not found}
     */
    public List<Agent> bootstrap(long projectId) {
        return tx.inTransaction(() -> {
            projects.require(projectId);
            policies.lockOrCreate(projectId);
            if (store.any(projectId)) {
                List<Agent> existing = new ArrayList<>(store.all(projectId));
                existing.sort(Comparator.comparingLong(Agent::id));
                return List.copyOf(existing);
            }
            Instant at = now();
            List<Agent> created = BOOTSTRAP_TEAM.stream().map(agent -> insert(projectId, agent, at)).toList();
            events.append(projectId, EventTypes.PROJECT_BOOTSTRAPPED, PayloadJson.of("agent_count", created.size()), at);
            return created;
        });
    }

    private Agent insert(long projectId, NewAgent agent, Instant at) {
        return store.insert(projectId, agent.name(), agent.role(), agent.status(), agent.maxParallelTasks(),
                agent.capabilities(), at);
    }

    private Instant now() {
        return WireTime.truncate(clock.instant());
    }
}
