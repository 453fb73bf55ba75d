package dev.agenthub.persistence.orchestration;

import dev.agenthub.orchestration.common.PageSlice;
import dev.agenthub.orchestration.common.WireEnum;
import dev.agenthub.orchestration.workitems.AgentLoad;
import dev.agenthub.orchestration.workitems.NewWorkItem;
import dev.agenthub.orchestration.workitems.WorkItem;
import dev.agenthub.orchestration.workitems.WorkItemStatus;
import dev.agenthub.orchestration.workitems.port.WorkItemStore;
import dev.agenthub.persistence.jooq.orchestration.tables.records.WorkItemsRecord;
import dev.agenthub.persistence.sql.JooqSession;
import org.jooq.Condition;
import org.jooq.InsertValuesStep10;
import org.jooq.SortField;
import org.jooq.impl.DSL;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.agenthub.persistence.jooq.orchestration.Tables.AGENTS;
import static dev.agenthub.persistence.jooq.orchestration.Tables.WORK_ITEMS;
import static dev.agenthub.persistence.orchestration.OrchestrationRows.enumColumn;
import static dev.agenthub.persistence.orchestration.OrchestrationRows.micros;
import static dev.agenthub.persistence.protocol.SqlTime.instant;

/**
 * {@link WorkItemStore} on PostgreSQL ({@code orchestration.work_items}). The claim of §14 D1 is one conditional
 * {@code UPDATE … WHERE status = 'backlog'}: at READ COMMITTED a second updater waits for the first one's row lock,
 * re-checks the condition against the committed row and changes nothing, so exactly one caller sees the row.
 * {@link #lockLoads} takes {@code FOR UPDATE} locks on the agent rows in id order (so two lockers never deadlock)
 * and then counts their {@code in_progress} items: every claimer for those agents serialises on the locks.
 */
public final class JooqWorkItemStore implements WorkItemStore {

    private static final SortField<?>[] SELECTION_ORDER = {
            WORK_ITEMS.PRIORITY.asc(), WORK_ITEMS.CREATED_AT.asc(), WORK_ITEMS.ID.asc()};

    private final JooqSession session;

    public JooqWorkItemStore(JooqSession session) {
        this.session = session;
    }

    @Override
    public List<WorkItem> insertAll(long projectId, List<NewWorkItem> items, Instant at) {
        if (items.isEmpty()) {
            return List.of();
        }
        OffsetDateTime now = micros(at);
        InsertValuesStep10<WorkItemsRecord, Long, String, String, String, Integer, String, String, OffsetDateTime,
                OffsetDateTime, Long> insert = session.dsl().insertInto(WORK_ITEMS, WORK_ITEMS.PROJECT_ID,
                WORK_ITEMS.TITLE, WORK_ITEMS.DESCRIPTION, WORK_ITEMS.STATUS, WORK_ITEMS.PRIORITY, WORK_ITEMS.CREATED_BY,
                WORK_ITEMS.SOURCE_OBJECTIVE, WORK_ITEMS.CREATED_AT, WORK_ITEMS.UPDATED_AT, WORK_ITEMS.ASSIGNED_AGENT_ID);
        for (NewWorkItem item : items) {
            insert = insert.values(projectId, item.title(), item.description(), WireEnum.name(WorkItemStatus.BACKLOG),
                    item.priority(), item.createdBy(), item.sourceObjective(), now, now, null);
        }
        return insert.returning().fetch(JooqWorkItemStore::toWorkItem).stream()
                .sorted(Comparator.comparingLong(WorkItem::id)).toList();
    }

    @Override
    public Optional<WorkItem> find(long projectId, long workItemId) {
        return session.dsl().selectFrom(WORK_ITEMS)
                .where(WORK_ITEMS.ID.eq(workItemId), WORK_ITEMS.PROJECT_ID.eq(projectId))
                .fetchOptional(JooqWorkItemStore::toWorkItem);
    }

    @Override
    public List<WorkItem> list(long projectId, Optional<WorkItemStatus> status, PageSlice page) {
        Condition where = WORK_ITEMS.PROJECT_ID.eq(projectId)
                .and(status.map(s -> WORK_ITEMS.STATUS.eq(WireEnum.name(s))).orElse(DSL.noCondition()));
        return session.dsl().selectFrom(WORK_ITEMS)
                .where(where)
                .orderBy(SELECTION_ORDER)
                .limit(page.limit())
                .offset(page.offset())
                .fetch(JooqWorkItemStore::toWorkItem);
    }

