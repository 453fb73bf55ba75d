package dev.agenthub.hub.team;

import dev.agenthub.hub.claims.Claim;
import dev.agenthub.hub.claims.Claims;
import dev.agenthub.hub.repos.CanonicalOrigin;
import dev.agenthub.hub.repos.Repo;
import dev.agenthub.hub.repos.RepoId;
import dev.agenthub.hub.repos.port.RepoStore;
import dev.agenthub.hub.workspaces.Workspace;
import dev.agenthub.hub.workspaces.Workspaces;
import dev.agenthub.hub.workspaces.port.WorkspaceStore;
import dev.agenthub.protocol.agents.Agent;
import dev.agenthub.protocol.agents.AgentRules;
import dev.agenthub.protocol.agents.Agents;
import dev.agenthub.protocol.agents.port.AgentStore;
import dev.agenthub.protocol.identity.Authenticator;
import dev.agenthub.protocol.identity.BearerCredentials;
import dev.agenthub.protocol.identity.Principal;
import dev.agenthub.protocol.identity.port.ApiKeyStore;
import dev.agenthub.protocol.kernel.error.DomainError;
import dev.agenthub.protocol.kernel.id.AgentId;
import dev.agenthub.protocol.kernel.id.IdGenerator;
import dev.agenthub.protocol.kernel.time.WireTime;
import dev.agenthub.protocol.kernel.tx.TransactionRunner;
import dev.agenthub.protocol.presence.PresenceKind;
import dev.agenthub.protocol.presence.PresenceRecord;
import dev.agenthub.protocol.presence.port.PresenceIndex;
import dev.agenthub.protocol.projects.Project;
import dev.agenthub.protocol.projects.port.ProjectStore;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SequencedMap;
import java.util.UUID;

/**
 * The workspace lifecycle of wire spec §4.4: {@code POST /heartbeat} (upsert with the checks in their order and a
 * presence refresh), {@code DELETE /{id}} (soft delete with its claims, agent and keys),
 * {@code POST /{id}/restore} (the workspace only: claims and agent stay gone, §14.3), and
 * {@code POST /register} (§4.1: the registered agent's workspace, upserted like the workspace part of init).
 */
public final class WorkspaceLifecycle {

    static final String BINDING = "workspace_id does not match API key identity";

    private final TransactionRunner transactions;
    private final ProjectStore projects;
    private final AgentStore agents;
    private final ApiKeyStore keys;
    private final RepoStore repos;
    private final WorkspaceStore workspaces;
    private final Workspaces worktrees;
    private final Claims claims;
    private final PresenceIndex presence;
    private final Duration presenceTtl;
    private final Clock clock;
    private final IdGenerator ids;

