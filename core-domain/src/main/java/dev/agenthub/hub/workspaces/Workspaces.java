package dev.agenthub.hub.workspaces;

import dev.agenthub.hub.repos.CanonicalOrigin;
import dev.agenthub.hub.repos.Repo;
import dev.agenthub.hub.repos.RepoId;
import dev.agenthub.hub.repos.port.RepoStore;
import dev.agenthub.hub.workspaces.port.WorkspaceStore;
import dev.agenthub.protocol.agents.Agent;
import dev.agenthub.protocol.kernel.error.DomainError;
import dev.agenthub.protocol.kernel.id.IdGenerator;
import dev.agenthub.protocol.projects.Project;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The workspace use cases: the workspace part of {@code POST /v1/init} (wire spec §4.1 step 7, with §14 F3).
 */
public final class Workspaces {

    private final RepoStore repos;
    private final WorkspaceStore workspaces;
    private final IdGenerator ids;

    public Workspaces(RepoStore repos, WorkspaceStore workspaces, IdGenerator ids) {
        this.repos = Objects.requireNonNull(repos, "repos");
        this.workspaces = Objects.requireNonNull(workspaces, "workspaces");
        this.ids = Objects.requireNonNull(ids, "ids");
    }

    /** What an init did to the agent's workspace. */
    public record Initialised(Repo repo, Workspace workspace, boolean created) {
    }

    /**
     * The worktree facts of an init body.
     *
     * @param humanName     {@code ""} or a valid human name
     * @param role          normalised role, stored on creation, and on update when {@code roleGiven}
     * @param hostname      {@code ""} when absent (stored as null)
     * @param workspacePath {@code ""} when absent (stored as null)
     */
    public record Worktree(String originUrl, CanonicalOrigin origin, String humanName, String role, boolean roleGiven,
                           String hostname, String workspacePath) {

        public Worktree {
            Objects.requireNonNull(originUrl, "originUrl");
            Objects.requireNonNull(origin, "origin");
            Objects.requireNonNull(humanName, "humanName");
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(hostname, "hostname");
            Objects.requireNonNull(workspacePath, "workspacePath");
        }
    }

    /**
     * §4.1 step 7, inside the caller's (the init's) transaction: ensures the repo (undeleting it and taking the
     * origin URL), then creates the workspace of {@code agent} or, when it exists for the same repo, updates its
     * human name, hostname and path (the role only when {@code roleGiven}) and brings it back if deleted.
     *
     * @throws DomainError.Conflict 409 {@code workspace_repo_mismatch: …} when the workspace belongs to another
     *                              repo; 409 {@code Alias '<alias>' is already used in this project} when a live
     *                              workspace of another agent holds the alias
     */
    public Initialised initialise(Project project, Agent agent, Worktree worktree, Instant now) {
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
                throw new DomainError.Conflict("Alias '" + agent.alias() + "' is already used in this project");
            }
        }
        Workspace workspace = existing.get();
        if (!repo.id().equals(workspace.repo())) {
            String registered = workspace.repo() == null ? "(deleted)"
                    : repos.findAnyState(workspace.repo()).map(r -> r.canonicalOrigin().value()).orElse("(deleted)");
            throw new DomainError.Conflict("workspace_repo_mismatch: alias '" + workspace.alias() + "' (workspace_id="
                    + workspace.id() + ") is already registered for repo '" + registered
                    + "'. Cannot initialize the same agent for repo '" + worktree.origin().value()
                    + "'. Choose a different alias (new agent/worktree) or initialize from the original repo.");
        }
        Workspace updated = workspaces.reinitialise(agent.id(), worktree.humanName(), hostname, path,
                        worktree.roleGiven() ? worktree.role() : null, now)
                .orElseThrow(() -> new IllegalStateException("workspace " + agent.id() + " vanished"));
        return new Initialised(repo, updated, false);
    }

    private static String emptyToNull(String text) {
        return text.isEmpty() ? null : text;
    }
}
