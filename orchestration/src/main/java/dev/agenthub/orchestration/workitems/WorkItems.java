package dev.agenthub.orchestration.workitems;

import dev.agenthub.orchestration.agents.port.AgentStore;
import dev.agenthub.orchestration.common.PageSlice;
import dev.agenthub.orchestration.projects.Projects;
import dev.agenthub.orchestration.workitems.port.WorkItemStore;
import dev.agenthub.protocol.kernel.error.DomainError;
import dev.agenthub.protocol.kernel.time.WireTime;
import dev.agenthub.protocol.kernel.tx.TransactionRunner;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A project's work items (wire spec agenthub §5): the list and the manual assignment. */
public final class WorkItems {

    public static final String NOT_FOUND = "Work item not found";
    public static final String AGENT_NOT_FOUND = "Agent not found for this project";

    private final TransactionRunner tx;
    private final Projects projects;
    private final WorkItemStore items;
    private final AgentStore agents;
    private final Clock clock;

    public WorkItems(TransactionRunner tx, Projects projects, WorkItemStore items, AgentStore agents, Clock clock) {
        this.tx = Objects.requireNonNull(tx, "tx");
        this.projects = Objects.requireNonNull(projects, "projects");
        this.items = Objects.requireNonNull(items, "items");
        this.agents = Objects.requireNonNull(agents, "agents");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * A page of the project's items, optionally of one status: priority asc, then creation.
     *
     * @throws DomainError.NotFound {@code Project not found}
     */
    public List<WorkItem> list(long projectId, Optional<WorkItemStatus> status, PageSlice page) {
        projects.require(projectId);
        return items.list(projectId, status, page);
    }

    /**
     * {@code PATCH …/work-items/{wid}/assign}: sets the item's agent. The status and any claim stay as they are, no
     * event is logged, paused agents may be assigned and capacity is not checked (§14 D7).
     *
     * @throws DomainError.NotFound {@code Project not found}; {@code Work item not found} (unknown, or another
     *                              project's); {@code Agent not found for this project} (unknown, or another
     *                              project's)
     */
    public WorkItem assign(long projectId, long workItemId, long agentId) {
        return tx.inTransaction(() -> {
            projects.require(projectId);
            items.find(projectId, workItemId).orElseThrow(() -> new DomainError.NotFound(NOT_FOUND));
            agents.find(projectId, agentId).orElseThrow(() -> new DomainError.NotFound(AGENT_NOT_FOUND));
            return items.assign(projectId, workItemId, agentId, WireTime.truncate(clock.instant()))
                    .orElseThrow(() -> new DomainError.NotFound(NOT_FOUND));
        });
    }
}
