package dev.agenthub.protocol.agents;

import dev.agenthub.protocol.agents.port.AgentStore;
import dev.agenthub.protocol.agents.port.DeregistrationCascade;
import dev.agenthub.protocol.kernel.error.DomainError;
import dev.agenthub.protocol.kernel.id.AgentId;
import dev.agenthub.protocol.kernel.id.ProjectId;
import dev.agenthub.protocol.kernel.time.WireTime;
import dev.agenthub.protocol.kernel.tx.TransactionRunner;
import dev.agenthub.protocol.presence.PresenceKind;
import dev.agenthub.protocol.presence.PresenceRecord;
import dev.agenthub.protocol.presence.port.PresenceIndex;
import dev.agenthub.protocol.projects.Project;
import dev.agenthub.protocol.projects.port.ProjectStore;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The agent use cases of §4.3: the listing with presence, alias-prefix suggestion, the agent heartbeat,
 * self-service settings, and deregistration of ephemeral agents (by themselves or by a peer).
 */
public final class Agents {

    /**
     * How long an agent heartbeat keeps the agent's own presence record (§10: fixed; the configurable
     * {@code BEADHUB_PRESENCE_TTL_SECONDS} is the workspace presence TTL).
     */
    public static final Duration AGENT_PRESENCE_TTL = Duration.ofSeconds(1800);

    private final TransactionRunner transactions;
    private final ProjectStore projects;
    private final AgentStore agents;
    private final PresenceIndex presence;
    private final List<DeregistrationCascade> cascades;
    private final Clock clock;

    /**
     * @param cascades what else deregistration takes down, in order (the agent's API keys, its workspace, …)
     */
    public Agents(TransactionRunner transactions, ProjectStore projects, AgentStore agents, PresenceIndex presence,
                  List<DeregistrationCascade> cascades, Clock clock) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.projects = Objects.requireNonNull(projects, "projects");
        this.agents = Objects.requireNonNull(agents, "agents");
        this.presence = Objects.requireNonNull(presence, "presence");
        this.cascades = List.copyOf(cascades);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** An agent with its workspace presence record, if it has a live one in the agent's project. */
    public record Listed(Agent agent, Optional<PresenceRecord> presence) {
    }

    /** The project's live agents except type {@code system}, by alias, each with its workspace presence. */
    public List<Listed> list(ProjectId project) {
        List<Agent> live = agents.listLive(project).stream().filter(agent -> !agent.system()).toList();
        Map<java.util.UUID, PresenceRecord> online = live.isEmpty() ? Map.of() : presenceOf(live);
        return live.stream()
                .map(agent -> new Listed(agent, Optional.ofNullable(online.get(agent.id().value()))
                        .filter(record -> record.project().equals(project))))
                .toList();
    }

    /** Workspace presence of the agents; a presence store that cannot be asked makes them all offline (§10). */
    private Map<java.util.UUID, PresenceRecord> presenceOf(List<Agent> live) {
        try {
            return presence.findAll(PresenceKind.WORKSPACE, live.stream().map(agent -> agent.id().value()).toList(), clock.instant());
        } catch (RuntimeException presenceDown) {
            return Map.of();
        }
    }

    /** The suggestion of {@code POST /v1/agents/suggest-alias-prefix}; {@code project} is null when unknown. */
    public record AliasPrefix(String projectSlug, Project project, String namePrefix) {
    }

    /**
     * The next classic prefix in the project with this slug, over its live agents not of type
     * {@code system}; {@code alice} for an unknown project.
     *
     * @throws DomainError.Conflict {@code alias_exhausted} when all 2,600 prefixes are taken
     */
    public AliasPrefix suggestAliasPrefix(String projectSlug) {
        Optional<Project> project = projects.findBySlug(projectSlug);
        if (project.isEmpty()) {
            return new AliasPrefix(projectSlug, null, ClassicNames.NAMES.get(0));
        }
        String prefix = ClassicNames.nextPrefix(agents.liveAliases(project.get().id(), false))
                .orElseThrow(() -> new DomainError.Conflict("alias_exhausted"));
        return new AliasPrefix(projectSlug, project.get(), prefix);
    }

    /** The outcome of a heartbeat. */
    public record Heartbeat(AgentId agent, Instant lastSeen, Duration ttl) {
    }

    /** Refreshes the agent presence of {@code agent} (the caller, resolved by the identity layer). */
    public Heartbeat heartbeat(Agent agent) {
        Instant now = WireTime.truncate(clock.instant());
        presence.put(PresenceKind.AGENT, new PresenceRecord(agent.id().value(), agent.project(), agent.alias(), "active", now,
                new LinkedHashMap<>()), AGENT_PRESENCE_TTL, now);
        return new Heartbeat(agent.id(), now, AGENT_PRESENCE_TTL);
    }

    /**
     * The changes of {@code PATCH /v1/agents/me}; a null field is left as it is.
     *
     * @param role        already normalised
     * @param contextJson a JSON object as text
     */
    public record SettingsChange(Agent.AccessMode accessMode, String role, String program, String contextJson) {
    }

    /**
     * Applies the caller's own settings.
     *
     * @throws DomainError.NotFound {@code Agent not found} when the agent went away meanwhile
     */
    public Agent updateMe(Agent actor, SettingsChange change) {
        return agents.updateSettings(actor.project(), actor.id(), change.accessMode(), change.role(), change.program(),
                        change.contextJson())
                .orElseThrow(Agents::agentNotFound);
    }

    /**
     * Deregisters the caller itself ({@code DELETE /v1/agents/me}).
     *
     * @throws DomainError.NotFound {@code Agent not found} when it went away meanwhile
     * @throws DomainError.Invalid  400 for a persistent agent
     */
    public Agent deregisterMe(Agent actor) {
        return transactions.inTransaction(() -> deregister(actor));
    }

    /**
     * Deregisters a peer by address ({@code DELETE /v1/agents/{namespace}/{alias}}): {@code namespace} is the
     * slug of the agent's project.
     *
     * @throws DomainError.NotFound  {@code Agent not found} when no live agent has this address
     * @throws DomainError.Forbidden when the agent belongs to another project
     * @throws DomainError.Invalid   400 for a persistent agent
     */
    public Agent deregisterPeer(ProjectId callerProject, String namespace, String alias) {
        return transactions.inTransaction(() -> {
            Agent peer = projects.findBySlug(namespace)
                    .flatMap(project -> agents.findByAlias(project.id(), alias))
                    .orElseThrow(Agents::agentNotFound);
            if (!peer.project().equals(callerProject)) {
                throw new DomainError.Forbidden("Not authorized to deregister agents in another project");
            }
            return deregister(peer);
        });
    }

    private Agent deregister(Agent agent) {
        if (agent.lifetime() != Agent.Lifetime.EPHEMERAL) {
            throw new DomainError.Invalid("Cannot deregister a persistent agent. Use the retire endpoint instead.", 400);
        }
        Agent deregistered = agents.deregister(agent.project(), agent.id(), WireTime.truncate(clock.instant()))
                .orElseThrow(Agents::agentNotFound);
        cascades.forEach(cascade -> cascade.agentDeregistered(deregistered));
        transactions.afterCommit(() -> {
            presence.clear(PresenceKind.AGENT, agent.id().value());
            presence.clear(PresenceKind.WORKSPACE, agent.id().value());
        });
        return deregistered;
    }

    /** The 404 of every agent lookup. */
    public static DomainError.NotFound agentNotFound() {
        return new DomainError.NotFound("Agent not found");
    }
}
