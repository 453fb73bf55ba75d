package dev.agenthub.hub.beads;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;

/**
 * The decisions of the upsert engine (wire spec §5.5) and of deletion (§5.6) as pure functions over the stored
 * rows, which the caller reads (and locks) in the same transaction that then applies the plan.
 *
 * <p>Neither function ever removes a stored row that the payload leaves out: a full sync never deletes missing
 * rows; deletion happens only through {@code deleted_ids} ({@link #planDeletion}).
 */
public final class BeadUpsertPlanner {

    private BeadUpsertPlanner() {
    }

    /**
     * Plans the write of {@code incoming} over {@code stored}, issue by issue in order, each seeing the effect of
     * the ones before it (so a repeated id behaves as it would in one sequential transaction):
     * <ul>
     *   <li><b>no row</b>: insert; a non-empty status is a change from none ({@code ""}, {@code newIssue});</li>
     *   <li><b>stale</b>, the row exists and both {@code updated_at}s are non-null and the incoming one is
     *       earlier: skip, and list the id in {@code conflicts};</li>
     *   <li><b>otherwise</b>: update, overwriting every column with the incoming values, nulls included, except a
     *       null {@code created_by}, which keeps the stored one; a different, non-empty status is a change.</li>
     * </ul>
     *
     * @param stored   the stored issues of the payload's repo and branch, by bead id (those not in the payload
     *                 may be left out)
     * @param incoming the mapped issues, all of one repo and branch
     */
    public static UpsertPlan planUpsert(Map<String, BeadIssue> stored, Collection<BeadIssue> incoming) {
        Map<String, BeadIssue> current = new HashMap<>(stored);
        SequencedMap<String, BeadIssue> inserts = new LinkedHashMap<>();
        SequencedMap<String, BeadIssue> updates = new LinkedHashMap<>();
        List<String> conflicts = new ArrayList<>();
        List<StatusChange> changes = new ArrayList<>();
        for (BeadIssue issue : incoming) {
            BeadIssue existing = current.get(issue.beadId());
            if (existing == null) {
                inserts.put(issue.beadId(), issue);
                current.put(issue.beadId(), issue);
                if (nonEmpty(issue.status())) {
                    changes.add(new StatusChange(issue.beadId(), "", issue.status(), issue.title(), true));
                }
                continue;
            }
            if (isStale(existing, issue)) {
                conflicts.add(issue.beadId());
                continue;
            }
            BeadIssue row = issue.createdBy() == null ? issue.withCreatedBy(existing.createdBy()) : issue;
            if (inserts.containsKey(row.beadId())) {
                inserts.put(row.beadId(), row);
            } else {
                updates.put(row.beadId(), row);
            }
            current.put(row.beadId(), row);
            if (nonEmpty(row.status()) && !row.status().equals(existing.status())) {
                String old = existing.status() == null ? "" : existing.status();
                changes.add(new StatusChange(row.beadId(), old, row.status(), row.title(),
                        inserts.containsKey(row.beadId())));
            }
        }
        return new UpsertPlan(List.copyOf(inserts.values()), List.copyOf(updates.values()), conflicts, changes);
    }

    /** The stale-update rule: both {@code updated_at}s are known and the incoming one is earlier. */
    public static boolean isStale(BeadIssue stored, BeadIssue incoming) {
        return stored.updatedAt() != null && incoming.updatedAt() != null
                && incoming.updatedAt().isBefore(stored.updatedAt());
    }

    /**
     * The stored rows that deleting {@code ids} removes (§5.6), in the order of {@code ids}: ids that break the
     * bead-id rule are skipped, and ids without a row remove nothing. The caller reads their titles (for the
     * events) before deleting; {@code stats.deleted} is the size of the result.
     *
     * @param stored the stored issues of the sync's repo and branch {@code main}, by bead id
     */
    public static List<BeadIssue> planDeletion(Map<String, BeadIssue> stored, Collection<String> ids) {
        SequencedMap<String, BeadIssue> removed = new LinkedHashMap<>();
        for (String id : ids) {
            if (BeadIds.isValidBeadId(id) && stored.containsKey(id)) {
                removed.putIfAbsent(id, stored.get(id));
            }
        }
        return List.copyOf(removed.values());
    }

    private static boolean nonEmpty(String status) {
        return status != null && !status.isEmpty();
    }
}
