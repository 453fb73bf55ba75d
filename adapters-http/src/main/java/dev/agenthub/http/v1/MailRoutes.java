package dev.agenthub.http.v1;

import dev.agenthub.http.docs.ApiRoutes;
import dev.agenthub.http.docs.Operation;
import dev.agenthub.http.support.BodyFields;
import dev.agenthub.http.support.JsonBodies;
import dev.agenthub.http.support.QueryParams;
import dev.agenthub.protocol.agents.Agent;
import dev.agenthub.protocol.kernel.error.DomainError;
import dev.agenthub.protocol.kernel.id.Uuids;
import dev.agenthub.protocol.kernel.time.WireTime;
import dev.agenthub.protocol.mail.Mail;
import dev.agenthub.protocol.mail.MailMessage;
import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/** The mail routes of §4.9: send, inbox, acknowledge. Every route needs an actor (auth A). */
public final class MailRoutes {

    private static final Set<String> SEND_FIELDS = SigningFields.withSigningFields("to_agent_id", "to_alias", "subject", "body", "priority", "thread_id");
    /** The aweb recipient alias rule; {@code /} is reserved for {@code project/alias} addresses. */
    private static final Pattern RECIPIENT_ALIAS = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*");

    private final Supplier<CoordinationServices> services;
    private final JsonBodies bodies;
    private final V1Auth auth;

    public MailRoutes(Supplier<CoordinationServices> services, JsonBodies bodies) {
        this.services = services;
        this.bodies = bodies;
        this.auth = new V1Auth(services);
    }

    public void register(ApiRoutes routes) {
        routes.post("/v1/messages", Operation.of("mail", "Send a message to an agent of the project")
                .respond(401, "Authentication required").respond(403, "API key is not bound to an agent")
                .respond(404, "Agent not found").respond(409, "message_id already exists")
                .respond(410, "Agent is retired (successor fields at the top level)").respond(422, "Validation failed"), this::send);
        routes.get("/v1/messages/inbox", Operation.of("mail", "The caller's messages, newest first")
                .respond(401, "Authentication required").respond(404, "Agent not found").respond(422, "Validation failed"), this::inbox);
        routes.post("/v1/messages/{message_id}/ack", Operation.of("mail", "Acknowledge (read) a message")
                .respond(401, "Authentication required").respond(403, "Not authorized to acknowledge this message")
                .respond(404, "Message not found").respond(422, "Invalid message_id format"), this::acknowledge);
    }

    private void send(Context ctx) {
        BodyFields body = bodies.fields(ctx);
        body.forbidUnknownKeys(SEND_FIELDS);
        UUID toAgentId = body.uuid("to_agent_id");
        String toAlias = IdentityRoutes.trimmed(body.nullableString("to_alias", 64, null));
        String subject = body.string("subject", Integer.MAX_VALUE, "");
        String text = body.requiredString("body", 0, Integer.MAX_VALUE);
        String priority = body.literal("priority", List.of("low", "normal", "high", "urgent"), false, "normal");
        UUID threadId = body.uuid("thread_id");
        SigningFields signing = SigningFields.read(body);
        if (toAlias != null && (toAlias.isEmpty() || !RECIPIENT_ALIAS.matcher(toAlias).matches())) {
            body.reject("to_alias", "Invalid alias format");
        }
        body.validate();
        signing.check();
        Agent sender = auth.actor(ctx);
        MailMessage sent = services.get().mail().send(sender, new Mail.Send(toAgentId, toAlias, subject, text,
                MailMessage.Priority.fromWire(priority), threadId, signing.messageId(), signing.fromDid(), signing.toDid(),
                signing.signature(), signing.signingKeyId()));
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("message_id", sent.id().toString());
        response.put("status", "delivered");
        response.put("delivered_at", WireTime.zulu(sent.createdAt()));
        ctx.json(response);
    }

    private void inbox(Context ctx) {
        QueryParams query = new QueryParams(ctx);
        boolean unreadOnly = query.bool("unread_only", false);
        int limit = query.integer("limit", 50, 1, Mail.MAX_INBOX_LIMIT);
        query.validate();
        Agent reader = auth.actor(ctx);
        Mail.Inbox inbox = services.get().mail().inbox(reader, unreadOnly, limit);
        List<Map<String, Object>> messages = inbox.messages().stream().map(m -> element(inbox.projectSlug(), m)).toList();
        ctx.json(Map.of("messages", messages));
    }

    static Map<String, Object> element(String slug, MailMessage message) {
        Map<String, Object> element = new LinkedHashMap<>();
        element.put("message_id", message.id().toString());
        element.put("from_agent_id", message.from().toString());
        element.put("from_alias", message.fromAlias());
        element.put("from_address", slug + "/" + message.fromAlias());
        element.put("subject", message.subject());
        element.put("body", message.body());
        element.put("priority", message.priority().wire());
        element.put("thread_id", message.threadId() == null ? null : message.threadId().toString());
        element.put("read_at", message.readAt() == null ? null : WireTime.zulu(message.readAt()));
        element.put("created_at", WireTime.zulu(message.createdAt()));
        element.put("from_did", message.fromDid());
        element.put("to_did", message.toDid());
        element.put("to_address", slug + "/" + message.toAlias());
        element.put("signature", message.signature());
        element.put("signing_key_id", message.signingKeyId());
        element.put("rotation_announcement", null);
        return element;
    }

    private void acknowledge(Context ctx) {
        UUID messageId = Uuids.parse(ctx.pathParam("message_id"))
                .orElseThrow(() -> new DomainError.Invalid("Invalid message_id format"));
        Agent reader = auth.actor(ctx);
        Mail.Acknowledged acknowledged = services.get().mail().acknowledge(reader, messageId);
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("message_id", messageId.toString());
        response.put("acknowledged_at", WireTime.zulu(acknowledged.acknowledgedAt()));
        ctx.json(response);
    }
}