    @Override
    public Optional<WorkItem> assign(long projectId, long workItemId, long agentId, Instant at) {
        return session.dsl().update(WORK_ITEMS)
                .set(WORK_ITEMS.ASSIGNED_AGENT_ID, agentId)
                .set(WORK_ITEMS.UPDATED_AT, micros(at))
                .where(WORK_ITEMS.ID.eq(workItemId), WORK_ITEMS.PROJECT_ID.eq(projectId))
                .returning()
                .fetchOptional()
                .map(JooqWorkItemStore::toWorkItem);
    }

    @Override
    public List<WorkItem> backlog(long projectId, int limit, int maxAttempts) {
        if (limit < 1) {
            return List.of();
        }
        if (maxAttempts < 0) {
            throw new IllegalArgumentException("maxAttempts must not be negative: " + maxAttempts);
        }
        return session.dsl().selectFrom(WORK_ITEMS)
                .where(WORK_ITEMS.PROJECT_ID.eq(projectId), WORK_ITEMS.STATUS.eq(WireEnum.name(WorkItemStatus.BACKLOG)),
                        maxAttempts == 0 ? DSL.noCondition() : WORK_ITEMS.ATTEMPTS.lt(maxAttempts))
                .orderBy(SELECTION_ORDER)
                .limit(limit)
                .fetch(JooqWorkItemStore::toWorkItem);
    }

    @Override
    public List<AgentLoad> lockLoads(long projectId, Collection<Long> agentIds) {
        if (agentIds.isEmpty()) {
            return List.of();
        }
        Long[] ids = agentIds.stream().distinct().sorted().toArray(Long[]::new);
        var locked = session.dsl().select(AGENTS.ID, AGENTS.MAX_PARALLEL_TASKS)
                .from(AGENTS)
                .where(AGENTS.PROJECT_ID.eq(projectId), AGENTS.ID.eq(DSL.any(ids)))
                .orderBy(AGENTS.ID.asc())
                .forUpdate()
                .fetch();
        if (locked.isEmpty()) {
            return List.of();
        }
        Map<Long, Integer> loads = new HashMap<>();
        session.dsl().select(WORK_ITEMS.ASSIGNED_AGENT_ID, DSL.count())
                .from(WORK_ITEMS)
                .where(WORK_ITEMS.ASSIGNED_AGENT_ID.eq(DSL.any(locked.map(r -> r.value1()).toArray(Long[]::new))),
                        WORK_ITEMS.STATUS.eq(WireEnum.name(WorkItemStatus.IN_PROGRESS)))
                .groupBy(WORK_ITEMS.ASSIGNED_AGENT_ID)
                .forEach(row -> loads.put(row.value1(), row.value2()));
        return locked.map(row -> new AgentLoad(row.value1(), row.value2(), loads.getOrDefault(row.value1(), 0)));
    }

    @Override
    public Optional<WorkItem> claim(long projectId, long workItemId, long agentId, String claimant,
                                    Instant leaseUntil, Instant at) {
        return session.dsl().update(WORK_ITEMS)
                .set(WORK_ITEMS.STATUS, WireEnum.name(WorkItemStatus.IN_PROGRESS))
                .set(WORK_ITEMS.ASSIGNED_AGENT_ID, agentId)
                .set(WORK_ITEMS.CLAIMED_BY, claimant)
                .set(WORK_ITEMS.LEASE_EXPIRES_AT, micros(leaseUntil))
                .set(WORK_ITEMS.UPDATED_AT, micros(at))
                .set(WORK_ITEMS.ATTEMPTS, WORK_ITEMS.ATTEMPTS.plus(1))
                .where(WORK_ITEMS.ID.eq(workItemId), WORK_ITEMS.PROJECT_ID.eq(projectId),
                        WORK_ITEMS.STATUS.eq(WireEnum.name(WorkItemStatus.BACKLOG)))
                .returning()
                .fetchOptional()
                .map(JooqWorkItemStore::toWorkItem);
    }

    @Override
    public boolean renewLease(long workItemId, String claimant, Instant leaseUntil, Instant at) {
        return session.dsl().update(WORK_ITEMS)
                .set(WORK_ITEMS.LEASE_EXPIRES_AT, micros(leaseUntil))
                .set(WORK_ITEMS.UPDATED_AT, micros(at))
                .where(WORK_ITEMS.ID.eq(workItemId), WORK_ITEMS.CLAIMED_BY.eq(claimant),
                        WORK_ITEMS.STATUS.eq(WireEnum.name(WorkItemStatus.IN_PROGRESS)))
                .execute() == 1;
    }

