package dev.agenthub.protocol.kernel.id;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** Identifier of an agent; in the v1 identity mapping it is also the workspace id. */
public record AgentId(UUID value) {

    public AgentId {
        Objects.requireNonNull(value, "value");
    }

    /** Parses any accepted UUID text form (see {@link Uuids#parse}); empty when it is not a UUID. */
    public static Optional<AgentId> parse(String text) {
        return Uuids.parse(text).map(AgentId::new);
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
