package dev.agenthub.testkit.autopilot;

import dev.agenthub.orchestration.webhooks.WebhookDelivery;
import dev.agenthub.orchestration.webhooks.WebhookOutcome;
import dev.agenthub.orchestration.webhooks.port.WebhookDeliveryStore;
import dev.agenthub.testkit.ConcurrentRuns;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@link WebhookDeliveryStore} contract (wire spec agenthub §9.5). Extend it with the store under test. The store
 * may hold other tests' rows: delivery ids are unique per test, and the failed count is checked as a difference.
 */
public abstract class WebhookDeliveryStoreContract {

    protected static final Instant T0 = Instant.parse("2026-03-01T12:00:00.123456Z");

    /** The store under test. */
    protected abstract WebhookDeliveryStore store();

    private static String unique() {
        return "delivery-" + UUID.randomUUID();
    }

    @Test
    void aNewDeliveryIsReceivedOnce() {
        String id = unique();
        assertThat(store().receive(id, "issues", T0)).isTrue();
        WebhookDelivery row = store().find(id).orElseThrow();
        assertThat(row.id()).isPositive();
        assertThat(row).isEqualTo(new WebhookDelivery(row.id(), id, "issues", "received", null, null, null, "", 0,
                T0, T0));
    }

    @Test
    void aRepeatedIdCountsADuplicateAndChangesNothingElse() {
        String id = unique();
        store().receive(id, "issues", T0);
        store().recordOutcome(id, new WebhookOutcome("ignored", "issues", null, 4L, null, null, "Unsupported"), T0);
        assertThat(store().receive(id, "push", T0.plusSeconds(1))).isFalse();
        assertThat(store().receive(id, "push", T0.plusSeconds(2))).isFalse();
        WebhookDelivery row = store().find(id).orElseThrow();
        assertThat(row.duplicateCount()).isEqualTo(2);
        assertThat(row.event()).isEqualTo("issues");
        assertThat(row.action()).isEqualTo("ignored");
        assertThat(row.issueNumber()).isEqualTo(4L);
        assertThat(row.reason()).isEqualTo("Unsupported");
        assertThat(row.createdAt()).isEqualTo(T0);
        assertThat(row.updatedAt()).isEqualTo(T0.plusSeconds(2));
    }

    @Test
    void idsAreComparedExactly() {
        String id = unique();
        assertThat(store().receive(id, "issues", T0)).isTrue();
        assertThat(store().receive(id.toUpperCase(java.util.Locale.ROOT), "issues", T0)).isTrue();
    }

    @Test
    void theOutcomeIsRecordedWithANullReasonAsEmpty() {
        String id = unique();
        store().receive(id, "issues", T0);
        store().recordOutcome(id, new WebhookOutcome("job_enqueued", "issue_comment", null, 7L, 99L, "objective text",
                null), T0.plusSeconds(5));
        WebhookDelivery row = store().find(id).orElseThrow();
        assertThat(row.event()).isEqualTo("issue_comment");
        assertThat(row.action()).isEqualTo("job_enqueued");
        assertThat(row.projectId()).isNull();
        assertThat(row.issueNumber()).isEqualTo(7L);
        assertThat(row.jobId()).isEqualTo(99L);
        assertThat(row.reason()).isEmpty();
        assertThat(row.updatedAt()).isEqualTo(T0.plusSeconds(5));
    }

    @Test
    void failedDeliveriesAreCounted() {
        long before = store().countFailed();
        String id = unique();
        store().receive(id, "issues", T0);
        store().markFailed(id, "Webhook body must be valid JSON", T0.plusSeconds(1));
        WebhookDelivery row = store().find(id).orElseThrow();
        assertThat(row.action()).isEqualTo("failed");
        assertThat(row.reason()).isEqualTo("Webhook body must be valid JSON");
        assertThat(store().countFailed()).isEqualTo(before + 1);
        // a duplicate of a failed delivery leaves it failed, and counted once
        assertThat(store().receive(id, "issues", T0.plusSeconds(2))).isFalse();
        assertThat(store().countFailed()).isEqualTo(before + 1);
    }

    @Test
    void unknownIdsAreEmptyAndChangeNothing() {
        String id = unique();
        long before = store().countFailed();
        store().markFailed(id, "x", T0);
        store().recordOutcome(id, new WebhookOutcome("ignored", "issues", null, null, null, null, null), T0);
        assertThat(store().find(id)).isEmpty();
        assertThat(store().countFailed()).isEqualTo(before);
    }

    @Test
    void concurrentReceivesOfOneIdLetExactlyOneProcess() throws Exception {
        for (int round = 0; round < 5; round++) {
            String id = unique();
            AtomicInteger processing = new AtomicInteger();
            int threads = 2 + round;
            ConcurrentRuns.run(threads, thread -> {
                if (store().receive(id, "issues", T0)) {
                    processing.incrementAndGet();
                }
            });
            assertThat(processing).hasValue(1);
            assertThat(store().find(id).orElseThrow().duplicateCount()).isEqualTo(threads - 1);
        }
    }
}
