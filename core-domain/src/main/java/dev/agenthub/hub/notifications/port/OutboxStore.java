package dev.agenthub.hub.notifications.port;

import dev.agenthub.hub.notifications.OutboxEntry;
import dev.agenthub.protocol.kernel.id.ProjectId;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Port: the notification outbox (§7). Every method joins the caller's transaction when one is active. "Due"
 * means status {@code pending} or {@code failed} with fewer than {@link OutboxEntry#MAX_ATTEMPTS} attempts.
 * Implementations are checked by the contract kit's {@code OutboxStoreContract}.
 */
public interface OutboxStore {

    /** Inserts {@code entry} as given; its id must be new. */
    void insert(OutboxEntry entry);

    /** The row with this id, or empty. */
    Optional<OutboxEntry> find(UUID id);

    /** Up to {@code limit} due rows, of {@code project} or (empty) of any project, oldest first (a snapshot). */
    List<OutboxEntry> due(Optional<ProjectId> project, int limit);

    /**
     * Takes the row for processing inside the caller's transaction: locks it, skipping it when another
     * transaction holds it ({@code FOR UPDATE SKIP LOCKED}), and, when it is still due, sets it
     * {@code processing} and increments its attempts. The lock lasts until the caller's transaction ends, so a
     * rollback leaves the row as it was and another processor may take it.
     *
     * @return the row after the write; empty when it is locked elsewhere, gone, or no longer due
     */
    Optional<OutboxEntry> take(UUID id);

    /** Marks the row {@code completed} with its mail's id. */
    void complete(UUID id, UUID messageId, Instant processedAt);

    /** Marks the row {@code failed} with {@code error} (cut to {@link OutboxEntry#MAX_ERROR_LENGTH} characters). */
    void fail(UUID id, String error, Instant processedAt);
}
