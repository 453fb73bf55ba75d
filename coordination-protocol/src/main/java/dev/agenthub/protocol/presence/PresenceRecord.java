package dev.agenthub.protocol.presence;

import dev.agenthub.protocol.kernel.id.ProjectId;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Objects;
import java.util.SequencedMap;
import java.util.UUID;

/**
 * One presence record.
 *
 * @param id         the workspace id or agent id (the same UUID in the v1 identity mapping)
 * @param project    the project the record belongs to; listings of one project never return another's
 * @param alias      the alias within the project (indexed, for collision checks)
 * @param status     usually {@code active}
 * @param lastSeen   when the record was written
 * @param attributes further fields as text (e.g. {@code human_name}, {@code program}, {@code current_branch}),
 *                   in a stable order; absent fields are simply missing, never null
 */
public record PresenceRecord(UUID id, ProjectId project, String alias, String status, Instant lastSeen,
                             SequencedMap<String, String> attributes) {

    public PresenceRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(alias, "alias");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(lastSeen, "lastSeen");
        LinkedHashMap<String, String> copy = new LinkedHashMap<>();
        if (attributes != null) {
            attributes.forEach((key, value) -> copy.put(Objects.requireNonNull(key, "attribute name"),
                    Objects.requireNonNull(value, () -> "attribute " + key)));
        }
        attributes = Collections.unmodifiableSequencedMap(copy);
    }

    /** The attribute, or null when the record does not carry it. */
    public String attribute(String name) {
        return attributes.get(name);
    }
}
