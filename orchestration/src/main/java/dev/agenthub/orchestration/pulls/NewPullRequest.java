package dev.agenthub.orchestration.pulls;

import java.util.Objects;

/** A pull request to open ({@code open}, created by {@code createdByAgentId}) for a work item (§6.3 step 9). */
public record NewPullRequest(long workItemId, String title, String description, String sourceBranch,
                             String targetBranch, boolean checksPassed, boolean autoMerge, long createdByAgentId) {

    public NewPullRequest {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(sourceBranch, "sourceBranch");
        Objects.requireNonNull(targetBranch, "targetBranch");
    }
}
