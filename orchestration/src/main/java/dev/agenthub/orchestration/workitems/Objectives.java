package dev.agenthub.orchestration.workitems;

import dev.agenthub.orchestration.events.EventTypes;
import dev.agenthub.orchestration.events.PayloadJson;
import dev.agenthub.orchestration.events.port.EventLog;
import dev.agenthub.orchestration.policy.port.PolicyStore;
import dev.agenthub.orchestration.projects.Projects;
import dev.agenthub.orchestration.workitems.port.WorkItemStore;
import dev.agenthub.protocol.kernel.time.WireTime;
import dev.agenthub.protocol.kernel.tx.TransactionRunner;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * {@code POST /projects/{id}/objectives} (wire spec agenthub §5, §6.2): triages an objective into backlog items under
 * the project's policy (created on demand) and logs {@code objective_ingested {"objective", "created_items"}}, all
 * in one transaction.
 */
public final class Objectives {

    /** What an ingested objective became: the objective as sent and the items, in creation order. */
    public record Ingested(String objective, List<WorkItem> createdItems) {

        public Ingested {
            Objects.requireNonNull(objective, "objective");
            createdItems = List.copyOf(createdItems);
        }
    }

    private final TransactionRunner tx;
    private final Projects projects;
    private final PolicyStore policies;
    private final WorkItemStore items;
    private final EventLog events;
    private final Clock clock;

    public Objectives(TransactionRunner tx, Projects projects, PolicyStore policies, WorkItemStore items,
                      EventLog events, Clock clock) {
        this.tx = Objects.requireNonNull(tx, "tx");
        this.projects = Objects.requireNonNull(projects, "projects");
        this.policies = Objects.requireNonNull(policies, "policies");
        this.items = Objects.requireNonNull(items, "items");
        this.events = Objects.requireNonNull(events, "events");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** @throws dev.agenthub.protocol.kernel.error.DomainError.NotFound {@code Project not found} */
    public Ingested ingest(long projectId, IngestObjective command) {
        Objects.requireNonNull(command, "command");
        return tx.inTransaction(() -> {
            projects.require(projectId);
            boolean autoTriage = policies.getOrCreate(projectId).settings().autoTriage();
            List<NewWorkItem> plan = Triage.plan(command.objective(), command.maxWorkItems(), autoTriage,
                    command.createdBy());
            Instant at = WireTime.truncate(clock.instant());
            List<WorkItem> created = items.insertAll(projectId, plan, at);
            events.append(projectId, EventTypes.OBJECTIVE_INGESTED,
                    PayloadJson.of("objective", command.objective(), "created_items", created.size()), at);
            return new Ingested(command.objective(), created);
        });
    }
}
