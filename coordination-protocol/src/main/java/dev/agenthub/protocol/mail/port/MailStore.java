package dev.agenthub.protocol.mail.port;

import dev.agenthub.protocol.kernel.id.AgentId;
import dev.agenthub.protocol.mail.MailMessage;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Port: the authoritative store of mail. A message answered as stored is durable (committed with the
 * caller's transaction, or at once outside one). Joins the caller's transaction when one is active.
 */
public interface MailStore {

    /**
     * Stores {@code message} unless a message with its id exists (in any project).
     *
     * @return true when stored, false when the id was taken (nothing is written then)
     */
    boolean insert(MailMessage message);

    /** The message with this id, or empty. */
    Optional<MailMessage> find(UUID id);

    /**
     * Messages to {@code recipient}, newest first (ties by id, descending), at most {@code limit}; only unread
     * ones when {@code unreadOnly}.
     */
    List<MailMessage> inbox(AgentId recipient, boolean unreadOnly, int limit);

    /** How many messages to {@code recipient} are unread. */
    int unreadCount(AgentId recipient);

    /**
     * Marks the message read at {@code now} unless it already is; either way returns the time it is read at
     * (the first acknowledgement's), or empty when there is no such message.
     */
    Optional<Instant> markRead(UUID id, Instant now);
}
