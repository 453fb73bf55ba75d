package dev.agenthub.it.v1;

import dev.agenthub.it.support.HttpProbe.Response;
import dev.agenthub.it.support.V1Client.Identity;
import dev.agenthub.it.support.V1HubTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.agenthub.it.support.V1Client.assertBody;
import static org.assertj.core.api.Assertions.assertThat;

/** The chat request/response routes (§4.10, §9.2) over HTTP, whole bodies compared. Each test has its own project. */
class ChatWireTest extends V1HubTest {

    private String tick() {
        clock.advance(Duration.ofSeconds(1));
        return dev.agenthub.protocol.kernel.time.WireTime.zulu(clock.instant());
    }

    @Test
    void oneSessionPerParticipantSetWithHistoryPendingAndReadCursor() {
        clock.set(NOW);
        Identity alice = client.init("chat-round", "alice");
        Identity bob = client.init("chat-round", "bob");
        String t1 = tick();
        Response started = client.post("/v1/chat/sessions", "{\"to_aliases\":[\"bob\",\" \"],\"message\":\"ping\"}", alice.bearer());
        String sessionId = started.json().get("session_id").asText();
        String first = started.json().get("message_id").asText();
        assertBody(started, 200, """
                {"session_id":"%s","message_id":"%s","participants":[{"agent_id":"%s","alias":"alice"},{"agent_id":"%s","alias":"bob"}],
                 "sse_url":"/v1/chat/sessions/%s/stream","targets_connected":[],"targets_left":[]}"""
                .formatted(sessionId, first, alice.agentId(), bob.agentId(), sessionId));

        String t2 = tick();
        Response again = client.post("/v1/chat/sessions", "{\"to_aliases\":[\"alice\"],\"message\":\"pong\",\"leaving\":true}", bob.bearer());
        assertThat(again.json().get("session_id").asText()).as("the same participant set, whoever starts").isEqualTo(sessionId);
        String second = again.json().get("message_id").asText();

        client.post("/v1/messages", "{\"to_alias\":\"alice\",\"body\":\"mail\"}", bob.bearer());
        assertBody(client.get("/v1/chat/pending", alice.bearer()), 200, """
                {"pending":[{"session_id":"%s","participants":["alice","bob"],"last_message":"pong","last_from":"bob","unread_count":1,
                  "last_activity":"%s","sender_waiting":false,"time_remaining_seconds":0}],"messages_waiting":1}"""
                .formatted(sessionId, t2));
        assertBody(client.get("/v1/chat/pending", bob.bearer()), 200, "{\"pending\":[],\"messages_waiting\":0}");

        assertBody(client.get("/v1/chat/sessions/" + sessionId + "/messages", alice.bearer()), 200, """
                {"messages":[
                 {"message_id":"%s","from_agent":"alice","from_address":"chat-round/alice","body":"ping","timestamp":"%s","sender_leaving":false,
                  "to_address":"chat-round/bob","from_did":null,"to_did":null,"signature":null,"signing_key_id":null},
                 {"message_id":"%s","from_agent":"bob","from_address":"chat-round/bob","body":"pong","timestamp":"%s","sender_leaving":true,
                  "to_address":"chat-round/alice","from_did":null,"to_did":null,"signature":null,"signing_key_id":null}]}"""
                .formatted(first, t1, second, t2));
        assertThat(ids(client.get("/v1/chat/sessions/" + sessionId + "/messages?unread_only=true", alice.bearer()))).containsExactly(second);
        assertThat(ids(client.get("/v1/chat/sessions/" + sessionId + "/messages?limit=1", alice.bearer()))).containsExactly(second);

        tick();
        Response targetsLeft = client.post("/v1/chat/sessions", "{\"to_aliases\":[\"bob\"],\"message\":\"still there?\"}", alice.bearer());
        assertThat(targetsLeft.json().get("targets_left").toString()).isEqualTo("[\"bob\"]");
        tick();

        assertBody(client.post("/v1/chat/sessions/" + sessionId + "/read", "{\"up_to_message_id\":\"%s\"}".formatted(second), alice.bearer()),
                200, "{\"success\":true,\"messages_marked\":0}"); // sending "still there?" already moved alice's cursor past it
        assertBody(client.post("/v1/chat/sessions/" + sessionId + "/read", "{\"up_to_message_id\":\"%s\"}".formatted(first), bob.bearer()),
                200, "{\"success\":true,\"messages_marked\":0}"); // bob's own send moved his cursor past "ping"
        String third = targetsLeft.json().get("message_id").asText();
        assertBody(client.post("/v1/chat/sessions/" + sessionId + "/read", "{\"up_to_message_id\":\"%s\"}".formatted(third), bob.bearer()),
                200, "{\"success\":true,\"messages_marked\":1}");
        assertBody(client.post("/v1/chat/sessions/" + sessionId + "/read", "{\"up_to_message_id\":\"%s\"}".formatted(third), bob.bearer()),
                200, "{\"success\":true,\"messages_marked\":0}");
        assertBody(client.get("/v1/chat/pending", bob.bearer()), 200, "{\"pending\":[],\"messages_waiting\":0}");
    }

