package dev.agenthub.it.v1;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agenthub.hub.beads.BeadIssue;
import dev.agenthub.hub.beads.BeadRef;
import dev.agenthub.hub.claims.Claim;
import dev.agenthub.hub.workspaces.Workspace;
import dev.agenthub.it.support.TestSql;
import dev.agenthub.it.support.WorkspaceChannel;
import dev.agenthub.it.support.HttpProbe.Response;
import dev.agenthub.it.support.SignedContext;
import dev.agenthub.it.support.V1Client;
import dev.agenthub.it.support.V1HubTest;
import dev.agenthub.persistence.hub.JooqBeadStore;
import dev.agenthub.persistence.hub.JooqClaimStore;
import dev.agenthub.persistence.hub.JooqWorkspaceStore;
import dev.agenthub.persistence.sql.JooqTransactionRunner;
import dev.agenthub.protocol.kernel.id.AgentId;
import dev.agenthub.protocol.kernel.id.ProjectId;
import dev.agenthub.protocol.kernel.time.WireTime;
import dev.agenthub.protocol.presence.PresenceKind;
import dev.agenthub.protocol.presence.PresenceRecord;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.agenthub.it.support.V1Client.assertBody;
import static dev.agenthub.it.support.V1Client.canonical;
import static dev.agenthub.it.support.V1Client.json;
import static dev.agenthub.it.support.V1Client.ordered;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code /v1/workspaces} routes of wire spec §4.4 (heartbeat, delete, restore, the listing, the team view,
 * the online view) with the {@code WorkspaceInfo} shape, whole bodies compared. The hub runs with proxy mode
 * on, so that the public reader (§3.4) can be asked too; bearer requests are unaffected by it.
 */
class WorkspacesWireTest extends V1HubTest {

    private static final String SECRET = "workspaces-wire-secret";
    private static final String INVALID_ALIAS = "Invalid alias: must be alphanumeric with hyphens/underscores, 1-64 chars";

    private JooqTransactionRunner transactions;
    private JooqClaimStore claimStore;
    private JooqBeadStore beadStore;
    private JooqWorkspaceStore workspaceStore;

    @Override
    protected Map<String, String> environment() {
        return Map.of("AGENT_HUB_TRUST_PROXY_HEADERS", "1", "AGENT_HUB_INTERNAL_AUTH_SECRET", SECRET);
    }

    @BeforeAll
    void stores() {
        transactions = new JooqTransactionRunner(DSL.using(database.dataSource(), SQLDialect.POSTGRES));
        claimStore = new JooqClaimStore(transactions);
        beadStore = new JooqBeadStore(transactions);
        workspaceStore = new JooqWorkspaceStore(transactions);
    }

    /** An agent with its workspace, as {@code POST /v1/init} with a repo made it. */
    private record Worktree(String apiKey, String id, String alias, String projectId, String slug, String repoId) {
        Map<String, String> bearer() {
            return Map.of("Authorization", "Bearer " + apiKey);
        }
    }

    private Worktree init(String slug, String alias, String origin, Map<String, ?> extra) {
        Map<String, Object> body = new LinkedHashMap<>(Map.of("project_slug", slug, "alias", alias, "repo_origin", origin));
        body.putAll(extra);
        Response response = client.post("/v1/init", json(body), Map.of());
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode node = response.json();
        return new Worktree(node.get("api_key").asText(), node.get("workspace_id").asText(), node.get("alias").asText(),
                node.get("project_id").asText(), slug, node.get("repo_id").asText());
    }

    private Worktree init(String slug, String alias, String origin) {
        return init(slug, alias, origin, Map.of());
    }

    private static String t(Instant instant) {
        return WireTime.offset(instant);
    }

    /** The {@code WorkspaceInfo} of a worktree nobody has seen: stored fields only, no presence, no claims. */
    private static Map<String, Object> info(Worktree w, String humanName, String repo, String role) {
        return ordered("workspace_id", w.id(), "alias", w.alias(), "human_name", humanName, "project_id", w.projectId(),
                "project_slug", w.slug(), "program", null, "model", null, "repo", repo, "branch", null,
                "member_email", null, "role", role, "hostname", null, "workspace_path", null,
                "apex_id", null, "apex_title", null, "apex_type", null, "focus_apex_id", null, "focus_apex_title", null,
                "focus_apex_type", null, "focus_apex_repo_name", null, "focus_apex_branch", null, "focus_updated_at", null,
                "status", "offline", "last_seen", null, "deleted_at", null, "claims", List.of());
    }

    private static Map<String, Object> with(Map<String, Object> info, Object... keysAndValues) {
        Map<String, Object> copy = new LinkedHashMap<>(info);
        for (int i = 0; i < keysAndValues.length; i += 2) {
            assertThat(copy).containsKey((String) keysAndValues[i]);
            copy.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return copy;
    }

    private static String listing(List<Map<String, Object>> workspaces, boolean hasMore, String nextCursor) {
        return json(ordered("workspaces", workspaces, "has_more", hasMore, "next_cursor", nextCursor));
    }

    private static String heartbeat(String id, String alias, String origin, Object... extra) {
        Map<String, Object> body = ordered("workspace_id", id, "alias", alias, "repo_origin", origin);
        for (int i = 0; i < extra.length; i += 2) {
            body.put((String) extra[i], extra[i + 1]);
        }
        return json(body);
    }

    private static String detail(String message) {
        return json(ordered("detail", message));
    }

    private static String query(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private Map<String, String> unboundKey(String projectId) {
        return Map.of("Authorization", "Bearer " + TestSql.insertUnboundKey(database.dataSource(), projectId, NOW));
    }

    private Map<String, String> publicReader(String projectId) {
        return Map.of("X-BH-Auth", SignedContext.header(SECRET, SignedContext.message(projectId, "p",
                UUID.randomUUID().toString(), "")), "X-Project-ID", projectId);
    }

    private void execute(String sql, Object... parameters) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        }
    }

