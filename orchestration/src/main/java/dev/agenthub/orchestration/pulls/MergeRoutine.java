package dev.agenthub.orchestration.pulls;

import dev.agenthub.orchestration.events.EventTypes;
import dev.agenthub.orchestration.events.PayloadJson;
import dev.agenthub.orchestration.events.port.EventLog;
import dev.agenthub.orchestration.git.port.GitFailure;
import dev.agenthub.orchestration.git.port.GitWorkspaces;
import dev.agenthub.orchestration.git.port.RepoTarget;
import dev.agenthub.orchestration.projects.Project;
import dev.agenthub.orchestration.pulls.port.PullRequestStore;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SequencedMap;

/**
 * The merge of a pull request (wire spec agenthub §6.3 step 12), shared by the cycle and the human merge of §14 D3:
 * the git merge under the project's lock, then the records. The caller owns the transaction and the work item.
 */
public final class MergeRoutine {

    private final GitWorkspaces git;
    private final PullRequestStore pulls;
    private final EventLog events;
    private final boolean autoPush;

    /** @param autoPush {@code AGENT_HUB_AUTO_PUSH}: push the branch and then the default branch after merging */
    public MergeRoutine(GitWorkspaces git, PullRequestStore pulls, EventLog events, boolean autoPush) {
        this.git = Objects.requireNonNull(git, "git");
        this.pulls = Objects.requireNonNull(pulls, "pulls");
        this.events = Objects.requireNonNull(events, "events");
        this.autoPush = autoPush;
    }

    /**
     * Merges the PR's source branch into the project's default branch (fast-forward, else a merge commit), pushes
     * when configured, and returns the new HEAD.
     *
     * @throws GitFailure when the workspace, the merge or the push fails
     */
    public String mergeBranch(Project project, PullRequest pr) {
        RepoTarget target = new RepoTarget(project.id(), project.repoUrl(), project.defaultBranch());
        return git.withWorkspace(target, ws -> ws.merge(pr.sourceBranch(), autoPush)).sha();
    }

    /**
     * Marks the open PR merged with the {@code - merged_sha:} line and logs {@code pr_merged}
     * ({@code merged_by} only for a human merge). False when the PR was not open any more (nothing logged).
     */
    public boolean recordMerged(PullRequest pr, String sha, int approvals, Optional<String> mergedBy, Instant at) {
        if (!pulls.markMerged(pr.id(), pr.descriptionMergedAt(sha), at)) {
            return false;
        }
        SequencedMap<String, Object> payload = new LinkedHashMap<>();
        payload.put("pull_request_id", pr.id());
        payload.put("work_item_id", pr.workItemId().orElse(null));
        payload.put("approvals", approvals);
        payload.put("merged_sha", sha);
        mergedBy.ifPresent(name -> payload.put("merged_by", name));
        events.append(pr.projectId(), EventTypes.PR_MERGED, PayloadJson.write(payload), at);
        return true;
    }

    /** Logs {@code pr_merge_failed {"pull_request_id","work_item_id","error"}}. */
    public void recordFailed(PullRequest pr, String error, Instant at) {
        SequencedMap<String, Object> payload = new LinkedHashMap<>();
        payload.put("pull_request_id", pr.id());
        payload.put("work_item_id", pr.workItemId().orElse(null));
        payload.put("error", error);
        events.append(pr.projectId(), EventTypes.PR_MERGE_FAILED, PayloadJson.write(payload), at);
    }
}
