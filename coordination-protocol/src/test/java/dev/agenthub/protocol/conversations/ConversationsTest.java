package dev.agenthub.protocol.conversations;

import dev.agenthub.protocol.agents.Agent;
import dev.agenthub.protocol.conversations.Conversation.Kind;
import dev.agenthub.protocol.conversations.port.ConversationStore;
import dev.agenthub.protocol.fakes.Fixtures;
import dev.agenthub.protocol.kernel.error.DomainError;
import dev.agenthub.protocol.kernel.error.Violation;
import dev.agenthub.protocol.kernel.id.AgentId;
import dev.agenthub.protocol.kernel.id.ProjectId;
import dev.agenthub.protocol.kernel.paging.CursorKey;
import dev.agenthub.protocol.kernel.paging.Page;
import dev.agenthub.protocol.kernel.time.WireTime;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import static dev.agenthub.protocol.fakes.Fixtures.T0;
import static dev.agenthub.protocol.fakes.Fixtures.agent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

class ConversationsTest {

    /** Stores keep microseconds, as cursors do. */
    private static final Instant START = WireTime.truncate(T0);

    private final Agent alice = agent(Fixtures.project("demo"), "alice").build();
    private final SortedSources sources = new SortedSources();
    private final Conversations conversations = new Conversations(sources);

    /** Both sources over lists, answering as the port says: list order, after the key, at most limit. */
    private static final class SortedSources implements ConversationStore {
        final List<Conversation> mail = new ArrayList<>();
        final List<Conversation> chat = new ArrayList<>();
        final List<Integer> limitsAsked = new ArrayList<>();

        @Override
        public List<Conversation> mailThreads(ProjectId project, AgentId agent, ConversationKey after, int limit) {
            return page(mail, after, limit);
        }

        @Override
        public List<Conversation> chatSessions(ProjectId project, AgentId agent, ConversationKey after, int limit) {
            return page(chat, after, limit);
        }

        private List<Conversation> page(List<Conversation> source, ConversationKey after, int limit) {
            limitsAsked.add(limit);
            return source.stream()
                    .filter(c -> after == null || ConversationKey.LIST_ORDER.compare(c.key(), after) > 0)
                    .sorted(Comparator.comparing(Conversation::key, ConversationKey.LIST_ORDER))
                    .limit(limit)
                    .toList();
        }
    }

    private static Conversation conversation(Kind kind, String id, int secondsAfterT0) {
        return new Conversation(kind, UUID.fromString(id), List.of("bob", "alice", "bob"), kind == Kind.MAIL ? "s" : "",
                START.plusSeconds(secondsAfterT0), "bob", "hi", 0);
    }

    private static String id(int n) {
        return "00000000-0000-7000-8000-%012d".formatted(n);
    }

