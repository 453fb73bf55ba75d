package dev.agenthub.protocol.conversations;

import dev.agenthub.protocol.agents.Agent;
import dev.agenthub.protocol.conversations.port.ConversationStore;
import dev.agenthub.protocol.kernel.error.DomainError;
import dev.agenthub.protocol.kernel.paging.Page;
import dev.agenthub.protocol.kernel.paging.PageRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** {@code GET /v1/conversations} (§4.18): the agent's mail threads and chat sessions, most recent activity first. */
public final class Conversations {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 100;

    private final ConversationStore store;

    public Conversations(ConversationStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /** A validated page request: the limit and the position after which the page starts. */
    public record Request(int limit, Optional<ConversationKey> after) {
        public Request {
            if (limit < 1 || limit > MAX_LIMIT) {
                throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT);
            }
            after = after == null ? Optional.empty() : after;
        }
    }

    /**
     * Validates client input (before authentication, as all request validation).
     *
     * @param limit  null for the default
     * @param cursor null or empty for the first page
     * @throws DomainError.Invalid a list-shaped 422 for a limit outside 1..{@value #MAX_LIMIT}; {@code Invalid cursor: …}
     *                             or {@code Invalid cursor timestamp: …} for a bad cursor
     */
    public static Request request(Integer limit, String cursor) {
        PageRequest page = PageRequest.of(limit, cursor, DEFAULT_LIMIT, MAX_LIMIT);
        return new Request(page.limit(), page.after().map(ConversationKey::fromCursor));
    }

    /** One page of the agent's conversations. */
    public Page<Conversation> list(Agent agent, Request request) {
        ConversationKey after = request.after().orElse(null);
        int fetch = request.limit() + 1;
        List<Conversation> merged = new ArrayList<>(store.mailThreads(agent.project(), agent.id(), after, fetch));
        merged.addAll(store.chatSessions(agent.project(), agent.id(), after, fetch));
        merged.sort((a, b) -> ConversationKey.LIST_ORDER.compare(a.key(), b.key()));
        List<Conversation> rows = merged.subList(0, Math.min(fetch, merged.size()));
        return Page.fromOverfetch(rows, new PageRequest(request.limit(), Optional.empty()), c -> c.key().toCursor());
    }
}
