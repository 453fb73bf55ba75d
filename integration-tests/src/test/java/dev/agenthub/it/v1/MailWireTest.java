package dev.agenthub.it.v1;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agenthub.it.support.HttpProbe.Response;
import dev.agenthub.it.support.V1Client.Identity;
import dev.agenthub.it.support.V1HubTest;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.agenthub.it.support.V1Client.assertBody;
import static org.assertj.core.api.Assertions.assertThat;

/** Mail (§4.9, §9.1) over HTTP, whole bodies compared. Each test uses its own project. */
class MailWireTest extends V1HubTest {

    private static final String NOW_Z = "2026-02-07T11:14:49.123456Z";

    @Test
    void sendInboxAndAcknowledge() {
        clock.set(NOW);
        Identity alice = client.init("mail-round", "alice");
        Identity bob = client.init("mail-round", "bob");
        String thread = UUID.randomUUID().toString();

        Response sent = client.post("/v1/messages", """
                {"to_alias":"bob","subject":"Review","body":"Please look at PR 7 ✓","priority":"high","thread_id":"%s"}"""
                .formatted(thread.toUpperCase()), alice.bearer());
        String messageId = sent.json().get("message_id").asText();
        assertBody(sent, 200, "{\"message_id\":\"%s\",\"status\":\"delivered\",\"delivered_at\":\"%s\"}".formatted(messageId, NOW_Z));

        clock.advance(Duration.ofSeconds(1));
        Response second = client.post("/v1/messages", "{\"to_agent_id\":\"%s\",\"to_alias\":\"nobody\",\"body\":\"jump in\"}"
                .formatted(bob.agentId()), alice.bearer());
        assertThat(second.status()).as("to_agent_id wins over to_alias").isEqualTo(200);
        String secondId = second.json().get("message_id").asText();

        assertBody(client.get("/v1/messages/inbox", bob.bearer()), 200, """
                {"messages":[
                 {"message_id":"%s","from_agent_id":"%s","from_alias":"alice","from_address":"mail-round/alice","subject":"",
                  "body":"jump in","priority":"normal","thread_id":null,"read_at":null,"created_at":"2026-02-07T11:14:50.123456Z",
                  "from_did":null,"to_did":null,"to_address":"mail-round/bob","signature":null,"signing_key_id":null,"rotation_announcement":null},
                 {"message_id":"%s","from_agent_id":"%s","from_alias":"alice","from_address":"mail-round/alice","subject":"Review",
                  "body":"Please look at PR 7 ✓","priority":"high","thread_id":"%s","read_at":null,"created_at":"%s",
                  "from_did":null,"to_did":null,"to_address":"mail-round/bob","signature":null,"signing_key_id":null,"rotation_announcement":null}]}"""
                .formatted(secondId, alice.agentId(), messageId, alice.agentId(), thread, NOW_Z));
        assertThat(ids(client.get("/v1/messages/inbox", alice.bearer()))).as("nothing to the sender").isEmpty();

        clock.advance(Duration.ofSeconds(5));
        assertBody(client.post("/v1/messages/" + messageId + "/ack", null, bob.bearer()), 200,
                "{\"message_id\":\"%s\",\"acknowledged_at\":\"2026-02-07T11:14:55.123456Z\"}".formatted(messageId));
        clock.advance(Duration.ofSeconds(5));
        assertBody(client.post("/v1/messages/" + messageId.toUpperCase().replace("-", "") + "/ack", null, bob.bearer()), 200,
                "{\"message_id\":\"%s\",\"acknowledged_at\":\"2026-02-07T11:14:55.123456Z\"}".formatted(messageId));

        assertThat(ids(client.get("/v1/messages/inbox?unread_only=true&limit=500", bob.bearer()))).containsExactly(secondId);
        assertThat(ids(client.get("/v1/messages/inbox?limit=1", bob.bearer()))).containsExactly(secondId);
        JsonNode read = client.get("/v1/messages/inbox", bob.bearer()).json().get("messages").get(1);
        assertThat(read.get("read_at").asText()).isEqualTo("2026-02-07T11:14:55.123456Z");
    }

    @Test
    void acknowledgementErrors() {
        clock.set(NOW);
        Identity alice = client.init("mail-ack", "alice");
        Identity bob = client.init("mail-ack", "bob");
        Identity outsider = client.init("mail-ack-other", "carol");
        String messageId = client.post("/v1/messages", "{\"to_alias\":\"bob\",\"body\":\"hi\"}", alice.bearer()).json().get("message_id").asText();

        assertBody(client.post("/v1/messages/not-a-uuid/ack", null, bob.bearer()), 422, "{\"detail\":\"Invalid message_id format\"}");
        assertBody(client.post("/v1/messages/" + UUID.randomUUID() + "/ack", null, bob.bearer()), 404, "{\"detail\":\"Message not found\"}");
        assertBody(client.post("/v1/messages/" + messageId + "/ack", null, alice.bearer()), 403,
                "{\"detail\":\"Not authorized to acknowledge this message\"}");
        assertBody(client.post("/v1/messages/" + messageId + "/ack", null, outsider.bearer()), 404, "{\"detail\":\"Message not found\"}");
        assertThat(ids(client.get("/v1/messages/inbox?unread_only=true", bob.bearer()))).containsExactly(messageId);
    }

