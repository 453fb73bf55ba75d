package dev.agenthub.protocol.identity;

import dev.agenthub.protocol.agents.Agent;
import dev.agenthub.protocol.agents.Agents;
import dev.agenthub.protocol.agents.port.AgentStore;
import dev.agenthub.protocol.kernel.error.DomainError;

import java.util.Objects;
import java.util.Optional;

/** Resolves the acting agent of an authenticated request (auth A plus the actor lookup of §3.2). */
public final class Actors {

    private final AgentStore agents;

    public Actors(AgentStore agents) {
        this.agents = Objects.requireNonNull(agents, "agents");
    }

    /**
     * The actor's live agent in the principal's project. A bearer key's bound agent was read with the key, so
     * that costs no further read.
     *
     * @throws DomainError.Forbidden {@code API key is not bound to an agent}
     * @throws DomainError.NotFound  {@code Agent not found}
     */
    public Agent require(Principal principal) {
        Authenticator.requireActor(principal);
        return find(principal).orElseThrow(Agents::agentNotFound);
    }

    /** The actor's live agent in the principal's project, or empty (no actor, unknown, deleted). */
    public Optional<Agent> find(Principal principal) {
        if (principal.actor() == null) {
            return Optional.empty();
        }
        Optional<Agent> bound = principal.bound()
                .filter(agent -> agent.live() && agent.project().equals(principal.project()));
        return bound.isPresent() ? bound : agents.find(principal.project(), principal.actor());
    }
}
