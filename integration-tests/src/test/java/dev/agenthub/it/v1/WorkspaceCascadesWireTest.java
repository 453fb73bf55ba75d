package dev.agenthub.it.v1;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agenthub.hub.claims.Claim;
import dev.agenthub.persistence.hub.JooqClaimStore;
import dev.agenthub.persistence.sql.JooqTransactionRunner;
import dev.agenthub.it.support.HttpProbe.Response;
import dev.agenthub.it.support.V1Client;
import dev.agenthub.it.support.V1HubTest;
import dev.agenthub.protocol.kernel.events.Subscription;
import dev.agenthub.protocol.kernel.id.AgentId;
import dev.agenthub.protocol.kernel.id.ProjectId;
import dev.agenthub.protocol.kernel.time.WireTime;
import dev.agenthub.protocol.live.LiveChannels;
import dev.agenthub.protocol.live.LiveEvent;
import dev.agenthub.protocol.presence.PresenceKind;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static dev.agenthub.it.support.V1Client.assertBody;
import static dev.agenthub.it.support.V1Client.canonical;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What goes with a workspace (wire spec §2.1, §4.3 deregistration cascade, §4.17 repo deletion), and the
 * {@code workspace_count} of the repo listing, whole bodies compared.
 */
class WorkspaceCascadesWireTest extends V1HubTest {

    private static final String NOW_OFFSET = "2026-02-07T11:14:49.123456+00:00";

    private record Worktree(String apiKey, String workspaceId, String alias, String projectId, String repoId) {
        Map<String, String> bearer() {
            return Map.of("Authorization", "Bearer " + apiKey);
        }
    }

    private Worktree init(String slug, String origin, String role) {
        Response response = client.post("/v1/init", V1Client.json(V1Client.ordered("project_slug", slug,
                "repo_origin", origin, "role", role)), Map.of());
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode body = response.json();
        return new Worktree(body.get("api_key").asText(), body.get("workspace_id").asText(), body.get("alias").asText(),
                body.get("project_id").asText(), body.get("repo_id").asText());
    }

    private void register(Worktree worktree) {
        assertThat(client.post("/v1/agents/register", "{\"workspace_id\":\"%s\",\"alias\":\"%s\"}"
                .formatted(worktree.workspaceId(), worktree.alias()), worktree.bearer()).status()).isEqualTo(200);
    }

    private boolean present(String id) {
        return hub.presenceIndex().find(PresenceKind.WORKSPACE, UUID.fromString(id), clock.instant()).isPresent();
    }

