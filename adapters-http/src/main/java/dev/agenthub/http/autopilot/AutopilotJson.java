package dev.agenthub.http.autopilot;

import dev.agenthub.orchestration.agents.Agent;
import dev.agenthub.orchestration.common.WireEnum;
import dev.agenthub.orchestration.events.ProjectEvent;
import dev.agenthub.orchestration.policy.AutomationPolicy;
import dev.agenthub.orchestration.policy.PolicyRevision;
import dev.agenthub.orchestration.policy.PolicySettings;
import dev.agenthub.orchestration.projects.Project;
import dev.agenthub.protocol.kernel.time.WireTime;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Agent Hub response shapes of wire spec agenthub §4, as maps in the spec's field order (Jackson writes a
 * {@link LinkedHashMap} in insertion order). Timestamps are naive UTC with microseconds.
 */
public final class AutopilotJson {

    private AutopilotJson() {
    }

    /** ProjectRead: {@code id, name, repo_url, default_branch, created_at}. */
    public static Map<String, Object> project(Project p) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", p.id());
        json.put("name", p.name());
        json.put("repo_url", p.repoUrl());
        json.put("default_branch", p.defaultBranch());
        json.put("created_at", WireTime.naive(p.createdAt()));
        return json;
    }

    /** AgentRead: {@code id, project_id, name, role, status, max_parallel_tasks, capabilities}. */
    public static Map<String, Object> agent(Agent a) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", a.id());
        json.put("project_id", a.projectId());
        json.put("name", a.name());
        json.put("role", WireEnum.name(a.role()));
        json.put("status", WireEnum.name(a.status()));
        json.put("max_parallel_tasks", a.maxParallelTasks());
        json.put("capabilities", a.capabilities());
        return json;
    }

    /** AutomationPolicyRead: {@code id, project_id} and the six switches. */
    public static Map<String, Object> policy(AutomationPolicy p) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", p.id());
        json.put("project_id", p.projectId());
        putSettings(json, p.settings());
        return json;
    }

    /** AutomationPolicyRevisionRead: {@code id, project_id}, the six switches, {@code changed_by, change_reason, created_at}. */
    public static Map<String, Object> revision(PolicyRevision r) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", r.id());
        json.put("project_id", r.projectId());
        putSettings(json, r.settings());
        json.put("changed_by", r.changedBy());
        json.put("change_reason", r.changeReason());
        json.put("created_at", WireTime.naive(r.createdAt()));
        return json;
    }

    /** EventRead: {@code id, project_id, event_type, payload_json} (a string), {@code created_at}. */
    public static Map<String, Object> event(ProjectEvent e) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", e.id());
        json.put("project_id", e.projectId());
        json.put("event_type", e.eventType());
        json.put("payload_json", e.payloadJson());
        json.put("created_at", WireTime.naive(e.createdAt()));
        return json;
    }

    private static void putSettings(Map<String, Object> json, PolicySettings s) {
        json.put("auto_triage", s.autoTriage());
        json.put("auto_assign", s.autoAssign());
        json.put("auto_review", s.autoReview());
        json.put("auto_merge", s.autoMerge());
        json.put("min_review_approvals", s.minReviewApprovals());
        json.put("require_test_pass", s.requireTestPass());
    }
}
