package dev.agenthub.persistence.orchestration;

import dev.agenthub.orchestration.common.PageSlice;
import dev.agenthub.orchestration.common.WireEnum;
import dev.agenthub.orchestration.pulls.NewPullRequest;
import dev.agenthub.orchestration.pulls.PullRequest;
import dev.agenthub.orchestration.pulls.PullRequestStatus;
import dev.agenthub.orchestration.pulls.port.PullRequestStore;
import dev.agenthub.persistence.jooq.orchestration.tables.records.PullRequestsRecord;
import dev.agenthub.persistence.sql.JooqSession;
import org.jooq.Condition;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.agenthub.persistence.jooq.orchestration.Tables.PULL_REQUESTS;
import static dev.agenthub.persistence.orchestration.OrchestrationRows.UNIQUE_VIOLATION;
import static dev.agenthub.persistence.orchestration.OrchestrationRows.enumColumn;
import static dev.agenthub.persistence.orchestration.OrchestrationRows.micros;
import static dev.agenthub.persistence.protocol.SqlTime.instant;

/**
 * {@link PullRequestStore} on PostgreSQL ({@code orchestration.pull_requests}). "One open PR per work item" is the
 * partial unique index {@code pull_requests_one_open_per_item}: {@link #open} inserts in a savepoint of the
 * caller's transaction (or a transaction of its own), and a unique violation rolls back only that savepoint and
 * answers empty, so the caller's transaction goes on. A concurrent opener waits for the first one's commit and
 * then trips the index, so two openers never both succeed.
 */
public final class JooqPullRequestStore implements PullRequestStore {

    private final JooqSession session;

    public JooqPullRequestStore(JooqSession session) {
        this.session = session;
    }

    @Override
    public Optional<PullRequest> open(long projectId, NewPullRequest pr, Instant at) {
        try {
            return Optional.of(session.dsl().transactionResult(tx -> toPullRequest(tx.dsl().insertInto(PULL_REQUESTS)
                    .set(PULL_REQUESTS.PROJECT_ID, projectId)
                    .set(PULL_REQUESTS.WORK_ITEM_ID, pr.workItemId())
                    .set(PULL_REQUESTS.TITLE, pr.title())
                    .set(PULL_REQUESTS.DESCRIPTION, pr.description())
                    .set(PULL_REQUESTS.SOURCE_BRANCH, pr.sourceBranch())
                    .set(PULL_REQUESTS.TARGET_BRANCH, pr.targetBranch())
                    .set(PULL_REQUESTS.STATUS, WireEnum.name(PullRequestStatus.OPEN))
                    .set(PULL_REQUESTS.CHECKS_PASSED, pr.checksPassed())
                    .set(PULL_REQUESTS.AUTO_MERGE, pr.autoMerge())
                    .set(PULL_REQUESTS.CREATED_BY_AGENT_ID, pr.createdByAgentId())
                    .set(PULL_REQUESTS.CREATED_AT, micros(at))
                    .returning()
                    .fetchOne())));
        } catch (DataAccessException e) {
            if (UNIQUE_VIOLATION.equals(e.sqlState())) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public Optional<PullRequest> find(long projectId, long pullRequestId) {
        return session.dsl().selectFrom(PULL_REQUESTS)
                .where(PULL_REQUESTS.ID.eq(pullRequestId), PULL_REQUESTS.PROJECT_ID.eq(projectId))
                .fetchOptional(JooqPullRequestStore::toPullRequest);
    }

    @Override
    public Optional<PullRequest> lock(long projectId, long pullRequestId) {
        return session.dsl().selectFrom(PULL_REQUESTS)
                .where(PULL_REQUESTS.ID.eq(pullRequestId), PULL_REQUESTS.PROJECT_ID.eq(projectId))
                .forUpdate()
                .fetchOptional(JooqPullRequestStore::toPullRequest);
    }

    @Override
    public List<PullRequest> list(long projectId, Optional<PullRequestStatus> status, PageSlice page) {
        Condition where = PULL_REQUESTS.PROJECT_ID.eq(projectId)
                .and(status.map(s -> PULL_REQUESTS.STATUS.eq(WireEnum.name(s))).orElse(DSL.noCondition()));
        return session.dsl().selectFrom(PULL_REQUESTS)
                .where(where)
                .orderBy(PULL_REQUESTS.CREATED_AT.desc(), PULL_REQUESTS.ID.desc())
                .limit(page.limit())
                .offset(page.offset())
                .fetch(JooqPullRequestStore::toPullRequest);
    }

    @Override
    public boolean markMerged(long pullRequestId, String description, Instant at) {
        return session.dsl().update(PULL_REQUESTS)
                .set(PULL_REQUESTS.STATUS, WireEnum.name(PullRequestStatus.MERGED))
                .set(PULL_REQUESTS.DESCRIPTION, description)
                .set(PULL_REQUESTS.MERGED_AT, micros(at))
                .where(PULL_REQUESTS.ID.eq(pullRequestId), PULL_REQUESTS.STATUS.eq(WireEnum.name(PullRequestStatus.OPEN)))
                .execute() == 1;
    }

    @Override
    public boolean close(long pullRequestId) {
        return session.dsl().update(PULL_REQUESTS)
                .set(PULL_REQUESTS.STATUS, WireEnum.name(PullRequestStatus.CLOSED))
                .where(PULL_REQUESTS.ID.eq(pullRequestId), PULL_REQUESTS.STATUS.eq(WireEnum.name(PullRequestStatus.OPEN)))
                .execute() == 1;
    }

    @Override
    public Map<PullRequestStatus, Integer> countByStatus(long projectId) {
        Map<PullRequestStatus, Integer> counts = new EnumMap<>(PullRequestStatus.class);
        session.dsl().select(PULL_REQUESTS.STATUS, DSL.count())
                .from(PULL_REQUESTS)
                .where(PULL_REQUESTS.PROJECT_ID.eq(projectId))
                .groupBy(PULL_REQUESTS.STATUS)
                .forEach(row -> counts.put(enumColumn(PullRequestStatus.class, row.value1()), row.value2()));
        return counts;
    }

    private static PullRequest toPullRequest(PullRequestsRecord row) {
        return new PullRequest(row.getId(), row.getProjectId(), Optional.ofNullable(row.getWorkItemId()),
                row.getTitle(), row.getDescription(), row.getSourceBranch(), row.getTargetBranch(),
                enumColumn(PullRequestStatus.class, row.getStatus()), row.getChecksPassed(), row.getAutoMerge(),
                Optional.ofNullable(row.getCreatedByAgentId()), instant(row.getCreatedAt()),
                Optional.ofNullable(instant(row.getMergedAt())));
    }
}
