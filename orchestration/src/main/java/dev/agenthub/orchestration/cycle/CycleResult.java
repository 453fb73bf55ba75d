package dev.agenthub.orchestration.cycle;

import dev.agenthub.orchestration.pulls.PullRequest;
import dev.agenthub.orchestration.pulls.Review;

import java.util.List;

/**
 * What a cycle did (wire spec agenthub §5 {@code POST …/autopilot/run}): the PRs it created (as stored at the end),
 * the agent reviews it recorded, the ids of the PRs it merged, the number of items it selected (the cycle event's
 * {@code processed_items}) and whether a job cancel stopped it.
 */
public record CycleResult(int selectedItems, List<PullRequest> createdPullRequests, List<Review> reviews,
                          List<Long> mergedPullRequestIds, boolean canceled) {

    public CycleResult {
        createdPullRequests = List.copyOf(createdPullRequests);
        reviews = List.copyOf(reviews);
        mergedPullRequestIds = List.copyOf(mergedPullRequestIds);
    }

    /** The run response's and the job's {@code processed_items}: the number of PRs created. */
    public int processedItems() {
        return createdPullRequests.size();
    }
}