    private static BeadIssue issue(String repo, String beadId, String title, String type, BeadRef parent, Instant syncedAt) {
        return new BeadIssue(repo, "main", beadId, title, null, "open", 2, type, null, null, null, null, null, null,
                parent, syncedAt);
    }

    private void claim(Worktree w, String beadId, Instant at, Claim.Apex apex) {
        transactions.inTransaction(() -> {
            assertThat(claimStore.claim(new Claim(new ProjectId(UUID.fromString(w.projectId())), beadId,
                    new AgentId(UUID.fromString(w.id())), w.alias(), "", at, apex))).isInstanceOf(
                    dev.agenthub.hub.claims.port.ClaimStore.Claimed.class);
        });
    }

    private List<String> claimedBeads(Worktree w) {
        return claimStore.ofWorkspaces(List.of(new AgentId(UUID.fromString(w.id())))).stream().map(Claim::beadId).toList();
    }


    // heartbeat -----------------------------------------------------------------------------------------------

    @Test
    void heartbeatCreatesTheWorkspaceOfAnAgentThenUpdatesItKeepingAnOmittedRole() {
        clock.set(NOW);
        V1Client.Identity alice = client.init("ws-heartbeat", "hb-alice");
        String origin = "git@github.com:ws-heartbeat/app.git";
        assertBody(client.post("/v1/workspaces/heartbeat", heartbeat(alice.agentId(), "hb-alice", origin,
                "role", "Lead  Developer", "current_branch", "main", "timezone", "Europe/Madrid", "hostname", "host-1",
                "workspace_path", "/w/alice", "human_name", "Alice", "unknown_key", 1), alice.bearer()), 200,
                json(ordered("ok", true, "workspace_id", alice.agentId())));

        Worktree w = new Worktree(alice.apiKey(), alice.agentId(), "hb-alice", alice.projectId(), "ws-heartbeat", null);
        Map<String, Object> stored = with(info(w, "Alice", "github.com/ws-heartbeat/app", "lead developer"),
                "branch", "main", "hostname", "host-1", "workspace_path", "/w/alice", "last_seen", t(NOW));
        assertBody(client.get("/v1/workspaces?include_presence=false", alice.bearer()), 200, listing(List.of(stored), false, null));
        assertBody(client.get("/v1/workspaces", alice.bearer()), 200, listing(List.of(with(stored, "program", "bdh",
                "member_email", "", "status", "active")), false, null));
        // the agent presence is written too
        assertThat(hub.presenceIndex().find(PresenceKind.AGENT, UUID.fromString(alice.agentId()), clock.instant())).isPresent();

        clock.set(NOW.plusSeconds(5));
        for (String role : new String[] {null, ""}) { // §14 F3: omitted, null or empty keeps the stored role
            Object[] extra = role == null ? new Object[] {"current_branch", "dev", "hostname", "host-2"}
                    : new Object[] {"role", role, "workspace_path", "/elsewhere"};
            assertThat(client.post("/v1/workspaces/heartbeat", heartbeat(alice.agentId(), "hb-alice", origin, extra),
                    alice.bearer()).status()).isEqualTo(200);
        }
        // hostname and path are kept once set; human_name is what was sent ("" when absent); branch when given
        assertBody(client.get("/v1/workspaces?include_presence=false", alice.bearer()), 200, listing(List.of(with(stored,
                "human_name", "", "branch", "dev", "last_seen", t(NOW.plusSeconds(5)))), false, null));
        assertThat(client.post("/v1/workspaces/heartbeat", heartbeat(alice.agentId(), "hb-alice",
                "https://github.com/ws-heartbeat/app", "role", "Reviewer"), alice.bearer()).status()).isEqualTo(200);
        assertThat(client.get("/v1/workspaces?include_presence=false", alice.bearer()).json().get("workspaces").get(0)
                .get("role").asText()).isEqualTo("reviewer");
    }

    @Test
    void heartbeatValidatesItsBodyBeforeAuthentication() {
        assertBody(client.post("/v1/workspaces/heartbeat", "{}", Map.of()), 422, """
                {"detail":[{"type":"missing","loc":["body","workspace_id"],"msg":"Field required","input":{}},
                           {"type":"missing","loc":["body","alias"],"msg":"Field required","input":{}},
                           {"type":"missing","loc":["body","repo_origin"],"msg":"Field required","input":{}}]}""");
        assertBody(client.post("/v1/workspaces/heartbeat", heartbeat("nope", "bad alias", "not a url", "role", "a b c",
                "timezone", "9/Nowhere", "current_branch", "x".repeat(256)), Map.of()), 422, """
                {"detail":[{"type":"value_error","loc":["body","workspace_id"],"msg":"Value error, Invalid workspace_id format","input":"nope"},
                           {"type":"value_error","loc":["body","alias"],"msg":"Value error, %s","input":"bad alias"},
                           {"type":"value_error","loc":["body","repo_origin"],"msg":"Value error, Invalid repo_origin: Invalid git URL: not a url","input":"not a url"},
                           {"type":"value_error","loc":["body","role"],"msg":"Value error, Invalid role: use 1-2 words (letters/numbers) with hyphens/underscores allowed; max 50 chars","input":"a b c"},
                           {"type":"string_too_long","loc":["body","current_branch"],"msg":"String should have at most 255 characters","input":"%s","ctx":{"max_length":255}},
                           {"type":"value_error","loc":["body","timezone"],"msg":"Value error, timezone must be a valid IANA identifier (e.g. 'Europe/Madrid', 'America/New_York')","input":"9/Nowhere"}]}"""
                .formatted(INVALID_ALIAS, "x".repeat(256)));
        assertBody(client.post("/v1/workspaces/heartbeat", "{\"workspace_id\":", Map.of()), 422,
                client.post("/v1/workspaces/heartbeat", "{\"workspace_id\":", Map.of()).body());
        assertThat(client.post("/v1/workspaces/heartbeat", "{\"workspace_id\":", Map.of()).json().get("detail").get(0)
                .get("type").asText()).isEqualTo("json_invalid");
        assertBody(client.post("/v1/workspaces/heartbeat", heartbeat(UUID.randomUUID().toString(), "a",
                "git@github.com:o/r.git"), Map.of()), 401, detail("Authentication required"));
    }

