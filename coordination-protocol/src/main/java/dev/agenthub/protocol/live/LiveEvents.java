package dev.agenthub.protocol.live;

import dev.agenthub.protocol.chat.Chat;
import dev.agenthub.protocol.chat.ChatMessage;
import dev.agenthub.protocol.chat.ChatParticipant;
import dev.agenthub.protocol.chat.WaitingSessions;
import dev.agenthub.protocol.chat.port.ChatEvents;
import dev.agenthub.protocol.kernel.events.EventBus;
import dev.agenthub.protocol.kernel.id.AgentId;
import dev.agenthub.protocol.kernel.id.ProjectId;
import dev.agenthub.protocol.kernel.json.CompactJson;
import dev.agenthub.protocol.kernel.text.CodePoints;
import dev.agenthub.protocol.kernel.time.WireTime;
import dev.agenthub.protocol.mail.MailMessage;
import dev.agenthub.protocol.mail.port.MailEvents;
import dev.agenthub.protocol.projects.Project;
import dev.agenthub.protocol.projects.port.ProjectStore;
import dev.agenthub.protocol.reservations.Reservation;
import dev.agenthub.protocol.reservations.port.ReservationEvents;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Publishes the live events of §9.2 and §13 after the write they describe has committed. Publishing never
 * fails the caller: the write is what counts, and a lost event only delays a stream until its client looks
 * again. Aliases, slugs and subjects are the ones known at publish time; a slug that cannot be looked up is
 * {@code ""}, as §13.1 allows.
 */
public final class LiveEvents implements ChatEvents, MailEvents, ReservationEvents {

    private static final System.Logger log = System.getLogger(LiveEvents.class.getName());
    /** The {@code chat.message_sent} preview length, in code points. */
    public static final int CHAT_PREVIEW_LENGTH = 80;
    private static final int SLUG_CACHE_LIMIT = 10_000;

    private final EventBus bus;
    private final ProjectStore projects;
    private final WaitingSessions waiting;
    private final Clock clock;
    /** Slugs never change while a project lives, so they are looked up once per project. */
    private final Map<ProjectId, String> slugs = new ConcurrentHashMap<>();

    public LiveEvents(EventBus bus, ProjectStore projects, WaitingSessions waiting, Clock clock) {
        this.bus = Objects.requireNonNull(bus, "bus");
        this.projects = Objects.requireNonNull(projects, "projects");
        this.waiting = Objects.requireNonNull(waiting, "waiting");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * A mail was stored: {@code message.delivered} on the recipient's workspace and a {@code mail_message}
     * wake-up for the recipient.
     */
    @Override
    public void delivered(MailMessage message) {
        Map<String, Object> status = statusEvent(message.to(), "message.delivered", message.project());
        status.put("message_id", message.id().toString());
        status.put("from_workspace", message.from().toString());
        status.put("from_alias", message.fromAlias());
        status.put("to_alias", message.toAlias());
        status.put("subject", message.subject());
        status.put("priority", message.priority().wire());
        publish(LiveChannels.workspace(message.to()), new LiveEvent("message.delivered", message.from(),
                message.id().toString(), CompactJson.write(status)));

        publish(LiveChannels.agentInbox(message.to()), mailWake(message));
    }

    /** The wake-up event of an unread mail, live or swept. */
    static LiveEvent mailWake(MailMessage message) {
        Map<String, Object> wake = new LinkedHashMap<>();
        wake.put("type", "mail_message");
        wake.put("message_id", message.id().toString());
        wake.put("from_alias", message.fromAlias());
        wake.put("subject", message.subject());
        return new LiveEvent("mail_message", message.from(), message.id().toString(), CompactJson.write(wake));
    }

    /** The recipient acknowledged a mail: {@code message.acknowledged} on its workspace. */
    @Override
    public void acknowledged(MailMessage message) {
        Map<String, Object> status = statusEvent(message.to(), "message.acknowledged", message.project());
        status.put("message_id", message.id().toString());
        status.put("from_alias", message.fromAlias());
        status.put("subject", message.subject());
        publish(LiveChannels.workspace(message.to()), new LiveEvent("message.acknowledged", message.to(),
                message.id().toString(), CompactJson.write(status)));
    }

    /**
     * A chat message was stored: the {@code message} event on the session's stream, {@code chat.message_sent}
     * on the sender's workspace, and a {@code chat_message} wake-up for every other participant.
     */
    @Override
    public void messageStored(ProjectId project, List<ChatParticipant> participants, ChatMessage message) {
        String slug = slug(project);
        boolean senderWaiting = waiting.waitingOn(message.session()).contains(message.from());
        publish(LiveChannels.chatSession(message.session()), chatStreamMessage(slug, participants, message, senderWaiting));

        List<String> toAliases = participants.stream().filter(p -> !p.agent().equals(message.from()))
                .map(ChatParticipant::alias).toList();
        Map<String, Object> status = statusEvent(message.from(), "chat.message_sent", slug);
        status.put("session_id", message.session().toString());
        status.put("message_id", message.id().toString());
        status.put("from_alias", message.fromAlias());
        status.put("to_aliases", toAliases);
        status.put("preview", CodePoints.prefix(message.body(), CHAT_PREVIEW_LENGTH));
        publish(LiveChannels.workspace(message.from()), new LiveEvent("chat.message_sent", message.from(),
                message.id().toString(), CompactJson.write(status)));

        LiveEvent wake = chatWake(message);
        participants.stream().filter(p -> !p.agent().equals(message.from()))
                .forEach(p -> publish(LiveChannels.agentInbox(p.agent()), wake));
    }

    /** The session stream's {@code message} event of a message, live or replayed. */
    static LiveEvent chatStreamMessage(String slug, List<ChatParticipant> participants, ChatMessage message,
                                       boolean senderWaiting) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("type", "message");
        data.put("session_id", message.session().toString());
        data.put("message_id", message.id().toString());
        data.put("from_agent", message.fromAlias());
        data.put("from_address", slug + "/" + message.fromAlias());
        data.put("body", message.body());
        data.put("sender_leaving", message.leaving());
        data.put("sender_waiting", senderWaiting);
        data.put("hang_on", message.hangOn());
        data.put("extends_wait_seconds", message.hangOn() ? Chat.HANG_ON_SECONDS : 0);
        data.put("timestamp", WireTime.zulu(message.createdAt()));
        data.put("to_address", Chat.addressesExcept(slug, participants, message.from()));
        data.put("from_did", message.fromDid());
        data.put("to_did", message.toDid());
        data.put("signature", message.signature());
        data.put("signing_key_id", message.signingKeyId());
        return new LiveEvent("message", message.from(), message.id().toString(), CompactJson.write(data));
    }