    @Override
    public boolean finishClaim(long workItemId, String claimant, WorkItemStatus status, Instant at) {
        if (status == WorkItemStatus.IN_PROGRESS) {
            throw new IllegalArgumentException("a claim finishes in backlog, review or done, not " + status);
        }
        return session.dsl().update(WORK_ITEMS)
                .set(WORK_ITEMS.STATUS, WireEnum.name(status))
                .set(WORK_ITEMS.CLAIMED_BY, (String) null)
                .set(WORK_ITEMS.LEASE_EXPIRES_AT, (OffsetDateTime) null)
                .set(WORK_ITEMS.UPDATED_AT, micros(at))
                .set(WORK_ITEMS.COMPLETED_AT, status == WorkItemStatus.DONE ? DSL.val(micros(at)) : WORK_ITEMS.COMPLETED_AT)
                .where(WORK_ITEMS.ID.eq(workItemId), WORK_ITEMS.CLAIMED_BY.eq(claimant),
                        WORK_ITEMS.STATUS.eq(WireEnum.name(WorkItemStatus.IN_PROGRESS)))
                .execute() == 1;
    }

    @Override
    public boolean transition(long workItemId, WorkItemStatus from, WorkItemStatus to, Instant at) {
        return session.dsl().update(WORK_ITEMS)
                .set(WORK_ITEMS.STATUS, WireEnum.name(to))
                .set(WORK_ITEMS.CLAIMED_BY, (String) null)
                .set(WORK_ITEMS.LEASE_EXPIRES_AT, (OffsetDateTime) null)
                .set(WORK_ITEMS.UPDATED_AT, micros(at))
                .set(WORK_ITEMS.COMPLETED_AT, to == WorkItemStatus.DONE ? DSL.val(micros(at)) : WORK_ITEMS.COMPLETED_AT)
                .where(WORK_ITEMS.ID.eq(workItemId), WORK_ITEMS.STATUS.eq(WireEnum.name(from)))
                .execute() == 1;
    }

    /**
     * Locks the expired items with {@code SKIP LOCKED} (an item a claimer is updating right now is left for the
     * next sweep), then releases exactly those rows, all in a savepoint (or a transaction of its own).
     */
    @Override
    public List<WorkItem> releaseExpiredLeases(Instant now) {
        return session.dsl().transactionResult(tx -> {
            List<WorkItem> expired = tx.dsl().selectFrom(WORK_ITEMS)
                    .where(WORK_ITEMS.STATUS.eq(WireEnum.name(WorkItemStatus.IN_PROGRESS)),
                            WORK_ITEMS.CLAIMED_BY.isNotNull(), WORK_ITEMS.LEASE_EXPIRES_AT.le(micros(now)))
                    .orderBy(WORK_ITEMS.ID.asc())
                    .forUpdate()
                    .skipLocked()
                    .fetch(JooqWorkItemStore::toWorkItem);
            if (expired.isEmpty()) {
                return List.<WorkItem>of();
            }
            tx.dsl().update(WORK_ITEMS)
                    .set(WORK_ITEMS.STATUS, WireEnum.name(WorkItemStatus.BACKLOG))
                    .set(WORK_ITEMS.CLAIMED_BY, (String) null)
                    .set(WORK_ITEMS.LEASE_EXPIRES_AT, (OffsetDateTime) null)
                    .set(WORK_ITEMS.UPDATED_AT, micros(now))
                    .where(WORK_ITEMS.ID.eq(DSL.any(expired.stream().map(WorkItem::id).toArray(Long[]::new))))
                    .execute();
            return expired;
        });
    }

    @Override
    public Map<WorkItemStatus, Integer> countByStatus(long projectId) {
        Map<WorkItemStatus, Integer> counts = new EnumMap<>(WorkItemStatus.class);
        session.dsl().select(WORK_ITEMS.STATUS, DSL.count())
                .from(WORK_ITEMS)
                .where(WORK_ITEMS.PROJECT_ID.eq(projectId))
                .groupBy(WORK_ITEMS.STATUS)
                .forEach(row -> counts.put(enumColumn(WorkItemStatus.class, row.value1()), row.value2()));
        return counts;
    }

    private static WorkItem toWorkItem(WorkItemsRecord row) {
        return new WorkItem(row.getId(), row.getProjectId(), row.getTitle(), row.getDescription(),
                enumColumn(WorkItemStatus.class, row.getStatus()), row.getPriority(),
                Optional.ofNullable(row.getAssignedAgentId()), row.getSourceObjective(), row.getCreatedBy(),
                instant(row.getCreatedAt()), instant(row.getUpdatedAt()),
                Optional.ofNullable(instant(row.getCompletedAt())), Optional.ofNullable(row.getClaimedBy()),
                Optional.ofNullable(instant(row.getLeaseExpiresAt())), row.getAttempts());
    }
}
