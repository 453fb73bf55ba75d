package dev.agenthub.hub.bdh;

import dev.agenthub.protocol.kernel.id.AgentId;

import java.util.Objects;

/**
 * The identity fields shared by {@code POST /v1/bdh/command} and {@code /v1/bdh/sync} (wire spec §4.5), after
 * the body rules held.
 *
 * @param humanName  trimmed; {@code ""} or a valid human name; the touch stores it as given
 * @param repoOrigin the origin as sent (1..2048); sync canonicalises it, command ignores it
 * @param role       the role as sent, or null; a null or blank role leaves the stored one (§14 F3)
 */
public record BdhIdentity(AgentId workspaceId, String alias, String humanName, String repoOrigin, String role) {

    public BdhIdentity {
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(alias, "alias");
        Objects.requireNonNull(humanName, "humanName");
        Objects.requireNonNull(repoOrigin, "repoOrigin");
    }

    /** The role the touch writes: null (keep the stored one) when absent or blank. */
    String roleToStore() {
        return role == null || role.isBlank() ? null : role.strip();
    }
}