    @Test
    void heartbeatChecksAnExistingWorkspaceInOrder() throws Exception {
        String origin = "git@github.com:ws-checks/app.git";
        Worktree alice = init("ws-checks", "chk-alice", origin);
        Worktree bob = init("ws-checks", "chk-bob", origin);
        Worktree other = init("ws-checks-other", "chk-other", "git@github.com:ws-checks-other/app.git");
        Map<String, String> unbound = unboundKey(alice.projectId());

        assertBody(client.post("/v1/workspaces/heartbeat", heartbeat(bob.id(), "chk-bob", origin), alice.bearer()), 403,
                detail("workspace_id does not match API key identity"));
        assertBody(client.post("/v1/workspaces/heartbeat", heartbeat(other.id(), "chk-other", origin), unbound), 400,
                detail("Workspace " + other.id() + " does not belong to this project. This may indicate a corrupted "
                        + ".beadhub file. Try running 'bdh :init' again."));
        assertBody(client.post("/v1/workspaces/heartbeat", heartbeat(alice.id(), "chk-alicia", origin), alice.bearer()), 409,
                detail("Alias mismatch for workspace " + alice.id() + " (expected 'chk-alice', got 'chk-alicia'). "
                        + "Run 'bdh :init' to re-register."));
        assertBody(client.post("/v1/workspaces/heartbeat", heartbeat(alice.id(), "chk-alice",
                        "git@github.com:ws-checks/lib.git"), alice.bearer()), 400,
                detail("Repo mismatch: workspace is registered with a different repository. This may indicate a "
                        + "corrupted .beadhub file. Run 'bdh :init' again."));
        // the repo row deleted underneath a live workspace (the API's repo deletion takes the workspaces with it)
        execute("UPDATE hub.repos SET deleted_at = now() WHERE repo_id = ?", UUID.fromString(alice.repoId()));
        assertBody(client.post("/v1/workspaces/heartbeat", heartbeat(alice.id(), "chk-alice", origin), alice.bearer()), 410,
                detail("Workspace repository was deleted. Run 'bdh :init' to re-register."));
        assertBody(client.delete("/v1/workspaces/" + alice.id(), bob.bearer()), 200, json(ordered("workspace_id", alice.id(),
                "alias", "chk-alice", "deleted_at", t(clock.instant()))));
        assertBody(client.post("/v1/workspaces/heartbeat", heartbeat(alice.id(), "chk-alicia", origin), unbound), 410,
                detail("Workspace was deleted. Run 'bdh :init' to re-register."));
        // none of the refused heartbeats wrote anything: bob's workspace is as init left it (its repo, alice's
        // too, is the deleted one)
        assertBody(client.get("/v1/workspaces?include_presence=false", bob.bearer()), 200, listing(List.of(
                info(bob, "", null, "agent")), false, null));
    }

    @Test
    void heartbeatOfANewWorkspaceChecksTheAliasAndNeedsItsAgent() throws Exception {
        String origin = "git@github.com:ws-new/app.git";
        Worktree first = init("ws-new", "new-dave", origin);
        Worktree peer = init("ws-new", "new-peer", origin);
        Map<String, String> unbound = unboundKey(first.projectId());
        // dave's workspace is deleted (his agent with it), a new agent takes the alias, and the old workspace is
        // restored: the new agent's first heartbeat finds the alias held by a live workspace
        assertThat(client.delete("/v1/workspaces/" + first.id(), peer.bearer()).status()).isEqualTo(200);
        V1Client.Identity dave = client.init("ws-new", "new-dave");
        assertThat(client.post("/v1/workspaces/" + first.id() + "/restore", null, unbound).status()).isEqualTo(200);
        String taken = "Alias 'new-dave' is already used by another workspace in this project. Please choose a "
                + "different alias and run 'bdh :init' again.";
        assertBody(client.post("/v1/workspaces/heartbeat", heartbeat(dave.agentId(), "new-dave",
                "git@github.com:ws-new/fresh.git"), dave.bearer()), 409, detail(taken));

        // the presence alias index counts too
        V1Client.Identity erin = client.init("ws-new", "new-erin");
        hub.presenceIndex().put(PresenceKind.WORKSPACE, new PresenceRecord(UUID.randomUUID(),
                new ProjectId(UUID.fromString(erin.projectId())), "new-erin", "active", clock.instant(), null),
                Duration.ofMinutes(30), clock.instant());
        assertBody(client.post("/v1/workspaces/heartbeat", heartbeat(erin.agentId(), "new-erin",
                "git@github.com:ws-new/fresh.git"), erin.bearer()), 409, detail(taken.replace("new-dave", "new-erin")));

        // the workspace id is its agent's id: no agent, no workspace
        assertBody(client.post("/v1/workspaces/heartbeat", heartbeat(UUID.randomUUID().toString(), "new-frank",
                "git@github.com:ws-new/fresh.git"), unbound), 404, detail("Agent not found"));
        V1Client.Identity gina = client.init("ws-new", "new-gina");
        assertBody(client.post("/v1/workspaces/heartbeat", heartbeat(gina.agentId(), "new-gino",
                "git@github.com:ws-new/fresh.git"), gina.bearer()), 409, detail("Alias mismatch for workspace "
                + gina.agentId() + " (expected 'new-gina', got 'new-gino'). Run 'bdh :init' to re-register."));
        // nothing was written by the refused heartbeats: no repo 'fresh'
        JsonNode repos = client.get("/v1/repos?project_id=" + first.projectId(), Map.of()).json().get("repos");
        assertThat(repos).extracting(r -> r.get("canonical_origin").asText()).containsExactly("github.com/ws-new/app");

        // an unbound key may heartbeat any agent's workspace of the project (no binding to check)
        assertBody(client.post("/v1/workspaces/heartbeat", heartbeat(gina.agentId(), "new-gina",
                "git@github.com:ws-new/fresh.git"), unbound), 200, json(ordered("ok", true, "workspace_id", gina.agentId())));
    }

