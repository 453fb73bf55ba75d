package dev.agenthub.protocol.conversations;

import dev.agenthub.protocol.kernel.text.WireName;
import dev.agenthub.protocol.kernel.time.WireTime;
import dev.agenthub.protocol.kernel.text.CodePoints;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * One element of an agent's conversation list.
 *
 * @param id                 the mail thread ({@code thread_id}, or the message id of a message without one) or
 *                           the chat session
 * @param participants       the aliases taking part, distinct and sorted
 * @param subject            mail: the latest message's subject; chat: {@code ""}
 * @param lastMessageFrom    the alias of the latest message's sender
 * @param lastMessagePreview the start of the latest message's body, at most {@value #PREVIEW_LENGTH} code points
 * @param unreadCount        mail: messages to the agent it has not read; chat: messages from others after its cursor
 */
public record Conversation(Kind kind, UUID id, List<String> participants, String subject, Instant lastMessageAt,
                           String lastMessageFrom, String lastMessagePreview, int unreadCount) {

    /** Longest preview, in characters (code points). */
    public static final int PREVIEW_LENGTH = 100;

    public Conversation {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
        participants = participants.stream().distinct().sorted().toList();
        Objects.requireNonNull(subject, "subject");
        lastMessageAt = WireTime.truncate(Objects.requireNonNull(lastMessageAt, "lastMessageAt")); // the cursor's resolution
        Objects.requireNonNull(lastMessageFrom, "lastMessageFrom");
        lastMessagePreview = preview(Objects.requireNonNull(lastMessagePreview, "lastMessagePreview"));
        if (unreadCount < 0) {
            throw new IllegalArgumentException("unreadCount must not be negative");
        }
    }

    /** The first {@value #PREVIEW_LENGTH} code points of {@code body}. */
    public static String preview(String body) {
        return CodePoints.prefix(body, PREVIEW_LENGTH);
    }

    /** Where this conversation sits in the list. */
    public ConversationKey key() {
        return new ConversationKey(lastMessageAt, id, kind);
    }

    /** The two sources ({@code conversation_type} on the wire). */
    public enum Kind implements WireName {
        MAIL, CHAT;

        public static Kind fromWire(String text) {
            return WireName.parse(Kind.class, text);
        }
    }
}
