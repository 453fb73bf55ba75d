package dev.agenthub.orchestration.pulls;

import dev.agenthub.orchestration.common.PageSlice;
import dev.agenthub.orchestration.projects.Projects;
import dev.agenthub.orchestration.pulls.port.PullRequestStore;
import dev.agenthub.orchestration.pulls.port.ReviewStore;
import dev.agenthub.protocol.kernel.error.DomainError;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A project's pull requests (wire spec agenthub §5, §14 D3): the list and the detail view. */
public final class PullRequests {

    public static final String NOT_FOUND = "Pull request not found";

    private final Projects projects;
    private final PullRequestStore store;
    private final ReviewStore reviews;

    public PullRequests(Projects projects, PullRequestStore store, ReviewStore reviews) {
        this.projects = Objects.requireNonNull(projects, "projects");
        this.store = Objects.requireNonNull(store, "store");
        this.reviews = Objects.requireNonNull(reviews, "reviews");
    }

    /** A page, newest first, optionally of one status. @throws DomainError.NotFound {@code Project not found} */
    public List<PullRequest> list(long projectId, Optional<PullRequestStatus> status, PageSlice page) {
        projects.require(projectId);
        return store.list(projectId, status, page);
    }

    /**
     * The PR with its reviews, oldest first.
     *
     * @throws DomainError.NotFound {@code Project not found}; {@code Pull request not found} (unknown, or another
     *                              project's)
     */
    public PullRequestDetail detail(long projectId, long pullRequestId) {
        projects.require(projectId);
        PullRequest pr = store.find(projectId, pullRequestId).orElseThrow(() -> new DomainError.NotFound(NOT_FOUND));
        return new PullRequestDetail(pr, reviews.forPullRequest(pr.id()));
    }
}
