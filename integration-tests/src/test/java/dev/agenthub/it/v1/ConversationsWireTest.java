package dev.agenthub.it.v1;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agenthub.it.support.HttpProbe.Response;
import dev.agenthub.it.support.V1Client.Identity;
import dev.agenthub.it.support.V1HubTest;
import dev.agenthub.protocol.kernel.time.WireTime;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.agenthub.it.support.V1Client.assertBody;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /v1/conversations} (§4.18, §1.6) over HTTP, whole bodies compared. Each test has its own project. */
class ConversationsWireTest extends V1HubTest {

    private String tick() {
        clock.advance(Duration.ofSeconds(1));
        return WireTime.zulu(clock.instant());
    }

    private String mail(Identity from, String body) {
        Response sent = client.post("/v1/messages", body, from.bearer());
        assertThat(sent.status()).as(sent.body()).isEqualTo(200);
        return sent.json().get("message_id").asText();
    }

    private Response chat(Identity from, String aliasesJson, String message) {
        Response started = client.post("/v1/chat/sessions", "{\"to_aliases\":%s,\"message\":\"%s\"}".formatted(aliasesJson, message),
                from.bearer());
        assertThat(started.status()).as(started.body()).isEqualTo(200);
        return started;
    }

    @Test
    void mailThreadsAndChatSessionsMostRecentFirstWithUnreadCounts() {
        clock.set(NOW);
        Identity alice = client.init("conv-merge", "alice");
        Identity bob = client.init("conv-merge", "bob");
        Identity carol = client.init("conv-merge", "carol");
        Identity outsider = client.init("conv-merge-other", "mallory");
        String thread = UUID.randomUUID().toString();

        tick();
        String first = mail(bob, "{\"to_alias\":\"alice\",\"subject\":\"First\",\"body\":\"hello\",\"thread_id\":\"%s\"}".formatted(thread));
        tick();
        String session = chat(alice, "[\"bob\"]", "ping").json().get("session_id").asText();
        String t3 = tick();
        String solo = mail(carol, "{\"to_alias\":\"alice\",\"body\":\"solo\"}");
        String t4 = tick();
        String longBody = "é".repeat(60) + "😀".repeat(60); // 120 code points, 180 UTF-16 units
        mail(alice, "{\"to_alias\":\"bob\",\"subject\":\"Re: First\",\"body\":\"%s\",\"thread_id\":\"%s\"}".formatted(longBody, thread));
        String t5 = tick();
        client.post("/v1/chat/sessions/" + session + "/messages", "{\"body\":\"pong\"}", bob.bearer());
        tick();
        mail(carol, "{\"to_alias\":\"bob\",\"subject\":\"aside\",\"body\":\"between us\",\"thread_id\":\"%s\"}".formatted(thread));

        String preview = "é".repeat(60) + "😀".repeat(40);
        assertBody(client.get("/v1/conversations", alice.bearer()), 200, """
                {"conversations":[
                 {"conversation_type":"chat","conversation_id":"%s","participants":["alice","bob"],"subject":"","last_message_at":"%s",
                  "last_message_from":"bob","last_message_preview":"pong","unread_count":1},
                 {"conversation_type":"mail","conversation_id":"%s","participants":["alice","bob"],"subject":"Re: First","last_message_at":"%s",
                  "last_message_from":"alice","last_message_preview":"%s","unread_count":1},
                 {"conversation_type":"mail","conversation_id":"%s","participants":["alice","carol"],"subject":"","last_message_at":"%s",
                  "last_message_from":"carol","last_message_preview":"solo","unread_count":1}],
                 "next_cursor":null}""".formatted(session, t5, thread, t4, preview, solo, t3));

        // bob sees the thread with carol's aside (it involves him), and his own send read the chat
        String t6 = WireTime.zulu(clock.instant());
        assertBody(client.get("/v1/conversations", bob.bearer()), 200, """
                {"conversations":[
                 {"conversation_type":"mail","conversation_id":"%s","participants":["alice","bob","carol"],"subject":"aside","last_message_at":"%s",
                  "last_message_from":"carol","last_message_preview":"between us","unread_count":2},
                 {"conversation_type":"chat","conversation_id":"%s","participants":["alice","bob"],"subject":"","last_message_at":"%s",
                  "last_message_from":"bob","last_message_preview":"pong","unread_count":0}],
                 "next_cursor":null}""".formatted(thread, t6, session, t5));
        assertBody(client.get("/v1/conversations", outsider.bearer()), 200, "{\"conversations\":[],\"next_cursor\":null}");

        client.post("/v1/messages/" + first + "/ack", null, alice.bearer());
        String pong = client.get("/v1/chat/sessions/" + session + "/messages", alice.bearer()).json().get("messages").get(1)
                .get("message_id").asText();
        client.post("/v1/chat/sessions/" + session + "/read", "{\"up_to_message_id\":\"%s\"}".formatted(pong), alice.bearer());
        List<Integer> unread = new ArrayList<>();
        client.get("/v1/conversations", alice.bearer()).json().get("conversations").forEach(c -> unread.add(c.get("unread_count").asInt()));
        assertThat(unread).containsExactly(0, 0, 1);
    }

