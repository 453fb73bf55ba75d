package dev.agenthub.hub.beads;

import dev.agenthub.hub.beads.port.BeadStore;
import dev.agenthub.protocol.kernel.id.ProjectId;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SequencedMap;

/**
 * The upsert engine of wire spec §5.5, shared by {@code POST /v1/bdh/sync} and the beads uploads: maps the
 * filtered records, locks the stored rows of their ids, plans the write with {@link BeadUpsertPlanner} and
 * applies it, all inside the caller's transaction (so every issue of one payload is written in one transaction).
 */
public final class BeadUpserts {

    private static final java.util.Comparator<BeadIssue> BY_BEAD_ID = java.util.Comparator.comparing(BeadIssue::beadId);

    private final BeadStore beads;

    public BeadUpserts(BeadStore beads) {
        this.beads = Objects.requireNonNull(beads, "beads");
    }

    /**
     * Writes {@code records} to {@code (project, repo, branch)}, stamped {@code now}. Must run inside a
     * transaction: the locks of {@link BeadStore#lockForUpdate} last until it ends.
     *
     * @param records the filtered records of §5.4, by id
     * @return what was written, skipped and changed
     * @throws dev.agenthub.protocol.kernel.tx.TransactionConflict when a concurrent transaction inserted one of the
     *                               new ids first; the caller's transaction is then lost and the whole operation
     *                               may be retried
     */
    public UpsertPlan upsert(ProjectId project, String repo, String branch,
                             SequencedMap<String, Map<String, Object>> records, Instant now) {
        if (records.isEmpty()) {
            return new UpsertPlan(List.of(), List.of(), List.of(), List.of());
        }
        List<BeadIssue> incoming = BeadIssueMapper.mapAll(records, repo, branch, now);
        Map<String, BeadIssue> stored = beads.lockForUpdate(project, repo, branch, records.keySet());
        UpsertPlan plan = BeadUpsertPlanner.planUpsert(stored, incoming);
        if (!plan.inserts().isEmpty()) {
            // in bead-id order, as the locks were taken: two syncs inserting the same new ids meet on the first
            // one, so the loser fails at once instead of deadlocking
            beads.insert(project, plan.inserts().stream().sorted(BY_BEAD_ID).toList());
        }
        if (!plan.updates().isEmpty()) {
            beads.update(project, plan.updates());
        }
        return plan;
    }
}