    // delete and restore --------------------------------------------------------------------------------------

    @Test
    void anyoneInTheProjectDeletesAWorkspaceWithItsClaimsAgentAndKeys() throws Exception {
        clock.set(NOW);
        String origin = "git@github.com:ws-delete/app.git";
        Worktree alice = init("ws-delete", "del-alice", origin);
        Worktree bob = init("ws-delete", "del-bob", origin);
        Worktree stranger = init("ws-delete-other", "del-stranger", "git@github.com:ws-delete-other/app.git");
        ProjectId project = new ProjectId(UUID.fromString(alice.projectId()));
        transactions.inTransaction(() -> beadStore.insert(project, List.of(
                issue("github.com/ws-delete/app", "bd-1", "First task", "task", null, NOW),
                issue("github.com/ws-delete/app", "bd-2", "Second task", "bug", null, NOW))));
        claim(alice, "bd-1", NOW.minusSeconds(20), Claim.Apex.NONE);
        claim(alice, "bd-2", NOW.minusSeconds(10), Claim.Apex.NONE);
        claim(bob, "bd-3", NOW.minusSeconds(5), Claim.Apex.NONE);

        assertBody(client.delete("/v1/workspaces/not-a-uuid", Map.of()), 422, detail("Invalid workspace_id format"));
        assertBody(client.delete("/v1/workspaces/" + alice.id(), Map.of()), 401, detail("Authentication required"));
        String unknown = UUID.randomUUID().toString();
        assertBody(client.delete("/v1/workspaces/" + unknown, bob.bearer()), 404, detail("Workspace " + unknown + " not found"));
        assertBody(client.delete("/v1/workspaces/" + alice.id(), stranger.bearer()), 404,
                detail("Workspace " + alice.id() + " not found"));

        clock.set(NOW.plusSeconds(1));
        String deletedAt = t(NOW.plusSeconds(1));
        String now = WireTime.zulu(NOW.plusSeconds(1));
        try (WorkspaceChannel channel = new WorkspaceChannel(hub, alice.id())) {
            String upper = alice.id().toUpperCase().replace("-", "");
            assertBody(client.delete("/v1/workspaces/" + upper, bob.bearer()), 200,
                    json(ordered("workspace_id", alice.id(), "alias", "del-alice", "deleted_at", deletedAt)));
            assertThat(channel.next()).isEqualTo(canonical("""
                    {"workspace_id":"%s","type":"bead.unclaimed","timestamp":"%s","project_slug":"ws-delete",
                     "bead_id":"bd-2","alias":"del-alice","title":"Second task"}""".formatted(alice.id(), now)));
            assertThat(channel.next()).isEqualTo(canonical("""
                    {"workspace_id":"%s","type":"bead.unclaimed","timestamp":"%s","project_slug":"ws-delete",
                     "bead_id":"bd-1","alias":"del-alice","title":"First task"}""".formatted(alice.id(), now)));
        }
        assertThat(claimedBeads(alice)).isEmpty();
        assertThat(claimedBeads(bob)).containsExactly("bd-3");
        assertBody(client.get("/v1/auth/introspect", alice.bearer()), 401, detail("Invalid API key"));
        assertThat(client.get("/v1/agents", bob.bearer()).json().get("agents"))
                .extracting(agent -> agent.get("alias").asText()).containsExactly("del-bob");
        assertBody(client.delete("/v1/workspaces/" + alice.id(), bob.bearer()), 404,
                detail("Workspace " + alice.id() + " is already deleted"));
        assertBody(client.get("/v1/workspaces?include_deleted=true&include_presence=false", bob.bearer()), 200, listing(List.of(
                with(info(alice, "", "github.com/ws-delete/app", "agent"), "deleted_at", deletedAt),
                info(bob, "", "github.com/ws-delete/app", "agent")), false, null));
        assertBody(client.get("/v1/workspaces", bob.bearer()), 200,
                listing(List.of(info(bob, "", "github.com/ws-delete/app", "agent")), false, null));
    }

