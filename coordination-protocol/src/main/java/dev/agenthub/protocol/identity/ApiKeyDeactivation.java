package dev.agenthub.protocol.identity;

import dev.agenthub.protocol.agents.Agent;
import dev.agenthub.protocol.agents.port.DeregistrationCascade;
import dev.agenthub.protocol.identity.port.ApiKeyStore;

import java.util.Objects;

/** Deregistration takes the agent's API keys with it: every key bound to it is deactivated (§3.1). */
public final class ApiKeyDeactivation implements DeregistrationCascade {

    private final ApiKeyStore keys;

    public ApiKeyDeactivation(ApiKeyStore keys) {
        this.keys = Objects.requireNonNull(keys, "keys");
    }

    @Override
    public void agentDeregistered(Agent agent) {
        keys.deactivateAllOf(agent.id());
    }
}
