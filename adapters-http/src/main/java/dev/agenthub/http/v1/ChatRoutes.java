package dev.agenthub.http.v1;

import dev.agenthub.http.docs.ApiRoutes;
import dev.agenthub.http.docs.Operation;
import dev.agenthub.http.support.BodyFields;
import dev.agenthub.http.support.JsonBodies;
import dev.agenthub.http.support.QueryParams;
import dev.agenthub.protocol.agents.Agent;
import dev.agenthub.protocol.chat.Chat;
import dev.agenthub.protocol.chat.ChatMessage;
import dev.agenthub.protocol.chat.ChatParticipant;
import dev.agenthub.protocol.chat.port.ChatStore;
import dev.agenthub.protocol.kernel.error.DomainError;
import dev.agenthub.protocol.kernel.id.Uuids;
import dev.agenthub.protocol.kernel.time.WireTime;
import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The chat routes of §4.10 (the request/response part; the session stream is in {@link StreamRoutes}).
 * Every route needs an actor (auth A). {@code targets_connected} and {@code sender_waiting} come from the
 * waiting presence of the session streams.
 */
public final class ChatRoutes {

    private static final Set<String> START_FIELDS = SigningFields.withSigningFields("to_aliases", "message", "leaving");
    private static final Set<String> SEND_FIELDS = SigningFields.withSigningFields("body", "hang_on");
    private static final Set<String> READ_FIELDS = Set.of("up_to_message_id");

    private final Supplier<CoordinationServices> services;
    private final JsonBodies bodies;
    private final V1Auth auth;

    public ChatRoutes(Supplier<CoordinationServices> services, JsonBodies bodies) {
        this.services = services;
        this.bodies = bodies;
        this.auth = new V1Auth(services);
    }

    public void register(ApiRoutes routes) {
        routes.post("/v1/chat/sessions", actor("Start or continue the session with these agents")
                .respond(400, "Self-chat is not supported").respond(409, "message_id already exists"), this::start);
        routes.get("/v1/chat/pending", actor("Sessions with unread messages from others"), this::pending);
        routes.get("/v1/chat/sessions", actor("The caller's sessions"), this::sessions);
        routes.get("/v1/chat/sessions/{session_id}/messages", actor("A session's messages, oldest first")
                .respond(403, "Not a participant in this session"), this::history);
        routes.post("/v1/chat/sessions/{session_id}/messages", actor("Send a message to a session")
                .respond(403, "Not a participant in this session").respond(409, "message_id already exists"), this::send);
        routes.post("/v1/chat/sessions/{session_id}/read", actor("Move the caller's read cursor forward")
                .respond(403, "Not a participant in this session"), this::read);
    }

    private static Operation actor(String summary) {
        return Operation.of("chat", summary).respond(401, "Authentication required")
                .respond(403, "API key is not bound to an agent").respond(404, "Agent / session / message not found")
                .respond(422, "Validation failed");
    }

    private void start(Context ctx) {
        BodyFields body = bodies.fields(ctx);
        body.forbidUnknownKeys(START_FIELDS);
        List<String> toAliases = body.requiredStringList("to_aliases");
        String message = body.requiredString("message", 0, Integer.MAX_VALUE);
        boolean leaving = body.bool("leaving", false);
        SigningFields signing = SigningFields.read(body);
        body.validate();
        signing.check();
        Agent sender = auth.actor(ctx);
        Chat.Started started = services.get().chat().start(sender, toAliases, message, leaving, signing(signing));
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("session_id", started.session().id().toString());
        response.put("message_id", started.message().id().toString());
        response.put("participants", started.participants().stream().map(p -> {
            Map<String, Object> participant = new LinkedHashMap<>();
            participant.put("agent_id", p.agent().toString());
            participant.put("alias", p.alias());
            return participant;
        }).toList());
        response.put("sse_url", "/v1/chat/sessions/" + started.session().id() + "/stream");
        response.put("targets_connected", started.targetsConnected());
        response.put("targets_left", started.targetsLeft());
        ctx.json(response);
    }

