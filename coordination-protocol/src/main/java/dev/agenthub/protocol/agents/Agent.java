package dev.agenthub.protocol.agents;

import dev.agenthub.protocol.kernel.id.AgentId;
import dev.agenthub.protocol.kernel.id.ProjectId;
import dev.agenthub.protocol.kernel.text.WireName;

import java.time.Instant;
import java.util.Objects;

/**
 * One agent row.
 *
 * @param humanName   {@code ""} when not given
 * @param agentType   {@code agent} by default; {@code system} is the notification sender
 * @param did         null unless the agent has a signing identity
 * @param publicKey   null unless the agent has a signing identity
 * @param custody     null, {@code self} or {@code custodial}
 * @param role        normalised role, or null
 * @param program     free text, or null
 * @param contextJson the client's context object as JSON text, or null
 * @param deletedAt   null while live
 */
public record Agent(AgentId id, ProjectId project, String alias, String humanName, String agentType,
                    AccessMode accessMode, String did, String publicKey, String custody, Lifetime lifetime,
                    Status status, AgentId successor, String role, String program, String contextJson,
                    Instant createdAt, Instant deletedAt) {

    /** The agent type reserved for the hub's own notification sender. */
    public static final String SYSTEM_TYPE = "system";

    public Agent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(alias, "alias");
        Objects.requireNonNull(humanName, "humanName");
        Objects.requireNonNull(agentType, "agentType");
        Objects.requireNonNull(accessMode, "accessMode");
        Objects.requireNonNull(lifetime, "lifetime");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    public boolean live() {
        return deletedAt == null;
    }

    public boolean system() {
        return SYSTEM_TYPE.equals(agentType);
    }

    /** Who may message the agent. */
    public enum AccessMode implements WireName {
        OPEN, CONTACTS_ONLY;

        public static AccessMode fromWire(String text) {
            return WireName.parse(AccessMode.class, text);
        }
    }

    /** Whether the identity outlives its session. */
    public enum Lifetime implements WireName {
        PERSISTENT, EPHEMERAL;

        public static Lifetime fromWire(String text) {
            return WireName.parse(Lifetime.class, text);
        }
    }

    /** The identity status ({@code identity_status} in listings). */
    public enum Status implements WireName {
        ACTIVE, RETIRED, DEREGISTERED;

        public static Status fromWire(String text) {
            return WireName.parse(Status.class, text);
        }
    }

}
