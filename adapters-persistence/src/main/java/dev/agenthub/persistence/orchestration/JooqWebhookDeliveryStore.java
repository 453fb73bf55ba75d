package dev.agenthub.persistence.orchestration;

import dev.agenthub.orchestration.webhooks.WebhookDelivery;
import dev.agenthub.orchestration.webhooks.WebhookOutcome;
import dev.agenthub.orchestration.webhooks.port.WebhookDeliveryStore;
import dev.agenthub.persistence.jooq.orchestration.tables.records.GithubWebhookDeliveriesRecord;
import dev.agenthub.persistence.sql.JooqSession;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import static dev.agenthub.persistence.jooq.orchestration.Tables.GITHUB_WEBHOOK_DELIVERIES;
import static dev.agenthub.persistence.protocol.SqlTime.instant;
import static dev.agenthub.persistence.protocol.SqlTime.utc;

/**
 * {@link WebhookDeliveryStore} on PostgreSQL. {@link #receive} is {@code INSERT … ON CONFLICT (delivery_id) DO
 * NOTHING}: a racing insert of the same id waits on the unique index and then inserts nothing, so exactly one caller
 * sees its row inserted; the others then increment {@code duplicate_count} with one {@code UPDATE} each.
 */
public final class JooqWebhookDeliveryStore implements WebhookDeliveryStore {

    private final JooqSession session;

    public JooqWebhookDeliveryStore(JooqSession session) {
        this.session = Objects.requireNonNull(session, "session");
    }

    @Override
    public boolean receive(String deliveryId, String event, Instant at) {
        int inserted = session.dsl().insertInto(GITHUB_WEBHOOK_DELIVERIES)
                .set(GITHUB_WEBHOOK_DELIVERIES.DELIVERY_ID, deliveryId)
                .set(GITHUB_WEBHOOK_DELIVERIES.EVENT, event)
                .set(GITHUB_WEBHOOK_DELIVERIES.ACTION, WebhookDelivery.RECEIVED)
                .set(GITHUB_WEBHOOK_DELIVERIES.REASON, "")
                .set(GITHUB_WEBHOOK_DELIVERIES.DUPLICATE_COUNT, 0)
                .set(GITHUB_WEBHOOK_DELIVERIES.CREATED_AT, utc(at))
                .set(GITHUB_WEBHOOK_DELIVERIES.UPDATED_AT, utc(at))
                .onConflict(GITHUB_WEBHOOK_DELIVERIES.DELIVERY_ID).doNothing()
                .execute();
        if (inserted == 1) {
            return true;
        }
        session.dsl().update(GITHUB_WEBHOOK_DELIVERIES)
                .set(GITHUB_WEBHOOK_DELIVERIES.DUPLICATE_COUNT, GITHUB_WEBHOOK_DELIVERIES.DUPLICATE_COUNT.plus(1))
                .set(GITHUB_WEBHOOK_DELIVERIES.UPDATED_AT, utc(at))
                .where(GITHUB_WEBHOOK_DELIVERIES.DELIVERY_ID.eq(deliveryId))
                .execute();
        return false;
    }

    @Override
    public void recordOutcome(String deliveryId, WebhookOutcome outcome, Instant at) {
        session.dsl().update(GITHUB_WEBHOOK_DELIVERIES)
                .set(GITHUB_WEBHOOK_DELIVERIES.EVENT, outcome.event())
                .set(GITHUB_WEBHOOK_DELIVERIES.ACTION, outcome.action())
                .set(GITHUB_WEBHOOK_DELIVERIES.PROJECT_ID, outcome.projectId())
                .set(GITHUB_WEBHOOK_DELIVERIES.ISSUE_NUMBER, outcome.issueNumber())
                .set(GITHUB_WEBHOOK_DELIVERIES.JOB_ID, outcome.jobId())
                .set(GITHUB_WEBHOOK_DELIVERIES.REASON, outcome.reason() == null ? "" : outcome.reason())
                .set(GITHUB_WEBHOOK_DELIVERIES.UPDATED_AT, utc(at))
                .where(GITHUB_WEBHOOK_DELIVERIES.DELIVERY_ID.eq(deliveryId))
                .execute();
    }

    @Override
    public void markFailed(String deliveryId, String reason, Instant at) {
        session.dsl().update(GITHUB_WEBHOOK_DELIVERIES)
                .set(GITHUB_WEBHOOK_DELIVERIES.ACTION, WebhookDelivery.FAILED)
                .set(GITHUB_WEBHOOK_DELIVERIES.REASON, reason)
                .set(GITHUB_WEBHOOK_DELIVERIES.UPDATED_AT, utc(at))
                .where(GITHUB_WEBHOOK_DELIVERIES.DELIVERY_ID.eq(deliveryId))
                .execute();
    }

    @Override
    public Optional<WebhookDelivery> find(String deliveryId) {
        return session.dsl().selectFrom(GITHUB_WEBHOOK_DELIVERIES)
                .where(GITHUB_WEBHOOK_DELIVERIES.DELIVERY_ID.eq(deliveryId))
                .fetchOptional(JooqWebhookDeliveryStore::toDelivery);
    }

    @Override
    public long countFailed() {
        return session.dsl().fetchCount(GITHUB_WEBHOOK_DELIVERIES,
                GITHUB_WEBHOOK_DELIVERIES.ACTION.eq(WebhookDelivery.FAILED));
    }

    private static WebhookDelivery toDelivery(GithubWebhookDeliveriesRecord row) {
        return new WebhookDelivery(row.getId(), row.getDeliveryId(), row.getEvent(), row.getAction(),
                row.getProjectId(), row.getIssueNumber(), row.getJobId(), row.getReason(), row.getDuplicateCount(),
                instant(row.getCreatedAt()), instant(row.getUpdatedAt()));
    }
}
