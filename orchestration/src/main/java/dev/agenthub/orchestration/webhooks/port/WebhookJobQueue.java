package dev.agenthub.orchestration.webhooks.port;

/**
 * Port: enqueues an autopilot job for a webhook (wire spec agenthub §8, §9.3). Joins the caller's transaction when one
 * is active (the job then appears only if that transaction commits); thread-safe.
 */
public interface WebhookJobQueue {

    /**
     * Enqueues a {@code queued} job with no provider for project {@code projectId}, which the caller has checked
     * exists.
     *
     * @param requestedBy at most 120 characters
     * @return the new job's id
     */
    long enqueue(long projectId, int maxItems, int maxAttempts, String requestedBy);
}
