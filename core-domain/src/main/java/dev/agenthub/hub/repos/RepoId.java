package dev.agenthub.hub.repos;

import dev.agenthub.protocol.kernel.id.Uuids;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** Identifier of a repo registered in a project. */
public record RepoId(UUID value) {

    public RepoId {
        Objects.requireNonNull(value, "value");
    }

    /** Parses any accepted UUID text form; empty when it is not a UUID. */
    public static Optional<RepoId> parse(String text) {
        return Uuids.parse(text).map(RepoId::new);
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
