package dev.agenthub.it.v1;

import dev.agenthub.it.support.SseClient;
import dev.agenthub.it.support.SseClient.Frame;
import dev.agenthub.it.support.V1Client;
import dev.agenthub.it.support.V1Client.Identity;
import dev.agenthub.it.support.V1Hubs;
import dev.agenthub.server.AgentHub;
import dev.agenthub.it.support.SseHubTest;
import dev.agenthub.protocol.kernel.time.WireTime;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static dev.agenthub.it.support.V1Client.assertBody;
import static dev.agenthub.it.support.V1Client.canonical;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The agent wake stream {@code GET /v1/events/stream} (§13.3) over real HTTP: keepalive, {@code connected}, the
 * sweep of unread mail and chat, live {@code mail_message} and {@code chat_message} frames, the deadline rules.
 */
class WakeStreamWireTest extends SseHubTest {


    private SseClient stream(String query, Identity who) {
        return SseClient.open(http, hub.url(), "/v1/events/stream" + query, who.bearer());
    }

    private static String mail(String id, String from, String subject) {
        return canonical("{\"type\":\"mail_message\",\"message_id\":\"%s\",\"from_alias\":\"%s\",\"subject\":\"%s\"}"
                .formatted(id, from, subject));
    }

    private static String chat(String id, String from, String session) {
        return canonical("{\"type\":\"chat_message\",\"message_id\":\"%s\",\"from_alias\":\"%s\",\"session_id\":\"%s\"}"
                .formatted(id, from, session));
    }

    @Test
    void sweepsWhatIsPendingThenWakesOnNewMailAndChatFromOthers() throws Exception {
        clock.set(NOW);
        Identity alice = client.init("wake", "alice");
        Identity bob = client.init("wake", "bob");
        String read = client.post("/v1/messages", "{\"to_alias\":\"alice\",\"subject\":\"old\",\"body\":\"x\"}", bob.bearer())
                .json().get("message_id").asText();
        client.post("/v1/messages/" + read + "/ack", null, alice.bearer());
        clock.advance(Duration.ofSeconds(1));
        String unread = client.post("/v1/messages", "{\"to_alias\":\"alice\",\"subject\":\"todo\",\"body\":\"y\"}", bob.bearer())
                .json().get("message_id").asText();
        var started = client.post("/v1/chat/sessions", "{\"to_aliases\":[\"alice\"],\"message\":\"hey\"}", bob.bearer()).json();
        String session = started.get("session_id").asText();
        String hey = started.get("message_id").asText();

        try (SseClient stream = stream("?deadline=" + deadlineIn(Duration.ofSeconds(3)), alice)) {
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.header("Content-Type")).startsWith("text/event-stream");
            assertThat(stream.header("Cache-Control")).isEqualTo("no-cache");
            assertThat(stream.next(WAIT).text()).isEqualTo(": keepalive");
            Frame connected = stream.nextEvent(WAIT);
            assertThat(connected.event()).isEqualTo("connected");
            assertThat(connected.data()).isEqualTo(canonical("{\"agent_id\":\"%s\",\"project_id\":\"%s\"}"
                    .formatted(alice.agentId(), alice.projectId())));
            Frame swept = stream.nextEvent(WAIT);
            assertThat(swept.event()).isEqualTo("mail_message");
            assertThat(swept.data()).as("only the unread mail").isEqualTo(mail(unread, "bob", "todo"));
            Frame sweptChat = stream.nextEvent(WAIT);
            assertThat(sweptChat.event()).isEqualTo("chat_message");
            assertThat(sweptChat.data()).isEqualTo(chat(hey, "bob", session));

            client.post("/v1/chat/sessions/" + session + "/messages", "{\"body\":\"mine\"}", alice.bearer()); // her own: no wake-up
            String fresh = client.post("/v1/messages", "{\"to_alias\":\"alice\",\"subject\":\"new\",\"body\":\"z\"}", bob.bearer())
                    .json().get("message_id").asText();
            assertThat(stream.nextEvent(WAIT).data()).isEqualTo(mail(fresh, "bob", "new"));
            String reply = client.post("/v1/chat/sessions/" + session + "/messages", "{\"body\":\"ok\"}", bob.bearer())
                    .json().get("message_id").asText();
            assertThat(stream.nextEvent(WAIT).data()).isEqualTo(chat(reply, "bob", session));

            assertThat(stream.awaitEnd(WAIT)).as("closed at the deadline").isTrue();
            assertThat(stream.nextEvent(Duration.ZERO)).isNull();
        }
    }

    @Test
    void aPastDeadlineEndsAfterTheSweepAndANaiveOneIsUtc() throws Exception {
        clock.set(NOW.plus(Duration.ofDays(1)));
        Identity alice = client.init("wake-deadline", "alice");
        String naivePast = WireTime.naive(clock.instant().minusSeconds(5));
        try (SseClient stream = stream("?deadline=" + naivePast, alice)) {
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.next(WAIT).text()).isEqualTo(": keepalive");
            assertThat(stream.nextEvent(WAIT).event()).isEqualTo("connected");
            assertThat(stream.awaitEnd(WAIT)).isTrue();
            assertThat(stream.nextEvent(Duration.ZERO)).isNull();
        }
    }

    @Test
    void stoppingTheHubEndsOpenStreamsInsteadOfWaitingOutTheGracePeriod() throws Exception {
        clock.set(NOW.plus(Duration.ofDays(3)));
        AgentHub own = V1Hubs.start(database, clock, Map.of("AGENT_HUB_SHUTDOWN_GRACE_SECONDS", "60"));
        Identity alice = new V1Client(own.url()).init("wake-stop", "alice");
        try (SseClient stream = SseClient.open(http, own.url(), "/v1/events/stream?deadline=" + deadlineIn(Duration.ofSeconds(120)),
                alice.bearer())) {
            assertThat(stream.nextEvent(WAIT).event()).isEqualTo("connected");
            assertThat(new V1Client(own.url()).get("/metrics", Map.of()).body()).contains("agent_hub_sse_streams_open 1.0");
            Thread closer = Thread.ofVirtual().start(own::close);
            assertThat(stream.awaitEnd(WAIT)).as("ended well before the 60 s grace period").isTrue();
            closer.join(WAIT.toMillis());
            assertThat(closer.isAlive()).as("close() returned").isFalse();
        }
    }

    @Test
    void rejectsBadDeadlinesAndCallersWithoutAnAgent() {
        clock.set(NOW.plus(Duration.ofDays(2)));
        Identity alice = client.init("wake-errors", "alice");
        assertBody(client.get("/v1/events/stream?deadline=tomorrow", alice.bearer()), 422, "{\"detail\":\"Invalid deadline format\"}");
        assertBody(client.get("/v1/events/stream", alice.bearer()), 422, """
                {"detail":[{"type":"missing","loc":["query","deadline"],"msg":"Field required","input":null}]}""");
        assertThat(client.get("/v1/events/stream?deadline=" + deadlineIn(Duration.ofSeconds(5)), Map.of()).status()).isEqualTo(401);
        assertThat(client.get("/v1/events/stream?deadline=" + deadlineIn(Duration.ofSeconds(5)),
                Map.of("Authorization", "Bearer aw_sk_" + "0".repeat(64))).status()).isEqualTo(401);
    }
}
