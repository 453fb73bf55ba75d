package dev.agenthub.protocol.identity;

import dev.agenthub.protocol.agents.Agent;
import dev.agenthub.protocol.kernel.id.AgentId;
import dev.agenthub.protocol.kernel.id.ProjectId;
import dev.agenthub.protocol.kernel.text.WireName;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Who a request authenticated as (wire spec §3): the project scope, how it was proven, and the actor agent
 * when there is one.
 *
 * @param apiKeyId   the key record (bearer, or proxy principal type {@code k}), or null
 * @param userId     the wrapper's user (proxy principal type {@code u}), or null
 * @param actor      the acting agent: the key's bound agent (bearer) or {@code X-Aweb-Actor-ID} (proxy), or null
 * @param boundAgent bearer only: the bound agent as read with the key, or null
 */
public record Principal(ProjectId project, AuthMode mode, Type type, UUID apiKeyId, UUID userId, AgentId actor,
                        Agent boundAgent) {

    public Principal {
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(type, "type");
    }

    /** How the identity was proven. */
    public enum AuthMode implements WireName {
        BEARER, PROXY
    }

    /** The principal type of the proxy scheme; bearer keys are {@link #KEY}. */
    public enum Type {
        KEY("k"), USER("u"), PUBLIC_READER("p");

        private final String code;

        Type(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    public boolean publicReader() {
        return type == Type.PUBLIC_READER;
    }

    public Optional<AgentId> actorId() {
        return Optional.ofNullable(actor);
    }

    public Optional<Agent> bound() {
        return Optional.ofNullable(boundAgent);
    }
}
