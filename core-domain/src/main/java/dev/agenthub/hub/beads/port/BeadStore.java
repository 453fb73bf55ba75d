package dev.agenthub.hub.beads.port;

import dev.agenthub.hub.beads.BeadIssue;
import dev.agenthub.protocol.kernel.id.ProjectId;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Port: the bead issues of every project (wire spec §2.1, §5.5, §5.6), one row per
 * {@code (project, repo, branch, bead_id)}. Every method joins the caller's transaction when one is active; the
 * upsert of one payload runs {@link #lockForUpdate}, then {@link #insert} and {@link #update}, in one transaction,
 * with the decisions taken by {@link dev.agenthub.hub.beads.BeadUpsertPlanner} in between.
 *
 * <p>Rows are stored as given: the store neither validates nor normalises fields, and it keeps
 * {@code blocked_by} and {@code labels} in order. Timestamps are stored at microsecond resolution.
 */
public interface BeadStore {

    /**
     * The stored rows of these ids in {@code (project, repo, branch)}, by bead id, each locked until the caller's
     * transaction ends (so concurrent upserts of one issue serialise). Ids without a row are absent from the map,
     * and no lock is promised for them: of two transactions racing to insert one id, {@link #insert} of the loser
     * fails.
     */
    Map<String, BeadIssue> lockForUpdate(ProjectId project, String repo, String branch, Collection<String> beadIds);

    /**
     * Inserts rows that have no stored counterpart.
     *
     * @throws IllegalStateException when a row with one of those keys exists (a lost race, see
     *                               {@link #lockForUpdate})
     */
    void insert(ProjectId project, List<BeadIssue> issues);

    /** Overwrites every column of the stored rows with these keys, nulls included; a missing row is skipped. */
    void update(ProjectId project, List<BeadIssue> issues);

    /** One row, or empty. */
    Optional<BeadIssue> find(ProjectId project, String repo, String branch, String beadId);

    /** The stored rows of these ids in {@code (project, repo, branch)}, by bead id, without locking. */
    Map<String, BeadIssue> findAll(ProjectId project, String repo, String branch, Collection<String> beadIds);

    /**
     * Deletes the rows of these ids in {@code (project, repo, branch)}.
     *
     * @return the number of rows actually removed ({@code stats.deleted})
     */
    int delete(ProjectId project, String repo, String branch, Collection<String> beadIds);

    /** The number of stored rows in {@code (project, repo, branch)} ({@code issues_count}). */
    int count(ProjectId project, String repo, String branch);
}
