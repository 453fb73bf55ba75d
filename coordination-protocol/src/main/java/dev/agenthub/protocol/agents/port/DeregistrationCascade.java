package dev.agenthub.protocol.agents.port;

import dev.agenthub.protocol.agents.Agent;

/**
 * Port: what else goes when an agent is deregistered (wire spec §4.3, the deregistration cascade), for the
 * modules that own those records: identity deactivates the agent's API keys; the
 * beadhub domain soft-deletes the workspace of the same id (and is to drop its claims, with claims). Called inside the deregistration transaction, after the agent row is marked; an exception
 * rolls the whole deregistration back.
 */
@FunctionalInterface
public interface DeregistrationCascade {

    void agentDeregistered(Agent agent);
}
