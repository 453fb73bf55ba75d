package dev.agenthub.orchestration.insights;

import dev.agenthub.orchestration.agents.port.AgentStore;
import dev.agenthub.orchestration.projects.Project;
import dev.agenthub.orchestration.projects.Projects;
import dev.agenthub.orchestration.pulls.PullRequestStatus;
import dev.agenthub.orchestration.pulls.port.PullRequestStore;
import dev.agenthub.orchestration.workitems.WorkItemStatus;
import dev.agenthub.orchestration.workitems.port.WorkItemStore;
import dev.agenthub.protocol.kernel.tx.TransactionRunner;

import java.util.Map;
import java.util.Objects;

/** {@code GET /projects/{id}/dashboard} (wire spec agenthub §5), read in one transaction. */
public final class Dashboard {

    private final TransactionRunner tx;
    private final Projects projects;
    private final AgentStore agents;
    private final WorkItemStore items;
    private final PullRequestStore pullRequests;

    public Dashboard(TransactionRunner tx, Projects projects, AgentStore agents, WorkItemStore items,
                     PullRequestStore pullRequests) {
        this.tx = Objects.requireNonNull(tx, "tx");
        this.projects = Objects.requireNonNull(projects, "projects");
        this.agents = Objects.requireNonNull(agents, "agents");
        this.items = Objects.requireNonNull(items, "items");
        this.pullRequests = Objects.requireNonNull(pullRequests, "pullRequests");
    }

    /** @throws dev.agenthub.protocol.kernel.error.DomainError.NotFound {@code Project not found} */
    public DashboardView view(long projectId) {
        return tx.inTransaction(() -> {
            Project project = projects.require(projectId);
            Map<WorkItemStatus, Integer> itemCounts = items.countByStatus(projectId);
            Map<PullRequestStatus, Integer> prCounts = pullRequests.countByStatus(projectId);
            return new DashboardView(project, agents.all(projectId),
                    itemCounts.getOrDefault(WorkItemStatus.BACKLOG, 0),
                    itemCounts.getOrDefault(WorkItemStatus.IN_PROGRESS, 0)
                            + itemCounts.getOrDefault(WorkItemStatus.REVIEW, 0),
                    itemCounts.getOrDefault(WorkItemStatus.DONE, 0),
                    prCounts.getOrDefault(PullRequestStatus.OPEN, 0),
                    prCounts.getOrDefault(PullRequestStatus.MERGED, 0));
        });
    }
}