    /** The wake-up event of a chat message from someone else, live or swept. */
    static LiveEvent chatWake(ChatMessage message) {
        Map<String, Object> wake = new LinkedHashMap<>();
        wake.put("type", "chat_message");
        wake.put("message_id", message.id().toString());
        wake.put("from_alias", message.fromAlias());
        wake.put("session_id", message.session().toString());
        return new LiveEvent("chat_message", message.from(), message.id().toString(), CompactJson.write(wake));
    }

    /**
     * A participant moved its read cursor forward: a {@code read_receipt} on the session's stream. A receipt
     * tells a waiting sender its message was opened, so it always grants {@code hang_on}'s extra time.
     */
    @Override
    public void cursorMoved(UUID session, AgentId reader, String readerAlias, UUID upTo) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("type", "read_receipt");
        data.put("session_id", session.toString());
        data.put("reader_alias", readerAlias);
        data.put("up_to_message_id", upTo.toString());
        data.put("extends_wait_seconds", Chat.HANG_ON_SECONDS);
        data.put("timestamp", WireTime.zulu(now()));
        publish(LiveChannels.chatSession(session), new LiveEvent("read_receipt", reader, null, CompactJson.write(data)));
    }

    /** A reservation was acquired: {@code reservation.acquired} on the holder's workspace. */
    @Override
    public void acquired(Reservation reservation, long ttlSeconds) {
        Map<String, Object> status = statusEvent(reservation.holderAgentId(), "reservation.acquired", reservation.projectId());
        status.put("paths", List.of(reservation.resourceKey()));
        status.put("alias", reservation.holderAlias());
        status.put("ttl_seconds", ttlSeconds);
        status.put("bead_id", null);
        status.put("reason", null);
        status.put("exclusive", true);
        publish(LiveChannels.workspace(reservation.holderAgentId()), new LiveEvent("reservation.acquired",
                reservation.holderAgentId(), null, CompactJson.write(status)));
    }

    /** A reservation was released by its holder: {@code reservation.released} on the holder's workspace. */
    @Override
    public void released(ProjectId project, AgentId holder, String alias, String resourceKey) {
        Map<String, Object> status = statusEvent(holder, "reservation.released", project);
        status.put("paths", List.of(resourceKey));
        status.put("alias", alias);
        publish(LiveChannels.workspace(holder), new LiveEvent("reservation.released", holder, null, CompactJson.write(status)));
    }

    /**
     * Publishes a status event of §13.1 of another capability (beads, claims, escalations) on {@code workspace}'s
     * channel: the common fields {@code workspace_id}, {@code type}, {@code timestamp} and {@code project_slug},
     * then {@code fields} in their order. Call it after the write it describes has committed.
     *
     * @param type the event type, {@code <category>.<name>}
     */
    public void publishStatus(AgentId workspace, ProjectId project, String type, Map<String, ?> fields) {
        try { // the slug lookup reads the database: it must not fail the caller either
            Map<String, Object> status = statusEvent(workspace, type, project);
            status.putAll(fields);
            publish(LiveChannels.workspace(workspace), new LiveEvent(type, workspace, null, CompactJson.write(status)));
        } catch (RuntimeException failed) {
            log.log(System.Logger.Level.WARNING, "publishing " + type + " failed: " + failed);
        }
    }

    /** The project's slug, {@code ""} when it cannot be found. */
    public String slug(ProjectId project) {
        String known = slugs.get(project);
        if (known != null) {
            return known;
        }
        String slug = projects.find(project).map(Project::slug).orElse("");
        if (!slug.isEmpty()) {
            if (slugs.size() >= SLUG_CACHE_LIMIT) {
                slugs.clear();
            }
            slugs.put(project, slug);
        }
        return slug;
    }

    private Map<String, Object> statusEvent(AgentId workspace, String type, ProjectId project) {
        return statusEvent(workspace, type, slug(project));
    }

    private Map<String, Object> statusEvent(AgentId workspace, String type, String slug) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("workspace_id", workspace.toString());
        event.put("type", type);
        event.put("timestamp", WireTime.zulu(now()));
        event.put("project_slug", slug);
        return event;
    }

    private void publish(String channel, LiveEvent event) {
        try {
            bus.publish(channel, event.encode());
        } catch (RuntimeException failed) {
            log.log(System.Logger.Level.WARNING, "publishing " + event.event() + " failed: " + failed);
        }
    }

    private Instant now() {
        return WireTime.truncate(clock.instant());
    }
}
