package dev.agenthub.hub.beads.port;

import dev.agenthub.hub.beads.BeadIssue;
import dev.agenthub.protocol.kernel.id.ProjectId;
import dev.agenthub.protocol.kernel.paging.Page;
import dev.agenthub.protocol.kernel.paging.PageRequest;

/**
 * Port: the page of {@code GET /v1/beads/issues} in the order of wire spec §1.6, which {@link BeadStore#page}
 * (ordered by repo, branch and bead id) does not give: {@code coalesce(updated_at, synced_at)} descending, then
 * {@code priority} ascending (nulls last), then {@code bead_id}, then repo and branch ascending (so equal keys of
 * several repos or branches still page without loss).
 *
 * <p>The cursor is {@code {"sort_time","priority","bead_id","repo","branch"}} of the last row; a client's cursor
 * must carry the first three (else 422 {@code Invalid cursor: incomplete sort key (missing sort_time, priority, or
 * bead_id)}), {@code sort_time} must parse (else 422 {@code Invalid cursor: bad timestamp (<value>)}), and
 * {@code repo} and {@code branch} are optional tie-breakers.
 */
public interface BeadListing {

    /** A page of the project's rows matching {@code filter}, in the order above. */
    Page<BeadIssue> page(ProjectId project, BeadStore.IssueFilter filter, PageRequest request);
}
