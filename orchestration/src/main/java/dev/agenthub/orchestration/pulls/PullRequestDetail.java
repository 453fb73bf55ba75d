package dev.agenthub.orchestration.pulls;

import java.util.List;
import java.util.Objects;

/** A pull request with its reviews, oldest first (the detail view of wire spec agenthub §14 D3). */
public record PullRequestDetail(PullRequest pullRequest, List<Review> reviews) {

    public PullRequestDetail {
        Objects.requireNonNull(pullRequest, "pullRequest");
        reviews = List.copyOf(reviews);
    }
}
