package dev.agenthub.protocol.live;

import dev.agenthub.protocol.agents.Agent;
import dev.agenthub.protocol.chat.Chat;
import dev.agenthub.protocol.chat.ChatMessage;
import dev.agenthub.protocol.chat.ChatParticipant;
import dev.agenthub.protocol.chat.ChatSession;
import dev.agenthub.protocol.chat.port.ChatStore;
import dev.agenthub.protocol.chat.WaitingSessions;
import dev.agenthub.protocol.kernel.events.EventBus;
import dev.agenthub.protocol.kernel.id.AgentId;
import dev.agenthub.protocol.kernel.id.IdGenerator;
import dev.agenthub.protocol.kernel.json.CompactJson;
import dev.agenthub.protocol.live.port.ReadyWork;
import dev.agenthub.protocol.mail.MailMessage;
import dev.agenthub.protocol.mail.port.MailStore;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Opens the live streams: a chat session's stream (§9.2), an agent's wake stream (§13.3) and the project status
 * stream (§13.1). Deadlines and
 * the transport are the caller's; a stream only knows what to emit.
 */
public final class LiveStreams {

    /** Messages a chat stream replays when it opens. */
    public static final int CHAT_REPLAY_LIMIT = 50;
    /** Unread mails and chat messages the wake stream sweeps when it opens, each. */
    public static final int WAKE_SWEEP_LIMIT = 500;
    /** Ready work items the wake stream sweeps when it opens (§13.3: the first 10). */
    public static final int WAKE_WORK_SWEEP = 10;
    /** Ready work items each poll of the wake stream reads to find the newly ready ones. */
    public static final int WAKE_WORK_POLL_LIMIT = 200;
    /** How often the wake stream polls for newly ready work (§13.3). */
    public static final Duration WAKE_WORK_POLL = Duration.ofSeconds(1);
    /** The longest wake stream a client gets. */
    public static final Duration MAX_WAKE_STREAM = Duration.ofSeconds(300);

    private final EventBus bus;
    private final ChatStore chats;
    private final MailStore mail;
    private final LiveEvents events;
    private final WaitingSessions waiting;
    private final Clock clock;
    private final IdGenerator ids;
    private final ReadyWork work;

    /** @param work the ready work items behind the wake stream's {@code work_available} ({@link ReadyWork#NONE} for none) */
    public LiveStreams(EventBus bus, ChatStore chats, MailStore mail, LiveEvents events,
                       WaitingSessions waiting, Clock clock, IdGenerator ids, ReadyWork work) {
        this.bus = Objects.requireNonNull(bus, "bus");
        this.chats = Objects.requireNonNull(chats, "chats");
        this.mail = Objects.requireNonNull(mail, "mail");
        this.events = Objects.requireNonNull(events, "events");
        this.waiting = Objects.requireNonNull(waiting, "waiting");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ids = Objects.requireNonNull(ids, "ids");
        this.work = Objects.requireNonNull(work, "work");
    }

    /** How long a stream asked to end at {@code deadline} stays open from now (zero when it is past). */
    public Duration untilDeadline(Instant deadline) {
        return untilDeadline(clock.instant(), deadline);
    }

    /** How long a wake stream asked to end at {@code deadline} stays open: capped at {@link #MAX_WAKE_STREAM}. */
    public Duration wakeStreamLength(Instant deadline) {
        return wakeStreamLength(clock.instant(), deadline);
    }

    static Duration untilDeadline(Instant now, Instant deadline) {
        Duration left = Duration.between(now, deadline);
        return left.isNegative() ? Duration.ZERO : left;
    }

    static Duration wakeStreamLength(Instant now, Instant deadline) {
        Duration left = untilDeadline(now, deadline);
        return left.compareTo(MAX_WAKE_STREAM) > 0 ? MAX_WAKE_STREAM : left;
    }

    /**
     * Opens {@code agent}'s stream of a session: it waits on the session (waiting presence) until closed, replays
     * the newest {@value #CHAT_REPLAY_LIMIT} messages (only those after {@code after} when given), then emits
     * every new message and every read receipt of another participant.
     *
     * @param membership the agent's membership of the session, from {@link Chat#membership}
     */
    public LiveStream openChat(Agent agent, Chat.Membership membership, Instant after) {
        ChatSession session = membership.session();
        LiveStream stream = new LiveStream(event -> switch (event.event()) {
            case "message" -> true;
            case "read_receipt" -> !agent.id().equals(event.actor());
            default -> false;
        });
        try {
            stream.subscribed(bus.subscribe(LiveChannels.chatSession(session.id()), stream::deliver));
            UUID connection = ids.newId();
            Runnable markWaiting = () -> waiting.join(session.id(), agent.id(), connection);
            markWaiting.run();
            stream.onRefresh(markWaiting);
            stream.onClose(() -> waiting.leave(session.id(), agent.id(), connection));

            List<ChatParticipant> participants = membership.participants();
            String slug = events.slug(agent.project());
            Set<AgentId> waitingNow = waiting.waitingOn(session.id());
            for (ChatMessage message : chats.recent(session.id(), CHAT_REPLAY_LIMIT, after, null)) {
                LiveEvent replayed = LiveEvents.chatStreamMessage(slug, participants, message, waitingNow.contains(message.from()));
                stream.replay(StreamFrame.of(replayed), replayed.subject());
            }
            return stream;
        } catch (RuntimeException e) {
            stream.close();
            throw e;
        }
    }