    private List<String> walk(int limit) {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Page<Conversation> page = conversations.list(alice, Conversations.request(limit, cursor));
            page.items().forEach(c -> seen.add(c.kind().wire() + ":" + c.id().toString().substring(24)));
            cursor = page.nextCursor().orElse(null);
            assertThat(++pages).isLessThan(100);
        } while (cursor != null);
        return seen;
    }

    @Test
    void mergesBothSourcesMostRecentFirst() {
        sources.mail.add(conversation(Kind.MAIL, id(1), 10));
        sources.mail.add(conversation(Kind.MAIL, id(2), 30));
        sources.chat.add(conversation(Kind.CHAT, id(3), 20));
        sources.chat.add(conversation(Kind.CHAT, id(4), 40));

        Page<Conversation> page = conversations.list(alice, Conversations.request(null, null));
        assertThat(page.items()).extracting(c -> c.id().toString().substring(24))
                .containsExactly("000000000004", "000000000002", "000000000003", "000000000001");
        assertThat(page.hasMore()).isFalse();
        assertThat(sources.limitsAsked).containsExactly(51, 51);
        assertThat(page.items().getFirst().participants()).containsExactly("alice", "bob");
    }

    @Test
    void pagesThroughEveryConversationOnceWhateverTheLimit() {
        for (int i = 1; i <= 7; i++) {
            sources.mail.add(conversation(Kind.MAIL, id(i), i % 3));
            sources.chat.add(conversation(Kind.CHAT, id(100 + i), i % 2));
        }
        List<String> all = walk(100);
        assertThat(all).hasSize(14).doesNotHaveDuplicates();
        for (int limit = 1; limit <= 5; limit++) {
            assertThat(walk(limit)).as("limit " + limit).isEqualTo(all);
        }
    }

    @Test
    void tiesAreBrokenByIdDescendingThenMailBeforeChat() {
        // the same id in both sources (a thread id chosen equal to a session id) at the same time
        sources.mail.add(conversation(Kind.MAIL, id(5), 0));
        sources.chat.add(conversation(Kind.CHAT, id(5), 0));
        sources.chat.add(conversation(Kind.CHAT, id(9), 0));
        sources.mail.add(conversation(Kind.MAIL, "f0000000-0000-7000-8000-000000000000", 0));

        assertThat(walk(1)).containsExactly("mail:000000000000", "chat:000000000009", "mail:000000000005", "chat:000000000005");
    }

    @Test
    void idsCompareUnsignedAsTheDatabaseDoes() {
        UUID high = UUID.fromString("ffffffff-0000-7000-8000-000000000000"); // negative most significant bits
        UUID low = UUID.fromString("7fffffff-0000-7000-8000-000000000000");
        assertThat(high.compareTo(low)).as("UUID.compareTo is signed").isNegative();
        ConversationKey first = new ConversationKey(T0, high, Kind.MAIL);
        ConversationKey second = new ConversationKey(T0, low, Kind.MAIL);
        assertThat(ConversationKey.LIST_ORDER.compare(first, second)).isNegative();
    }

    @Test
    void theStoreIsToldWhetherTiesWithTheCursorFollow() {
        ConversationKey mailKey = new ConversationKey(T0, UUID.randomUUID(), Kind.MAIL);
        ConversationKey chatKey = new ConversationKey(T0, UUID.randomUUID(), Kind.CHAT);
        assertThat(mailKey.tieFollows(Kind.CHAT)).isTrue();
        assertThat(mailKey.tieFollows(Kind.MAIL)).isFalse();
        assertThat(chatKey.tieFollows(Kind.MAIL)).isFalse();
        assertThat(chatKey.tieFollows(Kind.CHAT)).isFalse();
    }

    @Test
    void theCursorRoundTripsAndBadOnesAre422() {
        ConversationKey key = new ConversationKey(Instant.parse("2026-02-07T11:14:49.123456Z"),
                UUID.fromString(id(7)), Kind.CHAT);
        String text = key.toCursor().encode();
        assertThat(CursorKey.decode(text).values()).containsExactly(entry("last_message_at", "2026-02-07T11:14:49.123456+00:00"),
                entry("conversation_id", id(7)), entry("conversation_type", "chat"));
        assertThat(Conversations.request(10, text).after()).contains(key);

        assertDetail(() -> Conversations.request(null, "!!!"), "Invalid cursor: malformed base64");
        assertDetail(() -> Conversations.request(null, cursor("{\"last_message_at\":\"soon\",\"conversation_id\":\"x\"}")),
                "Invalid cursor timestamp: soon");
        assertDetail(() -> Conversations.request(null, cursor("{\"last_message_at\":\"2026-02-07T11:14:49Z\"}")),
                "Invalid cursor: missing conversation_id");
        assertDetail(() -> Conversations.request(null, cursor(
                        "{\"last_message_at\":\"2026-02-07T11:14:49Z\",\"conversation_id\":\"x\",\"conversation_type\":\"mail\"}")),
                "Invalid cursor: bad conversation_id");
        assertDetail(() -> Conversations.request(null, cursor(
                        "{\"last_message_at\":\"2026-02-07T11:14:49Z\",\"conversation_id\":\"%s\",\"conversation_type\":\"fax\"}".formatted(id(1)))),
                "Invalid cursor: bad conversation_type");
        assertThat(Conversations.request(null, "").after()).isEmpty();
    }

    @Test
    void theLimitIsOneToAHundred() {
        assertThat(Conversations.request(null, null).limit()).isEqualTo(50);
        assertThat(Conversations.request(100, null).limit()).isEqualTo(100);
        assertThatThrownBy(() -> Conversations.request(101, null))
                .isInstanceOfSatisfying(DomainError.Invalid.class, e -> assertThat(e.violations())
                        .extracting(Violation::type).containsExactly("less_than_equal"));
        assertThatThrownBy(() -> Conversations.request(0, null)).isInstanceOf(DomainError.Invalid.class);
    }

    @Test
    void previewsKeepTheFirstHundredCodePoints() {
        String body = "😀".repeat(150);
        Conversation c = new Conversation(Kind.CHAT, UUID.randomUUID(), List.of(), "", T0, "bob", body, 1);
        assertThat(c.lastMessagePreview()).isEqualTo("😀".repeat(100));
        assertThat(Conversation.preview("short")).isEqualTo("short");
    }

    private static String cursor(String json) {
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static void assertDetail(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String detail) {
        assertThatThrownBy(call).isInstanceOfSatisfying(DomainError.Invalid.class, e -> assertThat(e.detail()).isEqualTo(detail));
    }
}
