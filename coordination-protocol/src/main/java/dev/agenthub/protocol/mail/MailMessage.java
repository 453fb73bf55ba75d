package dev.agenthub.protocol.mail;

import dev.agenthub.protocol.kernel.id.AgentId;
import dev.agenthub.protocol.kernel.id.ProjectId;
import dev.agenthub.protocol.kernel.text.WireName;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One stored message (one row per recipient).
 *
 * @param threadId     null when the message starts no thread
 * @param fromDid      signing fields of a self-custody sender, each null when unsigned
 * @param readAt       when the recipient acknowledged it; null while unread
 */
public record MailMessage(UUID id, ProjectId project, AgentId from, String fromAlias, AgentId to, String toAlias,
                          String subject, String body, Priority priority, UUID threadId, String fromDid, String toDid,
                          String signature, String signingKeyId, Instant createdAt, Instant readAt) {

    public MailMessage {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(fromAlias, "fromAlias");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(toAlias, "toAlias");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    public boolean unread() {
        return readAt == null;
    }

    /** The priorities of §4.9, {@code normal} by default. */
    public enum Priority implements WireName {
        LOW, NORMAL, HIGH, URGENT;

        public static Priority fromWire(String text) {
            return WireName.parse(Priority.class, text);
        }
    }
}
