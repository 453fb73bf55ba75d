package dev.agenthub.hub.tasks;

import dev.agenthub.protocol.kernel.id.AgentId;
import dev.agenthub.protocol.kernel.id.ProjectId;
import dev.agenthub.protocol.kernel.text.WireName;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * A native task (wire spec §4.8) as stored, with its ref {@code <slug>-NNN} (§1.2) computed from the project's
 * slug when it was read.
 *
 * @param ref       {@code <project_slug>-NNN}: the number zero-padded to at least 3 digits
 * @param parent    the parent task, or null
 * @param assignee  the assigned agent, or null
 * @param createdBy the creating agent, or null
 * @param closedBy  who closed it, or null while not closed
 * @param closedAt  null while not closed
 * @param deletedAt null while live
 */
public record Task(UUID id, ProjectId project, long number, String ref, String title, String description,
                   String notes, State status, int priority, String taskType, List<String> labels, UUID parent,
                   AgentId assignee, AgentId createdBy, AgentId closedBy, Instant createdAt, Instant updatedAt,
                   Instant closedAt, Instant deletedAt) {

    /** The statuses of §4.8; the wire and storage name is {@link #wire()}. */
    public enum State implements WireName {
        OPEN, IN_PROGRESS, CLOSED
    }

    /** The task types a native task may have (§4.8). */
    public static final List<String> TYPES = List.of("task", "bug", "feature");
    /** The wire names of the statuses, in the order of §4.8. */
    public static final List<String> STATUSES = List.of("open", "in_progress", "closed");

    public Task {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(notes, "notes");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(taskType, "taskType");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        labels = labels == null ? List.of() : List.copyOf(labels);
    }

    public boolean live() {
        return deletedAt == null;
    }

    /** The ref of task {@code number} in the project with this slug (§1.2). */
    public static String ref(String slug, long number) {
        return slug + "-" + String.format(Locale.ROOT, "%03d", number);
    }

    /**
     * The task number a ref names in the project with this slug: {@code <slug>-<digits>} or bare digits; empty
     * for anything else (a uuid is resolved separately).
     */
    public static OptionalLong number(String slug, String ref) {
        String digits = ref;
        if (ref.startsWith(slug + "-")) {
            digits = ref.substring(slug.length() + 1);
        }
        if (digits.isEmpty() || digits.length() > 18 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return OptionalLong.empty();
        }
        long number = Long.parseLong(digits);
        return number >= 1 ? OptionalLong.of(number) : OptionalLong.empty();
    }
}