    /**
     * Opens {@code agent}'s wake stream: {@code connected}, a sweep of its unread mail and unread chat messages
     * (oldest first) and of the first {@value #WAKE_WORK_SWEEP} ready work items ({@code work_available}), then
     * every new mail to it and every chat message others send in its sessions, pushed, and every
     * {@link #WAKE_WORK_POLL} the work items that are ready now but were not at the previous poll (the first
     * {@value #WAKE_WORK_POLL_LIMIT} ready ones are compared).
     */
    public LiveStream openWake(Agent agent) {
        LiveStream stream = new LiveStream(event -> switch (event.event()) {
            case "mail_message", "chat_message" -> true;
            default -> false;
        });
        try {
            stream.subscribed(bus.subscribe(LiveChannels.agentInbox(agent.id()), stream::deliver));
            Map<String, Object> connected = new LinkedHashMap<>();
            connected.put("agent_id", agent.id().toString());
            connected.put("project_id", agent.project().toString());
            stream.replay(new StreamFrame("connected", CompactJson.write(connected)), null);
            List<MailMessage> unreadMail = new ArrayList<>(mail.inbox(agent.id(), true, WAKE_SWEEP_LIMIT));
            Collections.reverse(unreadMail); // the inbox is newest first
            for (MailMessage message : unreadMail) {
                LiveEvent wake = LiveEvents.mailWake(message);
                stream.replay(StreamFrame.of(wake), wake.subject());
            }
            for (ChatMessage message : chats.unreadFor(agent.id(), WAKE_SWEEP_LIMIT)) {
                LiveEvent wake = LiveEvents.chatWake(message);
                stream.replay(StreamFrame.of(wake), wake.subject());
            }
            List<ReadyWork.Item> ready = work.ready(agent.project(), WAKE_WORK_POLL_LIMIT);
            ready.stream().limit(WAKE_WORK_SWEEP).forEach(item -> stream.replay(workAvailable(item), null));
            Set<UUID> previous = new java.util.HashSet<>();
            ready.forEach(item -> previous.add(item.id()));
            stream.onPoll(WAKE_WORK_POLL, () -> newlyReady(agent, previous));
            return stream;
        } catch (RuntimeException e) {
            stream.close();
            throw e;
        }
    }

    /** One poll of the wake stream: frames for the items not in {@code previous}, which becomes the ready set now. */
    private List<StreamFrame> newlyReady(Agent agent, Set<UUID> previous) {
        List<ReadyWork.Item> ready;
        try {
            ready = work.ready(agent.project(), WAKE_WORK_POLL_LIMIT);
        } catch (RuntimeException storeDown) {
            return List.of(); // the next round tries again
        }
        List<StreamFrame> frames = new ArrayList<>();
        for (ReadyWork.Item item : ready) {
            if (!previous.contains(item.id())) {
                frames.add(workAvailable(item));
            }
        }
        previous.clear();
        ready.forEach(item -> previous.add(item.id()));
        return frames;
    }

    private static StreamFrame workAvailable(ReadyWork.Item item) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("type", "work_available");
        data.put("task_id", item.id().toString());
        data.put("title", item.title());
        return new StreamFrame("work_available", CompactJson.write(data));
    }

    /** The event categories of the status stream (§13.1), in the order its 422 lists them. */
    public static final List<String> STATUS_CATEGORIES = List.of("bead", "chat", "escalation", "message", "reservation");

    /** The category of a status event type: the part before the first {@code .}. */
    public static String statusCategory(String type) {
        int dot = type.indexOf('.');
        return dot < 0 ? type : type.substring(0, dot);
    }

    /**
     * Opens a project status stream (§13.1): one subscription per workspace channel (no replay), emitting every
     * status event published on one of them whose category is in {@code categories}. The channels come from the
     * caller, which chose the workspaces; an empty collection gives a stream that never emits.
     *
     * @param categories a subset of {@link #STATUS_CATEGORIES}
     */
    public LiveStream openStatus(Collection<String> channels, Set<String> categories) {
        Set<String> wanted = Set.copyOf(categories);
        LiveStream stream = new LiveStream(event -> wanted.contains(statusCategory(event.event())));
        try {
            for (String channel : new java.util.LinkedHashSet<>(channels)) {
                stream.subscribed(bus.subscribe(channel, stream::deliver));
            }
            return stream;
        } catch (RuntimeException e) {
            stream.close();
            throw e;
        }
    }
}
