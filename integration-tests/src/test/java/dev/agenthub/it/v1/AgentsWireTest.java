package dev.agenthub.it.v1;

import dev.agenthub.it.support.HttpProbe.Response;
import dev.agenthub.it.support.V1Client.Identity;
import dev.agenthub.it.support.V1HubTest;
import dev.agenthub.protocol.kernel.id.ProjectId;
import dev.agenthub.protocol.presence.PresenceKind;
import dev.agenthub.protocol.presence.PresenceRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import static dev.agenthub.it.support.V1Client.assertBody;
import static org.assertj.core.api.Assertions.assertThat;

/** The agent, introspection and project routes (§4.2, §4.3), whole bodies compared. */
class AgentsWireTest extends V1HubTest {

    private static final String NOW_TEXT = "2026-02-07T11:14:49.123456+00:00";

    @Test
    void theListingIsOrderedByAliasWithWorkspacePresenceOfTheSameProjectOnly() {
        Identity zed = client.init("agents-list", "zed");
        Identity amy = client.post("/v1/init", """
                {"project_slug":"agents-list","alias":"amy","human_name":"Amy Pond","lifetime":"persistent"}""", Map.of()).status() == 200
                ? null : null;
        Identity other = client.init("agents-list-other", "intruder");
        String amyId = client.get("/v1/agents", zed.bearer()).json().get("agents").get(0).get("agent_id").asText();
        hub.presenceIndex().put(PresenceKind.WORKSPACE, new PresenceRecord(UUID.fromString(amyId), new ProjectId(UUID.fromString(zed.projectId())),
                "amy", "active", NOW.minusSeconds(5), new LinkedHashMap<>()), Duration.ofSeconds(60), NOW.minusSeconds(5));
        // a record under zed's id but in another project does not make zed online here
        hub.presenceIndex().put(PresenceKind.WORKSPACE, new PresenceRecord(UUID.fromString(zed.agentId()), new ProjectId(UUID.fromString(other.projectId())),
                "zed", "active", NOW, new LinkedHashMap<>()), Duration.ofSeconds(60), NOW);

        assertBody(client.get("/v1/agents", zed.bearer()), 200, """
                {"project_id":"%s","agents":[
                 {"agent_id":"%s","alias":"amy","human_name":"Amy Pond","agent_type":"agent","status":"active",
                  "last_seen":"2026-02-07T11:14:44.123456+00:00","online":true,"did":null,"custody":null,"lifetime":"persistent",
                  "identity_status":"active","access_mode":"open"},
                 {"agent_id":"%s","alias":"zed","human_name":null,"agent_type":"agent","status":"offline","last_seen":null,
                  "online":false,"did":null,"custody":null,"lifetime":"ephemeral","identity_status":"active","access_mode":"open"}]}"""
                .formatted(zed.projectId(), amyId, zed.agentId()));
        assertThat(amy).isNull();

        clock.advance(Duration.ofSeconds(56)); // amy's presence was written 5 s before NOW with a 60 s TTL
        assertThat(client.get("/v1/agents", zed.bearer()).json().get("agents").get(0).get("online").asBoolean()).isFalse();
        clock.set(NOW);
    }

    @Test
    void suggestAliasPrefixCountsLiveAgentsOfTheProject() {
        assertBody(client.post("/v1/agents/suggest-alias-prefix", "{\"project_slug\":\"  suggest-new  \",\"extra\":1}", Map.of()), 200,
                "{\"project_slug\":\"suggest-new\",\"project_id\":null,\"name_prefix\":\"alice\"}");
        Identity first = client.init("suggest-known", "alice-dev");
        client.init("suggest-known", "bob");
        assertBody(client.post("/v1/agents/suggest-alias-prefix", "{\"project_slug\":\"suggest-known\"}", Map.of()), 200,
                "{\"project_slug\":\"suggest-known\",\"project_id\":\"%s\",\"name_prefix\":\"charlie\"}".formatted(first.projectId()));
        assertBody(client.post("/v1/agents/suggest-alias-prefix", "{}", Map.of()), 422,
                "{\"detail\":[{\"type\":\"missing\",\"loc\":[\"body\",\"project_slug\"],\"msg\":\"Field required\",\"input\":{}}]}");
        assertBody(client.post("/v1/agents/suggest-alias-prefix", "{\"project_slug\":\"a b\"}", Map.of()), 422,
                "{\"detail\":[{\"type\":\"value_error\",\"loc\":[\"body\",\"project_slug\"],\"msg\":\"Value error, Invalid project_slug format\",\"input\":\"a b\"}]}");
    }

