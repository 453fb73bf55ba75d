package dev.agenthub.http.autopilot;

import dev.agenthub.orchestration.agents.Agents;
import dev.agenthub.orchestration.events.ProjectEvents;
import dev.agenthub.orchestration.policy.AutomationPolicies;
import dev.agenthub.orchestration.projects.Projects;

import dev.agenthub.orchestration.cycle.AutopilotRun;
import dev.agenthub.orchestration.pulls.PullRequestActions;

import java.util.Objects;

/**
 * The use cases behind the Agent Hub routes ({@code /projects…}), built by the composition root when the hub starts,
 * with the list paging settings those routes apply.
 */
public record AutopilotServices(AutopilotPaging paging, Projects projects, Agents agents, AutomationPolicies policies,
                                ProjectEvents events, AutopilotRun autopilotRun,
                                PullRequestActions pullRequestActions) {

    public AutopilotServices {
        Objects.requireNonNull(paging, "paging");
        Objects.requireNonNull(projects, "projects");
        Objects.requireNonNull(agents, "agents");
        Objects.requireNonNull(policies, "policies");
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(autopilotRun, "autopilotRun");
        Objects.requireNonNull(pullRequestActions, "pullRequestActions");
    }
}