    @Test
    void recipientsMustBeLiveAgentsOfTheProject() throws SQLException {
        clock.set(NOW);
        Identity alice = client.init("mail-to", "alice");
        Identity outsider = client.init("mail-to-other", "dave");
        assertBody(client.post("/v1/messages", "{\"to_alias\":\"dave\",\"body\":\"x\"}", alice.bearer()), 404, "{\"detail\":\"Agent not found\"}");
        assertBody(client.post("/v1/messages", "{\"to_agent_id\":\"%s\",\"body\":\"x\"}".formatted(outsider.agentId()), alice.bearer()),
                404, "{\"detail\":\"Agent not found\"}");
        assertBody(client.post("/v1/messages", "{\"body\":\"x\"}", alice.bearer()), 422, "{\"detail\":\"Must provide to_agent_id or to_alias\"}");

        Identity old = client.init("mail-to", "old-timer", "persistent");
        Identity heir = client.init("mail-to", "heir", "persistent");
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement retire = connection.prepareStatement(
                     "UPDATE protocol.agents SET status = 'retired', successor_agent_id = ? WHERE agent_id = ?")) {
            retire.setObject(1, UUID.fromString(heir.agentId()));
            retire.setObject(2, UUID.fromString(old.agentId()));
            assertThat(retire.executeUpdate()).isEqualTo(1);
        }
        assertBody(client.post("/v1/messages", "{\"to_alias\":\"old-timer\",\"body\":\"x\"}", alice.bearer()), 410,
                "{\"detail\":\"Agent is retired\",\"successor_alias\":\"heir\",\"successor_agent_id\":\"%s\"}".formatted(heir.agentId()));
    }

    @Test
    void bodiesAreStrictAndSignedMessagesFollowTheSigningRules() {
        clock.set(NOW);
        Identity alice = client.init("mail-strict", "alice");
        client.init("mail-strict", "bob");
        assertBody(client.post("/v1/messages", "{\"to_alias\":\"bob\",\"body\":\"x\",\"from_alias\":\"mallory\",\"project_id\":\"p\"}",
                alice.bearer()), 422, """
                {"detail":[{"type":"extra_forbidden","loc":["body","from_alias"],"msg":"Extra inputs are not permitted","input":"mallory"},
                 {"type":"extra_forbidden","loc":["body","project_id"],"msg":"Extra inputs are not permitted","input":"p"}]}""");
        assertBody(client.post("/v1/messages", "{\"to_alias\":\"bob\",\"priority\":\"asap\"}", Map.of()), 422, """
                {"detail":[{"type":"missing","loc":["body","body"],"msg":"Field required","input":{"to_alias":"bob","priority":"asap"}},
                 {"type":"literal_error","loc":["body","priority"],"msg":"Input should be 'low', 'normal', 'high' or 'urgent'","input":"asap",
                  "ctx":{"expected":"'low', 'normal', 'high' or 'urgent'"}}]}""");
        assertBody(client.post("/v1/messages", "{\"to_alias\":\"bob\",\"body\":\"x\",\"signature\":\"sig\"}", alice.bearer()), 422,
                "{\"detail\":\"from_did is required when signature is provided\"}");
        assertBody(client.post("/v1/messages", "{\"to_alias\":\"bob\",\"body\":\"x\",\"signature\":\"sig\",\"from_did\":\"did:key:z1\"}",
                alice.bearer()), 422, "{\"detail\":\"message_id and timestamp are required when signature is provided\"}");
        String id = UUID.randomUUID().toString();
        String signed = "{\"to_alias\":\"bob\",\"body\":\"x\",\"signature\":\"sig\",\"from_did\":\"did:key:z1\",\"message_id\":\"%s\",\"timestamp\":\"%s\"}";
        assertBody(client.post("/v1/messages", signed.formatted(id, "2026-02-07T11:14:49"), alice.bearer()), 422,
                "{\"detail\":\"timestamp must be timezone-aware\"}");
        assertBody(client.post("/v1/messages", signed.formatted(id, "2026-02-07T11:14:49.5Z"), alice.bearer()), 422,
                "{\"detail\":\"timestamp must be second precision\"}");
        Response accepted = client.post("/v1/messages", signed.formatted(id, "2026-02-07T11:14:49+01:00"), alice.bearer());
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
        assertThat(accepted.json().get("message_id").asText()).isEqualTo(id);
        assertBody(client.post("/v1/messages", signed.formatted(id, "2026-02-07T11:14:49Z"), alice.bearer()), 409,
                "{\"detail\":\"message_id already exists\"}");
    }

    @Test
    void inboxQueryValidation() {
        Identity alice = client.init("mail-query", "alice");
        assertBody(client.get("/v1/messages/inbox?limit=501&unread_only=maybe", alice.bearer()), 422, """
                {"detail":[{"type":"bool_parsing","loc":["query","unread_only"],"msg":"Input should be a valid boolean, unable to interpret input","input":"maybe"},
                 {"type":"less_than_equal","loc":["query","limit"],"msg":"Input should be less than or equal to 500","input":"501","ctx":{"le":500}}]}""");
        assertBody(client.get("/v1/messages/inbox?limit=0", Map.of()), 422, """
                {"detail":[{"type":"greater_than_equal","loc":["query","limit"],"msg":"Input should be greater than or equal to 1","input":"0","ctx":{"ge":1}}]}""");
    }

    private static List<String> ids(Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        response.json().get("messages").forEach(m -> ids.add(m.get("message_id").asText()));
        return ids;
    }
}
