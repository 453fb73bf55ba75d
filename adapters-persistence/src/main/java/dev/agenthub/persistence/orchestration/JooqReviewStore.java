package dev.agenthub.persistence.orchestration;

import dev.agenthub.orchestration.common.WireEnum;
import dev.agenthub.orchestration.pulls.Review;
import dev.agenthub.orchestration.pulls.ReviewDecision;
import dev.agenthub.orchestration.pulls.port.ReviewStore;
import dev.agenthub.persistence.jooq.orchestration.tables.records.ReviewsRecord;
import dev.agenthub.persistence.sql.JooqSession;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static dev.agenthub.persistence.jooq.orchestration.Tables.REVIEWS;
import static dev.agenthub.persistence.orchestration.OrchestrationRows.enumColumn;
import static dev.agenthub.persistence.orchestration.OrchestrationRows.micros;
import static dev.agenthub.persistence.protocol.SqlTime.instant;

/** {@link ReviewStore} on PostgreSQL ({@code orchestration.reviews}). */
public final class JooqReviewStore implements ReviewStore {

    private final JooqSession session;

    public JooqReviewStore(JooqSession session) {
        this.session = session;
    }

    @Override
    public Review insert(long pullRequestId, Optional<Long> agentId, Optional<String> reviewer,
                         ReviewDecision decision, String comment, Instant at) {
        return toReview(session.dsl().insertInto(REVIEWS)
                .set(REVIEWS.PULL_REQUEST_ID, pullRequestId)
                .set(REVIEWS.AGENT_ID, agentId.orElse(null))
                .set(REVIEWS.REVIEWER, reviewer.orElse(null))
                .set(REVIEWS.DECISION, WireEnum.name(decision))
                .set(REVIEWS.COMMENT, comment)
                .set(REVIEWS.CREATED_AT, micros(at))
                .returning()
                .fetchOne());
    }

    @Override
    public List<Review> forPullRequest(long pullRequestId) {
        return session.dsl().selectFrom(REVIEWS)
                .where(REVIEWS.PULL_REQUEST_ID.eq(pullRequestId))
                .orderBy(REVIEWS.CREATED_AT.asc(), REVIEWS.ID.asc())
                .fetch(JooqReviewStore::toReview);
    }

    private static Review toReview(ReviewsRecord row) {
        return new Review(row.getId(), row.getPullRequestId(), Optional.ofNullable(row.getAgentId()),
                Optional.ofNullable(row.getReviewer()), enumColumn(ReviewDecision.class, row.getDecision()),
                row.getComment(), instant(row.getCreatedAt()));
    }
}
