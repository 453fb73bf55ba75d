package dev.agenthub.hub.beads;

import java.util.List;

/**
 * What the upsert of one payload writes (wire spec §5.5): the rows to insert and to overwrite, the ids skipped as
 * stale, and the status changes, each list in payload order.
 *
 * @param inserts       rows with no stored counterpart
 * @param updates       rows overwriting a stored one (the write itself: every column, {@code created_by} kept
 *                      when the incoming one is null, {@code synced_at} now)
 * @param conflicts     ids skipped as stale updates; the uploads report them, {@code /v1/bdh/sync} does not
 * @param statusChanges the changes that feed notifications and events
 */
public record UpsertPlan(List<BeadIssue> inserts, List<BeadIssue> updates, List<String> conflicts,
                         List<StatusChange> statusChanges) {

    public UpsertPlan {
        inserts = List.copyOf(inserts);
        updates = List.copyOf(updates);
        conflicts = List.copyOf(conflicts);
        statusChanges = List.copyOf(statusChanges);
    }

    /** {@code stats.inserted} / {@code issues_added}. */
    public int inserted() {
        return inserts.size();
    }

    /** {@code stats.updated} / {@code issues_updated}. */
    public int updated() {
        return updates.size();
    }
}