    @Test
    void introspectAndCurrentProjectDescribeTheCaller() {
        Response init = client.post("/v1/init", "{\"project_slug\":\"who\",\"project_name\":\"Who Am I\",\"alias\":\"ivy\",\"human_name\":\"Ivy\"}", Map.of());
        Identity ivy = new Identity(init.json().get("api_key").asText(), init.json().get("agent_id").asText(), "ivy",
                init.json().get("project_id").asText(), "who");
        Response introspect = client.get("/v1/auth/introspect", ivy.bearer());
        String keyId = introspect.json().get("api_key_id").asText();
        assertThat(UUID.fromString(keyId)).isNotNull();
        assertBody(introspect, 200, """
                {"project_id":"%s","api_key_id":"%s","agent_id":"%s","alias":"ivy","human_name":"Ivy","agent_type":"agent"}"""
                .formatted(ivy.projectId(), keyId, ivy.agentId()));
        assertBody(client.get("/v1/projects/current", ivy.bearer()), 200,
                "{\"project_id\":\"%s\",\"slug\":\"who\",\"name\":\"Who Am I\"}".formatted(ivy.projectId()));
    }

    @Test
    void heartbeatAndSettingsOfTheCaller() {
        Identity kate = client.init("agents-me", "kate");
        assertBody(client.post("/v1/agents/heartbeat", null, kate.bearer()), 200,
                "{\"agent_id\":\"%s\",\"last_seen\":\"%s\",\"ttl_seconds\":1800}".formatted(kate.agentId(), NOW_TEXT));
        assertThat(hub.presenceIndex().find(PresenceKind.AGENT, UUID.fromString(kate.agentId()), NOW)).isPresent();

        assertBody(client.patch("/v1/agents/me", "{\"access_mode\":\"contacts_only\",\"role\":\" Lead  Dev \",\"context\":{\"b\":1,\"a\":[true]}}",
                kate.bearer()), 200, """
                {"agent_id":"%s","access_mode":"contacts_only","role":"lead dev","program":null,"context":{"b":1,"a":[true]}}"""
                .formatted(kate.agentId()));
        assertBody(client.patch("/v1/agents/me", "{\"program\":\"claude-code\"}", kate.bearer()), 200, """
                {"agent_id":"%s","access_mode":"contacts_only","role":"lead dev","program":"claude-code","context":{"b":1,"a":[true]}}"""
                .formatted(kate.agentId()));
        assertBody(client.patch("/v1/agents/me", "{\"access_mode\":\"closed\"}", kate.bearer()), 422,
                """
                {"detail":[{"type":"literal_error","loc":["body","access_mode"],"msg":"Input should be 'open' or 'contacts_only'","input":"closed",
                 "ctx":{"expected":"'open' or 'contacts_only'"}}]}""");
        assertBody(client.patch("/v1/agents/me", "{\"role\":\"one two three\"}", kate.bearer()), 422, """
                {"detail":[{"type":"value_error","loc":["body","role"],"msg":"Value error, Invalid role: use 1-2 words (letters/numbers) with hyphens/underscores allowed; max 50 chars","input":"one two three"}]}""");
        assertBody(client.patch("/v1/agents/me", "{\"alias\":\"x\"}", kate.bearer()), 422,
                "{\"detail\":[{\"type\":\"extra_forbidden\",\"loc\":[\"body\",\"alias\"],\"msg\":\"Extra inputs are not permitted\",\"input\":\"x\"}]}");
        assertThat(client.get("/v1/agents", kate.bearer()).json().get("agents").get(0).get("access_mode").asText()).isEqualTo("contacts_only");
    }

