package dev.agenthub.hub.beads;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A stored bead issue (wire spec §2.1, §5.5), keyed by {@code (project, repo, branch, bead_id)}; the project is
 * the store's concern. Only the fields of §5.5 are kept; every other JSONL field is dropped.
 *
 * @param repo        the canonical origin of the issue's repo
 * @param branch      the branch it was synced from ({@code main} for bdh sync)
 * @param beadId      the key, passing the bead-id rule
 * @param title       free text, or null
 * @param description free text, or null
 * @param status      free text ({@code open}, {@code in_progress}, {@code blocked}, {@code closed},
 *                    {@code tombstone}, …), or null
 * @param priority    an integer (0..4 in beads), or null
 * @param issueType   free text ({@code type} in responses), or null
 * @param assignee    or null
 * @param createdBy   trimmed, non-empty, at most 255 code points, or null
 * @param labels      non-empty, or null
 * @param createdAt   or null
 * @param updatedAt   or null; the stale-update rule compares it
 * @param blockedBy   the blockers, possibly empty, in mapping order
 * @param parentId    the parent, or null
 * @param syncedAt    when the row was last written
 */
public record BeadIssue(String repo, String branch, String beadId, String title, String description, String status,
                        Integer priority, String issueType, String assignee, String createdBy, List<String> labels,
                        Instant createdAt, Instant updatedAt, List<BeadRef> blockedBy, BeadRef parentId,
                        Instant syncedAt) {

    public BeadIssue {
        Objects.requireNonNull(repo, "repo");
        Objects.requireNonNull(branch, "branch");
        Objects.requireNonNull(beadId, "beadId");
        Objects.requireNonNull(syncedAt, "syncedAt");
        labels = labels == null || labels.isEmpty() ? null : List.copyOf(labels);
        blockedBy = blockedBy == null ? List.of() : List.copyOf(blockedBy);
    }

    /** The same issue with another {@code created_by}. */
    public BeadIssue withCreatedBy(String newCreatedBy) {
        return new BeadIssue(repo, branch, beadId, title, description, status, priority, issueType, assignee,
                newCreatedBy, labels, createdAt, updatedAt, blockedBy, parentId, syncedAt);
    }
}
