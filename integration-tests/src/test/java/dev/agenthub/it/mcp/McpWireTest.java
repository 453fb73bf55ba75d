package dev.agenthub.it.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agenthub.hub.beads.BeadRef;
import dev.agenthub.it.support.HttpProbe.Response;
import dev.agenthub.it.support.HubSeeds;
import dev.agenthub.it.support.HubSeeds.Worktree;
import dev.agenthub.it.support.V1HubTest;
import dev.agenthub.protocol.kernel.time.WireTime;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.agenthub.it.support.V1Client.assertBody;
import static dev.agenthub.it.support.V1Client.canonical;
import static dev.agenthub.it.support.V1Client.json;
import static dev.agenthub.it.support.V1Client.ordered;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /mcp} (wire spec §4.19) driven by a JSON-RPC client over HTTP as an MCP client would: the
 * Streamable HTTP handshake ({@code initialize}, {@code notifications/initialized}), {@code tools/list},
 * {@code tools/call} of the hub and mail tools between two agents, the status resource; and the errors: parse
 * error, invalid request, unknown method and tool, bad params, every credential failure as a JSON-RPC error whose
 * code is the HTTP status, and the Agent-Mail checks of {@code project_key} and the caller's name. Whole bodies
 * are compared, the JSON text of a tool result included.
 */
class McpWireTest extends V1HubTest {

    private static final String Z = "2026-02-07T11:14:49.123456Z";
    private static final String OFFSET = "2026-02-07T11:14:49.123456+00:00";

    private final AtomicInteger ids = new AtomicInteger();
    private HubSeeds seeds;

    @BeforeAll
    void seeds() {
        seeds = new HubSeeds(client, database.dataSource());
    }

    private record Team(Worktree alice, Worktree bob) {
    }

    private Team team(String slug) {
        clock.set(NOW);
        String origin = "git@github.com:" + slug + "/app.git";
        return new Team(seeds.worktree(slug, origin, "alice", "Ada"), seeds.worktree(slug, origin, "bob", "Bo"));
    }

    private static Map<String, String> headers(Map<String, String> auth) {
        Map<String, String> headers = new HashMap<>(auth);
        headers.put("Content-Type", "application/json");
        headers.put("Accept", "application/json, text/event-stream");
        return headers;
    }

    private Response post(String body, Map<String, String> auth) {
        return client.post("/mcp", body, headers(auth));
    }

    /** A request with a fresh id; returns the response, whose id the caller reads back with {@link #lastId}. */
    private Response rpc(String method, Object params, Map<String, String> auth) {
        return post(json(ordered("jsonrpc", "2.0", "id", ids.incrementAndGet(), "method", method, "params", params)), auth);
    }

    private int lastId() {
        return ids.get();
    }

    private String result(Object result) {
        return json(ordered("jsonrpc", "2.0", "id", lastId(), "result", result));
    }

    private String error(int code, String message) {
        return json(ordered("jsonrpc", "2.0", "id", lastId(), "error", ordered("code", code, "message", message)));
    }

