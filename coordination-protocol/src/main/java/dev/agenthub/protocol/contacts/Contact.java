package dev.agenthub.protocol.contacts;

import dev.agenthub.protocol.kernel.id.ProjectId;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One entry of a project's address book.
 *
 * @param address a project address, {@code <slug>} or {@code <slug>/<alias>} (see {@link ContactAddress})
 * @param label   free text, or null
 */
public record Contact(UUID id, ProjectId project, String address, String label, Instant createdAt) {

    public Contact {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
