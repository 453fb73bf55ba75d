package dev.agenthub.protocol.chat;

import dev.agenthub.protocol.agents.Agent;
import dev.agenthub.protocol.agents.Agents;
import dev.agenthub.protocol.agents.port.AgentStore;
import dev.agenthub.protocol.chat.port.ChatEvents;
import dev.agenthub.protocol.chat.port.ChatStore;
import dev.agenthub.protocol.contacts.ContactAccess;
import dev.agenthub.protocol.kernel.error.DomainError;
import dev.agenthub.protocol.kernel.id.AgentId;
import dev.agenthub.protocol.kernel.id.IdGenerator;
import dev.agenthub.protocol.kernel.time.WireTime;
import dev.agenthub.protocol.kernel.tx.TransactionRunner;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The chat use cases of §4.10 and §9.2: starting or continuing the one session of a participant set, sending,
 * history, pending, and the forward-only read cursor. Every stored message and every cursor move is published
 * through {@link ChatEvents} after it commits; who is connected comes from the waiting presence.
 */
public final class Chat {

    public static final int MAX_HISTORY_LIMIT = 2000;
    /** What {@code hang_on} asks the others to wait, in seconds. */
    public static final int HANG_ON_SECONDS = 300;

    private final TransactionRunner transactions;
    private final ChatStore store;
    private final AgentStore agents;
    private final Clock clock;
    private final IdGenerator ids;
    private final ChatEvents events;
    private final WaitingSessions waiting;
    private final ContactAccess access;

    public Chat(TransactionRunner transactions, ChatStore store, AgentStore agents, ChatEvents events,
                WaitingSessions waiting, ContactAccess access, Clock clock, IdGenerator ids) {
        this.events = Objects.requireNonNull(events, "events");
        this.waiting = Objects.requireNonNull(waiting, "waiting");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.store = Objects.requireNonNull(store, "store");
        this.agents = Objects.requireNonNull(agents, "agents");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ids = Objects.requireNonNull(ids, "ids");
        this.access = Objects.requireNonNull(access, "access");
    }

    /** The self-custody signing fields a message may carry (each null when unsigned). */
    public record Signing(UUID messageId, String fromDid, String toDid, String signature, String signingKeyId) {
        public static final Signing NONE = new Signing(null, null, null, null, null);
    }

    /** The outcome of {@link #start}. */
    public record Started(ChatSession session, ChatMessage message, List<ChatParticipant> participants,
                          List<String> targetsConnected, List<String> targetsLeft) {
    }

    /**
     * Finds or creates the session of the sender and {@code toAliases}, refreshes the participants' aliases and
     * appends the message.
     *
     * @throws DomainError.Invalid    422 {@code to_aliases must not be empty}; 400 {@code Self-chat is not supported}
     * @throws DomainError.NotFound   {@code Agent not found} for an alias that is no live agent of the project
     * @throws DomainError.Forbidden  {@code Recipient only accepts messages from contacts} ({@link ContactAccess})
     * @throws DomainError.Conflict   {@code message_id already exists}
     */
    public Started start(Agent sender, List<String> toAliases, String body, boolean leaving, Signing signing) {
        List<String> aliases = toAliases.stream().map(String::strip).filter(alias -> !alias.isEmpty()).distinct().toList();
        if (aliases.isEmpty()) {
            throw new DomainError.Invalid("to_aliases must not be empty");
        }
        Started started = transactions.inTransaction(() -> {
            List<Agent> targets = new ArrayList<>();
            for (String alias : aliases) {
                Agent target = agents.findByAlias(sender.project(), alias).orElseThrow(Agents::agentNotFound);
                if (target.id().equals(sender.id())) {
                    throw new DomainError.Invalid("Self-chat is not supported", 400);
                }
                targets.add(target);
            }
            access.requireAdmitted(sender, targets);
            List<AgentId> members = new ArrayList<>();
            members.add(sender.id());
            targets.forEach(target -> members.add(target.id()));
            Instant now = now();
            ChatSession session = store.ensureSession(new ChatSession(ids.newId(), sender.project(), ChatSession.keyOf(members), now));
            store.upsertParticipant(session.id(), sender.id(), sender.alias());
            targets.forEach(target -> store.upsertParticipant(session.id(), target.id(), target.alias()));
            ChatMessage message = append(session, sender, body, leaving, false, signing, now);
            Map<AgentId, Boolean> leavingBy = store.latestLeaving(session.id());
            List<String> targetsLeft = targets.stream()
                    .filter(target -> leavingBy.getOrDefault(target.id(), false))
                    .map(Agent::alias)
                    .sorted()
                    .toList();
            List<ChatParticipant> participants = store.participants(session.id());
            transactions.afterCommit(() -> events.messageStored(sender.project(), participants, message));
            return new Started(session, message, participants, List.of(), targetsLeft);
        });
        Set<AgentId> connected = waiting.waitingOn(started.session().id());
        List<String> targetsConnected = started.participants().stream()
                .filter(p -> !p.agent().equals(sender.id()) && connected.contains(p.agent()))
                .map(ChatParticipant::alias)
                .sorted()
                .toList();
        return new Started(started.session(), started.message(), started.participants(), targetsConnected,
                started.targetsLeft());
    }

