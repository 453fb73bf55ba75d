package dev.agenthub.protocol.chat;

import dev.agenthub.protocol.kernel.id.AgentId;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One chat message.
 *
 * @param leaving whether the sender left the conversation with it
 * @param hangOn  whether the sender asked the others for more time
 */
public record ChatMessage(UUID id, UUID session, AgentId from, String fromAlias, String body, boolean leaving,
                          boolean hangOn, String fromDid, String toDid, String signature, String signingKeyId,
                          Instant createdAt) {

    public ChatMessage {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(fromAlias, "fromAlias");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /**
     * Whether position ({@code at}, {@code id}) comes before ({@code otherAt}, {@code otherId}) in time order: creation
     * time, then message id compared as unsigned bytes (PostgreSQL's uuid order). A null {@code id} at an equal time
     * sorts first.
     */
    public static boolean isBefore(Instant at, UUID id, Instant otherAt, UUID otherId) {
        int byTime = at.compareTo(otherAt);
        if (byTime != 0) {
            return byTime < 0;
        }
        if (id == null || otherId == null) {
            return id == null && otherId != null;
        }
        int high = Long.compareUnsigned(id.getMostSignificantBits(), otherId.getMostSignificantBits());
        return high != 0 ? high < 0 : Long.compareUnsigned(id.getLeastSignificantBits(), otherId.getLeastSignificantBits()) < 0;
    }
}
