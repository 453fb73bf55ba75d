package dev.agenthub.it.v1;

import dev.agenthub.it.support.HttpProbe.Response;
import dev.agenthub.it.support.HubSeeds;
import dev.agenthub.it.support.HubSeeds.Worktree;
import dev.agenthub.it.support.V1HubTest;
import dev.agenthub.protocol.kernel.time.WireTime;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static dev.agenthub.it.support.V1Client.assertBody;
import static dev.agenthub.it.support.V1Client.json;
import static dev.agenthub.it.support.V1Client.ordered;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /v1/status} (wire spec §4.13, §14.2) over real HTTP: each workspace-set mode, agents only for live
 * presence, claims with claimant counts and titles, conflicts, project scoping, the validation errors. Whole
 * bodies are compared; only {@code timestamp} is checked by format (it is the request's now).
 */
class StatusWireTest extends V1HubTest {

    private static final String PROXY_SECRET = "status-proxy-secret";
    private HubSeeds seeds;

    /** Proxy mode on, so a public reader can ask; bearer requests fall back to bearer (§3.3). */
    @Override
    protected Map<String, String> environment() {
        return Map.of("AGENT_HUB_TRUST_PROXY_HEADERS", "1", "AGENT_HUB_INTERNAL_AUTH_SECRET", PROXY_SECRET);
    }

    @BeforeAll
    void seeds() {
        seeds = new HubSeeds(client, database.dataSource());
    }

    private static String at(Instant instant) {
        return WireTime.offset(WireTime.truncate(instant));
    }

    /** The body with {@code timestamp} checked for the offset form and replaced by {@code "<ts>"}. */
    private static String withoutTimestamp(Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        String timestamp = response.json().get("timestamp").asText();
        assertThat(timestamp).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}\\+00:00");
        com.fasterxml.jackson.databind.node.ObjectNode body = (com.fasterxml.jackson.databind.node.ObjectNode) response.json();
        body.put("timestamp", "<ts>");
        return json(body);
    }

    private static Map<String, Object> agent(Worktree w, String program, String branch, String currentIssue, Instant seen) {
        return ordered("workspace_id", w.workspaceId(), "alias", w.alias(), "member", null, "human_name", w.humanName(),
                "program", program, "role", "developer", "status", "active", "current_branch", branch,
                "canonical_origin", w.canonicalOrigin(), "timezone", null, "current_issue", currentIssue,
                "last_seen", at(seen));
    }

    private static Map<String, Object> claim(Worktree w, String bead, Instant at, int count, String title) {
        return ordered("bead_id", bead, "workspace_id", w.workspaceId(), "alias", w.alias(), "human_name", w.humanName(),
                "claimed_at", at(at), "claimant_count", count, "title", title, "project_id", w.projectId());
    }

    private static Map<String, Object> claimant(Worktree w) {
        return ordered("alias", w.alias(), "human_name", w.humanName(), "workspace_id", w.workspaceId());
    }

    private static String body(Map<String, Object> workspace, List<?> agents, List<?> claims, List<?> conflicts) {
        return json(ordered("workspace", workspace, "agents", agents, "claims", claims, "conflicts", conflicts,
                "escalations_pending", 0, "timestamp", "<ts>"));
    }

    /** Three worktrees of one project over two repos, alice and carol online, bd-1 claimed by alice and carol. */
    private record Team(Worktree alice, Worktree bob, Worktree carol, Instant seen, Instant t1, Instant t2, Instant t3,
                        Instant t4) {
    }

    private Team team(String slug) {
        clock.set(NOW);
        Worktree alice = seeds.worktree(slug, "git@github.com:" + slug + "/app.git", "alice", "Ada");
        clock.advance(Duration.ofSeconds(1));
        Worktree bob = seeds.worktree(slug, "git@github.com:" + slug + "/app.git", "bob", "Bo");
        clock.advance(Duration.ofSeconds(1));
        Worktree carol = seeds.worktree(slug, "git@github.com:" + slug + "/lib.git", "carol", "Cy");
        clock.advance(Duration.ofSeconds(1));
        Instant seen = clock.instant();
        seeds.register(alice, "claude-code", "main");
        seeds.register(carol, "codex", "feature/x");
        Instant t1 = NOW.plusSeconds(10);
        Instant t2 = NOW.plusSeconds(20);
        Instant t3 = NOW.plusSeconds(30);
        Instant t4 = NOW.plusSeconds(40);
        seeds.claim(alice, "bd-1", t1);
        seeds.claim(bob, "bd-3", t2);
        seeds.claim(alice, "bd-2", t3);
        seeds.contestedClaim(carol, "bd-1", t4);
        seeds.issues(alice.project(),
                HubSeeds.issue(alice.canonicalOrigin(), "main", "bd-1", "Fix login", "in_progress", 1, "bug", null, t1, List.of()),
                HubSeeds.issue(alice.canonicalOrigin(), "main", "bd-2", "Add export", "open", 2, "feature", null, t1, List.of()));
        return new Team(alice, bob, carol, seen, t1, t2, t3, t4);
    }

    @Test
    void theProjectViewCoversEveryLiveWorkspaceWithPresenceClaimCountsTitlesAndConflicts() {
        Team team = team("st-project");
        Response response = client.get("/v1/status?repo=github.com/st-project/app", team.alice().bearer()); // bdh's repo= is ignored
        assertThat(withoutTimestamp(response)).isEqualTo(body(
                ordered("project_id", team.alice().projectId(), "project_slug", "st-project", "workspace_count", 3),
                List.of(agent(team.carol(), "codex", "feature/x", "bd-1", team.seen()),
                        agent(team.alice(), "claude-code", "main", "bd-2", team.seen())),
                List.of(claim(team.carol(), "bd-1", team.t4(), 2, "Fix login"),
                        claim(team.alice(), "bd-2", team.t3(), 1, "Add export"),
                        claim(team.bob(), "bd-3", team.t2(), 1, null),
                        claim(team.alice(), "bd-1", team.t1(), 2, "Fix login")),
                List.of(ordered("bead_id", "bd-1", "claimants", List.of(claimant(team.carol()), claimant(team.alice()))))));
    }

    @Test
    void oneWorkspaceShowsItsClaimsWithProjectWideClaimantCountsAndConflicts() {
        Team team = team("st-one");
        Response response = client.get("/v1/status?workspace_id=" + team.alice().workspaceId().toUpperCase(),
                team.bob().bearer());
        assertThat(withoutTimestamp(response)).isEqualTo(body(
                ordered("workspace_id", team.alice().workspaceId(), "project_id", team.alice().projectId(),
                        "project_slug", "st-one"),
                List.of(agent(team.alice(), "claude-code", "main", "bd-2", team.seen())),
                List.of(claim(team.alice(), "bd-2", team.t3(), 1, "Add export"),
                        claim(team.alice(), "bd-1", team.t1(), 2, "Fix login")),
                List.of(ordered("bead_id", "bd-1", "claimants", List.of(claimant(team.carol()), claimant(team.alice()))))));

        Response offline = client.get("/v1/status?workspace_id=" + team.bob().workspaceId(), team.bob().bearer());
        assertThat(withoutTimestamp(offline)).as("no presence: no agent entry").isEqualTo(body(
                ordered("workspace_id", team.bob().workspaceId(), "project_id", team.bob().projectId(),
                        "project_slug", "st-one"),
                List.of(), List.of(claim(team.bob(), "bd-3", team.t2(), 1, null)), List.of()));
    }

    @Test
    void aRepoViewCoversThatRepoOnly() {
        Team team = team("st-repo");
        Response response = client.get("/v1/status?repo_id=" + team.alice().repoId(), team.alice().bearer());
        assertThat(withoutTimestamp(response)).isEqualTo(body(
                ordered("repo_id", team.alice().repoId(), "workspace_count", 2, "project_id", team.alice().projectId(),
                        "project_slug", "st-repo"),
                List.of(agent(team.alice(), "claude-code", "main", "bd-2", team.seen())),
                List.of(claim(team.alice(), "bd-2", team.t3(), 1, "Add export"),
                        claim(team.bob(), "bd-3", team.t2(), 1, null),
                        claim(team.alice(), "bd-1", team.t1(), 2, "Fix login")),
                List.of(ordered("bead_id", "bd-1", "claimants", List.of(claimant(team.carol()), claimant(team.alice()))))));

        Response lib = client.get("/v1/status?repo_id=" + team.carol().repoId(), team.alice().bearer());
        assertThat(lib.json().get("workspace").get("workspace_count").asInt()).isEqualTo(1);
        assertThat(lib.json().get("claims").size()).isEqualTo(1);
    }

    @Test
    void claimsAreProjectScopedAndDeletedWorkspacesDropOut() {
        Team team = team("st-scope");
        Worktree stranger = seeds.worktree("st-scope-other", "git@github.com:st-scope/app.git", "alice", "Eve");
        seeds.register(stranger, "claude-code", "main");
        seeds.claim(stranger, "bd-1", NOW.plusSeconds(50)); // the same bead id in another project
        seeds.softDelete(team.bob(), clock.instant());

        Response mine = client.get("/v1/status", team.alice().bearer());
        assertThat(withoutTimestamp(mine)).isEqualTo(body(
                ordered("project_id", team.alice().projectId(), "project_slug", "st-scope", "workspace_count", 2),
                List.of(agent(team.carol(), "codex", "feature/x", "bd-1", team.seen()),
                        agent(team.alice(), "claude-code", "main", "bd-2", team.seen())),
                List.of(claim(team.carol(), "bd-1", team.t4(), 2, "Fix login"),
                        claim(team.alice(), "bd-2", team.t3(), 1, "Add export"),
                        claim(team.alice(), "bd-1", team.t1(), 2, "Fix login")),
                List.of(ordered("bead_id", "bd-1", "claimants", List.of(claimant(team.carol()), claimant(team.alice()))))));

        Response theirs = client.get("/v1/status", stranger.bearer());
        assertThat(withoutTimestamp(theirs)).as("no title: the bead issue is the other project's").isEqualTo(body(
                ordered("project_id", stranger.projectId(), "project_slug", "st-scope-other", "workspace_count", 1),
                List.of(agent(stranger, "claude-code", "main", "bd-1", clock.instant())),
                List.of(claim(stranger, "bd-1", NOW.plusSeconds(50), 1, null)), List.of()));
    }

    @Test
    void aPublicReaderGetsNoMemberAndNoEscalations() {
        clock.set(NOW);
        Worktree alice = seeds.worktree("st-reader", "git@github.com:st-reader/app.git", "alice", "Ada");
        java.util.LinkedHashMap<String, String> attributes = new java.util.LinkedHashMap<>();
        attributes.put("human_name", "Ada");
        attributes.put("member_email", "ada@example.com");
        attributes.put("program", "");
        attributes.put("role", "developer");
        hub.presenceIndex().put(dev.agenthub.protocol.presence.PresenceKind.WORKSPACE,
                new dev.agenthub.protocol.presence.PresenceRecord(alice.agent().value(), alice.project(), "alice", "",
                        clock.instant(), attributes), Duration.ofMinutes(5), clock.instant());
        Map<String, Object> seen = ordered("workspace_id", alice.workspaceId(), "alias", "alice", "member", "ada@example.com",
                "human_name", "Ada", "program", null, "role", "developer", "status", "unknown", "current_branch", null,
                "canonical_origin", null, "timezone", null, "current_issue", null, "last_seen", at(clock.instant()));
        Map<String, Object> workspace = ordered("project_id", alice.projectId(), "project_slug", "st-reader", "workspace_count", 1);
        assertThat(withoutTimestamp(client.get("/v1/status", alice.bearer())))
                .as("empty presence strings are null, an empty status is unknown")
                .isEqualTo(body(workspace, List.of(seen), List.of(), List.of()));

        String message = dev.agenthub.it.support.SignedContext.message(alice.projectId(), "p", java.util.UUID.randomUUID().toString(), "");
        Map<String, String> reader = Map.of("X-BH-Auth", dev.agenthub.it.support.SignedContext.header(PROXY_SECRET, message),
                "X-Project-ID", alice.projectId());
        Map<String, Object> redacted = new java.util.LinkedHashMap<>(seen);
        redacted.put("member", null);
        assertThat(withoutTimestamp(client.get("/v1/status", reader))).isEqualTo(body(workspace, List.of(redacted), List.of(), List.of()));
    }

    @Test
    void aProjectWithoutWorkspacesHasAnEmptyView() {
        var lone = client.init("st-empty", "solo");
        Response response = client.get("/v1/status", lone.bearer());
        assertThat(withoutTimestamp(response)).isEqualTo(body(
                ordered("project_id", lone.projectId(), "project_slug", "st-empty", "workspace_count", 0),
                List.of(), List.of(), List.of()));
    }

    @Test
    void unknownDeletedAndForeignWorkspacesAre404() {
        Team team = team("st-404");
        Worktree stranger = seeds.worktree("st-404-other", "git@github.com:st-404/x.git", "zed", "Z");
        String notFound = "{\"detail\":\"Workspace not found\"}";
        assertBody(client.get("/v1/status?workspace_id=" + java.util.UUID.randomUUID(), team.alice().bearer()), 404, notFound);
        assertBody(client.get("/v1/status?workspace_id=" + stranger.workspaceId(), team.alice().bearer()), 404, notFound);
        seeds.softDelete(team.bob(), clock.instant());
        assertBody(client.get("/v1/status?workspace_id=" + team.bob().workspaceId(), team.alice().bearer()), 404, notFound);
    }

    @Test
    void malformedSelectorsAre422BeforeAuthentication() {
        assertBody(client.get("/v1/status?workspace_id=nope", Map.of()), 422,
                "{\"detail\":[{\"type\":\"uuid_parsing\",\"loc\":[\"query\",\"workspace_id\"],\"msg\":\"Input should be a valid UUID\",\"input\":\"nope\"}]}");
        String badRepo = "{\"detail\":\"Invalid repo_id format: expected UUID\"}";
        assertBody(client.get("/v1/status?repo_id=nope", Map.of()), 422, badRepo);
        assertBody(client.get("/v1/status?repo_id=" + "0".repeat(32), Map.of()), 422, badRepo); // a uuid, but not 36 characters
        assertBody(client.get("/v1/status?repo_id=" + "z".repeat(36), Map.of()), 422, badRepo);
        assertBody(client.get("/v1/status", Map.of()), 401, "{\"detail\":\"Authentication required\"}");
    }
}
