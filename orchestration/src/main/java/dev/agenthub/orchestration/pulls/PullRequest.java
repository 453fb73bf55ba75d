package dev.agenthub.orchestration.pulls;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A local pull request (wire spec agenthub §4 PullRequestRead, plus the stored fields of §13 that the detail view
 * of §14 D3 shows). {@code description} holds the {@code - key: value} lines of §6.3 step 9 and 12.
 */
public record PullRequest(long id, long projectId, Optional<Long> workItemId, String title, String description,
                          String sourceBranch, String targetBranch, PullRequestStatus status, boolean checksPassed,
                          boolean autoMerge, Optional<Long> createdByAgentId, Instant createdAt,
                          Optional<Instant> mergedAt) {

    public PullRequest {
        Objects.requireNonNull(workItemId, "workItemId");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(sourceBranch, "sourceBranch");
        Objects.requireNonNull(targetBranch, "targetBranch");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdByAgentId, "createdByAgentId");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(mergedAt, "mergedAt");
    }

    /** The description with the {@code - merged_sha:} line of §6.3 step 12 appended. */
    public String descriptionMergedAt(String sha) {
        return description + "\n- merged_sha: " + sha;
    }
}