    @Test
    void anEphemeralAgentDeregistersItselfAndLosesItsKeys() {
        Identity leo = client.init("agents-bye", "leo");
        Identity mia = client.init("agents-bye", "mia", "persistent");
        assertBody(client.delete("/v1/agents/me", mia.bearer()), 400,
                "{\"detail\":\"Cannot deregister a persistent agent. Use the retire endpoint instead.\"}");
        client.post("/v1/agents/heartbeat", null, leo.bearer());

        assertBody(client.delete("/v1/agents/me", leo.bearer()), 200,
                "{\"agent_id\":\"%s\",\"status\":\"deregistered\"}".formatted(leo.agentId()));
        assertBody(client.get("/v1/auth/introspect", leo.bearer()), 401, "{\"detail\":\"Invalid API key\"}");
        assertThat(hub.presenceIndex().find(PresenceKind.AGENT, UUID.fromString(leo.agentId()), NOW)).isEmpty();
        assertThat(client.get("/v1/agents", mia.bearer()).json().get("agents")).hasSize(1);
        // the alias is free again
        Identity again = client.init("agents-bye", "leo");
        assertThat(again.agentId()).isNotEqualTo(leo.agentId());
    }

    @Test
    void peersDeregisterEphemeralAgentsOfTheirOwnProject() {
        Identity noah = client.init("agents-peer", "noah");
        Identity olivia = client.init("agents-peer", "olivia");
        Identity peter = client.init("agents-peer", "peter", "persistent");
        Identity outsider = client.init("agents-peer-other", "quinn");

        assertBody(client.delete("/v1/agents/agents-peer/olivia", outsider.bearer()), 403,
                "{\"detail\":\"Not authorized to deregister agents in another project\"}");
        assertBody(client.delete("/v1/agents/agents-peer-other/nobody", noah.bearer()), 404, "{\"detail\":\"Agent not found\"}");
        assertBody(client.delete("/v1/agents/agents-peer/peter", noah.bearer()), 400,
                "{\"detail\":\"Cannot deregister a persistent agent. Use the retire endpoint instead.\"}");
        assertBody(client.delete("/v1/agents/agents-peer/nobody", noah.bearer()), 404, "{\"detail\":\"Agent not found\"}");
        assertBody(client.delete("/v1/agents/no-such-project/olivia", noah.bearer()), 404, "{\"detail\":\"Agent not found\"}");
        assertBody(client.delete("/v1/agents/olivia", noah.bearer()), 404, "{\"detail\":\"Not Found\"}");

        assertBody(client.delete("/v1/agents/agents-peer/olivia", noah.bearer()), 200,
                "{\"agent_id\":\"%s\",\"status\":\"deregistered\"}".formatted(olivia.agentId()));
        assertBody(client.get("/v1/auth/introspect", olivia.bearer()), 401, "{\"detail\":\"Invalid API key\"}");
        assertThat(client.get("/v1/agents", peter.bearer()).body()).doesNotContain("olivia");
    }

    @Test
    void unbuiltPathsUnderAgentsAreA404NotA405() {
        Identity tara = client.init("agents-404", "tara");
        for (String[] call : new String[][]{{"POST", "/v1/agents/me/identity/reset"}, {"GET", "/v1/agents/resolve/agents-404/tara"},
                {"GET", "/v1/agents/me/log"}, {"PUT", "/v1/agents/me/identity"}}) {
            var response = client.http().send(call[0], call[1], call[0].equals("GET") ? null : "{}", tara.bearer());
            assertThat(response.status()).as(call[0] + " " + call[1]).isIn(404, 405);
        }
        // one segment under /v1/agents matches no route at all (POST /v1/agents/register is built now)
        assertBody(client.post("/v1/agents/unbuilt", "{}", tara.bearer()), 404, "{\"detail\":\"Not Found\"}");
    }

    @Test
    void aSlugWithSlashesIsANamespaceToo() {
        Identity rose = client.init("org/team", "rose");
        Identity sam = client.init("org/team", "sam");
        assertBody(client.delete("/v1/agents/org/team/sam", rose.bearer()), 200,
                "{\"agent_id\":\"%s\",\"status\":\"deregistered\"}".formatted(sam.agentId()));
    }
}
