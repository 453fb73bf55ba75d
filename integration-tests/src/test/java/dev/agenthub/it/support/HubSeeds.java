package dev.agenthub.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agenthub.hub.beads.BeadIssue;
import dev.agenthub.hub.beads.BeadRef;
import dev.agenthub.hub.claims.Claim;
import dev.agenthub.hub.claims.port.ClaimStore;
import dev.agenthub.it.support.HttpProbe.Response;
import dev.agenthub.persistence.hub.JooqBeadStore;
import dev.agenthub.persistence.hub.JooqClaimStore;
import dev.agenthub.persistence.sql.JooqTransactionRunner;
import dev.agenthub.protocol.kernel.id.AgentId;
import dev.agenthub.protocol.kernel.id.ProjectId;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

import javax.sql.DataSource;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.agenthub.persistence.jooq.hub.Tables.CLAIMS;
import static dev.agenthub.persistence.jooq.hub.Tables.WORKSPACES;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Setup for the status, claims and bead-read tests: worktrees through {@code POST /v1/init} (and presence through
 * {@code POST /v1/agents/register}), claims and bead issues straight through the stores, which is the only way to
 * seed a contested bead (the claim step refuses a second claimant).
 */
public final class HubSeeds {

    /** A worktree made by an init with a repo: the agent id is the workspace id. */
    public record Worktree(String apiKey, String workspaceId, String alias, String humanName, String projectId,
                           String projectSlug, String repoId, String canonicalOrigin) {

        public Map<String, String> bearer() {
            return Map.of("Authorization", "Bearer " + apiKey);
        }

        public AgentId agent() {
            return new AgentId(UUID.fromString(workspaceId));
        }

        public ProjectId project() {
            return new ProjectId(UUID.fromString(projectId));
        }
    }

    private final V1Client client;
    private final DSLContext dsl;
    private final JooqClaimStore claims;
    private final JooqBeadStore beads;

    public HubSeeds(V1Client client, DataSource database) {
        this.client = client;
        this.dsl = DSL.using(database, SQLDialect.POSTGRES);
        JooqTransactionRunner session = new JooqTransactionRunner(dsl);
        this.claims = new JooqClaimStore(session);
        this.beads = new JooqBeadStore(session);
    }

    /** Inits {@code alias} in project {@code slug} for a worktree of {@code origin}, with a human name and role. */
    public Worktree worktree(String slug, String origin, String alias, String humanName) {
        Response response = client.post("/v1/init", V1Client.json(V1Client.ordered("project_slug", slug, "alias", alias,
                "repo_origin", origin, "human_name", humanName, "role", "developer")), Map.of());
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode body = response.json();
        return new Worktree(body.get("api_key").asText(), body.get("workspace_id").asText(), body.get("alias").asText(),
                humanName, body.get("project_id").asText(), body.get("project_slug").asText(),
                body.get("repo_id").asText(), body.get("canonical_origin").asText());
    }

    /** Two worktrees of one repo in a project. */
    public record Pair(Worktree alice, Worktree bob) {
    }

    /** {@code alice} (Ada) and {@code bob} (Bo), each with a worktree of {@code git@github.com:<slug>/app.git}. */
    public Pair aliceAndBob(String slug) {
        String origin = "git@github.com:" + slug + "/app.git";
        return new Pair(worktree(slug, origin, "alice", "Ada"), worktree(slug, origin, "bob", "Bo"));
    }

    /** Writes the worktree's workspace presence as bdh does on every command. */
    public void register(Worktree worktree, String program, String branch) {
        Response response = client.post("/v1/agents/register", V1Client.json(V1Client.ordered(
                "workspace_id", worktree.workspaceId(), "alias", worktree.alias(), "program", program, "branch", branch)),
                worktree.bearer());
        assertThat(response.status()).as(response.body()).isEqualTo(200);
    }

    /** Claims {@code beadId} for the worktree through the claim store's atomic step; it must be free. */
    public void claim(Worktree worktree, String beadId, Instant at) {
        ClaimStore.Outcome outcome = claims.claim(new Claim(worktree.project(), beadId, worktree.agent(),
                worktree.alias(), worktree.humanName(), at, Claim.Apex.NONE));
        assertThat(outcome).isInstanceOf(ClaimStore.Claimed.class);
    }

    /** A second claimant of a held bead: a plain row, as a reference server without the atomic step could leave. */
    public void contestedClaim(Worktree worktree, String beadId, Instant at) {
        dsl.insertInto(CLAIMS)
                .set(CLAIMS.PROJECT_ID, UUID.fromString(worktree.projectId()))
                .set(CLAIMS.BEAD_ID, beadId)
                .set(CLAIMS.WORKSPACE_ID, UUID.fromString(worktree.workspaceId()))
                .set(CLAIMS.ALIAS, worktree.alias())
                .set(CLAIMS.HUMAN_NAME, worktree.humanName())
                .set(CLAIMS.CLAIMED_AT, OffsetDateTime.ofInstant(at, ZoneOffset.UTC))
                .execute();
    }

    /** Soft-deletes a workspace in place (the delete route belongs to another capability). */
    public void softDelete(Worktree worktree, Instant at) {
        dsl.update(WORKSPACES).set(WORKSPACES.DELETED_AT, OffsetDateTime.ofInstant(at, ZoneOffset.UTC))
                .where(WORKSPACES.WORKSPACE_ID.eq(UUID.fromString(worktree.workspaceId()))).execute();
    }

    /** Stores bead issues of a project as a sync would have. */
    public void issues(ProjectId project, BeadIssue... issues) {
        beads.insert(project, List.of(issues));
    }

    /** A bead issue with the fields the reads show; the rest null. */
    public static BeadIssue issue(String repo, String branch, String beadId, String title, String status, Integer priority,
                                  String type, Instant updatedAt, Instant syncedAt, List<BeadRef> blockedBy) {
        return new BeadIssue(repo, branch, beadId, title, null, status, priority, type, null, null, null, null,
                updatedAt, blockedBy, null, syncedAt);
    }
}