    @Test
    void pagesThroughTiesWithTheCursor() throws Exception {
        clock.set(NOW);
        Identity alice = client.init("conv-pages", "alice");
        Identity bob = client.init("conv-pages", "bob");
        client.init("conv-pages", "carol");
        // same instant for everything: the order is conversation_id descending
        List<String> mails = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            mails.add(mail(bob, "{\"to_alias\":\"alice\",\"body\":\"m%d\"}".formatted(i)));
        }
        String chatWithBob = chat(alice, "[\"bob\"]", "c1").json().get("session_id").asText();
        String chatWithCarol = chat(alice, "[\"carol\"]", "c2").json().get("session_id").asText();
        tick();
        String latest = mail(alice, "{\"to_alias\":\"carol\",\"body\":\"newest\"}");

        List<String> expected = new ArrayList<>(mails);
        expected.add(chatWithBob);
        expected.add(chatWithCarol);
        expected.sort(Comparator.reverseOrder()); // lowercase uuid text order is PostgreSQL's uuid order
        expected.addFirst(latest);

        Response all = client.get("/v1/conversations?limit=100", alice.bearer());
        assertThat(ids(all)).isEqualTo(expected);
        assertThat(all.json().get("next_cursor").isNull()).isTrue();

        List<String> paged = new ArrayList<>();
        Response page1 = client.get("/v1/conversations?limit=3", alice.bearer());
        assertThat(ids(page1)).hasSize(3);
        paged.addAll(ids(page1));
        String cursor1 = page1.json().get("next_cursor").asText();
        Response page2 = client.get("/v1/conversations?limit=3&cursor=" + cursor1, alice.bearer());
        assertThat(ids(page2)).hasSize(3);
        paged.addAll(ids(page2));
        String cursor2 = page2.json().get("next_cursor").asText();
        Response page3 = client.get("/v1/conversations?limit=3&cursor=" + cursor2 + "==", alice.bearer()); // padding accepted
        assertThat(ids(page3)).hasSize(1);
        assertThat(page3.json().get("next_cursor").isNull()).isTrue();
        paged.addAll(ids(page3));
        assertThat(paged).isEqualTo(expected);

        JsonNode decoded = new ObjectMapper().readTree(Base64.getUrlDecoder().decode(cursor1));
        assertThat(decoded.fieldNames()).toIterable().containsExactly("last_message_at", "conversation_id", "conversation_type");
        assertThat(cursor1).doesNotContain("=");
        assertThat(ids(client.get("/v1/conversations?limit=1", alice.bearer()))).containsExactly(latest);
    }

    @Test
    void queryValidation() {
        Identity alice = client.init("conv-query", "alice");
        assertBody(client.get("/v1/conversations?cursor=!!!", Map.of()), 422, "{\"detail\":\"Invalid cursor: malformed base64\"}");
        assertBody(client.get("/v1/conversations?cursor=" + encode("[1]"), alice.bearer()), 422, "{\"detail\":\"Invalid cursor: not a JSON object\"}");
        assertBody(client.get("/v1/conversations?cursor=" + encode("{\"last_message_at\""), alice.bearer()), 422,
                "{\"detail\":\"Invalid cursor: malformed JSON (unexpected end at offset 18)\"}");
        assertBody(client.get("/v1/conversations?cursor=" + encode("{\"last_message_at\":\"soon\"}"), alice.bearer()), 422,
                "{\"detail\":\"Invalid cursor timestamp: soon\"}");
        assertBody(client.get("/v1/conversations?cursor=" + encode("{\"last_message_at\":\"2026-02-07T11:14:49Z\",\"conversation_id\":\"x\",\"conversation_type\":\"mail\"}"),
                alice.bearer()), 422, "{\"detail\":\"Invalid cursor: bad conversation_id\"}");
        assertBody(client.get("/v1/conversations?limit=101", Map.of()), 422, """
                {"detail":[{"type":"less_than_equal","loc":["query","limit"],"msg":"Input should be less than or equal to 100","input":"101","ctx":{"le":100}}]}""");
        assertBody(client.get("/v1/conversations?limit=0", alice.bearer()), 422, """
                {"detail":[{"type":"greater_than_equal","loc":["query","limit"],"msg":"Input should be greater than or equal to 1","input":"0","ctx":{"ge":1}}]}""");
        assertBody(client.get("/v1/conversations", Map.of()), 401, "{\"detail\":\"Authentication required\"}");
        assertBody(client.get("/v1/conversations?cursor=", alice.bearer()), 200, "{\"conversations\":[],\"next_cursor\":null}");
    }

    private static String encode(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> ids(Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        response.json().get("conversations").forEach(c -> ids.add(c.get("conversation_id").asText()));
        return ids;
    }
}
