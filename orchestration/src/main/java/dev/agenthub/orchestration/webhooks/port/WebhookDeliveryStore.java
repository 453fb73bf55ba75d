package dev.agenthub.orchestration.webhooks.port;

import dev.agenthub.orchestration.webhooks.WebhookDelivery;
import dev.agenthub.orchestration.webhooks.WebhookOutcome;

import java.time.Instant;
import java.util.Optional;

/**
 * Port: the dedup table of GitHub webhook deliveries (wire spec agenthub §9.5). Every method joins the caller's
 * transaction when one is active, and is safe to call from many threads and hub instances at once. Implementations
 * are checked by the contract kit's {@code WebhookDeliveryStoreContract}.
 */
public interface WebhookDeliveryStore {

    /**
     * Records a new delivery as {@code {delivery_id, event, action: "received"}} with {@code duplicate_count} 0, or,
     * when a row with this {@code deliveryId} (compared exactly) already exists whatever its action, increments that
     * row's {@code duplicate_count} and sets its {@code updated_at} instead, changing nothing else.
     *
     * <p>Atomic across concurrent callers: of any number of calls with one id, exactly one returns {@code true}
     * (that caller processes the delivery) and each other increments the count once. A call racing with an
     * uncommitted insert of the same id waits for it; a lost race is reported as {@code false}, never as an
     * exception.
     *
     * @param deliveryId 1..255 characters; {@code event} at most 120
     * @return true when this call inserted the row
     */
    boolean receive(String deliveryId, String event, Instant at);

    /**
     * Writes the final {@code event}, {@code action}, {@code project_id}, {@code issue_number}, {@code job_id} and
     * {@code reason} ({@code ""} for a null reason) of a processed delivery, and {@code updated_at}. The objective
     * text is not stored. An unknown id changes nothing.
     */
    void recordOutcome(String deliveryId, WebhookOutcome outcome, Instant at);

    /** Marks the delivery {@code failed} with {@code reason} (at most 300 characters). An unknown id changes nothing. */
    void markFailed(String deliveryId, String reason, Instant at);

    /** The delivery with this id, or empty. */
    Optional<WebhookDelivery> find(String deliveryId);

    /**
     * How many deliveries have action {@code failed}, over all projects; the value of
     * {@code agent_hub_webhook_deliveries_failed_total} (§11.2). Never decreases in practice: nothing moves a
     * delivery out of {@code failed} (a redelivery is a duplicate).
     */
    long countFailed();
}