    /**
     * Appends a message to a session the sender takes part in.
     *
     * @throws DomainError.NotFound  {@code Session not found}
     * @throws DomainError.Forbidden {@code Not a participant in this session}; {@code Recipient only accepts messages
     *                               from contacts} when another participant refuses the sender ({@link ContactAccess})
     * @throws DomainError.Conflict  {@code message_id already exists}
     */
    public ChatMessage send(Agent sender, UUID sessionId, String body, boolean hangOn, Signing signing) {
        return transactions.inTransaction(() -> {
            Membership membership = membership(sender, sessionId);
            List<ChatParticipant> participants = membership.participants();
            access.requireAdmittedByIds(sender, participants.stream().map(ChatParticipant::agent).toList());
            ChatMessage message = append(membership.session(), sender, body, false, hangOn, signing, now());
            transactions.afterCommit(() -> events.messageStored(sender.project(), participants, message));
            return message;
        });
    }

    private ChatMessage append(ChatSession session, Agent sender, String body, boolean leaving, boolean hangOn,
                               Signing signing, Instant now) {
        ChatMessage message = new ChatMessage(signing.messageId() != null ? signing.messageId() : ids.newId(), session.id(),
                sender.id(), sender.alias(), body, leaving, hangOn, signing.fromDid(), signing.toDid(), signing.signature(),
                signing.signingKeyId(), now);
        if (!store.insertMessage(message)) {
            throw new DomainError.Conflict("message_id already exists");
        }
        store.advanceCursor(session.id(), sender.id(), message.id(), message.createdAt()); // sending reads up to it
        return message;
    }

    /** A session's messages with its participants (the addresses are built from them). */
    public record History(ChatSession session, List<ChatParticipant> participants, List<ChatMessage> messages) {
    }

    /**
     * The newest {@code limit} messages, oldest first; only the reader's unread ones (from others, after its
     * cursor) when {@code unreadOnly}.
     *
     * @throws DomainError.NotFound  {@code Session not found}
     * @throws DomainError.Forbidden {@code Not a participant in this session}
     */
    public History history(Agent reader, UUID sessionId, boolean unreadOnly, int limit) {
        if (limit < 1 || limit > MAX_HISTORY_LIMIT) {
            throw new IllegalArgumentException("limit must be 1.." + MAX_HISTORY_LIMIT);
        }
        Membership membership = membership(reader, sessionId);
        ChatSession session = membership.session();
        return new History(session, membership.participants(),
                store.recent(session.id(), limit, null, unreadOnly ? reader.id() : null));
    }

