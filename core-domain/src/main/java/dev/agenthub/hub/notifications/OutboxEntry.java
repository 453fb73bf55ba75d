package dev.agenthub.hub.notifications;

import dev.agenthub.protocol.kernel.id.AgentId;
import dev.agenthub.protocol.kernel.id.ProjectId;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One outbox row (§7.1): a status change to tell one subscriber about.
 *
 * @param repo      the change's canonical repo, or null
 * @param branch    the change's branch, or null
 * @param oldStatus the status before, never the "none" of a new issue (those are not recorded)
 * @param title     the title, or null
 * @param attempts  how many times a processor took the row
 * @param lastError the last failure (≤500 characters), or null
 * @param messageId the delivered mail, once completed
 */
public record OutboxEntry(UUID id, ProjectId project, AgentId recipient, String recipientAlias, String beadId,
                          String repo, String branch, String oldStatus, String newStatus, String title, State state,
                          int attempts, String lastError, UUID messageId, Instant createdAt, Instant processedAt) {

    /** The most times a row is taken; a row failed that often stays failed. */
    public static final int MAX_ATTEMPTS = 3;
    /** The longest {@code last_error} stored. */
    public static final int MAX_ERROR_LENGTH = 500;

    public OutboxEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(recipientAlias, "recipientAlias");
        Objects.requireNonNull(beadId, "beadId");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** A new pending row. */
    public static OutboxEntry pending(UUID id, ProjectId project, AgentId recipient, String recipientAlias,
                                      String beadId, String repo, String branch, String oldStatus, String newStatus,
                                      String title, Instant createdAt) {
        return new OutboxEntry(id, project, recipient, recipientAlias, beadId, repo, branch, oldStatus, newStatus,
                title, State.PENDING, 0, null, null, createdAt, null);
    }

    /** The row states of §7. */
    public enum State {
        PENDING, PROCESSING, COMPLETED, FAILED;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static State ofWire(String text) {
            return valueOf(text.toUpperCase(java.util.Locale.ROOT));
        }
    }
}
