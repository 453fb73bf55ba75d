package dev.agenthub.persistence.orchestration;

import dev.agenthub.orchestration.common.PageSlice;
import dev.agenthub.orchestration.common.WireEnum;
import dev.agenthub.orchestration.runs.AgentRun;
import dev.agenthub.orchestration.runs.RunStatus;
import dev.agenthub.orchestration.runs.port.RunStore;
import dev.agenthub.persistence.jooq.orchestration.tables.records.AgentRunsRecord;
import dev.agenthub.persistence.sql.JooqSession;
import org.jooq.Condition;
import org.jooq.impl.DSL;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import static dev.agenthub.persistence.jooq.orchestration.Tables.AGENT_RUNS;
import static dev.agenthub.persistence.orchestration.OrchestrationRows.enumColumn;
import static dev.agenthub.persistence.orchestration.OrchestrationRows.micros;
import static dev.agenthub.persistence.protocol.SqlTime.instant;

/** {@link RunStore} on PostgreSQL ({@code orchestration.agent_runs}). */
public final class JooqRunStore implements RunStore {

    private final JooqSession session;

    public JooqRunStore(JooqSession session) {
        this.session = session;
    }

    @Override
    public AgentRun insert(long projectId, long workItemId, long agentId, RunStatus status, String summary,
                           String patch, boolean testsPassed, Instant at) {
        OffsetDateTime now = micros(at);
        return toRun(session.dsl().insertInto(AGENT_RUNS)
                .set(AGENT_RUNS.PROJECT_ID, projectId)
                .set(AGENT_RUNS.WORK_ITEM_ID, workItemId)
                .set(AGENT_RUNS.AGENT_ID, agentId)
                .set(AGENT_RUNS.STATUS, WireEnum.name(status))
                .set(AGENT_RUNS.SUMMARY, summary)
                .set(AGENT_RUNS.PATCH, patch)
                .set(AGENT_RUNS.TESTS_PASSED, testsPassed)
                .set(AGENT_RUNS.CREATED_AT, now)
                .set(AGENT_RUNS.UPDATED_AT, now)
                .returning()
                .fetchOne());
    }

    @Override
    public List<AgentRun> list(long projectId, Optional<RunStatus> status, PageSlice page) {
        Condition where = AGENT_RUNS.PROJECT_ID.eq(projectId)
                .and(status.map(s -> AGENT_RUNS.STATUS.eq(WireEnum.name(s))).orElse(DSL.noCondition()));
        return session.dsl().selectFrom(AGENT_RUNS)
                .where(where)
                .orderBy(AGENT_RUNS.CREATED_AT.desc(), AGENT_RUNS.ID.desc())
                .limit(page.limit())
                .offset(page.offset())
                .fetch(JooqRunStore::toRun);
    }

    private static AgentRun toRun(AgentRunsRecord row) {
        return new AgentRun(row.getId(), row.getProjectId(), row.getWorkItemId(), Optional.ofNullable(row.getAgentId()),
                enumColumn(RunStatus.class, row.getStatus()), row.getSummary(), row.getPatch(), row.getTestsPassed(),
                instant(row.getCreatedAt()), instant(row.getUpdatedAt()));
    }
}
