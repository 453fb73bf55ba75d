package dev.agenthub.it.v1;

import dev.agenthub.it.support.WorkspaceChannel;
import dev.agenthub.it.support.V1Client.Identity;
import dev.agenthub.it.support.V1HubTest;
import dev.agenthub.protocol.kernel.time.WireTime;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static dev.agenthub.it.support.V1Client.canonical;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The project status events of §13.1 that mail, chat and reservations publish on the workspace channels,
 * read straight from the hub's event bus ({@code StatusStreamWireTest} checks the stream that serves them to
 * clients). Exact payloads, on exactly the channel the table names.
 */
class StatusEventsTest extends V1HubTest {


    @Test
    void mailChatAndReservationsPublishOnTheRightWorkspace() throws Exception {
        clock.set(NOW);
        Identity alice = client.init("status-events", "alice");
        Identity bob = client.init("status-events", "bob");
        String now = WireTime.zulu(clock.instant());
        try (WorkspaceChannel aliceChannel = new WorkspaceChannel(hub, alice.agentId()); WorkspaceChannel bobChannel = new WorkspaceChannel(hub, bob.agentId())) {
            String mail = client.post("/v1/messages", "{\"to_alias\":\"bob\",\"subject\":\"build\",\"body\":\"red\",\"priority\":\"high\"}",
                    alice.bearer()).json().get("message_id").asText();
            assertThat(bobChannel.next()).as("delivered: on the recipient").isEqualTo(canonical("""
                    {"workspace_id":"%s","type":"message.delivered","timestamp":"%s","project_slug":"status-events","message_id":"%s",
                     "from_workspace":"%s","from_alias":"alice","to_alias":"bob","subject":"build","priority":"high"}"""
                    .formatted(bob.agentId(), now, mail, alice.agentId())));
            client.post("/v1/messages/" + mail + "/ack", null, bob.bearer());
            assertThat(bobChannel.next()).as("acknowledged: on the acknowledger").isEqualTo(canonical("""
                    {"workspace_id":"%s","type":"message.acknowledged","timestamp":"%s","project_slug":"status-events","message_id":"%s",
                     "from_alias":"alice","subject":"build"}""".formatted(bob.agentId(), now, mail)));
            client.post("/v1/messages/" + mail + "/ack", null, bob.bearer()); // a repeat publishes nothing

            String body = "x".repeat(79) + "é😀 tail";
            var chat = client.post("/v1/chat/sessions", "{\"to_aliases\":[\"bob\"],\"message\":\"" + body + "\"}", alice.bearer()).json();
            assertThat(aliceChannel.next()).as("chat: on the sender").isEqualTo(canonical("""
                    {"workspace_id":"%s","type":"chat.message_sent","timestamp":"%s","project_slug":"status-events","session_id":"%s",
                     "message_id":"%s","from_alias":"alice","to_aliases":["bob"],"preview":"%s"}"""
                    .formatted(alice.agentId(), now, chat.get("session_id").asText(), chat.get("message_id").asText(),
                            "x".repeat(79) + "é")));

            client.post("/v1/reservations", "{\"resource_key\":\"src/a.java\",\"ttl_seconds\":5}", alice.bearer());
            assertThat(aliceChannel.next()).isEqualTo(canonical("""
                    {"workspace_id":"%s","type":"reservation.acquired","timestamp":"%s","project_slug":"status-events",
                     "paths":["src/a.java"],"alias":"alice","ttl_seconds":60,"bead_id":null,"reason":null,"exclusive":true}"""
                    .formatted(alice.agentId(), now)));
            client.post("/v1/reservations/release", "{\"resource_key\":\"src/a.java\"}", alice.bearer());
            assertThat(aliceChannel.next()).isEqualTo(canonical("""
                    {"workspace_id":"%s","type":"reservation.released","timestamp":"%s","project_slug":"status-events",
                     "paths":["src/a.java"],"alias":"alice"}""".formatted(alice.agentId(), now)));
            client.post("/v1/reservations/release", "{\"resource_key\":\"src/a.java\"}", alice.bearer()); // nothing held: no event

            assertThat(aliceChannel.poll(Duration.ofMillis(300))).as("nothing more on alice's channel").isNull();
            assertThat(bobChannel.poll(Duration.ZERO)).as("nothing more on bob's channel").isNull();
        }
    }
}
