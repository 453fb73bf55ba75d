package dev.agenthub.protocol.fakes;

import dev.agenthub.protocol.agents.Agent;
import dev.agenthub.protocol.agents.port.AgentStore;
import dev.agenthub.protocol.kernel.id.AgentId;
import dev.agenthub.protocol.kernel.id.ProjectId;

import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link AgentStore} over a map, with the alias uniqueness among live agents of a project. A test can make
 * another caller win a race: {@link #beforeNextInsert} runs once, right before the next insert is decided.
 */
public final class InMemoryAgentStore implements AgentStore {

    private final Map<AgentId, Agent> agents = new LinkedHashMap<>();
    private Runnable beforeNextInsert;
    private int reads;
    private int insertAttempts;

    /** Seeds an agent (live or not) without the uniqueness check's veto going unnoticed. */
    public Agent add(Agent agent) {
        if (agents.containsKey(agent.id())) {
            throw new IllegalArgumentException("duplicate agent id " + agent.id());
        }
        if (agent.live() && liveByAlias(agent.project(), agent.alias()).isPresent()) {
            throw new IllegalArgumentException("alias already live: " + agent.alias());
        }
        agents.put(agent.id(), agent);
        return agent;
    }

    /** Runs {@code race} once, just before the next {@link #insert} checks the alias (e.g. a concurrent init). */
    public void beforeNextInsert(Runnable race) {
        this.beforeNextInsert = Objects.requireNonNull(race, "race");
    }

    /** Every stored agent, in any state, in insertion order. */
    public List<Agent> all() {
        return List.copyOf(agents.values());
    }

    /** How many reads (find*, list*, liveAliases) were made. */
    public int reads() {
        return reads;
    }

    public int insertAttempts() {
        return insertAttempts;
    }

    @Override
    public boolean insert(Agent agent) {
        Runnable race = beforeNextInsert;
        beforeNextInsert = null;
        if (race != null) {
            race.run();
        }
        insertAttempts++;
        if (!agent.live()) {
            throw new IllegalArgumentException("insert takes a live agent");
        }
        if (agents.containsKey(agent.id())) {
            throw new IllegalArgumentException("duplicate agent id " + agent.id());
        }
        if (liveByAlias(agent.project(), agent.alias()).isPresent()) {
            return false;
        }
        agents.put(agent.id(), agent);
        return true;
    }

    @Override
    public Optional<Agent> find(ProjectId project, AgentId id) {
        reads++;
        return Optional.ofNullable(agents.get(id)).filter(agent -> agent.live() && agent.project().equals(project));
    }

    @Override
    public Optional<Agent> findAnyState(AgentId id) {
        reads++;
        return Optional.ofNullable(agents.get(id));
    }

    @Override
    public Optional<Agent> findByAlias(ProjectId project, String alias) {
        reads++;
        return liveByAlias(project, alias);
    }

    @Override
    public List<Agent> listLive(ProjectId project) {
        reads++;
        return agents.values().stream()
                .filter(agent -> agent.live() && agent.project().equals(project))
                .sorted(Comparator.comparing(Agent::alias))
                .toList();
    }

    @Override
    public List<String> liveAliases(ProjectId project, boolean includeSystem) {
        reads++;
        return agents.values().stream()
                .filter(agent -> agent.live() && agent.project().equals(project))
                .filter(agent -> includeSystem || !agent.system())
                .map(Agent::alias)
                .toList();
    }

    @Override
    public Optional<Agent> updateSettings(ProjectId project, AgentId id, Agent.AccessMode accessMode, String role,
                                          String program, String contextJson) {
        return liveIn(project, id).map(a -> replace(new Agent(a.id(), a.project(), a.alias(), a.humanName(),
                a.agentType(), accessMode == null ? a.accessMode() : accessMode, a.did(), a.publicKey(), a.custody(),
                a.lifetime(), a.status(), a.successor(), role == null ? a.role() : role,
                program == null ? a.program() : program, contextJson == null ? a.contextJson() : contextJson,
                a.createdAt(), a.deletedAt())));
    }

    @Override
    public Optional<Agent> deregister(ProjectId project, AgentId id, Instant now) {
        return liveIn(project, id).map(a -> replace(new Agent(a.id(), a.project(), a.alias(), a.humanName(),
                a.agentType(), a.accessMode(), a.did(), a.publicKey(), a.custody(), a.lifetime(),
                Agent.Status.DEREGISTERED, a.successor(), a.role(), a.program(), a.contextJson(), a.createdAt(), now)));
    }

    private Optional<Agent> liveIn(ProjectId project, AgentId id) {
        return Optional.ofNullable(agents.get(id)).filter(agent -> agent.live() && agent.project().equals(project));
    }

    private Optional<Agent> liveByAlias(ProjectId project, String alias) {
        return agents.values().stream()
                .filter(agent -> agent.live() && agent.project().equals(project) && agent.alias().equals(alias))
                .findFirst();
    }

    private Agent replace(Agent agent) {
        agents.put(agent.id(), agent);
        return agent;
    }
}
