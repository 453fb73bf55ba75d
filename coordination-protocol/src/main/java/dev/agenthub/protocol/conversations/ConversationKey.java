package dev.agenthub.protocol.conversations;

import dev.agenthub.protocol.kernel.error.DomainError;
import dev.agenthub.protocol.kernel.id.Uuids;
import dev.agenthub.protocol.kernel.paging.CursorKey;

import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * The sort key of the conversation list: latest activity first, then conversation id descending, then mail before
 * chat (a client may reuse a chat session id as a mail thread id, so the id alone does not break every tie).
 *
 * <p>Ids compare as PostgreSQL compares {@code uuid}s, byte by byte unsigned, which is the order of their
 * lowercase text; {@link UUID#compareTo} compares signed halves and would disagree with the stores.
 */
public record ConversationKey(Instant lastMessageAt, UUID id, Conversation.Kind kind) {

    /** List order: a key earlier in the list compares smaller. */
    public static final Comparator<ConversationKey> LIST_ORDER = Comparator
            .comparing(ConversationKey::lastMessageAt, Comparator.reverseOrder())
            .thenComparing(key -> key.id().toString(), Comparator.reverseOrder())
            .thenComparing(ConversationKey::kind);

    public ConversationKey {
        Objects.requireNonNull(lastMessageAt, "lastMessageAt");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
    }

    /**
     * Whether a conversation of {@code source} with this key's time and id comes after this key in the list:
     * then a store must include such ties in the next page ({@code (at, id) <= key}), else exclude them
     * ({@code (at, id) < key}, descending).
     */
    public boolean tieFollows(Conversation.Kind source) {
        return source.compareTo(kind) > 0;
    }

    /** The opaque cursor of this key. */
    public CursorKey toCursor() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("last_message_at", CursorKey.timestamp(lastMessageAt));
        values.put("conversation_id", id.toString());
        values.put("conversation_type", kind.wire());
        return CursorKey.of(values);
    }

    /**
     * Reads a cursor made by {@link #toCursor()}.
     *
     * @throws DomainError.Invalid {@code Invalid cursor timestamp: …} for a bad time, {@code Invalid cursor: …}
     *                             for a missing or malformed id or type
     */
    public static ConversationKey fromCursor(CursorKey cursor) {
        Instant at = cursor.requireTimestamp("last_message_at");
        UUID id = Uuids.parse(cursor.requireString("conversation_id"))
                .orElseThrow(() -> new DomainError.Invalid("Invalid cursor: bad conversation_id"));
        String type = cursor.requireString("conversation_type");
        Conversation.Kind kind = switch (type) {
            case "mail" -> Conversation.Kind.MAIL;
            case "chat" -> Conversation.Kind.CHAT;
            default -> throw new DomainError.Invalid("Invalid cursor: bad conversation_type");
        };
        return new ConversationKey(at, id, kind);
    }
}
