package dev.agenthub.protocol.identity;

import dev.agenthub.protocol.kernel.id.AgentId;
import dev.agenthub.protocol.kernel.id.ProjectId;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A stored API key: never the plaintext, only its hash and display prefix.
 *
 * @param agent      the agent the key is bound to, or null for a project-only key
 * @param userId     the wrapper's user the key is bound to, or null
 * @param lastUsedAt when it last authenticated a request (kept coarsely, see {@link Authenticator}), or null
 */
public record ApiKey(UUID id, ProjectId project, AgentId agent, UUID userId, String keyPrefix, String keyHash,
                     boolean active, Instant createdAt, Instant lastUsedAt) {

    public ApiKey {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(keyPrefix, "keyPrefix");
        Objects.requireNonNull(keyHash, "keyHash");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** A fresh, active key for {@code secret}. */
    public static ApiKey mint(UUID id, ProjectId project, AgentId agent, UUID userId, ApiKeySecret secret, Instant now) {
        return new ApiKey(id, project, agent, userId, secret.displayPrefix(), secret.hash(), true, now, null);
    }
}
