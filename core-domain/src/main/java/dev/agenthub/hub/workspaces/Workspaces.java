package dev.agenthub.hub.workspaces;

import dev.agenthub.hub.repos.CanonicalOrigin;
import dev.agenthub.hub.repos.Repo;
import dev.agenthub.hub.repos.RepoId;
import dev.agenthub.hub.repos.port.RepoStore;
import dev.agenthub.hub.workspaces.port.WorkspaceStore;
import dev.agenthub.protocol.agents.Agent;
import dev.agenthub.protocol.identity.Authenticator;
import dev.agenthub.protocol.identity.Principal;
import dev.agenthub.protocol.kernel.error.DomainError;
import dev.agenthub.protocol.kernel.id.AgentId;
import dev.agenthub.protocol.kernel.id.IdGenerator;
import dev.agenthub.protocol.kernel.id.Uuids;
import dev.agenthub.protocol.kernel.time.WireTime;
import dev.agenthub.protocol.presence.PresenceKind;
import dev.agenthub.protocol.presence.PresenceRecord;
import dev.agenthub.protocol.presence.port.PresenceIndex;
import dev.agenthub.protocol.projects.Project;
import dev.agenthub.protocol.projects.port.ProjectStore;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Objects;
import java.util.Optional;
import java.util.SequencedMap;

/**
 * The workspace use cases: the workspace part of {@code POST /v1/init} (wire spec §4.1 step 7, with §14 F3) and
 * of {@code POST /v1/workspaces/register} (§4.1),
 * the workspace access check of §3.2 and the presence refresh of {@code POST /v1/agents/register} (§4.3, §10).
 */
public final class Workspaces {

    static final String INVALID_ID = "Invalid workspace_id format";
    static final String NOT_FOUND = "Workspace not found";
    static final String DELETED = "Workspace was deleted";
    static final String FOREIGN = "Workspace not found or does not belong to your project";
    static final String BINDING = "workspace_id does not match API key identity";
    /** The longest {@code ttl_seconds} a presence refresh may ask for. */
    public static final int MAX_PRESENCE_TTL_SECONDS = 86_400;

    private final ProjectStore projects;
    private final RepoStore repos;
    private final WorkspaceStore workspaces;
    private final PresenceIndex presence;
    private final Duration presenceTtl;
    private final Clock clock;
    private final IdGenerator ids;

    /** @param presenceTtl the workspace presence TTL when a refresh asks for none (§10: 1800 s by default) */
    public Workspaces(ProjectStore projects, RepoStore repos, WorkspaceStore workspaces, PresenceIndex presence,
                      Duration presenceTtl, Clock clock, IdGenerator ids) {
        this.projects = Objects.requireNonNull(projects, "projects");
        this.repos = Objects.requireNonNull(repos, "repos");
        this.workspaces = Objects.requireNonNull(workspaces, "workspaces");
        this.presence = Objects.requireNonNull(presence, "presence");
        this.presenceTtl = Objects.requireNonNull(presenceTtl, "presenceTtl");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ids = Objects.requireNonNull(ids, "ids");
        if (presenceTtl.isNegative() || presenceTtl.isZero()) {
            throw new IllegalArgumentException("presenceTtl must be positive");
        }
    }

    /** What an init or a registration did to the agent's workspace. */
    public record Initialised(Repo repo, Workspace workspace, boolean created) {
    }

    /**
     * The worktree facts of an init or a registration body.
     *
     * @param humanName     {@code ""} or a valid human name
     * @param role          normalised role, stored on creation (null: none), and on update when {@code roleGiven}
     * @param hostname      {@code ""} when absent (stored as null)
     * @param workspacePath {@code ""} when absent (stored as null)
     */
    public record Worktree(String originUrl, CanonicalOrigin origin, String humanName, String role, boolean roleGiven,
                           String hostname, String workspacePath) {

        public Worktree {
            Objects.requireNonNull(originUrl, "originUrl");
            Objects.requireNonNull(origin, "origin");
            Objects.requireNonNull(humanName, "humanName");
            Objects.requireNonNull(hostname, "hostname");
            Objects.requireNonNull(workspacePath, "workspacePath");
            if (roleGiven) {
                Objects.requireNonNull(role, "role");
            }
        }
    }

