package dev.agenthub.hub.beads.port;

import dev.agenthub.hub.beads.BeadIssue;
import dev.agenthub.protocol.kernel.error.DomainError;
import dev.agenthub.protocol.kernel.id.ProjectId;
import dev.agenthub.protocol.kernel.paging.Page;
import dev.agenthub.protocol.kernel.paging.PageRequest;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

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
     * fails with {@link dev.agenthub.protocol.kernel.tx.TransactionConflict}.
     */
    Map<String, BeadIssue> lockForUpdate(ProjectId project, String repo, String branch, Collection<String> beadIds);

    /**
     * Inserts rows that have no stored counterpart.
     *
     * @throws dev.agenthub.protocol.kernel.tx.TransactionConflict when a row with one of those keys exists (a lost
     *                               race, see {@link #lockForUpdate}); the caller's transaction is lost and may be
     *                               retried from its start
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

    /**
     * For each of these bead ids, the most recently synced row with that id in the project, whatever its repo
     * and branch (title and type resolution of §4.4 step 2); ids without a row are absent. Ties on
     * {@code synced_at} go to the smallest (repo, branch).
     */
    Map<String, BeadIssue> newestById(ProjectId project, Collection<String> beadIds);

    /**
     * The first row with this bead id in the project ordered by repo, then branch (§4.6 {@code GET
     * /issues/{bead_id}}), restricted to {@code repo} and {@code branch} when given.
     */
    Optional<BeadIssue> first(ProjectId project, String beadId, Optional<String> repo, Optional<String> branch);

    /**
     * The filters of {@code GET /v1/beads/issues} (§4.6); every present one must hold.
     *
     * @param statuses  status in this set, when non-empty
     * @param label     a member of {@code labels}
     * @param query     a case-insensitive bead-id <em>prefix</em> or title <em>substring</em>, matched literally
     *                  (no wildcard characters)
     */
    record IssueFilter(Optional<String> repo, Optional<String> branch, Set<String> statuses, Optional<String> assignee,
                       Optional<String> createdBy, Optional<String> label, Optional<String> type,
                       Optional<String> query) {

        public static final IssueFilter NONE = new IssueFilter(Optional.empty(), Optional.empty(), Set.of(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

        public IssueFilter {
            Objects.requireNonNull(repo, "repo");
            Objects.requireNonNull(branch, "branch");
            statuses = Set.copyOf(statuses);
            Objects.requireNonNull(assignee, "assignee");
            Objects.requireNonNull(createdBy, "createdBy");
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(query, "query");
        }
    }

    /**
     * A page of the project's rows matching {@code filter} ({@code GET /v1/beads/issues}), in the order of wire
     * spec §1.6: {@code coalesce(updated_at, synced_at)} descending, then {@code priority} ascending (nulls last),
     * then {@code bead_id} ascending, then repo and branch ascending as tie-breakers (so equal keys of several
     * repos or branches still page without loss or repetition).
     *
     * <p>The cursor is {@code {"sort_time","priority","bead_id","repo","branch"}} of the last row. A cursor must
     * carry the first three ({@code priority} may be null), else {@link DomainError.Invalid} {@code Invalid
     * cursor: incomplete sort key (missing sort_time, priority, or bead_id)}; {@code sort_time} must be a wire
     * timestamp, else {@code Invalid cursor: bad timestamp (<value>)}. {@code repo} and {@code branch} are
     * optional: without them, rows that tie on the first three keys after the cursor's row may be skipped, as in
     * §1.6.
     *
     * @throws DomainError.Invalid for a malformed cursor (a 422)
     */
    Page<BeadIssue> page(ProjectId project, IssueFilter filter, PageRequest request);

    /**
     * Up to {@code limit} ready rows (§4.6 {@code GET /ready}), restricted to {@code repo} and {@code branch} when
     * given: status {@code open}, and every {@code blocked_by} ref names a row of the project whose status is
     * {@code closed} (a missing blocker blocks). Ordered by priority ascending (nulls last), then bead id.
     */
    List<BeadIssue> ready(ProjectId project, Optional<String> repo, Optional<String> branch, int limit);
}
