package dev.agenthub.orchestration.pulls.port;

import dev.agenthub.orchestration.common.PageSlice;
import dev.agenthub.orchestration.pulls.NewPullRequest;
import dev.agenthub.orchestration.pulls.PullRequest;
import dev.agenthub.orchestration.pulls.PullRequestStatus;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Port: local pull requests (wire spec agenthub §13). Every method joins the caller's transaction when one is
 * active. Implementations are checked by the contract kit's {@code PullRequestStoreContract}.
 */
public interface PullRequestStore {

    /**
     * Opens a pull request with a new id. At most one PR per work item is {@code open} at a time (§14 D1).
     *
     * @return the stored PR, or empty when the work item already has an open PR (nothing is written)
     */
    Optional<PullRequest> open(long projectId, NewPullRequest pullRequest, Instant at);

    /** The PR with this id in this project, or empty (unknown, or another project's). */
    Optional<PullRequest> find(long projectId, long pullRequestId);

    /**
     * The PR locked until the caller's transaction ends (the human actions of §14 D3 serialise on it), or empty.
     */
    Optional<PullRequest> lock(long projectId, long pullRequestId);

    /** A page of the project's PRs, optionally of one status, {@code created_at} desc, then id desc. */
    List<PullRequest> list(long projectId, Optional<PullRequestStatus> status, PageSlice page);

    /**
     * Marks an {@code open} PR {@code merged} at {@code at} with the new description (the {@code - merged_sha:}
     * line appended by the caller). False when it was not open (nothing changes then).
     */
    boolean markMerged(long pullRequestId, String description, Instant at);

    /** Marks an {@code open} PR {@code closed}. False when it was not open. */
    boolean close(long pullRequestId);

    /** The number of the project's PRs per status; statuses with none are absent. */
    Map<PullRequestStatus, Integer> countByStatus(long projectId);
}