    /**
     * Moves the reader's cursor forward to {@code upTo}.
     *
     * @return how many messages of others lay between the old cursor and {@code upTo} (0 when it did not move)
     * @throws DomainError.NotFound  {@code Session not found} or {@code Message not found}
     * @throws DomainError.Forbidden {@code Not a participant in this session}
     */
    public int markRead(Agent reader, UUID sessionId, UUID upTo) {
        return transactions.inTransaction(() -> {
            Membership membership = membership(reader, sessionId);
            ChatSession session = membership.session();
            ChatMessage target = store.findMessage(session.id(), upTo)
                    .orElseThrow(() -> new DomainError.NotFound("Message not found"));
            ChatParticipant me = membership.of(reader.id());
            if (me.lastReadAt() != null && !ChatMessage.isBefore(me.lastReadAt(), me.lastReadMessageId(),
                    target.createdAt(), target.id())) {
                return 0;
            }
            int count = store.countFromOthers(session.id(), reader.id(), me.lastReadAt(), me.lastReadMessageId(),
                    target.createdAt(), target.id());
            if (store.advanceCursor(session.id(), reader.id(), target.id(), target.createdAt())) {
                transactions.afterCommit(() -> events.cursorMoved(sessionId, reader.id(), reader.alias(), upTo));
            }
            return count;
        });
    }

    /** A session of the agent; {@code senderWaiting} when another participant is connected to its stream. */
    public record SessionSummary(ChatStore.SessionView view, boolean senderWaiting) {
    }

    /** The sessions the agent takes part in, newest first. */
    public List<SessionSummary> sessions(Agent agent) {
        List<ChatStore.SessionView> views = store.sessionsOf(agent.id());
        Map<UUID, Set<AgentId>> waitingBySession = this.waiting.waitingOnAll(views.stream().map(view -> view.session().id()).toList());
        return views.stream().map(view -> new SessionSummary(view, waitingBySession.getOrDefault(view.session().id(), Set.of())
                .stream().anyMatch(other -> !other.equals(agent.id())))).toList();
    }

    /** A session with unread messages; {@code senderWaiting} when the last message's sender is connected to it. */
    public record PendingSummary(ChatStore.Pending pending, boolean senderWaiting) {
    }

    /** The sessions with messages from others the agent has not read, most recent activity first. */
    public List<PendingSummary> pending(Agent agent) {
        List<ChatStore.Pending> pending = store.pendingFor(agent.id());
        Map<UUID, Set<AgentId>> waitingBySession = this.waiting.waitingOnAll(pending.stream().map(p -> p.session().id()).toList());
        return pending.stream().map(p -> new PendingSummary(p, waitingBySession.getOrDefault(p.session().id(), Set.of())
                .contains(p.last().from()))).toList();
    }

    /** A session with its participants, as read once for a caller that takes part in it. */
    public record Membership(ChatSession session, List<ChatParticipant> participants) {

        /** The participant (with its read cursor) of {@code agent}. */
        ChatParticipant of(AgentId agent) {
            return participants.stream().filter(p -> p.agent().equals(agent)).findFirst().orElseThrow();
        }
    }

    /**
     * The session with this id in the agent's project and its participants, when the agent takes part in it.
     *
     * @throws DomainError.NotFound  {@code Session not found}
     * @throws DomainError.Forbidden {@code Not a participant in this session}
     */
    public Membership membership(Agent agent, UUID sessionId) {
        ChatSession session = store.findSession(agent.project(), sessionId)
                .orElseThrow(() -> new DomainError.NotFound("Session not found"));
        List<ChatParticipant> participants = store.participants(session.id());
        if (participants.stream().noneMatch(p -> p.agent().equals(agent.id()))) {
            throw new DomainError.Forbidden("Not a participant in this session");
        }
        return new Membership(session, participants);
    }

    private Instant now() {
        return WireTime.truncate(clock.instant());
    }

    /** The comma-joined {@code <slug>/<alias>} of every participant but {@code except}. */
    public static String addressesExcept(String slug, List<ChatParticipant> participants, AgentId except) {
        return participants.stream()
                .filter(participant -> !participant.agent().equals(except))
                .map(participant -> slug + "/" + participant.alias())
                .collect(Collectors.joining(","));
    }
}