    @Test
    void aReplyStampedInTheSameMicrosecondAsTheReadersOwnSendIsStillUnread() {
        clock.set(NOW.plus(Duration.ofDays(5))); // frozen: every message below gets the same timestamp
        Identity alice = client.init("chat-same-tick", "alice");
        Identity bob = client.init("chat-same-tick", "bob");
        String session = client.post("/v1/chat/sessions", "{\"to_aliases\":[\"bob\"],\"message\":\"ping\"}", alice.bearer())
                .json().get("session_id").asText();
        String pong = client.post("/v1/chat/sessions/" + session + "/messages", "{\"body\":\"pong\"}", bob.bearer())
                .json().get("message_id").asText();

        Response pending = client.get("/v1/chat/pending", alice.bearer());
        assertThat(pending.json().get("pending").get(0).get("unread_count").asInt()).isEqualTo(1);
        assertThat(ids(client.get("/v1/chat/sessions/" + session + "/messages?unread_only=true", alice.bearer()))).containsExactly(pong);
        assertBody(client.post("/v1/chat/sessions/" + session + "/read", "{\"up_to_message_id\":\"%s\"}".formatted(pong), alice.bearer()),
                200, "{\"success\":true,\"messages_marked\":1}");
        assertBody(client.get("/v1/chat/pending", alice.bearer()), 200, "{\"pending\":[],\"messages_waiting\":0}");
    }

    @Test
    void sendingToASessionAndListingSessions() {
        clock.set(NOW);
        Identity alice = client.init("chat-send", "alice");
        Identity bob = client.init("chat-send", "bob");
        Identity carol = client.init("chat-send", "carol");
        tick();
        String sessionId = client.post("/v1/chat/sessions", "{\"to_aliases\":[\"carol\",\"bob\"],\"message\":\"all hands\"}", alice.bearer())
                .json().get("session_id").asText();
        tick();
        Response sent = client.post("/v1/chat/sessions/" + sessionId + "/messages", "{\"body\":\"hold on\",\"hang_on\":true}", bob.bearer());
        assertBody(sent, 200, "{\"message_id\":\"%s\",\"delivered\":true,\"extends_wait_seconds\":300}".formatted(sent.json().get("message_id").asText()));
        Response history = client.get("/v1/chat/sessions/" + sessionId + "/messages", carol.bearer());
        assertThat(history.json().get("messages").get(1).get("to_address").asText()).isEqualTo("chat-send/alice,chat-send/carol");
        assertBody(client.get("/v1/chat/sessions", carol.bearer()), 200, """
                {"sessions":[{"session_id":"%s","participants":["alice","bob","carol"],"created_at":"2026-02-07T11:14:50.123456Z","sender_waiting":false}]}"""
                .formatted(sessionId));

        Identity dave = client.init("chat-send", "dave");
        assertBody(client.post("/v1/chat/sessions/" + sessionId + "/messages", "{\"body\":\"let me in\"}", dave.bearer()), 403,
                "{\"detail\":\"Not a participant in this session\"}");
        assertBody(client.get("/v1/chat/sessions/" + sessionId + "/messages", dave.bearer()), 403,
                "{\"detail\":\"Not a participant in this session\"}");
        Identity outsider = client.init("chat-send-other", "alice");
        assertBody(client.get("/v1/chat/sessions/" + sessionId + "/messages", outsider.bearer()), 404, "{\"detail\":\"Session not found\"}");
        assertBody(client.get("/v1/chat/sessions/not-a-uuid/messages", alice.bearer()), 422, "{\"detail\":\"Invalid id format\"}");
        assertBody(client.post("/v1/chat/sessions/" + UUID.randomUUID() + "/messages", "{\"body\":\"x\"}", alice.bearer()), 404,
                "{\"detail\":\"Session not found\"}");
        assertBody(client.post("/v1/chat/sessions/" + sessionId + "/read", "{\"up_to_message_id\":\"%s\"}".formatted(UUID.randomUUID()),
                alice.bearer()), 404, "{\"detail\":\"Message not found\"}");
    }

