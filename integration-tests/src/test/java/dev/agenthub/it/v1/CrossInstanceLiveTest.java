package dev.agenthub.it.v1;

import dev.agenthub.it.support.SseClient;
import dev.agenthub.it.support.SseClient.Frame;
import dev.agenthub.it.support.V1Client;
import dev.agenthub.it.support.V1Client.Identity;
import dev.agenthub.it.support.V1Hubs;
import dev.agenthub.persistence.testing.SharedRedis;
import dev.agenthub.persistence.testing.TestDatabase;
import dev.agenthub.persistence.testing.TestInfrastructure;
import dev.agenthub.protocol.kernel.time.WireTime;
import dev.agenthub.server.AgentHub;
import dev.agenthub.testkit.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two hub instances on one PostgreSQL and one Redis: what is sent through instance A reaches streams open on
 * instance B through Redis pub/sub (no database polling), and the waiting presence of a stream on B is what
 * A reports in {@code targets_connected}. The delivery latencies are printed, not asserted (the benchmark
 * reports them under load).
 */
@ExtendWith(TestInfrastructure.class)
class CrossInstanceLiveTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T08:00:00.000001Z"));

    @Test
    void aChatMessageAndAMailSentThroughAReachStreamsOnB(TestDatabase database, SharedRedis redis) throws Exception {
        Map<String, String> environment = Map.of("AGENT_HUB_REDIS_URL", redis.url(),
                "AGENT_HUB_REDIS_KEY_PREFIX", redis.newKeyPrefix());
        try (AgentHub a = V1Hubs.start(database, clock, environment); AgentHub b = V1Hubs.start(database, clock, environment);
             HttpClient http = HttpClient.newHttpClient()) {
            V1Client onA = new V1Client(a.url());
            V1Client onB = new V1Client(b.url());
            Identity alice = onA.init("cross-live", "alice");
            Identity bob = onB.init("cross-live", "bob");
            String session = onA.post("/v1/chat/sessions", "{\"to_aliases\":[\"bob\"],\"message\":\"hello\"}", alice.bearer())
                    .json().get("session_id").asText();
            String deadline = URLEncoder.encode(WireTime.zulu(clock.instant().plusSeconds(60)), StandardCharsets.UTF_8);

            try (SseClient chatOnB = SseClient.open(http, b.url(), "/v1/chat/sessions/" + session + "/stream?deadline=" + deadline, bob.bearer());
                 SseClient wakeOnB = SseClient.open(http, b.url(), "/v1/events/stream?deadline=" + deadline, bob.bearer())) {
                assertThat(chatOnB.nextEvent(WAIT).data()).as("the replay").contains("\"body\":\"hello\"");
                assertThat(wakeOnB.nextEvent(WAIT).event()).isEqualTo("connected");
                assertThat(wakeOnB.nextEvent(WAIT).event()).as("the sweep: hello is unread").isEqualTo("chat_message");

                assertThat(onA.post("/v1/chat/sessions", "{\"to_aliases\":[\"bob\"],\"message\":\"are you on B?\"}", alice.bearer())
                        .json().get("targets_connected").toString()).as("A sees B's stream through Redis").isEqualTo("[\"bob\"]");
                assertThat(chatOnB.nextEvent(WAIT).data()).contains("\"body\":\"are you on B?\"", "\"sender_waiting\":false");
                assertThat(wakeOnB.nextEvent(WAIT).event()).isEqualTo("chat_message");

                List<Double> chatMillis = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    long sent = System.nanoTime();
                    String id = onA.post("/v1/chat/sessions/" + session + "/messages", "{\"body\":\"n" + i + "\"}", alice.bearer())
                            .json().get("message_id").asText();
                    Frame frame = chatOnB.nextEvent(WAIT);
                    assertThat(frame).as("message %d arrived on B", i).isNotNull();
                    assertThat(frame.data()).contains("\"message_id\":\"" + id + "\"");
                    chatMillis.add((frame.receivedNanos() - sent) / 1e6);
                    assertThat(wakeOnB.nextEvent(WAIT).data()).contains(id);
                }
                long sent = System.nanoTime();
                String mail = onA.post("/v1/messages", "{\"to_alias\":\"bob\",\"subject\":\"s\",\"body\":\"b\"}", alice.bearer())
                        .json().get("message_id").asText();
                Frame mailFrame = wakeOnB.nextEvent(WAIT);
                assertThat(mailFrame.event()).isEqualTo("mail_message");
                assertThat(mailFrame.data()).contains(mail);

                onB.post("/v1/chat/sessions/" + session + "/read", "{\"up_to_message_id\":\"%s\"}".formatted(mail), bob.bearer());
                Collections.sort(chatMillis);
                System.out.printf("cross-instance delivery, send on A -> frame on B (includes the POST round trip): chat median %.1f ms, "
                                + "max %.1f ms over %d; mail %.1f ms%n", chatMillis.get(chatMillis.size() / 2),
                        chatMillis.get(chatMillis.size() - 1), chatMillis.size(), (mailFrame.receivedNanos() - sent) / 1e6);
            }
        }
    }
}
