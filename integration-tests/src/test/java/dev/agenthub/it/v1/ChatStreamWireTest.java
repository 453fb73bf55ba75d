package dev.agenthub.it.v1;

import dev.agenthub.it.support.HttpProbe.Response;
import dev.agenthub.it.support.SseClient;
import dev.agenthub.it.support.SseClient.Frame;
import dev.agenthub.it.support.V1Client.Identity;
import dev.agenthub.it.support.SseHubTest;
import dev.agenthub.protocol.kernel.time.WireTime;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.agenthub.it.support.V1Client.assertBody;
import static dev.agenthub.it.support.V1Client.canonical;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chat session stream (§9.2) over real HTTP: headers, the first keepalive, the replay with and without
 * {@code after}, live {@code message} and {@code read_receipt} frames (the reader's own receipts left out),
 * waiting presence in {@code targets_connected}/{@code sender_waiting}, the deadline, and every 4xx.
 */
class ChatStreamWireTest extends SseHubTest {


    private String tick() {
        clock.advance(Duration.ofSeconds(1));
        return WireTime.zulu(clock.instant());
    }

    private SseClient stream(String sessionId, String query, Identity who) {
        return SseClient.open(http, hub.url(), "/v1/chat/sessions/" + sessionId + "/stream" + query, who.bearer());
    }

    private static String messageData(String slug, String sessionId, String messageId, String from, String to, String body,
                                      boolean leaving, boolean waiting, boolean hangOn, String timestamp) {
        return canonical("""
                {"type":"message","session_id":"%s","message_id":"%s","from_agent":"%s","from_address":"%s/%s","body":"%s",
                 "sender_leaving":%s,"sender_waiting":%s,"hang_on":%s,"extends_wait_seconds":%d,"timestamp":"%s",
                 "to_address":"%s/%s","from_did":null,"to_did":null,"signature":null,"signing_key_id":null}"""
                .formatted(sessionId, messageId, from, slug, from, body, leaving, waiting, hangOn, hangOn ? 300 : 0, timestamp,
                        slug, to));
    }

    @Test
    void replaysThenPushesMessagesAndTheOthersReadReceiptsUntilTheDeadline() throws Exception {
        clock.set(NOW);
        Identity alice = client.init("sse-chat", "alice");
        Identity bob = client.init("sse-chat", "bob");
        String t1 = tick();
        Response started = client.post("/v1/chat/sessions", "{\"to_aliases\":[\"bob\"],\"message\":\"ping\"}", alice.bearer());
        String session = started.json().get("session_id").asText();
        String ping = started.json().get("message_id").asText();
        String t2 = tick();
        String pong = client.post("/v1/chat/sessions", "{\"to_aliases\":[\"alice\"],\"message\":\"pong\",\"leaving\":true}",
                bob.bearer()).json().get("message_id").asText();

        try (SseClient stream = stream(session, "?deadline=" + deadlineIn(Duration.ofSeconds(4)), alice)) {
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.header("Content-Type")).startsWith("text/event-stream");
            assertThat(stream.header("Cache-Control")).isEqualTo("no-cache");
            assertThat(stream.next(WAIT).text()).isEqualTo(": keepalive");
            Frame first = stream.nextEvent(WAIT);
            assertThat(first.event()).isEqualTo("message");
            assertThat(first.text()).as("one event line and one data line").hasLineCount(2);
            assertThat(first.data()).as("alice streams, so she is waiting").isEqualTo(
                    messageData("sse-chat", session, ping, "alice", "bob", "ping", false, true, false, t1));
            assertThat(stream.nextEvent(WAIT).data()).isEqualTo(
                    messageData("sse-chat", session, pong, "bob", "alice", "pong", true, false, false, t2));

            String t3 = tick();
            Response reply = client.post("/v1/chat/sessions", "{\"to_aliases\":[\"alice\"],\"message\":\"are you there\"}", bob.bearer());
            assertThat(reply.json().get("targets_connected").toString()).isEqualTo("[\"alice\"]");
            String third = reply.json().get("message_id").asText();
            assertThat(stream.nextEvent(WAIT).data()).isEqualTo(
                    messageData("sse-chat", session, third, "bob", "alice", "are you there", false, false, false, t3));

            String t4 = tick();
            String fourth = client.post("/v1/chat/sessions/" + session + "/messages", "{\"body\":\"wait\",\"hang_on\":true}", bob.bearer())
                    .json().get("message_id").asText();
            assertThat(stream.nextEvent(WAIT).data()).isEqualTo(
                    messageData("sse-chat", session, fourth, "bob", "alice", "wait", false, false, true, t4));

            // alice reads: her own receipt is not on her stream; bob's is
            client.post("/v1/chat/sessions/" + session + "/read", "{\"up_to_message_id\":\"%s\"}".formatted(fourth), alice.bearer());
            String t5 = tick();
            String fifth = client.post("/v1/chat/sessions/" + session + "/messages", "{\"body\":\"yes\"}", alice.bearer())
                    .json().get("message_id").asText();
            assertThat(stream.nextEvent(WAIT).data()).as("alice's own message, sent while she waits").isEqualTo(
                    messageData("sse-chat", session, fifth, "alice", "bob", "yes", false, true, false, t5));
            assertBody(client.get("/v1/chat/pending", bob.bearer()), 200, """
                    {"pending":[{"session_id":"%s","participants":["alice","bob"],"last_message":"yes","last_from":"alice","unread_count":1,
                      "last_activity":"%s","sender_waiting":true,"time_remaining_seconds":0}],"messages_waiting":0}""".formatted(session, t5));
            assertThat(client.get("/v1/chat/sessions", bob.bearer()).json().get("sessions").get(0).get("sender_waiting").asBoolean()).isTrue();
            assertThat(client.get("/v1/chat/sessions", alice.bearer()).json().get("sessions").get(0).get("sender_waiting").asBoolean())
                    .as("only alice herself waits").isFalse();

            String t6 = tick();
            client.post("/v1/chat/sessions/" + session + "/read", "{\"up_to_message_id\":\"%s\"}".formatted(fifth), bob.bearer());
            Frame receipt = stream.nextEvent(WAIT);
            assertThat(receipt.event()).isEqualTo("read_receipt");
            assertThat(receipt.data()).isEqualTo(canonical("""
                    {"type":"read_receipt","session_id":"%s","reader_alias":"bob","up_to_message_id":"%s","extends_wait_seconds":300,
                     "timestamp":"%s"}""".formatted(session, fifth, t6)));

            assertThat(stream.awaitEnd(WAIT)).as("closed at the deadline").isTrue();
            assertThat(stream.nextEvent(Duration.ZERO)).isNull();
        }
        assertThat(client.post("/v1/chat/sessions", "{\"to_aliases\":[\"alice\"],\"message\":\"gone?\"}", bob.bearer())
                .json().get("targets_connected").toString()).as("the closed stream left the waiting set").isEqualTo("[]");
    }

    @Test
    void replaysTheLast50OrThoseAfterTheGivenTimeEvenPastTheDeadline() throws Exception {
        clock.set(NOW.plus(Duration.ofDays(1)));
        Identity alice = client.init("sse-replay", "alice");
        client.init("sse-replay", "bob");
        String session = client.post("/v1/chat/sessions", "{\"to_aliases\":[\"bob\"],\"message\":\"m1\"}", alice.bearer())
                .json().get("session_id").asText();
        List<String> stamps = new ArrayList<>();
        stamps.add(WireTime.zulu(clock.instant()));
        for (int i = 2; i <= 55; i++) {
            stamps.add(tick());
            client.post("/v1/chat/sessions/" + session + "/messages", "{\"body\":\"m" + i + "\"}", alice.bearer());
        }
        String past = URLEncoder.encode(WireTime.zulu(clock.instant().minusSeconds(1)), StandardCharsets.UTF_8);

        try (SseClient stream = stream(session, "?deadline=" + past, alice)) {
            List<String> bodies = bodies(stream);
            assertThat(bodies).hasSize(50).startsWith("m6").endsWith("m55");
        }
        String after = URLEncoder.encode(stamps.get(51).replace("Z", "+00:00"), StandardCharsets.UTF_8); // m52's time
        try (SseClient stream = stream(session, "?deadline=" + past + "&after=" + after, alice)) {
            assertThat(bodies(stream)).containsExactly("m53", "m54", "m55");
        }
    }

    private static List<String> bodies(SseClient stream) throws InterruptedException {
        assertThat(stream.next(WAIT).text()).isEqualTo(": keepalive");
        List<String> bodies = new ArrayList<>();
        Frame frame;
        while ((frame = stream.nextEvent(WAIT)) != null) {
            bodies.add(frame.data().replaceAll(".*\"body\":\"([^\"]*)\".*", "$1"));
        }
        assertThat(stream.awaitEnd(WAIT)).isTrue();
        return bodies;
    }

    @Test
    void rejectsBadRequestsBeforeStreaming() {
        clock.set(NOW.plus(Duration.ofDays(2)));
        Identity alice = client.init("sse-errors", "alice");
        client.init("sse-errors", "bob");
        Identity carol = client.init("sse-errors", "carol");
        Identity stranger = client.init("sse-errors-other", "alice");
        String session = client.post("/v1/chat/sessions", "{\"to_aliases\":[\"bob\"],\"message\":\"hi\"}", alice.bearer())
                .json().get("session_id").asText();
        String base = "/v1/chat/sessions/" + session + "/stream";
        String deadline = "?deadline=" + deadlineIn(Duration.ofSeconds(30));

        assertBody(client.get("/v1/chat/sessions/not-a-uuid/stream" + deadline, alice.bearer()), 422, "{\"detail\":\"Invalid id format\"}");
        assertBody(client.get("/v1/chat/sessions/" + UUID.randomUUID() + "/stream" + deadline, alice.bearer()), 404,
                "{\"detail\":\"Session not found\"}");
        assertBody(client.get(base + deadline, stranger.bearer()), 404, "{\"detail\":\"Session not found\"}");
        assertBody(client.get(base + deadline, carol.bearer()), 403, "{\"detail\":\"Not a participant in this session\"}");
        assertThat(client.get(base + deadline, Map.of()).status()).isEqualTo(401);
        assertBody(client.get(base, alice.bearer()), 422, """
                {"detail":[{"type":"missing","loc":["query","deadline"],"msg":"Field required","input":null}]}""");
        assertBody(client.get(base + "?deadline=soon", alice.bearer()), 422, "{\"detail\":\"Invalid deadline format\"}");
        assertBody(client.get(base + "?deadline=2026-02-09T11:14:49", alice.bearer()), 422,
                "{\"detail\":\"deadline must be timezone-aware\"}");
        assertBody(client.get(base + "?deadline=2026-02-09%2011:14:49", alice.bearer()), 422,
                "{\"detail\":\"deadline must be timezone-aware\"}");
        assertBody(client.get(base + deadline + "&after=2026-02-09T11:14:49", alice.bearer()), 422,
                "{\"detail\":\"after must be timezone-aware\"}");
        assertBody(client.get(base + deadline + "&after=yesterday", alice.bearer()), 422, "{\"detail\":\"Invalid after format\"}");
        assertBody(client.get(base + "?deadline=soon", carol.bearer()), 403, "{\"detail\":\"Not a participant in this session\"}");
    }
}
