package dev.agenthub.hub.beads;

import java.util.Objects;

/**
 * A status change the upsert produced (wire spec §5.5), the input of the notification outbox (§7.1) and of the
 * {@code bead.status_changed} events (§13.1).
 *
 * @param beadId    the issue
 * @param oldStatus the stored status before the write; {@code ""} for a new issue (and for a stored null)
 * @param newStatus the written status, never empty
 * @param title     the written title, or null
 * @param newIssue  whether the issue was inserted: its old status is "none", which §7.1 skips
 */
public record StatusChange(String beadId, String oldStatus, String newStatus, String title, boolean newIssue) {

    public StatusChange {
        Objects.requireNonNull(beadId, "beadId");
        Objects.requireNonNull(oldStatus, "oldStatus");
        Objects.requireNonNull(newStatus, "newStatus");
        if (newStatus.isEmpty()) {
            throw new IllegalArgumentException("a status change has a non-empty new status");
        }
    }
}