    /** The checks an existing workspace must pass before it is updated, given the repo just ensured. */
    @FunctionalInterface
    private interface ExistingCheck {
        void check(Workspace existing, Repo repo);
    }

    /**
     * §4.1 step 7, inside the caller's (the init's) transaction: ensures the repo (undeleting it and taking the
     * origin URL), then creates the workspace of {@code agent} or, when it exists for the same repo, updates its
     * human name, hostname and path (the role only when {@code roleGiven}) and brings it back if deleted.
     *
     * @throws DomainError.Conflict 409 {@code workspace_repo_mismatch: …} when the workspace belongs to another
     *                              repo; 409 {@code Alias '<alias>' is already used in this project} when a live
     *                              workspace of another agent holds the alias (also when bringing a deleted one
     *                              back)
     */
    public Initialised initialise(Project project, Agent agent, Worktree worktree, Instant now) {
        return upsert(project, agent, worktree, now, (workspace, repo) -> {
            if (!repo.id().equals(workspace.repo())) {
                String registered = workspace.repo() == null ? "(deleted)"
                        : repos.findAnyState(workspace.repo()).map(r -> r.canonicalOrigin().value()).orElse("(deleted)");
                throw new DomainError.Conflict("workspace_repo_mismatch: alias '" + workspace.alias()
                        + "' (workspace_id=" + workspace.id() + ") is already registered for repo '" + registered
                        + "'. Cannot initialize the same agent for repo '" + worktree.origin().value()
                        + "'. Choose a different alias (new agent/worktree) or initialize from the original repo.");
            }
        });
    }

    /**
     * {@code POST /v1/workspaces/register} (§4.1), inside the caller's transaction: the same upsert as
     * {@link #initialise}, with the registration's checks of an existing workspace, in this order. The human
     * name is the agent's; a workspace whose repo is unset keeps it unset.
     *
     * @throws DomainError.Conflict 409 {@code Workspace already registered in another project} /
     *                              {@code … for another repo} / {@code … with a different alias}; 409
     *                              {@code Alias '<alias>' is already used in this project} when a live workspace
     *                              of another agent holds the alias (also when bringing a deleted one back)
     */
    public Initialised registerWorktree(Project project, Agent agent, Worktree worktree, Instant now) {
        return upsert(project, agent, worktree, now, (workspace, repo) -> {
            if (!workspace.project().equals(project.id())) {
                throw new DomainError.Conflict("Workspace already registered in another project");
            }
            if (workspace.repo() != null && !workspace.repo().equals(repo.id())) {
                throw new DomainError.Conflict("Workspace already registered for another repo");
            }
            if (!workspace.alias().equals(agent.alias())) {
                throw new DomainError.Conflict("Workspace already registered with a different alias");
            }
        });
    }

    /** Ensures the repo, then inserts the agent's workspace, or checks and re-initialises the existing one. */
    private Initialised upsert(Project project, Agent agent, Worktree worktree, Instant now, ExistingCheck checks) {
        Repo repo = repos.ensure(new Repo(new RepoId(ids.newId()), project.id(), worktree.originUrl(), worktree.origin(),
                now, null)).repo();
        String hostname = emptyToNull(worktree.hostname());
        String path = emptyToNull(worktree.workspacePath());
        Optional<Workspace> existing = workspaces.find(agent.id());
        if (existing.isEmpty()) {
            Workspace created = Workspace.ofAgent(agent.id(), project.id(), repo.id(), agent.alias(), worktree.humanName(),
                    worktree.role(), hostname, path, now);
            if (workspaces.insert(created)) {
                return new Initialised(repo, created, true);
            }
            existing = workspaces.find(agent.id()); // a concurrent init of the same agent inserted it first
            if (existing.isEmpty()) {
                throw aliasUsed(agent);
            }
        }
        Workspace workspace = existing.get();
        checks.check(workspace, repo);
        if (!workspace.live() && workspaces.findLiveByAlias(project.id(), workspace.alias()).isPresent()) {
            throw aliasUsed(agent); // bringing it back would take the alias of another live workspace
        }
        Workspace updated = workspaces.reinitialise(agent.id(), worktree.humanName(), hostname, path,
                        worktree.roleGiven() ? worktree.role() : null, now)
                .orElseThrow(() -> new IllegalStateException("workspace " + agent.id() + " vanished"));
        return new Initialised(repo, updated, false);
    }