    /** Calls a tool and returns the JSON its text content carries, after checking the result's shape. */
    private JsonNode call(Worktree caller, String tool, Map<String, Object> arguments) {
        Response response = rpc("tools/call", ordered("name", tool, "arguments", arguments), caller.bearer());
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.path("error").isMissingNode()).as(response.body()).isTrue();
        JsonNode content = body.path("result").path("content");
        assertThat(body.path("result").size()).isEqualTo(1);
        assertThat(content.size()).isEqualTo(1);
        assertThat(content.get(0).path("type").asText()).isEqualTo("text");
        assertThat(content.get(0).size()).isEqualTo(2);
        return read(content.get(0).path("text").asText());
    }

    private static JsonNode read(String text) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(text);
        } catch (Exception e) {
            throw new AssertionError(text, e);
        }
    }

    private static void assertJson(JsonNode actual, Object expected) {
        assertThat(canonical(json(actual))).isEqualTo(canonical(json(expected)));
    }

    private static String at(Instant instant) {
        return WireTime.offset(instant);
    }

    @Test
    void aSessionHandshakesListsToolsAndCallsThem() {
        Team t = team("mcp-session");
        Worktree alice = t.alice();
        Worktree bob = t.bob();

        assertBody(rpc("initialize", ordered("protocolVersion", "2025-06-18", "capabilities", Map.of(),
                "clientInfo", ordered("name", "test-client", "version", "1.0")), alice.bearer()), 200, result(ordered(
                "protocolVersion", "2025-06-18",
                "capabilities", ordered("tools", ordered("listChanged", false),
                        "resources", ordered("subscribe", false, "listChanged", false)),
                "serverInfo", ordered("name", "agent-hub", "version", client.get("/openapi.json", Map.of()).json().path("info").path("version").asText()))));
        Response initialized = post("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}", alice.bearer());
        assertThat(initialized.status()).isEqualTo(202);
        assertThat(initialized.body()).isEmpty();
        Map<String, String> negotiated = new HashMap<>(alice.bearer());
        negotiated.put("MCP-Protocol-Version", "2025-06-18");
        assertBody(rpc("ping", Map.of(), negotiated), 200, result(Map.of()));

        Response listed = rpc("tools/list", Map.of(), negotiated);
        assertThat(listed.status()).isEqualTo(200);
        List<String> names = new java.util.ArrayList<>();
        listed.json().path("result").path("tools").forEach(tool -> {
            names.add(tool.path("name").asText());
            assertThat(tool.path("description").asText()).isNotBlank();
            assertThat(tool.path("inputSchema").path("type").asText()).isEqualTo("object");
            tool.path("inputSchema").path("required").forEach(required ->
                    assertThat(tool.path("inputSchema").path("properties").has(required.asText())).isTrue());
        });
        assertThat(names).containsExactly("register_agent", "list_agents", "status", "get_ready_issues", "get_issue",
                "subscribe_to_bead", "list_subscriptions", "unsubscribe", "escalate", "get_escalation", "ensure_project", "send_message", "fetch_inbox", "acknowledge_message",
                "mark_message_read", "reply_message");
        assertThat(canonical(json(listed.json().path("result").path("tools").get(1)))).isEqualTo(canonical(json(ordered(
                "name", "list_agents", "description", "The project's agents with their presence",
                "inputSchema", ordered("type", "object", "properties", ordered("workspace_id", ordered("type", "string",
                        "description", "The caller's workspace id (UUID)")), "required", List.of("workspace_id"))))));

        // presence, then the status view of the caller's workspace
        assertJson(call(alice, "register_agent", ordered("workspace_id", alice.workspaceId(), "alias", "alice",
                "program", "claude-code", "model", "opus")), ordered("workspace_id", alice.workspaceId(), "alias", "alice",
                "human_name", "Ada", "project_slug", "mcp-session", "program", "claude-code", "model", "opus",
                "role", "developer", "registered_at", OFFSET));
        JsonNode status = call(alice, "status", ordered("workspace_id", alice.workspaceId()));
        ((ObjectNode) status).put("timestamp", "<ts>");
        assertJson(status, ordered("workspace", ordered("workspace_id", alice.workspaceId(), "project_id", alice.projectId(),
                        "project_slug", "mcp-session"),
                "agents", List.of(ordered("workspace_id", alice.workspaceId(), "alias", "alice", "member", null,
                        "human_name", "Ada", "program", "claude-code", "role", "developer", "status", "active",
                        "current_branch", null, "canonical_origin", alice.canonicalOrigin(), "timezone", null,
                        "current_issue", null, "last_seen", OFFSET)),
                "claims", List.of(), "conflicts", List.of(), "escalations_pending", 0, "timestamp", "<ts>"));
        assertJson(call(alice, "ensure_project", ordered("project_key", "mcp-session")),
                ordered("project_id", alice.projectId(), "slug", "mcp-session", "name", "mcp-session"));

        // mail between the two agents, Agent-Mail style
        JsonNode sent = call(alice, "send_message", ordered("project_key", "mcp-session", "sender_name", "alice",
                "to", List.of("bob"), "subject", "Review", "body_md", "Please look at **PR 7**", "importance", "high"));
        String messageId = sent.path("deliveries").get(0).path("message_id").asText();
        assertJson(sent, ordered("deliveries", List.of(ordered("to", "bob", "message_id", messageId, "delivered_at", Z)),
                "count", 1, "subject", "Review", "thread_id", null));
        Map<String, Object> letter = ordered("message_id", messageId, "from_agent_id", alice.workspaceId(),
                "from_alias", "alice", "from_address", "mcp-session/alice", "subject", "Review",
                "body", "Please look at **PR 7**", "priority", "high", "thread_id", null, "read_at", null, "created_at", Z,
                "from_did", null, "to_did", null, "to_address", "mcp-session/bob", "signature", null,
                "signing_key_id", null, "rotation_announcement", null);
        assertJson(call(bob, "fetch_inbox", ordered("project_key", "mcp-session", "agent_name", "bob",
                "include_bodies", true)), ordered("messages", List.of(letter), "count", 1));
        Map<String, Object> withoutBody = new java.util.LinkedHashMap<>(letter);
        withoutBody.remove("body");
        assertJson(call(bob, "fetch_inbox", ordered("project_key", "mcp-session", "agent_name", "bob", "urgent_only", true)),
                ordered("messages", List.of(withoutBody), "count", 1));
        assertJson(call(bob, "fetch_inbox", ordered("project_key", "mcp-session", "agent_name", "bob",
                "since_ts", Z)), ordered("messages", List.of(), "count", 0));
        assertJson(call(alice, "fetch_inbox", ordered("project_key", "mcp-session", "agent_name", "alice")),
                ordered("messages", List.of(), "count", 0));

        clock.advance(Duration.ofSeconds(2));
        JsonNode reply = call(bob, "reply_message", ordered("project_key", "mcp-session", "message_id", messageId,
                "sender_name", "bob", "body_md", "LGTM"));
        String replyId = reply.path("deliveries").get(0).path("message_id").asText();
        assertJson(reply, ordered("deliveries", List.of(ordered("to", "alice", "message_id", replyId,
                "delivered_at", "2026-02-07T11:14:51.123456Z")), "count", 1, "subject", "Re: Review", "thread_id", messageId));
        assertJson(call(alice, "fetch_inbox", ordered("project_key", "mcp-session", "agent_name", "alice")),
                ordered("messages", List.of(ordered("message_id", replyId, "from_agent_id", bob.workspaceId(),
                        "from_alias", "bob", "from_address", "mcp-session/bob", "subject", "Re: Review", "priority", "high",
                        "thread_id", messageId, "read_at", null, "created_at", "2026-02-07T11:14:51.123456Z",
                        "from_did", null, "to_did", null, "to_address", "mcp-session/alice", "signature", null,
                        "signing_key_id", null, "rotation_announcement", null)), "count", 1));

        clock.advance(Duration.ofSeconds(3));
        assertJson(call(bob, "acknowledge_message", ordered("project_key", "mcp-session", "agent_name", "bob",
                "message_id", messageId)), ordered("message_id", messageId, "acknowledged", true,
                "acknowledged_at", "2026-02-07T11:14:54.123456Z"));
        assertJson(call(alice, "mark_message_read", ordered("project_key", "mcp-session", "agent_name", "alice",
                "message_id", replyId)), ordered("message_id", replyId, "read", true,
                "read_at", "2026-02-07T11:14:54.123456Z"));
        assertThat(call(bob, "fetch_inbox", ordered("project_key", "mcp-session", "agent_name", "bob"))
                .path("messages").get(0).path("read_at").asText()).isEqualTo("2026-02-07T11:14:54.123456Z");

        // an escalation, read back, and counted by the status resource
        JsonNode escalation = call(alice, "escalate", ordered("workspace_id", alice.workspaceId(), "alias", "alice",
                "subject", "Deploy?", "situation", "prod is red", "options", List.of("yes", "no")));
        String escalationId = escalation.path("escalation_id").asText();
        Instant created = NOW.plusSeconds(5);
        Map<String, Object> detail = ordered("escalation_id", escalationId, "workspace_id", alice.workspaceId(),
                "alias", "alice", "member_email", null, "subject", "Deploy?", "situation", "prod is red",
                "options", List.of("yes", "no"), "status", "pending", "response", null, "response_note", null,
                "created_at", at(created), "responded_at", null, "expires_at", at(created.plus(Duration.ofHours(4))));
        assertJson(escalation, detail);
        assertJson(call(bob, "get_escalation", ordered("escalation_id", escalationId)), detail);
        Response resource = rpc("resources/read", ordered("uri", "beadhub://status"), bob.bearer());
        assertThat(resource.status()).isEqualTo(200);
        JsonNode contents = resource.json().path("result").path("contents");
        assertThat(contents.size()).isEqualTo(1);
        assertThat(contents.get(0).path("uri").asText()).isEqualTo("beadhub://status");
        assertThat(contents.get(0).path("mimeType").asText()).isEqualTo("application/json");
        assertThat(read(contents.get(0).path("text").asText()).path("escalations_pending").asInt()).isEqualTo(1);
        assertBody(rpc("resources/list", Map.of(), bob.bearer()), 200, result(ordered("resources", List.of(ordered(
                "uri", "beadhub://status", "name", "status",
                "description", "The caller's project status: live agents, claims, conflicts, pending escalations",
                "mimeType", "application/json")))));

        // the project's agents
        JsonNode agents = call(bob, "list_agents", ordered("workspace_id", bob.workspaceId()));
        assertThat(agents.path("project_id").asText()).isEqualTo(alice.projectId());
        List<String> aliases = new java.util.ArrayList<>();
        agents.path("agents").forEach(agent -> aliases.add(agent.path("alias").asText() + ":" + agent.path("online").asBoolean()));
        assertThat(aliases).containsExactlyInAnyOrder("alice:true", "bob:false");
    }

    @Test
    void readyIssuesAndOneIssue() {
        Team t = team("mcp-beads");
        String app = "github.com/mcp-beads/app";
        Instant updated = NOW.minusSeconds(60);
        seeds.issues(t.alice().project(),
                HubSeeds.issue(app, "main", "bd-1", "Fix login", "open", 1, "bug", updated, NOW, List.of()),
                HubSeeds.issue(app, "main", "bd-2", "Blocked", "open", 0, "task", updated, NOW,
                        List.of(new BeadRef(app, "main", "bd-3"))),
                HubSeeds.issue(app, "main", "bd-3", "Blocker", "in_progress", 2, "task", updated, NOW, List.of()));
        assertJson(call(t.bob(), "get_ready_issues", ordered("workspace_id", t.bob().workspaceId())), ordered("issues",
                List.of(ordered("bead_id", "bd-1", "repo", app, "branch", "main", "title", "Fix login", "status", "open",
                        "priority", 1, "type", "bug", "blocked_by", List.of(), "current_reservation", null)), "count", 1));
        assertJson(call(t.bob(), "get_issue", ordered("bead_id", "bd-2")), ordered("bead_id", "bd-2", "repo", app,
                "branch", "main", "title", "Blocked", "status", "open", "priority", 0, "type", "task", "assignee", null,
                "created_by", null, "labels", List.of(), "blocked_by", List.of(ordered("repo", app, "branch", "main",
                        "bead_id", "bd-3")), "parent_id", null, "created_at", null, "updated_at", at(updated),
                "current_reservation", null, "description", null, "project_id", t.bob().projectId()));
        assertBody(rpc("tools/call", ordered("name", "get_issue", "arguments", ordered("bead_id", "bd-404")),
                t.bob().bearer()), 200, error(404, "Issue not found"));
        assertBody(rpc("tools/call", ordered("name", "get_ready_issues", "arguments", ordered("workspace_id",
                t.bob().workspaceId(), "repo", "not a repo")), t.bob().bearer()), 200,
                error(-32602, "Invalid repo: not a repo"));
    }

    @Test
    void subscriptionToolsSubscribeListAndUnsubscribe() {
        Team t = team("mcp-subscriptions");
        JsonNode made = call(t.alice(), "subscribe_to_bead", ordered("workspace_id", t.alice().workspaceId(),
                "bead_id", "bd-7"));
        String id = made.path("subscription_id").asText();
        Object view = ordered("subscription_id", id, "workspace_id", t.alice().workspaceId(), "alias", t.alice().alias(),
                "bead_id", "bd-7", "repo", null, "event_types", List.of("status_change"), "created_at", at(NOW));
        assertJson(made, view);
        assertJson(call(t.alice(), "list_subscriptions", ordered("workspace_id", t.alice().workspaceId())),
                ordered("subscriptions", List.of(view), "count", 1));
        assertJson(call(t.alice(), "unsubscribe", ordered("workspace_id", t.alice().workspaceId(), "subscription_id", id)),
                ordered("subscription_id", id, "deleted", true));
        assertJson(call(t.alice(), "list_subscriptions", ordered("workspace_id", t.alice().workspaceId())),
                ordered("subscriptions", List.of(), "count", 0));
        Response badBead = rpc("tools/call", ordered("name", "subscribe_to_bead", "arguments", ordered("workspace_id",
                t.alice().workspaceId(), "bead_id", "bd-7.1")), t.alice().bearer());
        assertThat(badBead.status()).isEqualTo(200);
        assertThat(badBead.json().path("error").path("code").asInt()).as(badBead.body()).isEqualTo(400);
        assertThat(badBead.json().path("error").path("message").asText()).isEqualTo("Invalid bead_id format: bd-7.1");
    }

    @Test
    void protocolErrorsAreJsonRpcErrors() {
        Worktree alice = team("mcp-errors").alice();
        assertBody(post("{\"jsonrpc\":\"2.0\",\"id\":1,", alice.bearer()), 200,
                "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32700,\"message\":\"Parse error\"}}");
        assertBody(post("", alice.bearer()), 200,
                "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32700,\"message\":\"Parse error\"}}");
        assertBody(post("[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}]", alice.bearer()), 200,
                "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32600,\"message\":\"Invalid Request: batches are not supported\"}}");
        assertBody(post("{\"jsonrpc\":\"1.0\",\"id\":\"a\",\"method\":\"ping\"}", alice.bearer()), 200,
                "{\"jsonrpc\":\"2.0\",\"id\":\"a\",\"error\":{\"code\":-32600,\"message\":\"Invalid Request: jsonrpc must be \\\"2.0\\\"\"}}");
        assertBody(post("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":3}", alice.bearer()), 200,
                "{\"jsonrpc\":\"2.0\",\"id\":7,\"error\":{\"code\":-32600,\"message\":\"Invalid Request: method must be a string\"}}");
        assertBody(post("{\"jsonrpc\":\"2.0\",\"id\":{},\"method\":\"ping\"}", alice.bearer()), 200,
                "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32600,\"message\":\"Invalid Request: id must be a string or an integer\"}}");
        assertBody(post("{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"ping\",\"params\":[1]}", alice.bearer()), 200,
                "{\"jsonrpc\":\"2.0\",\"id\":8,\"error\":{\"code\":-32602,\"message\":\"Invalid params: params must be an object\"}}");

        assertBody(rpc("prompts/list", Map.of(), alice.bearer()), 200, error(-32601, "Method not found: prompts/list"));
        assertBody(rpc("tools/call", ordered("name", "subscribe_to_everything", "arguments", Map.of()), alice.bearer()), 200,
                error(-32601, "Unknown tool: subscribe_to_everything"));
        assertBody(rpc("tools/call", ordered("name", "subscribe_to_bead", "arguments", Map.of()), alice.bearer()), 200,
                error(-32602, "Invalid params: 'workspace_id' is required (a non-empty string)"));
        assertBody(rpc("tools/call", ordered("arguments", Map.of()), alice.bearer()), 200,
                error(-32602, "Invalid params: 'name' is required (a string)"));
        assertBody(rpc("tools/call", ordered("name", "status", "arguments", List.of()), alice.bearer()), 200,
                error(-32602, "Invalid params: 'arguments' must be an object"));
        assertBody(rpc("tools/call", ordered("name", "status", "arguments", Map.of()), alice.bearer()), 200,
                error(-32602, "Invalid params: 'workspace_id' is required (a non-empty string)"));
        assertBody(rpc("tools/call", ordered("name", "status", "arguments", ordered("workspace_id", "nope")), alice.bearer()),
                200, error(-32602, "Invalid params: 'workspace_id' must be a UUID"));
        assertBody(rpc("tools/call", ordered("name", "fetch_inbox", "arguments", ordered("project_key", "mcp-errors",
                "agent_name", "alice", "limit", 0)), alice.bearer()), 200,
                error(-32602, "Invalid params: 'limit' must be an integer from 1 to 500"));
        assertBody(rpc("tools/call", ordered("name", "send_message", "arguments", ordered("project_key", "mcp-errors",
                "sender_name", "alice", "to", "bob", "subject", "s", "body_md", "b")), alice.bearer()), 200,
                error(-32602, "Invalid params: 'to' must be an array of strings"));
        assertBody(rpc("tools/call", ordered("name", "send_message", "arguments", ordered("project_key", "mcp-errors",
                "sender_name", "alice", "to", List.of("bob"), "subject", "s", "body_md", "b", "importance", "huge")),
                alice.bearer()), 200, error(-32602, "Invalid params: 'importance' must be one of low, normal, high, urgent"));
        assertBody(rpc("tools/call", ordered("name", "escalate", "arguments", ordered("workspace_id", alice.workspaceId(),
                "alias", "alice", "subject", "s", "situation", "x", "expires_in_hours", "soon")), alice.bearer()), 200,
                error(-32602, "Invalid params: 'expires_in_hours' must be an integer from 1 to 878400"));
        assertBody(rpc("tools/call", ordered("name", "register_agent", "arguments", ordered("workspace_id",
                alice.workspaceId(), "alias", "alice", "human_name", "x".repeat(65))), alice.bearer()), 200,
                error(-32602, "Invalid params: 'human_name' must have at most 64 characters"));
        assertBody(rpc("tools/call", ordered("name", "send_message", "arguments", ordered("project_key", "mcp-errors",
                "sender_name", "alice", "to", List.of("alice"), "subject", "s", "body_md", "a\u0000b")), alice.bearer()), 200,
                error(-32602, "Invalid text: NUL characters are not allowed"));
        assertBody(rpc("initialize", Map.of(), alice.bearer()), 200,
                error(-32602, "Invalid params: 'protocolVersion' is required (a string)"));
        assertBody(rpc("resources/read", ordered("uri", "beadhub://nope"), alice.bearer()), 200,
                error(-32602, "Unknown resource: beadhub://nope"));
        assertBody(rpc("tools/call", ordered("name", "send_message", "arguments", ordered("project_key", "mcp-errors",
                "sender_name", "alice", "to", List.of("nobody"), "subject", "s", "body_md", "b")), alice.bearer()), 200,
                error(404, "Agent not found"));

        // an unknown client version is answered with the newest; an unsupported header version is a 400
        Response newest = rpc("initialize", ordered("protocolVersion", "1999-01-01"), alice.bearer());
        assertThat(newest.json().path("result").path("protocolVersion").asText()).isEqualTo("2025-11-25");
        Map<String, String> badVersion = new HashMap<>(alice.bearer());
        badVersion.put("MCP-Protocol-Version", "1999-01-01");
        assertBody(post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}", badVersion), 400,
                "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32600,\"message\":\"Unsupported MCP-Protocol-Version: 1999-01-01\"}}");
        // a client's response to a server request and any notification: 202, no body
        Response response = post("{\"jsonrpc\":\"2.0\",\"id\":3,\"result\":{}}", alice.bearer());
        assertThat(response.status()).isEqualTo(202);
        assertThat(response.body()).isEmpty();
        // no server stream and no session to end
        assertThat(client.get("/mcp", alice.bearer()).status()).isEqualTo(405);
        assertThat(client.delete("/mcp", alice.bearer()).status()).isEqualTo(405);
    }

    @Test
    void credentialFailuresAreJsonRpcErrorsWithTheHttpStatus() {
        Team t = team("mcp-auth");
        Worktree other = seeds.worktree("mcp-auth-other", "git@github.com:mcp-auth-other/app.git", "carol", "Cy");
        assertBody(rpc("tools/list", Map.of(), Map.of()), 200, error(401, "Authentication required"));
        assertBody(rpc("tools/list", Map.of(), Map.of("Authorization", "Bearer aw_sk_" + "0".repeat(64))), 200,
                error(401, "Invalid API key"));
        assertBody(rpc("tools/list", Map.of(), Map.of("Authorization", "Basic abc")), 200,
                error(401, "Invalid Authorization header. Expected: Bearer <token>"));
        assertBody(rpc("initialize", ordered("protocolVersion", "2025-06-18"), Map.of()), 200,
                error(401, "Authentication required"));

        // the mail tools: project_key must be the caller's project slug, the name the caller's alias
        assertBody(rpc("tools/call", ordered("name", "send_message", "arguments", ordered("project_key", "mcp-auth-other",
                "sender_name", "alice", "to", List.of("bob"), "subject", "s", "body_md", "b")), t.alice().bearer()), 200,
                error(403, "project_key does not match the caller's project"));
        assertBody(rpc("tools/call", ordered("name", "send_message", "arguments", ordered("project_key", "mcp-auth",
                "sender_name", "bob", "to", List.of("bob"), "subject", "s", "body_md", "b")), t.alice().bearer()), 200,
                error(403, "sender_name does not match the caller's alias"));
        assertBody(rpc("tools/call", ordered("name", "fetch_inbox", "arguments", ordered("project_key", "mcp-auth",
                "agent_name", "alice")), t.bob().bearer()), 200, error(403, "agent_name does not match the caller's alias"));
        assertBody(rpc("tools/call", ordered("name", "ensure_project", "arguments", ordered("project_key", "mcp-auth")),
                other.bearer()), 200, error(403, "project_key does not match the caller's project"));
        // another project's data is not found, and another agent's message cannot be acknowledged
        String messageId = call(t.alice(), "send_message", ordered("project_key", "mcp-auth", "sender_name", "alice",
                "to", List.of("bob"), "subject", "s", "body_md", "b")).path("deliveries").get(0).path("message_id").asText();
        assertBody(rpc("tools/call", ordered("name", "acknowledge_message", "arguments", ordered("project_key", "mcp-auth",
                "agent_name", "alice", "message_id", messageId)), t.alice().bearer()), 200,
                error(403, "Not authorized to acknowledge this message"));
        // the sender may reply to what it sent: the reply goes to the recipient
        JsonNode followUp = call(t.alice(), "reply_message", ordered("project_key", "mcp-auth", "message_id", messageId,
                "sender_name", "alice", "body_md", "ping?", "subject_prefix", "Re:"));
        assertThat(followUp.path("deliveries").get(0).path("to").asText()).isEqualTo("bob");
        assertThat(followUp.path("subject").asText()).isEqualTo("Re: s");
        assertThat(followUp.path("thread_id").asText()).isEqualTo(messageId);
        assertBody(rpc("tools/call", ordered("name", "reply_message", "arguments", ordered("project_key", "mcp-auth-other",
                "message_id", messageId, "sender_name", "carol", "body_md", "hi")), other.bearer()), 200,
                error(404, "Message not found"));
        assertBody(rpc("tools/call", ordered("name", "status", "arguments", ordered("workspace_id", t.alice().workspaceId())),
                other.bearer()), 200, error(404, "Workspace not found"));
        assertBody(rpc("tools/call", ordered("name", "get_escalation", "arguments", ordered("escalation_id",
                UUID.randomUUID().toString())), other.bearer()), 200, error(404, "Escalation not found"));
    }
}
