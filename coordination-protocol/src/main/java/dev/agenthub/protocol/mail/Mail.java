package dev.agenthub.protocol.mail;

import dev.agenthub.protocol.agents.Agent;
import dev.agenthub.protocol.agents.Agents;
import dev.agenthub.protocol.agents.port.AgentStore;
import dev.agenthub.protocol.contacts.ContactAccess;
import dev.agenthub.protocol.kernel.error.DomainError;
import dev.agenthub.protocol.kernel.id.AgentId;
import dev.agenthub.protocol.kernel.id.IdGenerator;
import dev.agenthub.protocol.kernel.time.WireTime;
import dev.agenthub.protocol.mail.port.MailEvents;
import dev.agenthub.protocol.mail.port.MailStore;
import dev.agenthub.protocol.projects.Project;
import dev.agenthub.protocol.projects.port.ProjectStore;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SequencedMap;
import java.util.UUID;

/**
 * The mail use cases of §4.9: send, inbox, acknowledge. A stored message and a first acknowledgement are
 * published through {@link MailEvents} once written.
 */
public final class Mail {

    /** Largest inbox page. */
    public static final int MAX_INBOX_LIMIT = 500;

    private final MailStore store;
    private final AgentStore agents;
    private final ProjectStore projects;
    private final Clock clock;
    private final IdGenerator ids;
    private final MailEvents events;
    private final ContactAccess access;

    public Mail(MailStore store, AgentStore agents, ProjectStore projects, MailEvents events, ContactAccess access, Clock clock,
                IdGenerator ids) {
        this.events = Objects.requireNonNull(events, "events");
        this.store = Objects.requireNonNull(store, "store");
        this.agents = Objects.requireNonNull(agents, "agents");
        this.projects = Objects.requireNonNull(projects, "projects");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ids = Objects.requireNonNull(ids, "ids");
        this.access = Objects.requireNonNull(access, "access");
    }

    /**
     * A message to send. Exactly one recipient field is needed; {@code toAgentId} wins over {@code toAlias}.
     *
     * @param messageId the client's id (signed messages), or null to have one minted
     */
    public record Send(UUID toAgentId, String toAlias, String subject, String body, MailMessage.Priority priority,
                       UUID threadId, UUID messageId, String fromDid, String toDid, String signature, String signingKeyId) {
        public Send {
            Objects.requireNonNull(subject, "subject");
            Objects.requireNonNull(body, "body");
            Objects.requireNonNull(priority, "priority");
        }
    }

    /**
     * Sends {@code message} from {@code sender} (a live agent of its project).
     *
     * @throws DomainError.Invalid  {@code Must provide to_agent_id or to_alias}
     * @throws DomainError.NotFound {@code Agent not found} for an unknown recipient or one of another project
     * @throws DomainError.Gone     {@code Agent is retired}, with {@code successor_alias} and {@code successor_agent_id}
     * @throws DomainError.Forbidden {@code Recipient only accepts messages from contacts} ({@link ContactAccess})
     * @throws DomainError.Conflict {@code message_id already exists}
     */
    public MailMessage send(Agent sender, Send message) {
        Agent recipient = recipient(sender, message);
        if (recipient.status() == Agent.Status.RETIRED) {
            throw retired(recipient);
        }
        access.requireAdmitted(sender, recipient);
        MailMessage stored = new MailMessage(message.messageId() != null ? message.messageId() : ids.newId(),
                sender.project(), sender.id(), sender.alias(), recipient.id(), recipient.alias(), message.subject(),
                message.body(), message.priority(), message.threadId(), message.fromDid(), message.toDid(),
                message.signature(), message.signingKeyId(), WireTime.truncate(clock.instant()), null);
        if (!store.insert(stored)) {
            throw new DomainError.Conflict("message_id already exists");
        }
        events.delivered(stored);
        return stored;
    }

    private Agent recipient(Agent sender, Send message) {
        Optional<Agent> found;
        if (message.toAgentId() != null) {
            found = agents.find(sender.project(), new AgentId(message.toAgentId()));
        } else if (message.toAlias() != null) {
            found = agents.findByAlias(sender.project(), message.toAlias());
        } else {
            throw new DomainError.Invalid("Must provide to_agent_id or to_alias");
        }
        return found.orElseThrow(Agents::agentNotFound);
    }

    private DomainError.Gone retired(Agent recipient) {
        Optional<Agent> successor = recipient.successor() == null ? Optional.empty() : agents.findAnyState(recipient.successor());
        SequencedMap<String, Object> fields = new LinkedHashMap<>();
        fields.put("successor_alias", successor.map(Agent::alias).orElse(null));
        fields.put("successor_agent_id", recipient.successor() == null ? null : recipient.successor().toString());
        return new DomainError.Gone("Agent is retired", fields);
    }

    /** An inbox page with the project slug its addresses are written with. */
    public record Inbox(String projectSlug, List<MailMessage> messages) {
    }

    /** The messages to {@code recipient}, newest first. */
    public Inbox inbox(Agent recipient, boolean unreadOnly, int limit) {
        if (limit < 1 || limit > MAX_INBOX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1.." + MAX_INBOX_LIMIT);
        }
        String slug = projects.find(recipient.project()).map(Project::slug).orElse("");
        return new Inbox(slug, store.inbox(recipient.id(), unreadOnly, limit));
    }

    /** How many messages to {@code recipient} are unread. */
    public int unreadCount(Agent recipient) {
        return store.unreadCount(recipient.id());
    }

    /**
     * One message as {@code reader} may see it: as its recipient or its sender. Reading it changes nothing.
     *
     * @throws DomainError.NotFound {@code Message not found}, also for another project's message or another pair's
     */
    public MailMessage find(Agent reader, UUID messageId) {
        return store.find(messageId)
                .filter(found -> found.project().equals(reader.project()))
                .filter(found -> found.to().equals(reader.id()) || found.from().equals(reader.id()))
                .orElseThrow(() -> new DomainError.NotFound("Message not found"));
    }

    /** The outcome of an acknowledgement. */
    public record Acknowledged(MailMessage message, Instant acknowledgedAt) {
    }

    /**
     * Marks the message read by its recipient; repeating it keeps the first time.
     *
     * @throws DomainError.NotFound  {@code Message not found}, also for another project's message
     * @throws DomainError.Forbidden {@code Not authorized to acknowledge this message} for anyone but the recipient
     */
    public Acknowledged acknowledge(Agent reader, UUID messageId) {
        MailMessage message = store.find(messageId)
                .filter(found -> found.project().equals(reader.project()))
                .orElseThrow(() -> new DomainError.NotFound("Message not found"));
        if (!message.to().equals(reader.id())) {
            throw new DomainError.Forbidden("Not authorized to acknowledge this message");
        }
        Instant now = WireTime.truncate(clock.instant());
        Instant readAt = store.markRead(messageId, now)
                .orElseThrow(() -> new DomainError.NotFound("Message not found"));
        if (message.unread()) { // repeated acknowledgements publish nothing new
            events.acknowledged(message);
        }
        return new Acknowledged(message, readAt);
    }
}