    @Test
    void restoreBringsBackTheWorkspaceButNotItsClaimsNorItsAgent() throws Exception {
        clock.set(NOW);
        String origin = "git@github.com:ws-restore/app.git";
        Worktree alice = init("ws-restore", "rst-alice", origin);
        Worktree bob = init("ws-restore", "rst-bob", origin);
        Worktree stranger = init("ws-restore-other", "rst-stranger", "git@github.com:ws-restore-other/app.git");
        Map<String, String> unbound = unboundKey(alice.projectId());
        claim(alice, "bd-9", NOW, Claim.Apex.NONE);

        assertBody(client.post("/v1/workspaces/nope/restore", null, Map.of()), 422, detail("Invalid workspace_id format"));
        assertBody(client.post("/v1/workspaces/" + alice.id() + "/restore", null, unbound), 409,
                detail("Workspace " + alice.id() + " is already active (not deleted)"));
        assertThat(client.delete("/v1/workspaces/" + alice.id(), bob.bearer()).status()).isEqualTo(200);
        assertBody(client.post("/v1/workspaces/" + alice.id() + "/restore", null, bob.bearer()), 403,
                detail("workspace_id does not match API key identity"));
        assertBody(client.post("/v1/workspaces/" + alice.id() + "/restore", null, unboundKey(stranger.projectId())), 404,
                detail("Workspace " + alice.id() + " not found"));
        String unknown = UUID.randomUUID().toString();
        assertBody(client.post("/v1/workspaces/" + unknown + "/restore", null, unbound), 404,
                detail("Workspace " + unknown + " not found"));

        clock.set(NOW.plusSeconds(7));
        assertBody(client.post("/v1/workspaces/" + alice.id() + "/restore", null, unbound), 200,
                json(ordered("workspace_id", alice.id(), "alias", "rst-alice", "restored_at", t(NOW.plusSeconds(7)))));
        assertBody(client.get("/v1/workspaces?include_claims=true&include_presence=false", unbound), 200, listing(List.of(
                info(alice, "", "github.com/ws-restore/app", "agent"),
                info(bob, "", "github.com/ws-restore/app", "agent")), false, null));
        assertThat(claimedBeads(alice)).isEmpty();
        assertBody(client.get("/v1/auth/introspect", alice.bearer()), 401, detail("Invalid API key"));
        assertThat(client.get("/v1/agents", bob.bearer()).json().get("agents"))
                .extracting(agent -> agent.get("alias").asText()).containsExactly("rst-bob");

        // once the alias belongs to another live workspace, the deleted one cannot come back
        assertThat(client.delete("/v1/workspaces/" + alice.id(), bob.bearer()).status()).isEqualTo(200);
        Worktree again = init("ws-restore", "rst-alice", origin);
        assertThat(again.id()).isNotEqualTo(alice.id());
        assertBody(client.post("/v1/workspaces/" + alice.id() + "/restore", null, unbound), 409,
                detail("Cannot restore: alias 'rst-alice' is now used by another workspace"));
    }

    // listings ------------------------------------------------------------------------------------------------

    @Test
    void theListingFiltersPagesByUpdatedAtAndValidatesItsQuery() throws Exception {
        List<Worktree> made = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            clock.set(NOW.plusSeconds(i));
            made.add(init("ws-list", "list-" + i, i < 4 ? "git@github.com:ws-list/app.git" : "git@github.com:ws-list/lib.git",
                    Map.of("hostname", i % 2 == 0 ? "even-host" : "odd-host", "human_name", i < 2 ? "Ann" : "Ben",
                            "workspace_path", "/w/" + i)));
        }
        clock.set(NOW.plusSeconds(10));
        Map<String, String> as = made.get(0).bearer();
        List<Map<String, Object>> all = new ArrayList<>();
        for (int i = 4; i >= 0; i--) {
            Worktree w = made.get(i);
            all.add(with(info(w, i < 2 ? "Ann" : "Ben", i < 4 ? "github.com/ws-list/app" : "github.com/ws-list/lib", "agent"),
                    "hostname", i % 2 == 0 ? "even-host" : "odd-host", "workspace_path", "/w/" + i));
        }
        Response first = client.get("/v1/workspaces?limit=2", as);
        String cursor = first.json().get("next_cursor").asText();
        assertBody(first, 200, listing(all.subList(0, 2), true, cursor));
        Response second = client.get("/v1/workspaces?limit=2&cursor=" + cursor, as);
        String cursor2 = second.json().get("next_cursor").asText();
        assertBody(second, 200, listing(all.subList(2, 4), true, cursor2));
        assertBody(client.get("/v1/workspaces?limit=2&cursor=" + cursor2, as), 200, listing(all.subList(4, 5), false, null));
        assertBody(client.get("/v1/workspaces", as), 200, listing(all, false, null));

        assertBody(client.get("/v1/workspaces?human_name=Ann", as), 200, listing(all.subList(3, 5), false, null));
        assertBody(client.get("/v1/workspaces?repo=github.com/ws-list/lib", as), 200, listing(all.subList(0, 1), false, null));
        assertBody(client.get("/v1/workspaces?alias=list-3", as), 200, listing(all.subList(1, 2), false, null));
        assertBody(client.get("/v1/workspaces?hostname=odd-host&include_presence=false", as), 200,
                listing(List.of(all.get(1), all.get(3)), false, null));
        assertBody(client.get("/v1/workspaces?hostname=odd-host&human_name=Ben&repo=github.com/ws-list/app", as), 200,
                listing(List.of(all.get(1)), false, null));