    /** @param presenceTtl the workspace presence TTL (§10, {@code BEADHUB_PRESENCE_TTL_SECONDS}) */
    public WorkspaceLifecycle(TransactionRunner transactions, ProjectStore projects, AgentStore agents,
                              ApiKeyStore keys, RepoStore repos, WorkspaceStore workspaces, Workspaces worktrees,
                              Claims claims,
                              PresenceIndex presence, Duration presenceTtl, Clock clock, IdGenerator ids) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.projects = Objects.requireNonNull(projects, "projects");
        this.agents = Objects.requireNonNull(agents, "agents");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.repos = Objects.requireNonNull(repos, "repos");
        this.workspaces = Objects.requireNonNull(workspaces, "workspaces");
        this.worktrees = Objects.requireNonNull(worktrees, "worktrees");
        this.claims = Objects.requireNonNull(claims, "claims");
        this.presence = Objects.requireNonNull(presence, "presence");
        this.presenceTtl = Objects.requireNonNull(presenceTtl, "presenceTtl");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ids = Objects.requireNonNull(ids, "ids");
        if (presenceTtl.isNegative() || presenceTtl.isZero()) {
            throw new IllegalArgumentException("presenceTtl must be positive");
        }
    }

    /**
     * A validated heartbeat body.
     *
     * @param humanName null when absent (stored as {@code ""})
     * @param role      normalised; null when absent, null or empty (the stored role stays, §14 F3)
     */
    public record Beat(AgentId workspaceId, String alias, String repoOrigin, CanonicalOrigin origin, String role,
                       String currentBranch, String timezone, String hostname, String workspacePath,
                       String humanName) {

        public Beat {
            Objects.requireNonNull(workspaceId, "workspaceId");
            Objects.requireNonNull(alias, "alias");
            Objects.requireNonNull(repoOrigin, "repoOrigin");
            Objects.requireNonNull(origin, "origin");
        }
    }

    /**
     * The outcome of a heartbeat.
     *
     * @param presenceFailure why the presence refresh failed (logged by the caller, never returned), or empty
     */
    public record Beaten(Workspace workspace, boolean created, Optional<RuntimeException> presenceFailure) {
    }

    /**
     * {@code POST /v1/workspaces/heartbeat} (§4.4), after authentication: AB, then in one transaction the checks
     * against an existing workspace in their order (410 deleted, 400 another project, 409 alias mismatch, 410 repo
     * deleted, 400 repo mismatch) and its upsert; or, for a new id, the alias check (live workspaces, then the
     * presence alias index) and the creation with its repo ensured. A new workspace needs the live agent of the
     * same id in the project, with the same alias (the workspace id is the agent id, §2.1). After the commit it
     * writes the workspace presence (program {@code bdh}, no model) and the agent presence; failures there are
     * reported in {@link Beaten#presenceFailure}.
     *
     * @throws DomainError.Forbidden 403 {@code workspace_id does not match API key identity}
     * @throws DomainError.Gone      410 {@code Workspace was deleted. …} / {@code Workspace repository was deleted. …}
     * @throws DomainError.Invalid   400 {@code Workspace <id> does not belong to this project. …} /
     *                               {@code Repo mismatch: …}
     * @throws DomainError.Conflict  409 {@code Alias mismatch for workspace …} / {@code Alias '<a>' is already used
     *                               by another workspace in this project. …}
     * @throws DomainError.NotFound  404 {@code Agent not found} for a new workspace without its agent
     */
    public Beaten heartbeat(Principal principal, Beat beat) {
        AgentId id = beat.workspaceId();
        Authenticator.requireBinding(principal, id, BINDING);
        Instant now = WireTime.truncate(clock.instant());
        String humanName = beat.humanName() == null ? "" : beat.humanName();
        Beaten written = transactions.inTransaction(() -> {
            Optional<Workspace> existing = workspaces.find(id);
            if (existing.isPresent()) {
                Workspace w = existing.get();
                if (!w.live()) {
                    throw new DomainError.Gone("Workspace was deleted. Run 'bdh :init' to re-register.");
                }
                if (!w.project().equals(principal.project())) {
                    throw new DomainError.Invalid("Workspace " + id + " does not belong to this project. This may "
                            + "indicate a corrupted .beadhub file. Try running 'bdh :init' again.", 400);
                }
                if (!w.alias().equals(beat.alias())) {
                    throw aliasMismatch(id, w.alias(), beat.alias());
                }
                Repo repo = (w.repo() == null ? Optional.<Repo>empty() : repos.find(w.project(), w.repo()))
                        .orElseThrow(() -> new DomainError.Gone(
                                "Workspace repository was deleted. Run 'bdh :init' to re-register."));
                if (!repo.canonicalOrigin().equals(beat.origin())) {
                    throw new DomainError.Invalid("Repo mismatch: workspace is registered with a different "
                            + "repository. This may indicate a corrupted .beadhub file. Run 'bdh :init' again.", 400);
                }
                Workspace updated = workspaces.heartbeat(id, new WorkspaceStore.Heartbeat(humanName, beat.role(),
                                beat.currentBranch(), beat.timezone(), beat.hostname(), beat.workspacePath()), now)
                        .orElseThrow(() -> new DomainError.Gone("Workspace was deleted. Run 'bdh :init' to re-register."));
                return new Beaten(updated, false, Optional.empty());
            }
            if (aliasTaken(principal, id, beat.alias(), now)) {
                throw aliasTaken(beat.alias());
            }
            Agent agent = agents.find(principal.project(), id).orElseThrow(Agents::agentNotFound);
            if (!agent.alias().equals(beat.alias())) {
                throw aliasMismatch(id, agent.alias(), beat.alias());
            }
            Repo repo = repos.ensure(new Repo(new RepoId(ids.newId()), principal.project(), beat.repoOrigin(),
                    beat.origin(), now, null)).repo();
            Workspace created = new Workspace(id, principal.project(), repo.id(), beat.alias(), humanName, beat.role(),
                    beat.currentBranch(), beat.timezone(), beat.hostname(), beat.workspacePath(),
                    Workspace.Focus.NONE, Workspace.Type.AGENT, now, now, now, null);
            if (!workspaces.insert(created)) {
                throw aliasTaken(beat.alias()); // a concurrent heartbeat or init took the alias (or the id)
            }
            return new Beaten(created, true, Optional.empty());
        });
        try {
            refreshPresence(written.workspace(), beat, now);
            return written;
        } catch (RuntimeException presenceDown) {
            return new Beaten(written.workspace(), written.created(), Optional.of(presenceDown));
        }
    }

    /** The alias check of a new workspace: first the live workspaces, then the presence alias index (§4.4). */
    private boolean aliasTaken(Principal principal, AgentId id, String alias, Instant now) {
        if (workspaces.findLiveByAlias(principal.project(), alias).filter(w -> !w.id().equals(id)).isPresent()) {
            return true;
        }
        // claims carry the alias of a live workspace (a deleted workspace's claims are gone, aliases never
        // change), so the claims step of §4.4 is covered by the workspace step above
        try {
            return presence.findByAlias(PresenceKind.WORKSPACE, principal.project(), alias, now)
                    .filter(holder -> !holder.equals(id.value())).isPresent();
        } catch (RuntimeException presenceDown) {
            return false; // presence is a cache: without it only the authoritative checks apply
        }
    }

    private void refreshPresence(Workspace workspace, Beat beat, Instant now) {
        Optional<Repo> repo = workspace.repo() == null ? Optional.empty() : repos.findAnyState(workspace.repo());
        String slug = projects.find(workspace.project()).map(Project::slug).orElse(null);
        SequencedMap<String, String> attributes = new LinkedHashMap<>();
        attributes.put("human_name", workspace.humanName());
        if (slug != null) {
            attributes.put("project_slug", slug);
        }
        repo.ifPresent(r -> attributes.put("repo_id", r.id().toString()));
        attributes.put("member_email", "");
        attributes.put("program", "bdh");
        if (beat.currentBranch() != null) {
            attributes.put("current_branch", beat.currentBranch());
        }
        repo.ifPresent(r -> attributes.put("canonical_origin", r.canonicalOrigin().value()));
        if (workspace.role() != null) {
            attributes.put("role", workspace.role());
        }
        if (workspace.timezone() != null) {
            attributes.put("timezone", workspace.timezone());
        }
        UUID id = workspace.id().value();
        presence.put(PresenceKind.WORKSPACE, new PresenceRecord(id, workspace.project(), workspace.alias(), "active",
                now, attributes), presenceTtl, now);
        presence.put(PresenceKind.AGENT, new PresenceRecord(id, workspace.project(), workspace.alias(), "active", now,
                new LinkedHashMap<>()), Agents.AGENT_PRESENCE_TTL, now);
    }

    /**
     * A validated {@code POST /v1/workspaces/register} body.
     *
     * @param role          normalised; null when absent, null or empty (an existing workspace keeps its role,
     *                      §14 F3; a new one has none)
     * @param hostname      {@code ""} when absent (stored as null)
     * @param workspacePath {@code ""} when absent (stored as null)
     */
    public record Registration(String repoOrigin, CanonicalOrigin origin, String role, String hostname,
                               String workspacePath) {

        public Registration {
            Objects.requireNonNull(repoOrigin, "repoOrigin");
            Objects.requireNonNull(origin, "origin");
            Objects.requireNonNull(hostname, "hostname");
            Objects.requireNonNull(workspacePath, "workspacePath");
        }
    }

    /** The outcome of {@link #register}: the caller's project and agent, and what happened to the workspace. */
    public record Registered(Project project, Agent agent, Workspaces.Initialised outcome) {
    }

    /**
     * {@code POST /v1/workspaces/register} (§4.1) for a principal of auth R ({@link Authenticator#registered}):
     * the agent's alias and human name must pass the beadhub patterns; then, in one transaction, the repo is
     * ensured and the workspace with the agent's id created, or checked and updated
     * ({@link Workspaces#registerWorktree}).
     *
     * @throws DomainError.BadGateway      502 {@code aweb returned invalid alias format} /
     *                                     {@code aweb returned invalid human_name format}
     * @throws DomainError.Conflict        the 409s of {@link Workspaces#registerWorktree}
     * @throws DomainError.Unauthenticated 401 {@code Invalid API key} when the project went away meanwhile
     */
    public Registered register(Principal principal, Registration registration) {
        Agent agent = principal.bound().orElseThrow(BearerCredentials::invalidKey);
        if (!AgentRules.validAlias(agent.alias())) {
            throw new DomainError.BadGateway("aweb returned invalid alias format");
        }
        String humanName = agent.humanName() == null ? "" : agent.humanName();
        if (!humanName.isEmpty() && !AgentRules.validHumanName(humanName)) {
            throw new DomainError.BadGateway("aweb returned invalid human_name format");
        }
        return transactions.inTransaction(() -> {
            Project project = projects.find(principal.project()).orElseThrow(BearerCredentials::invalidKey);
            Instant now = WireTime.truncate(clock.instant());
            Workspaces.Initialised outcome = worktrees.registerWorktree(project, agent,
                    new Workspaces.Worktree(registration.repoOrigin(), registration.origin(), humanName,
                            registration.role(), registration.role() != null, registration.hostname(),
                            registration.workspacePath()), now);
            return new Registered(project, agent, outcome);
        });
    }

    /** The outcome of {@link #delete}: the workspace as deleted and the claims that went with it. */
    public record Deleted(Workspace workspace, List<Claim> claimsRemoved) {
    }

    /**
     * {@code DELETE /v1/workspaces/{id}} (§4.4, §14.3): any caller of the project may delete any live workspace
     * of the project. In one transaction it sets {@code deleted_at}, deletes the workspace's claims
     * ({@code bead.unclaimed} follows the commit), soft-deletes its agent and deactivates the agent's keys.
     * Presence is left to expire.
     *
     * @param idText the id as the client wrote it, for the messages
     * @throws DomainError.NotFound 404 {@code Workspace <id> not found} (also another project's) /
     *                              {@code Workspace <id> is already deleted}
     */
    public Deleted delete(Principal principal, AgentId id, String idText) {
        return transactions.inTransaction(() -> {
            Workspace workspace = ofProject(principal, id, idText);
            if (!workspace.live()) {
                throw alreadyDeleted(idText);
            }
            Instant now = WireTime.truncate(clock.instant());
            if (!workspaces.softDelete(id, now)) {
                throw alreadyDeleted(idText); // a concurrent delete won
            }
            List<Claim> removed = claims.dropOfWorkspaces(List.of(id));
            agents.deregister(workspace.project(), id, now);
            keys.deactivateAllOf(id);
            Workspace deleted = workspaces.find(id).orElseThrow(() -> new IllegalStateException("workspace vanished"));
            return new Deleted(deleted, removed);
        });
    }

    /**
     * {@code POST /v1/workspaces/{id}/restore} (§4.4): AB, then clears {@code deleted_at}. Claims are not
     * restored and the agent stays deleted (§14.3).
     *
     * @throws DomainError.Forbidden 403 {@code workspace_id does not match API key identity}
     * @throws DomainError.NotFound  404 {@code Workspace <id> not found} (also another project's)
     * @throws DomainError.Conflict  409 {@code Workspace <id> is already active (not deleted)} /
     *                               {@code Cannot restore: alias '<a>' is now used by another workspace}
     */
    public Workspace restore(Principal principal, AgentId id, String idText) {
        Authenticator.requireBinding(principal, id, BINDING);
        return transactions.inTransaction(() -> {
            Workspace workspace = ofProject(principal, id, idText);
            if (workspace.live()) {
                throw new DomainError.Conflict("Workspace " + idText + " is already active (not deleted)");
            }
            return workspaces.restore(id, WireTime.truncate(clock.instant()))
                    .orElseThrow(() -> new DomainError.Conflict("Cannot restore: alias '" + workspace.alias()
                            + "' is now used by another workspace"));
        });
    }

    private Workspace ofProject(Principal principal, AgentId id, String idText) {
        return workspaces.find(id).filter(w -> w.project().equals(principal.project()))
                .orElseThrow(() -> new DomainError.NotFound("Workspace " + idText + " not found"));
    }

    private static DomainError.NotFound alreadyDeleted(String idText) {
        return new DomainError.NotFound("Workspace " + idText + " is already deleted");
    }

    private static DomainError.Conflict aliasMismatch(AgentId id, String expected, String got) {
        return new DomainError.Conflict("Alias mismatch for workspace " + id + " (expected '" + expected + "', got '"
                + got + "'). Run 'bdh :init' to re-register.");
    }

    private static DomainError.Conflict aliasTaken(String alias) {
        return new DomainError.Conflict("Alias '" + alias + "' is already used by another workspace in this project. "
                + "Please choose a different alias and run 'bdh :init' again.");
    }
}
