package dev.agenthub.http.autopilot;

import dev.agenthub.orchestration.common.WireEnum;
import dev.agenthub.orchestration.insights.DashboardView;
import dev.agenthub.orchestration.pulls.PullRequest;
import dev.agenthub.orchestration.pulls.PullRequestDetail;
import dev.agenthub.orchestration.pulls.Review;
import dev.agenthub.orchestration.runs.AgentRun;
import dev.agenthub.orchestration.workitems.WorkItem;
import dev.agenthub.protocol.kernel.time.WireTime;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The work item, run, pull request, review and dashboard shapes of wire spec agenthub §4, §5 and §14 D3, as maps in
 * the spec's field order. Absent optional values are JSON null.
 */
public final class CatalogJson {

    private CatalogJson() {
    }

    /** WorkItemRead: {@code id, project_id, title, description, status, priority, assigned_agent_id, source_objective}. */
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

    /**
     * AgentRunRead: {@code id, project_id, work_item_id, agent_id, status, summary, tests_passed, created_at,
     * updated_at}; the stored patch is not exposed.
     */
    public static Map<String, Object> run(AgentRun r) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", r.id());
        json.put("project_id", r.projectId());
        json.put("work_item_id", r.workItemId());
        json.put("agent_id", r.agentId().orElse(null));
        json.put("status", WireEnum.name(r.status()));
        json.put("summary", r.summary());
        json.put("tests_passed", r.testsPassed());
        json.put("created_at", WireTime.naive(r.createdAt()));
        json.put("updated_at", WireTime.naive(r.updatedAt()));
        return json;
    }

    /**
     * PullRequestRead: {@code id, project_id, work_item_id, title, source_branch, target_branch, status,
     * checks_passed, auto_merge}.
     */
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

    /**
     * PullRequestDetail (§14 D3): the PullRequestRead fields, then {@code description, created_at, merged_at,
     * created_by_agent_id, reviews} (oldest first) and {@code remote}: {@code {"github":{"number","url"},
     * "gitlab":{"iid","url"}}}, each key only when the PR is linked to that forge (§14 D6).
     */
    public static Map<String, Object> pullRequestDetail(PullRequestDetail detail,
                                                        java.util.List<dev.agenthub.orchestration.forge.RemoteLink> links) {
        PullRequest p = detail.pullRequest();
        Map<String, Object> json = pullRequest(p);
        json.put("description", p.description());
        json.put("created_at", WireTime.naive(p.createdAt()));
        json.put("merged_at", p.mergedAt().map(WireTime::naive).orElse(null));
        json.put("created_by_agent_id", p.createdByAgentId().orElse(null));
        json.put("reviews", detail.reviews().stream().map(CatalogJson::review).toList());
        Map<String, Object> remote = new LinkedHashMap<>();
        for (dev.agenthub.orchestration.forge.RemoteLink link : links) {
            Map<String, Object> object = new LinkedHashMap<>();
            object.put(link.forge() == dev.agenthub.orchestration.forge.Forge.GITHUB ? "number" : "iid", link.number());
            object.put("url", link.url().orElse(null));
            remote.put(link.forge().wireName(), object);
        }
        json.put("remote", remote);
        return json;
    }

    /** ReviewRead: {@code id, pull_request_id, agent_id, decision, comment, reviewer} (§14 D3). */
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

    /**
     * The dashboard: {@code project, agents, backlog_count, in_progress_count, done_count, open_pr_count,
     * merged_pr_count}.
     */
    public static Map<String, Object> dashboard(DashboardView view) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("project", AutopilotJson.project(view.project()));
        json.put("agents", view.agents().stream().map(AutopilotJson::agent).toList());
        json.put("backlog_count", view.backlogCount());
        json.put("in_progress_count", view.inProgressCount());
        json.put("done_count", view.doneCount());
        json.put("open_pr_count", view.openPrCount());
        json.put("merged_pr_count", view.mergedPrCount());
        return json;
    }
}