    @Test
    void startErrorsAndStrictBodies() {
        clock.set(NOW);
        Identity alice = client.init("chat-errors", "alice");
        client.init("chat-errors", "bob");
        client.init("chat-errors-other", "zed");
        assertBody(client.post("/v1/chat/sessions", "{\"to_aliases\":[\"zed\"],\"message\":\"x\"}", alice.bearer()), 404,
                "{\"detail\":\"Agent not found\"}");
        assertBody(client.post("/v1/chat/sessions", "{\"to_aliases\":[\"alice\"],\"message\":\"x\"}", alice.bearer()), 400,
                "{\"detail\":\"Self-chat is not supported\"}");
        assertBody(client.post("/v1/chat/sessions", "{\"to_aliases\":[\"\",\"  \"],\"message\":\"x\"}", alice.bearer()), 422,
                "{\"detail\":\"to_aliases must not be empty\"}");
        assertBody(client.post("/v1/chat/sessions", "{\"to_aliases\":\"bob\",\"message\":\"x\",\"from_alias\":\"m\"}", Map.of()), 422, """
                {"detail":[{"type":"list_type","loc":["body","to_aliases"],"msg":"Input should be a valid list","input":"bob"},
                 {"type":"extra_forbidden","loc":["body","from_alias"],"msg":"Extra inputs are not permitted","input":"m"}]}""");
        String id = UUID.randomUUID().toString();
        String signed = "{\"to_aliases\":[\"bob\"],\"message\":\"x\",\"message_id\":\"%s\",\"timestamp\":\"2026-02-07T11:14:49Z\",\"from_did\":\"did:key:z1\",\"signature\":\"s\"}"
                .formatted(id);
        Response first = client.post("/v1/chat/sessions", signed, alice.bearer());
        assertThat(first.json().get("message_id").asText()).isEqualTo(id);
        assertBody(client.post("/v1/chat/sessions", signed, alice.bearer()), 409, "{\"detail\":\"message_id already exists\"}");
        String sessionId = first.json().get("session_id").asText();
        assertBody(client.post("/v1/chat/sessions/" + sessionId + "/messages", "{\"body\":\"\"}", alice.bearer()), 422, """
                {"detail":[{"type":"string_too_short","loc":["body","body"],"msg":"String should have at least 1 character","input":"","ctx":{"min_length":1}}]}""");
        assertBody(client.post("/v1/chat/sessions/" + sessionId + "/read", "{\"up_to_message_id\":\"nope\"}", alice.bearer()), 422, """
                {"detail":[{"type":"uuid_parsing","loc":["body","up_to_message_id"],"msg":"Input should be a valid UUID","input":"nope"}]}""");
    }

    private static List<String> ids(Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        response.json().get("messages").forEach(m -> ids.add(m.get("message_id").asText()));
        return ids;
    }
}
