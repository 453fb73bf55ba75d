package dev.agenthub.http.autopilot;

import dev.agenthub.orchestration.common.WireEnum;
import dev.agenthub.orchestration.cycle.CycleResult;
import dev.agenthub.orchestration.pulls.PullRequest;
import dev.agenthub.orchestration.pulls.PullRequestActions;
import dev.agenthub.orchestration.pulls.Review;
import dev.agenthub.orchestration.workitems.WorkItem;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The response shapes of the autopilot run and the human PR actions (wire spec agenthub §4, §5, §14 D3), in the
 * spec's field order.
 */
public final class CycleJson {

    private CycleJson() {
    }

    /** PullRequestRead. */
    public static Map<String, Object> pullRequest(PullRequest p) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", p.id());
        json.put("project_id", p.projectId());
        json.put("work_item_id", p.workItemId().orElse(null));
        json.put("title", p.title());
        json.put("source_branch", p.sourceBranch());
        json.put("target_branch", p.targetBranch());
        json.put("status", WireEnum.name(p.status()));
        json.put("checks_passed", p.checksPassed());
        json.put("auto_merge", p.autoMerge());
        return json;
    }

    /** ReviewRead, with the additive {@code reviewer}. */
    public static Map<String, Object> review(Review r) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", r.id());
        json.put("pull_request_id", r.pullRequestId());
        json.put("agent_id", r.agentId().orElse(null));
        json.put("decision", WireEnum.name(r.decision()));
        json.put("comment", r.comment());
        json.put("reviewer", r.reviewer().orElse(null));
        return json;
    }

    /** WorkItemRead. */
    public static Map<String, Object> workItem(WorkItem w) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", w.id());
        json.put("project_id", w.projectId());
        json.put("title", w.title());
        json.put("description", w.description());
        json.put("status", WireEnum.name(w.status()));
        json.put("priority", w.priority());
        json.put("assigned_agent_id", w.assignedAgentId().orElse(null));
        json.put("source_objective", w.sourceObjective());
        return json;
    }

    /** The run response: {@code processed_items} (PRs created), {@code created_prs}, {@code reviews}, {@code merged_pr_ids}. */
    public static Map<String, Object> run(CycleResult result) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("processed_items", result.processedItems());
        json.put("created_prs", result.createdPullRequests().stream().map(CycleJson::pullRequest).toList());
        json.put("reviews", result.reviews().stream().map(CycleJson::review).toList());
        json.put("merged_pr_ids", result.mergedPullRequestIds());
        return json;
    }

    /** The action response of §14 D3. */
    public static Map<String, Object> action(PullRequestActions.ActionResult result) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("pull_request", pullRequest(result.pullRequest()));
        json.put("work_item", result.workItem().map(CycleJson::workItem).orElse(null));
        json.put("review", result.review().map(CycleJson::review).orElse(null));
        json.put("merged", result.merged());
        json.put("merge_sha", result.mergeSha().orElse(null));
        return json;
    }
}
