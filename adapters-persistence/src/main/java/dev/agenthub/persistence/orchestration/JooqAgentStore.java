package dev.agenthub.persistence.orchestration;

import dev.agenthub.orchestration.agents.Agent;
import dev.agenthub.orchestration.agents.AgentRole;
import dev.agenthub.orchestration.agents.AgentStatus;
import dev.agenthub.orchestration.agents.port.AgentStore;
import dev.agenthub.orchestration.common.PageSlice;
import dev.agenthub.orchestration.common.WireEnum;
import dev.agenthub.persistence.jooq.orchestration.tables.records.AgentsRecord;
import dev.agenthub.persistence.sql.JooqSession;
import org.jooq.Field;
import org.jooq.SortField;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import static dev.agenthub.persistence.jooq.orchestration.Tables.AGENTS;
import static dev.agenthub.persistence.protocol.SqlTime.instant;
import static dev.agenthub.persistence.protocol.SqlTime.utc;

/** {@link AgentStore} on PostgreSQL; role and status are stored as their wire names. */
public final class JooqAgentStore implements AgentStore {

    private static final List<SortField<?>> LIST_ORDER = List.of(AGENTS.ROLE.asc(), AGENTS.CREATED_AT.asc(), AGENTS.ID.asc());

    private final JooqSession session;

    public JooqAgentStore(JooqSession session) {
        this.session = Objects.requireNonNull(session, "session");
    }

    @Override
    public Agent insert(long projectId, String name, AgentRole role, AgentStatus status, int maxParallelTasks,
                        String capabilities, Instant createdAt) {
        return toAgent(session.dsl().insertInto(AGENTS)
                .set(AGENTS.PROJECT_ID, projectId)
                .set(AGENTS.NAME, name)
                .set(AGENTS.ROLE, WireEnum.name(role))
                .set(AGENTS.STATUS, WireEnum.name(status))
                .set(AGENTS.MAX_PARALLEL_TASKS, maxParallelTasks)
                .set(AGENTS.CAPABILITIES, capabilities)
                .set(AGENTS.CREATED_AT, utc(createdAt))
                .returning()
                .fetchSingle());
    }

    @Override
    public Optional<Agent> find(long projectId, long agentId) {
        return session.dsl().selectFrom(AGENTS).where(AGENTS.ID.eq(agentId), AGENTS.PROJECT_ID.eq(projectId))
                .fetchOptional(JooqAgentStore::toAgent);
    }

    @Override
    public List<Agent> list(long projectId, PageSlice page) {
        return session.dsl().selectFrom(AGENTS).where(AGENTS.PROJECT_ID.eq(projectId))
                .orderBy(LIST_ORDER).limit(page.limit()).offset(page.offset())
                .fetch(JooqAgentStore::toAgent);
    }

    @Override
    public List<Agent> all(long projectId) {
        return session.dsl().selectFrom(AGENTS).where(AGENTS.PROJECT_ID.eq(projectId))
                .orderBy(LIST_ORDER).fetch(JooqAgentStore::toAgent);
    }

    @Override
    public boolean any(long projectId) {
        return session.dsl().fetchExists(AGENTS, AGENTS.PROJECT_ID.eq(projectId));
    }

    @Override
    public Optional<Agent> update(long projectId, long agentId, Optional<String> name, Optional<AgentStatus> status,
                                  Optional<Integer> maxParallelTasks) {
        Map<Field<?>, Object> changes = new HashMap<>();
        name.ifPresent(value -> changes.put(AGENTS.NAME, value));
        status.ifPresent(value -> changes.put(AGENTS.STATUS, WireEnum.name(value)));
        maxParallelTasks.ifPresent(value -> changes.put(AGENTS.MAX_PARALLEL_TASKS, value));
        if (changes.isEmpty()) {
            return find(projectId, agentId);
        }
        return session.dsl().update(AGENTS).set(changes)
                .where(AGENTS.ID.eq(agentId), AGENTS.PROJECT_ID.eq(projectId))
                .returning()
                .fetchOptional()
                .map(JooqAgentStore::toAgent);
    }

    static Agent toAgent(AgentsRecord row) {
        return new Agent(row.getId(), row.getProjectId(), row.getName(),
                WireEnum.parse(AgentRole.class, row.getRole()).orElseThrow(),
                WireEnum.parse(AgentStatus.class, row.getStatus()).orElseThrow(),
                row.getMaxParallelTasks(), row.getCapabilities(), instant(row.getCreatedAt()));
    }
}
