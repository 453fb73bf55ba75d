package dev.agenthub.protocol.identity.port;

import dev.agenthub.protocol.agents.Agent;
import dev.agenthub.protocol.identity.ApiKey;
import dev.agenthub.protocol.kernel.id.AgentId;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** Port: the authoritative store of API keys. Joins the caller's transaction when one is active. */
public interface ApiKeyStore {

    /** Stores a new key; its hash must be unused (a collision of 256-bit hashes is not a case to handle). */
    void insert(ApiKey key);

    /**
     * The key with this hash, with what authentication needs in the same read: whether its project is live,
     * and the agent it is bound to in whatever state (null when unbound or the agent row is gone).
     *
     * @return empty when no key has this hash (active or not)
     */
    Optional<Credential> findByHash(String keyHash);

    /**
     * Sets {@code last_used_at = now} unless it is already later than {@code staleBefore}: a conditional
     * write, so racing instances write at most once per debounce window.
     */
    void recordUse(java.util.UUID keyId, Instant now, Instant staleBefore);

    /** Deactivates every key bound to {@code agent}; returns how many were active. */
    int deactivateAllOf(AgentId agent);

    /**
     * A key as authentication sees it.
     *
     * @param agent the bound agent in any state, or null
     */
    record Credential(ApiKey key, boolean projectLive, Agent agent) {
        public Credential {
            Objects.requireNonNull(key, "key");
        }

        public Optional<Agent> boundAgent() {
            return Optional.ofNullable(agent);
        }
    }
}
