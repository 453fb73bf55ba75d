package dev.agenthub.http.autopilot;

import dev.agenthub.orchestration.agents.Agents;
import dev.agenthub.orchestration.events.ProjectEvents;
import dev.agenthub.orchestration.insights.Dashboard;
import dev.agenthub.orchestration.policy.AutomationPolicies;
import dev.agenthub.orchestration.projects.Projects;
import dev.agenthub.orchestration.pulls.PullRequests;
import dev.agenthub.orchestration.runs.Runs;
import dev.agenthub.orchestration.workitems.LeaseSweep;
import dev.agenthub.orchestration.workitems.Objectives;
import dev.agenthub.orchestration.workitems.WorkItems;
import dev.agenthub.orchestration.webhooks.GitHubWebhooks;

import dev.agenthub.orchestration.cycle.AutopilotRun;
import dev.agenthub.orchestration.forge.ForgeSync;
import dev.agenthub.orchestration.pulls.PullRequestActions;

import dev.agenthub.orchestration.jobs.AutopilotJobs;

import java.util.Objects;

/**
 * The use cases behind the Agent Hub routes ({@code /projects…}), built by the composition root when the hub starts,
 * with the list paging settings those routes apply. {@code leaseSweep} has no route: the hub runs it periodically
 * (§14 D1), and a host or a test may run it directly. {@code forgeSync} also supplies the
 * {@code remote} links of the PR detail; {@code webhooks} serves {@code POST /webhooks/github} (§9).
 */
public record AutopilotServices(AutopilotPaging paging, Projects projects, Agents agents, AutomationPolicies policies,
                                ProjectEvents events, Objectives objectives, WorkItems workItems, Runs runs,
                                PullRequests pullRequests, Dashboard dashboard,
                                AutopilotRun autopilotRun, PullRequestActions pullRequestActions,
                                LeaseSweep leaseSweep, AutopilotJobs jobs, ForgeSync forgeSync,
                                GitHubWebhooks webhooks) {

    public AutopilotServices {
        Objects.requireNonNull(paging, "paging");
        Objects.requireNonNull(projects, "projects");
        Objects.requireNonNull(agents, "agents");
        Objects.requireNonNull(policies, "policies");
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(objectives, "objectives");
        Objects.requireNonNull(workItems, "workItems");
        Objects.requireNonNull(runs, "runs");
        Objects.requireNonNull(pullRequests, "pullRequests");
        Objects.requireNonNull(dashboard, "dashboard");
        Objects.requireNonNull(autopilotRun, "autopilotRun");
        Objects.requireNonNull(pullRequestActions, "pullRequestActions");
        Objects.requireNonNull(leaseSweep, "leaseSweep");
        Objects.requireNonNull(jobs, "jobs");
        Objects.requireNonNull(forgeSync, "forgeSync");
        Objects.requireNonNull(webhooks, "webhooks");
    }
}