    /**
     * The workspace access check of §3.2, in its order, for a caller with project scope.
     *
     * @throws DomainError.Invalid   422 {@code Invalid workspace_id format}
     * @throws DomainError.NotFound  404 {@code Workspace not found}
     * @throws DomainError.Gone      410 {@code Workspace was deleted}
     * @throws DomainError.Forbidden 403 {@code Workspace not found or does not belong to your project}, or
     *                               {@code workspace_id does not match API key identity} (bearer key bound to
     *                               another agent)
     */
    public Workspace access(Principal principal, String workspaceId) {
        AgentId id = Uuids.parse(workspaceId).map(AgentId::new)
                .orElseThrow(() -> new DomainError.Invalid(INVALID_ID));
        Workspace workspace = workspaces.find(id).orElseThrow(() -> new DomainError.NotFound(NOT_FOUND));
        if (!workspace.live()) {
            throw new DomainError.Gone(DELETED);
        }
        if (!workspace.project().equals(principal.project())) {
            throw new DomainError.Forbidden(FOREIGN);
        }
        Authenticator.requireBinding(principal, workspace.id(), BINDING);
        return workspace;
    }

    /**
     * What a presence refresh reports (the body's fields after validation).
     *
     * @param humanName  replaces the stored name in the record when non-null and non-blank
     * @param role       normalised; replaces the stored role when non-null
     * @param branch     the record's {@code current_branch}, or null
     * @param ttlSeconds 1..86400, or null for the configured TTL
     */
    public record Refresh(String humanName, String program, String model, String repo, String branch, String role,
                          Integer ttlSeconds) {
    }

    /** The outcome of {@link #register}: the workspace, its project, and the record written. */
    public record Registered(Workspace workspace, Project project, PresenceRecord record) {
    }

    /**
     * {@code POST /v1/agents/register} (§4.3): the access check, then writes the workspace presence record and
     * nothing else. Alias, project slug and repo come from the workspace, never from the body.
     *
     * @throws DomainError the access check's errors ({@link #access})
     */
    public Registered register(Principal principal, String workspaceId, Refresh refresh) {
        Workspace workspace = access(principal, workspaceId);
        Project project = projects.find(workspace.project())
                .orElseThrow(() -> new DomainError.NotFound(NOT_FOUND)); // the project went away after authentication
        Optional<Repo> repo = workspace.repo() == null ? Optional.empty() : repos.findAnyState(workspace.repo());
        Instant now = WireTime.truncate(clock.instant());
        SequencedMap<String, String> attributes = new LinkedHashMap<>();
        String humanName = refresh.humanName() == null || refresh.humanName().isBlank()
                ? workspace.humanName() : refresh.humanName();
        attributes.put("human_name", humanName);
        attributes.put("project_slug", project.slug());
        repo.ifPresent(r -> attributes.put("repo_id", r.id().toString()));
        attributes.put("member_email", "");
        putIfPresent(attributes, "program", refresh.program());
        putIfPresent(attributes, "model", refresh.model());
        putIfPresent(attributes, "current_branch", refresh.branch());
        repo.ifPresent(r -> attributes.put("canonical_origin", r.canonicalOrigin().value()));
        putIfPresent(attributes, "role", refresh.role() != null ? refresh.role() : workspace.role());
        putIfPresent(attributes, "timezone", workspace.timezone());
        PresenceRecord record = new PresenceRecord(workspace.id().value(), workspace.project(), workspace.alias(),
                "active", now, attributes);
        Duration ttl = refresh.ttlSeconds() == null ? presenceTtl : Duration.ofSeconds(refresh.ttlSeconds());
        presence.put(PresenceKind.WORKSPACE, record, ttl, now);
        return new Registered(workspace, project, record);
    }

    private static void putIfPresent(SequencedMap<String, String> attributes, String name, String value) {
        if (value != null) {
            attributes.put(name, value);
        }
    }

    private static DomainError.Conflict aliasUsed(Agent agent) {
        return new DomainError.Conflict("Alias '" + agent.alias() + "' is already used in this project");
    }

    private static String emptyToNull(String text) {
        return text.isEmpty() ? null : text;
    }
}