    private String workspaceDeletedAt(String workspaceId) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT deleted_at FROM hub.workspaces WHERE workspace_id = ?")) {
            query.setObject(1, UUID.fromString(workspaceId));
            try (ResultSet row = query.executeQuery()) {
                assertThat(row.next()).isTrue();
                java.time.OffsetDateTime deletedAt = row.getObject("deleted_at", java.time.OffsetDateTime.class);
                return deletedAt == null ? null : WireTime.offset(deletedAt.toInstant());
            }
        }
    }

    @Test
    void deregisteringAnAgentDeletesItsWorkspaceAndClearsItsPresence() throws SQLException {
        Worktree me = init("cascade-dereg", "git@github.com:cascade-dereg/repo.git", "developer");
        Worktree peer = init("cascade-dereg", "git@github.com:cascade-dereg/repo.git", "reviewer");
        register(me);
        assertThat(present(me.workspaceId())).isTrue();

        assertBody(client.delete("/v1/agents/me", me.bearer()), 200,
                "{\"agent_id\":\"%s\",\"status\":\"deregistered\"}".formatted(me.workspaceId()));

        assertThat(workspaceDeletedAt(me.workspaceId())).isEqualTo(NOW_OFFSET);
        assertThat(present(me.workspaceId())).isFalse();
        assertBody(client.post("/v1/agents/register", "{\"workspace_id\":\"%s\",\"alias\":\"a\"}".formatted(me.workspaceId()),
                peer.bearer()), 410, "{\"detail\":\"Workspace was deleted\"}");
        assertThat(workspaceDeletedAt(peer.workspaceId())).isNull();
        // the alias is free again, for an agent and its workspace alike
        Response again = client.post("/v1/init", """
                {"project_slug":"cascade-dereg","alias":"%s","repo_origin":"git@github.com:cascade-dereg/repo.git"}"""
                .formatted(me.alias()), Map.of());
        assertThat(again.status()).as(again.body()).isEqualTo(200);
        assertThat(again.json().get("workspace_created").asBoolean()).isTrue();
    }

    @Test
    void deletingARepoTakesItsWorkspacesTheirAgentsAndKeys() throws SQLException {
        Worktree one = init("cascade-repo", "git@github.com:cascade-repo/app.git", "developer");
        Worktree two = init("cascade-repo", "git@github.com:cascade-repo/app.git", "reviewer");
        Worktree other = init("cascade-repo", "git@github.com:cascade-repo/lib.git", "developer");
        register(one);
        register(other);

        assertBody(client.get("/v1/repos?project_id=" + one.projectId(), Map.of()), 200, """
                {"repos":[{"id":"%s","project_id":"%s","canonical_origin":"github.com/cascade-repo/app","name":"app",
                           "created_at":"%s","workspace_count":2},
                          {"id":"%s","project_id":"%s","canonical_origin":"github.com/cascade-repo/lib","name":"lib",
                           "created_at":"%s","workspace_count":1}],"has_more":false,"next_cursor":null}"""
                .formatted(one.repoId(), one.projectId(), NOW_OFFSET, other.repoId(), one.projectId(), NOW_OFFSET));

        assertBody(client.delete("/v1/repos/" + one.repoId(), other.bearer()), 200,
                "{\"id\":\"%s\",\"workspaces_deleted\":2,\"claims_deleted\":0,\"presence_cleared\":1}".formatted(one.repoId()));

        for (Worktree gone : new Worktree[] {one, two}) {
            assertThat(workspaceDeletedAt(gone.workspaceId())).isEqualTo(NOW_OFFSET);
            assertThat(present(gone.workspaceId())).isFalse();
            assertBody(client.get("/v1/auth/introspect", gone.bearer()), 401, "{\"detail\":\"Invalid API key\"}");
        }
        assertThat(present(other.workspaceId())).isTrue();
        JsonNode agents = client.get("/v1/agents", other.bearer()).json().get("agents");
        assertThat(agents).extracting(agent -> agent.get("alias").asText()).containsExactly(other.alias());
        assertBody(client.get("/v1/repos?project_id=" + one.projectId(), Map.of()), 200, """
                {"repos":[{"id":"%s","project_id":"%s","canonical_origin":"github.com/cascade-repo/lib","name":"lib",
                           "created_at":"%s","workspace_count":1}],"has_more":false,"next_cursor":null}"""
                .formatted(other.repoId(), one.projectId(), NOW_OFFSET));
    }

    private JooqClaimStore claimStore() {
        return new JooqClaimStore(new JooqTransactionRunner(DSL.using(database.dataSource(), SQLDialect.POSTGRES)));
    }

    private void claim(JooqClaimStore store, Worktree w, String beadId) {
        assertThat(store.claim(new Claim(new ProjectId(UUID.fromString(w.projectId())), beadId,
                new AgentId(UUID.fromString(w.workspaceId())), w.alias(), "", clock.instant(), Claim.Apex.NONE)))
                .isInstanceOf(dev.agenthub.hub.claims.port.ClaimStore.Claimed.class);
    }

    private List<String> claims(JooqClaimStore store, Worktree w) {
        return store.ofWorkspaces(List.of(new AgentId(UUID.fromString(w.workspaceId())))).stream().map(Claim::beadId).toList();
    }

    /** The bead.unclaimed events of one workspace channel, by bead id, as they arrive. */
    private Subscription unclaimedOn(Worktree w, BlockingQueue<String> into) {
        return hub.eventBus().subscribe(LiveChannels.workspace(new AgentId(UUID.fromString(w.workspaceId()))),
                message -> LiveEvent.decode(message.payload()).filter(event -> event.event().equals("bead.unclaimed"))
                        .ifPresent(event -> into.add(event.data())));
    }

    private static List<String> take(BlockingQueue<String> events, int count) throws InterruptedException {
        List<String> taken = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String event = events.poll(10, TimeUnit.SECONDS);
            assertThat(event).as("event %d arrived", i).isNotNull();
            taken.add(event);
        }
        return taken;
    }

    @Test
    void deregisteringAnAgentDeletesItsWorkspacesClaimsWithEvents() throws Exception {
        clock.set(NOW);
        JooqClaimStore store = claimStore();
        Worktree me = init("cascade-claims-dereg", "git@github.com:cascade-claims-dereg/repo.git", "developer");
        Worktree peer = init("cascade-claims-dereg", "git@github.com:cascade-claims-dereg/repo.git", "reviewer");
        claim(store, me, "bd-1");
        claim(store, peer, "bd-2");
        BlockingQueue<String> events = new LinkedBlockingQueue<>();
        try (Subscription ignored = unclaimedOn(me, events)) {
            assertThat(client.delete("/v1/agents/me", me.bearer()).status()).isEqualTo(200);
            assertThat(take(events, 1)).containsExactly(canonical("""
                    {"workspace_id":"%s","type":"bead.unclaimed","timestamp":"%s","project_slug":"cascade-claims-dereg",
                     "bead_id":"bd-1","alias":"%s","title":null}""".formatted(me.workspaceId(), WireTime.zulu(NOW), me.alias())));
        }
        assertThat(claims(store, me)).isEmpty();
        assertThat(claims(store, peer)).containsExactly("bd-2");
    }

    @Test
    void deletingARepoDeletesTheClaimsOfItsWorkspacesAndCountsThem() throws Exception {
        clock.set(NOW);
        JooqClaimStore store = claimStore();
        Worktree one = init("cascade-claims-repo", "git@github.com:cascade-claims-repo/app.git", "developer");
        Worktree two = init("cascade-claims-repo", "git@github.com:cascade-claims-repo/app.git", "reviewer");
        Worktree other = init("cascade-claims-repo", "git@github.com:cascade-claims-repo/lib.git", "developer");
        claim(store, one, "bd-1");
        claim(store, one, "bd-2");
        claim(store, two, "bd-3");
        claim(store, other, "bd-4");
        BlockingQueue<String> events = new LinkedBlockingQueue<>();
        try (Subscription a = unclaimedOn(one, events); Subscription b = unclaimedOn(two, events)) {
            assertBody(client.delete("/v1/repos/" + one.repoId(), other.bearer()), 200,
                    "{\"id\":\"%s\",\"workspaces_deleted\":2,\"claims_deleted\":3,\"presence_cleared\":0}".formatted(one.repoId()));
            assertThat(take(events, 3)).extracting(event -> V1Client.canonical(event))
                    .extracting(event -> event.replaceAll(".*\"bead_id\":\"([^\"]+)\".*", "$1"))
                    .containsExactlyInAnyOrder("bd-1", "bd-2", "bd-3");
        }
        assertThat(claims(store, one)).isEmpty();
        assertThat(claims(store, two)).isEmpty();
        assertThat(claims(store, other)).containsExactly("bd-4");
    }
}