    private void pending(Context ctx) {
        Agent agent = auth.actor(ctx);
        List<Map<String, Object>> pending = services.get().chat().pending(agent).stream().map(summary -> {
            ChatStore.Pending p = summary.pending();
            Map<String, Object> element = new LinkedHashMap<>();
            element.put("session_id", p.session().id().toString());
            element.put("participants", aliases(p.participants()));
            element.put("last_message", p.last().body());
            element.put("last_from", p.last().fromAlias());
            element.put("unread_count", p.unreadCount());
            element.put("last_activity", WireTime.zulu(p.last().createdAt()));
            element.put("sender_waiting", summary.senderWaiting());
            element.put("time_remaining_seconds", 0);
            return element;
        }).toList();
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("pending", pending);
        response.put("messages_waiting", services.get().mail().unreadCount(agent));
        ctx.json(response);
    }

    private void sessions(Context ctx) {
        Agent agent = auth.actor(ctx);
        List<Map<String, Object>> sessions = services.get().chat().sessions(agent).stream().map(summary -> {
            ChatStore.SessionView view = summary.view();
            Map<String, Object> element = new LinkedHashMap<>();
            element.put("session_id", view.session().id().toString());
            element.put("participants", aliases(view.participants()));
            element.put("created_at", WireTime.zulu(view.session().createdAt()));
            element.put("sender_waiting", summary.senderWaiting());
            return element;
        }).toList();
        ctx.json(Map.of("sessions", sessions));
    }

    private void history(Context ctx) {
        UUID sessionId = sessionId(ctx);
        QueryParams query = new QueryParams(ctx);
        boolean unreadOnly = query.bool("unread_only", false);
        int limit = query.integer("limit", 200, 1, Chat.MAX_HISTORY_LIMIT);
        query.validate();
        Agent reader = auth.actor(ctx);
        Chat.History history = services.get().chat().history(reader, sessionId, unreadOnly, limit);
        String slug = services.get().projects().current(reader.project()).slug();
        List<Map<String, Object>> messages = history.messages().stream()
                .map(message -> messageView(slug, history.participants(), message)).toList();
        ctx.json(Map.of("messages", messages));
    }

    private static Map<String, Object> messageView(String slug, List<ChatParticipant> participants, ChatMessage message) {
        Map<String, Object> element = new LinkedHashMap<>();
        element.put("message_id", message.id().toString());
        element.put("from_agent", message.fromAlias());
        element.put("from_address", slug + "/" + message.fromAlias());
        element.put("body", message.body());
        element.put("timestamp", WireTime.zulu(message.createdAt()));
        element.put("sender_leaving", message.leaving());
        element.put("to_address", Chat.addressesExcept(slug, participants, message.from()));
        element.put("from_did", message.fromDid());
        element.put("to_did", message.toDid());
        element.put("signature", message.signature());
        element.put("signing_key_id", message.signingKeyId());
        return element;
    }

    private void send(Context ctx) {
        UUID sessionId = sessionId(ctx);
        BodyFields body = bodies.fields(ctx);
        body.forbidUnknownKeys(SEND_FIELDS);
        String text = body.requiredString("body", 1, Integer.MAX_VALUE);
        boolean hangOn = body.bool("hang_on", false);
        SigningFields signing = SigningFields.read(body);
        body.validate();
        signing.check();
        Agent sender = auth.actor(ctx);
        ChatMessage sent = services.get().chat().send(sender, sessionId, text, hangOn, signing(signing));
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("message_id", sent.id().toString());
        response.put("delivered", true);
        response.put("extends_wait_seconds", hangOn ? Chat.HANG_ON_SECONDS : 0);
        ctx.json(response);
    }

    private void read(Context ctx) {
        UUID sessionId = sessionId(ctx);
        BodyFields body = bodies.fields(ctx);
        body.forbidUnknownKeys(READ_FIELDS);
        UUID upTo = body.requiredUuid("up_to_message_id");
        body.validate();
        if (upTo == null) { // JSON null: a UUID field the model does not allow to be null
            throw new DomainError.Invalid("Invalid id format");
        }
        Agent reader = auth.actor(ctx);
        int marked = services.get().chat().markRead(reader, sessionId, upTo);
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("success", true);
        response.put("messages_marked", marked);
        ctx.json(response);
    }

    private static UUID sessionId(Context ctx) {
        return Uuids.parse(ctx.pathParam("session_id")).orElseThrow(() -> new DomainError.Invalid("Invalid id format"));
    }

    private static List<String> aliases(List<ChatParticipant> participants) {
        return participants.stream().map(ChatParticipant::alias).toList();
    }

    private static Chat.Signing signing(SigningFields fields) {
        return new Chat.Signing(fields.messageId(), fields.fromDid(), fields.toDid(), fields.signature(), fields.signingKeyId());
    }
}