        String longRepo = "bad repo " + "x".repeat(60);
        assertBody(client.get("/v1/workspaces?repo=" + query(longRepo), as), 422,
                detail("Invalid repo format: " + longRepo.substring(0, 50)));
        assertBody(client.get("/v1/workspaces?alias=" + query("no/slash"), as), 422, detail(INVALID_ALIAS));
        assertBody(client.get("/v1/workspaces?hostname=" + query("host\u0001"), as), 422,
                detail("Invalid hostname: contains null bytes or control characters"));
        assertBody(client.get("/v1/workspaces?cursor=" + query("!!"), as), 422, detail("Invalid cursor: malformed base64"));
        // query validation comes before authentication
        assertBody(client.get("/v1/workspaces?limit=0&human_name=" + "a".repeat(65) + "&include_claims=perhaps", Map.of()), 422,
                """
                {"detail":[{"type":"string_too_long","loc":["query","human_name"],"msg":"String should have at most 64 characters","input":"%s","ctx":{"max_length":64}},
                           {"type":"bool_parsing","loc":["query","include_claims"],"msg":"Input should be a valid boolean, unable to interpret input","input":"perhaps"},
                           {"type":"greater_than_equal","loc":["query","limit"],"msg":"Input should be greater than or equal to 1","input":"0","ctx":{"ge":1}}]}"""
                        .formatted("a".repeat(65)));
        assertBody(client.get("/v1/workspaces?limit=201", Map.of()), 422, """
                {"detail":[{"type":"less_than_equal","loc":["query","limit"],"msg":"Input should be less than or equal to 200","input":"201","ctx":{"le":200}}]}""");
        assertBody(client.get("/v1/workspaces", Map.of()), 401, detail("Authentication required"));
    }

    @Test
    void workspaceInfoCarriesPresenceClaimsApexFocusAndTheRepoWhileItLives() throws Exception {
        clock.set(NOW);
        String repo = "github.com/ws-info/app";
        Worktree alice = init("ws-info", "info-alice", "git@github.com:ws-info/app.git",
                Map.of("role", "developer", "hostname", "box", "workspace_path", "/w/alice", "human_name", "Alice"));
        ProjectId project = new ProjectId(UUID.fromString(alice.projectId()));
        transactions.inTransaction(() -> beadStore.insert(project, List.of(
                issue(repo, "bd-epic", "The epic", "epic", null, NOW),
                issue(repo, "bd-1", "Child one", "task", new BeadRef(repo, "main", "bd-epic"), NOW),
                issue("github.com/ws-info/other", "bd-2", "Old title", "bug", null, NOW.minusSeconds(60)),
                issue("github.com/ws-info/lib", "bd-2", "Newest title", "bug", null, NOW.minusSeconds(30)))));
        Claim.Apex epic = new Claim.Apex("bd-epic", repo, "main");
        claim(alice, "bd-1", NOW.minusSeconds(10), epic);
        claim(alice, "bd-2", NOW.minusSeconds(5), new Claim.Apex("bd-2", "github.com/ws-info/lib", "main"));
        claim(alice, "bd-unknown", NOW.minusSeconds(20), Claim.Apex.NONE);
        workspaceStore.setFocus(new AgentId(UUID.fromString(alice.id())),
                new Workspace.Focus("bd-epic", repo, "main", NOW.minusSeconds(10)));

        List<Map<String, Object>> claims = List.of(
                ordered("bead_id", "bd-2", "title", "Newest title", "claimed_at", t(NOW.minusSeconds(5)), "apex_id", "bd-2",
                        "apex_title", "Newest title", "apex_type", "bug"),
                ordered("bead_id", "bd-1", "title", "Child one", "claimed_at", t(NOW.minusSeconds(10)), "apex_id", "bd-epic",
                        "apex_title", "The epic", "apex_type", "epic"),
                ordered("bead_id", "bd-unknown", "title", null, "claimed_at", t(NOW.minusSeconds(20)), "apex_id", null,
                        "apex_title", null, "apex_type", null));
        Map<String, Object> base = with(info(alice, "Alice", repo, "developer"), "hostname", "box", "workspace_path", "/w/alice",
                "focus_apex_id", "bd-epic", "focus_apex_title", "The epic", "focus_apex_type", "epic",
                "focus_apex_repo_name", repo, "focus_apex_branch", "main", "focus_updated_at", t(NOW.minusSeconds(10)));
        assertBody(client.get("/v1/workspaces", alice.bearer()), 200, listing(List.of(base), false, null));
        Map<String, Object> withClaims = with(base, "apex_id", "bd-2", "apex_title", "Newest title", "apex_type", "bug",
                "claims", claims);
        assertBody(client.get("/v1/workspaces?include_claims=true", alice.bearer()), 200, listing(List.of(withClaims), false, null));

        // presence (from POST /v1/agents/register) overrides status, last_seen, branch and role, and brings program,
        // model and member_email; only with include_presence
        clock.set(NOW.plusSeconds(30));
        assertThat(client.post("/v1/agents/register", json(ordered("workspace_id", alice.id(), "alias", "info-alice",
                "program", "claude-code", "model", "opus", "branch", "feature/x", "role", "Reviewer")), alice.bearer())
                .status()).isEqualTo(200);
        Map<String, Object> online = with(withClaims, "program", "claude-code", "model", "opus", "branch", "feature/x",
                "member_email", "", "role", "reviewer", "status", "active", "last_seen", t(NOW.plusSeconds(30)));
        assertBody(client.get("/v1/workspaces?include_claims=true", alice.bearer()), 200, listing(List.of(online), false, null));
        assertBody(client.get("/v1/workspaces?include_claims=true&include_presence=false", alice.bearer()), 200,
                listing(List.of(withClaims), false, null));

        // a public reader gets no email, role, hostname or path
        assertBody(client.get("/v1/workspaces?include_claims=true", publicReader(alice.projectId())), 200, listing(List.of(
                with(online, "member_email", null, "role", null, "hostname", null, "workspace_path", null)), false, null));

        // the repo row deleted underneath: repo is null
        execute("UPDATE hub.repos SET deleted_at = now() WHERE repo_id = ?", UUID.fromString(alice.repoId()));
        assertBody(client.get("/v1/workspaces?include_presence=false", alice.bearer()), 200,
                listing(List.of(with(base, "repo", null)), false, null));
    }

    @Test
    void theTeamViewPutsClaimsAndPresenceFirstAndKeepsTheCallerIn() {
        String origin = "git@github.com:ws-team/app.git";
        clock.set(NOW);
        Worktree self = init("ws-team", "team-self", origin);
        Worktree zed = init("ws-team", "team-zed", origin);      // claims, online
        Worktree yan = init("ws-team", "team-yan", origin);      // claims, offline, seen recently
        Worktree xia = init("ws-team", "team-xia", origin);      // no claims, online
        Worktree wes = init("ws-team", "team-wes", origin);      // no claims, offline
        Worktree lib = init("ws-team", "team-lib", "git@github.com:ws-team/lib.git");
        for (Worktree w : List.of(yan, zed, xia, wes, lib)) {
            clock.set(clock.instant().plusSeconds(10));
            assertThat(client.post("/v1/workspaces/heartbeat", heartbeat(w.id(), w.alias(),
                    w == lib ? "git@github.com:ws-team/lib.git" : origin), w.bearer()).status()).isEqualTo(200);
        }
        Instant seenYan = NOW.plusSeconds(10);
        Instant seenZed = NOW.plusSeconds(20);
        Instant seenXia = NOW.plusSeconds(30);
        Instant seenWes = NOW.plusSeconds(40);
        Instant seenLib = NOW.plusSeconds(50);
        for (Worktree w : List.of(yan, wes, lib)) {
            hub.presenceIndex().clear(PresenceKind.WORKSPACE, UUID.fromString(w.id()));
        }
        claim(zed, "bd-z", NOW.plusSeconds(1), Claim.Apex.NONE);
        claim(yan, "bd-y", NOW.plusSeconds(2), Claim.Apex.NONE);

        String repo = "github.com/ws-team/app";
        Map<String, Object> zedInfo = with(info(zed, "", repo, "agent"), "program", "bdh", "member_email", "",
                "status", "active", "last_seen", t(seenZed), "claims", List.of(ordered("bead_id", "bd-z", "title", null,
                        "claimed_at", t(NOW.plusSeconds(1)), "apex_id", null, "apex_title", null, "apex_type", null)));
        Map<String, Object> yanInfo = with(info(yan, "", repo, "agent"), "last_seen", t(seenYan), "claims",
                List.of(ordered("bead_id", "bd-y", "title", null, "claimed_at", t(NOW.plusSeconds(2)), "apex_id", null,
                        "apex_title", null, "apex_type", null)));
        Map<String, Object> xiaInfo = with(info(xia, "", repo, "agent"), "program", "bdh", "member_email", "",
                "status", "active", "last_seen", t(seenXia));
        Map<String, Object> wesInfo = with(info(wes, "", repo, "agent"), "last_seen", t(seenWes));
        Map<String, Object> libInfo = with(info(lib, "", "github.com/ws-team/lib", "agent"), "last_seen", t(seenLib));
        Map<String, Object> selfInfo = info(self, "", repo, "agent");

        // the default: only workspaces with claims; claims before presence before last seen
        assertBody(client.get("/v1/workspaces/team", self.bearer()), 200, listing(List.of(zedInfo, yanInfo), false, null));
        assertBody(client.get("/v1/workspaces/team?only_with_claims=false", self.bearer()), 200,
                listing(List.of(zedInfo, yanInfo, xiaInfo, libInfo, wesInfo, selfInfo), false, null));
        assertBody(client.get("/v1/workspaces/team?only_with_claims=false&repo=github.com/ws-team/app", self.bearer()), 200,
                listing(List.of(zedInfo, yanInfo, xiaInfo, wesInfo, selfInfo), false, null));
        // the caller's own workspace survives the cut
        assertBody(client.get("/v1/workspaces/team?only_with_claims=false&limit=3&always_include_workspace_id=" + self.id(),
                self.bearer()), 200, listing(List.of(zedInfo, yanInfo, selfInfo), false, null));
        assertBody(client.get("/v1/workspaces/team?always_include_workspace_id=" + self.id(), self.bearer()), 200,
                listing(List.of(zedInfo, yanInfo, selfInfo), false, null));
        // …when it matches the filters
        assertBody(client.get("/v1/workspaces/team?repo=github.com/ws-team/lib&always_include_workspace_id=" + self.id(),
                self.bearer()), 200, listing(List.of(), false, null));
        assertBody(client.get("/v1/workspaces/team?include_claims=false&include_presence=false&limit=2", self.bearer()), 200,
                listing(List.of(with(zedInfo, "program", null, "member_email", null, "status", "offline", "claims", List.of()),
                        with(yanInfo, "claims", List.of())), false, null));

        assertBody(client.get("/v1/workspaces/team?always_include_workspace_id=nope", self.bearer()), 422,
                detail("Invalid workspace_id format"));
        assertBody(client.get("/v1/workspaces/team?repo=" + query("not a repo"), self.bearer()), 422,
                detail("Invalid repo format: not a repo"));
        assertBody(client.get("/v1/workspaces/team?limit=201", Map.of()), 422, """
                {"detail":[{"type":"less_than_equal","loc":["query","limit"],"msg":"Input should be less than or equal to 200","input":"201","ctx":{"le":200}}]}""");
        assertBody(client.get("/v1/workspaces/team", Map.of()), 401, detail("Authentication required"));
    }

    @Test
    void theOnlineViewListsPresenceRecordsNewestFirst() {
        String origin = "git@github.com:ws-online/app.git";
        clock.set(NOW);
        Worktree ann = init("ws-online", "onl-ann", origin, Map.of("human_name", "Ann", "role", "lead"));
        Worktree ben = init("ws-online", "onl-ben", origin, Map.of("human_name", "Ben"));
        init("ws-online", "onl-off", origin);
        Worktree elsewhere = init("ws-online-other", "onl-else", "git@github.com:ws-online-other/app.git");
        assertThat(client.post("/v1/agents/register", json(ordered("workspace_id", ann.id(), "alias", "onl-ann",
                "program", "claude-code", "branch", "main")), ann.bearer()).status()).isEqualTo(200);
        clock.set(NOW.plusSeconds(3));
        assertThat(client.post("/v1/workspaces/heartbeat", heartbeat(ben.id(), "onl-ben", origin, "human_name", "Ben",
                "current_branch", "dev"), ben.bearer()).status()).isEqualTo(200);
        assertThat(client.post("/v1/agents/register", json(ordered("workspace_id", elsewhere.id(), "alias", "onl-else")),
                elsewhere.bearer()).status()).isEqualTo(200);

        Map<String, Object> annOnline = onlineInfo(ann, "Ann", "claude-code", "main", "", "lead", t(NOW));
        Map<String, Object> benOnline = onlineInfo(ben, "Ben", "bdh", "dev", "", "agent", t(NOW.plusSeconds(3)));
        assertBody(client.get("/v1/workspaces/online", ann.bearer()), 200, listing(List.of(benOnline, annOnline), false, null));
        assertBody(client.get("/v1/workspaces/online?human_name=Ann", ann.bearer()), 200, listing(List.of(annOnline), false, null));
        assertBody(client.get("/v1/workspaces/online", publicReader(ann.projectId())), 200, listing(List.of(
                with(benOnline, "member_email", null, "role", null), with(annOnline, "member_email", null, "role", null)),
                false, null));
        assertBody(client.get("/v1/workspaces/online?human_name=" + "a".repeat(65), Map.of()), 422, """
                {"detail":[{"type":"string_too_long","loc":["query","human_name"],"msg":"String should have at most 64 characters","input":"%s","ctx":{"max_length":64}}]}"""
                .formatted("a".repeat(65)));
        assertBody(client.get("/v1/workspaces/online", Map.of()), 401, detail("Authentication required"));
    }

    private static Map<String, Object> onlineInfo(Worktree w, String humanName, String program, String branch,
                                                  String memberEmail, String role, String lastSeen) {
        return with(info(w, humanName, null, null), "project_id", null, "program", program, "branch", branch,
                "member_email", memberEmail, "role", role, "status", "active", "last_seen", lastSeen);
    }

    @Test
    void badInputIsAClientErrorAndWritesNothing() throws Exception {
        clock.set(NOW);
        String origin = "git@github.com:ws-bad/app.git";
        Worktree alice = init("ws-bad", "bad-alice", origin);
        V1Client.Identity bare = client.init("ws-bad", "bad-bare");
        Map<String, String> unbound = unboundKey(alice.projectId());
        String before = client.get("/v1/workspaces?include_deleted=true&include_presence=false", alice.bearer()).body();
        List<String> bodies = List.of("[]", "null", "7", "\"text\"", "{\"workspace_id\":7,\"alias\":null,\"repo_origin\":[]}",
                heartbeat(bare.agentId(), "bad-bare", origin, "human_name", Map.of("x", 1)),
                heartbeat(bare.agentId(), "bad-bare", origin, "hostname", 12, "workspace_path", true),
                heartbeat(bare.agentId(), "bad-bare", origin, "role", "x".repeat(51)),
                heartbeat(bare.agentId(), "bad-bare", "ssh://", "timezone", ""),
                heartbeat(bare.agentId(), "bad-bare", origin, "hostname", "nul\u0000byte"),
                heartbeat(bare.agentId(), "bad\u0000", origin),
                heartbeat("", "bad-bare", origin),
                heartbeat(bare.agentId(), "bad-bare", "x".repeat(513)),
                heartbeat(alice.id(), "bad-alice", "git@github.com:ws-bad/other.git"));
        for (String body : bodies) {
            for (Map<String, String> credentials : List.of(Map.<String, String>of(), bare.bearer(), unbound)) {
                Response response = client.post("/v1/workspaces/heartbeat", body, credentials);
                assertThat(response.status()).as(body + " → " + response.body()).isBetween(400, 499);
            }
        }
        List<String> paths = List.of("/v1/workspaces?limit=abc", "/v1/workspaces?limit=99999999999999999999",
                "/v1/workspaces?cursor=" + query("eyJ1cGRhdGVkX2F0Ijoibm8ifQ"), "/v1/workspaces?cursor=" + query("W10"),
                "/v1/workspaces?cursor=" + "A".repeat(9000), "/v1/workspaces?include_deleted=2",
                "/v1/workspaces?repo=" + query("a".repeat(256)), "/v1/workspaces?hostname=" + query("a\u0000b"),
                "/v1/workspaces?alias=" + query("-x"), "/v1/workspaces/team?limit=0",
                "/v1/workspaces/team?always_include_workspace_id=" + query("{}"), "/v1/workspaces/team?only_with_claims=x",
                "/v1/workspaces/online?human_name=" + query("b".repeat(100)));
        for (String path : paths) {
            Response response = client.get(path, alice.bearer());
            assertThat(response.status()).as(path + " → " + response.body()).isBetween(400, 499);
        }
        // (a %00 in the path is refused by Jetty itself, which then closes the connection: not a route matter)
        for (String id : List.of("x", "1".repeat(300), alice.id() + "0", "%20", "%7B%7D")) {
            assertThat(client.delete("/v1/workspaces/" + id, alice.bearer()).status()).as(id).isBetween(400, 499);
            assertThat(client.post("/v1/workspaces/" + id + "/restore", null, unbound).status()).as(id).isBetween(400, 499);
        }
        assertBody(client.get("/v1/workspaces?include_deleted=true&include_presence=false", alice.bearer()), 200, before);
        assertThat(hub.presenceIndex().find(PresenceKind.WORKSPACE, UUID.fromString(bare.agentId()), clock.instant())).isEmpty();
    }

    @Test
    void theTeamViewShowsFifteenByDefault() {
        clock.set(NOW);
        List<Worktree> made = new ArrayList<>();
        for (int i = 0; i < 17; i++) {
            made.add(init("ws-team-limit", "limit-%02d".formatted(i), "git@github.com:ws-team-limit/app.git"));
        }
        // nobody seen, no claims, nobody online: alias order decides
        JsonNode team = client.get("/v1/workspaces/team?only_with_claims=false", made.get(0).bearer()).json().get("workspaces");
        assertThat(team).extracting(w -> w.get("alias").asText())
                .containsExactlyElementsOf(made.subList(0, 15).stream().map(Worktree::alias).toList());
        assertThat(client.get("/v1/workspaces/team?only_with_claims=false&limit=16", made.get(0).bearer()).json()
                .get("workspaces")).hasSize(16);
    }
}
