package dev.agenthub.orchestration.insights;

import dev.agenthub.orchestration.agents.Agent;
import dev.agenthub.orchestration.projects.Project;

import java.util.List;
import java.util.Objects;

/**
 * {@code GET /projects/{id}/dashboard} (wire spec agenthub §5): the project, all its agents in list order, and its
 * counts; {@code inProgressCount} counts {@code in_progress} and {@code review} items together.
 */
public record DashboardView(Project project, List<Agent> agents, int backlogCount, int inProgressCount,
                            int doneCount, int openPrCount, int mergedPrCount) {

    public DashboardView {
        Objects.requireNonNull(project, "project");
        agents = List.copyOf(agents);
    }
}
