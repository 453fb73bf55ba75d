package dev.agenthub.protocol.kernel.id;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** Identifier of a project, the tenant boundary of the coordination API. */
public record ProjectId(UUID value) {

    public ProjectId {
        Objects.requireNonNull(value, "value");
    }

    /** Parses any accepted UUID text form (see {@link Uuids#parse}); empty when it is not a UUID. */
    public static Optional<ProjectId> parse(String text) {
        return Uuids.parse(text).map(ProjectId::new);
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
