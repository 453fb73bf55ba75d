package dev.agenthub.http.v1;

import dev.agenthub.http.docs.ApiRoutes;
import dev.agenthub.http.docs.Operation;
import dev.agenthub.http.support.QueryParams;
import dev.agenthub.protocol.agents.Agent;
import dev.agenthub.protocol.conversations.Conversation;
import dev.agenthub.protocol.conversations.Conversations;
import dev.agenthub.protocol.kernel.paging.Page;
import dev.agenthub.protocol.kernel.time.WireTime;
import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/** {@code GET /v1/conversations} (§4.18): the caller's mail threads and chat sessions in one list (auth A). */
public final class ConversationRoutes {

    private final Supplier<CoordinationServices> services;
    private final V1Auth auth;

    public ConversationRoutes(Supplier<CoordinationServices> services) {
        this.services = services;
        this.auth = new V1Auth(services);
    }

    public void register(ApiRoutes routes) {
        routes.get("/v1/conversations", Operation.of("conversations", "The caller's mail threads and chat sessions, most recent first")
                .respond(401, "Authentication required").respond(403, "API key is not bound to an agent")
                .respond(404, "Agent not found").respond(422, "Validation failed / Invalid cursor"), this::list);
    }

    private void list(Context ctx) {
        QueryParams query = new QueryParams(ctx);
        int limit = query.integer("limit", Conversations.DEFAULT_LIMIT, 1, Conversations.MAX_LIMIT);
        query.validate();
        Conversations.Request request = Conversations.request(limit, ctx.queryParam("cursor"));
        Agent agent = auth.actor(ctx);
        Page<Conversation> page = services.get().conversations().list(agent, request);
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("conversations", page.items().stream().map(ConversationRoutes::view).toList());
        response.put("next_cursor", page.nextCursor().orElse(null));
        ctx.json(response);
    }

    private static Map<String, Object> view(Conversation conversation) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("conversation_type", conversation.kind().wire());
        view.put("conversation_id", conversation.id().toString());
        view.put("participants", conversation.participants());
        view.put("subject", conversation.subject());
        view.put("last_message_at", WireTime.zulu(conversation.lastMessageAt()));
        view.put("last_message_from", conversation.lastMessageFrom());
        view.put("last_message_preview", conversation.lastMessagePreview());
        view.put("unread_count", conversation.unreadCount());
        return view;
    }
}
