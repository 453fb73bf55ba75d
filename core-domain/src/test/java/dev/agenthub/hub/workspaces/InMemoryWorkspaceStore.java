package dev.agenthub.hub.workspaces;

import dev.agenthub.hub.repos.RepoId;
import dev.agenthub.hub.workspaces.port.WorkspaceStore;
import dev.agenthub.protocol.kernel.id.AgentId;
import dev.agenthub.protocol.kernel.id.ProjectId;
import dev.agenthub.protocol.kernel.paging.Page;
import dev.agenthub.protocol.kernel.paging.PageRequest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Comparator;

/** {@link WorkspaceStore} over a map by id. */
public final class InMemoryWorkspaceStore implements WorkspaceStore {

    private final Map<AgentId, Workspace> rows = new LinkedHashMap<>();

    public synchronized List<Workspace> all() {
        return List.copyOf(rows.values());
    }

    @Override
    public synchronized boolean insert(Workspace workspace) {
        boolean aliasTaken = rows.values().stream().anyMatch(w -> w.live() && w.project().equals(workspace.project())
                && w.alias().equals(workspace.alias()));
        if (rows.containsKey(workspace.id()) || workspace.live() && aliasTaken) {
            return false;
        }
        rows.put(workspace.id(), workspace);
        return true;
    }

    @Override
    public synchronized Optional<Workspace> find(AgentId id) {
        return Optional.ofNullable(rows.get(id));
    }

    @Override
    public synchronized Optional<Workspace> reinitialise(AgentId id, String humanName, String hostname,
                                                         String workspacePath, String role, Instant now) {
        Workspace w = rows.get(id);
        if (w == null) {
            return Optional.empty();
        }
        Workspace updated = new Workspace(w.id(), w.project(), w.repo(), w.alias(), humanName,
                role == null ? w.role() : role, w.currentBranch(), w.timezone(), hostname, workspacePath, w.focus(),
                w.type(), w.createdAt(), now, w.lastSeenAt(), null);
        rows.put(id, updated);
        return Optional.of(updated);
    }

    @Override
    public synchronized boolean softDelete(AgentId id, Instant now) {
        Workspace w = rows.get(id);
        if (w == null || !w.live()) {
            return false;
        }
        rows.put(id, deleted(w, now));
        return true;
    }

    private static Workspace deleted(Workspace w, Instant now) {
        return new Workspace(w.id(), w.project(), w.repo(), w.alias(), w.humanName(), w.role(), w.currentBranch(),
                w.timezone(), w.hostname(), w.workspacePath(), w.focus(), w.type(), w.createdAt(), now, w.lastSeenAt(), now);
    }

    @Override
    public synchronized List<Workspace> softDeleteOfRepo(ProjectId project, RepoId repo, Instant now) {
        List<Workspace> gone = new ArrayList<>();
        for (Workspace w : List.copyOf(rows.values())) {
            if (w.live() && w.project().equals(project) && repo.equals(w.repo())) {
                Workspace d = deleted(w, now);
                rows.put(w.id(), d);
                gone.add(d);
            }
        }
        return gone;
    }

    @Override
    public synchronized Map<RepoId, Integer> liveCounts(Collection<RepoId> repos) {
        Map<RepoId, Integer> counts = new HashMap<>();
        repos.forEach(repo -> counts.put(repo, (int) rows.values().stream()
                .filter(w -> w.live() && repo.equals(w.repo())).count()));
        return counts;
    }

    @Override
    public synchronized List<Workspace> findAll(Collection<AgentId> ids) {
        return ids.stream().distinct().map(rows::get).filter(java.util.Objects::nonNull).toList();
    }

    @Override
    public synchronized Optional<Workspace> findLiveByAlias(ProjectId project, String alias) {
        return rows.values().stream().filter(w -> w.live() && w.project().equals(project) && w.alias().equals(alias))
                .findFirst();
    }

    @Override
    public synchronized Optional<Workspace> touch(ProjectId project, AgentId id, String humanName, String role,
                                                  Instant now) {
        Workspace w = rows.get(id);
        if (w == null || !w.live() || !w.project().equals(project)) {
            return Optional.empty();
        }
        return Optional.of(put(new Workspace(w.id(), w.project(), w.repo(), w.alias(), humanName,
                role == null ? w.role() : role, w.currentBranch(), w.timezone(), w.hostname(), w.workspacePath(),
                w.focus(), w.type(), w.createdAt(), now, now, null)));
    }

    @Override
    public synchronized Optional<Workspace> heartbeat(AgentId id, Heartbeat h, Instant now) {
        Workspace w = rows.get(id);
        if (w == null || !w.live()) {
            return Optional.empty();
        }
        return Optional.of(put(new Workspace(w.id(), w.project(), w.repo(), w.alias(), h.humanName(),
                h.role() == null ? w.role() : h.role(),
                h.currentBranch() == null ? w.currentBranch() : h.currentBranch(),
                h.timezone() == null ? w.timezone() : h.timezone(),
                w.hostname() == null ? h.hostname() : w.hostname(),
                w.workspacePath() == null ? h.workspacePath() : w.workspacePath(),
                w.focus(), w.type(), w.createdAt(), now, now, null)));
    }

    @Override
    public synchronized void setFocus(AgentId id, Workspace.Focus focus) {
        Workspace w = rows.get(id);
        if (w != null) {
            put(new Workspace(w.id(), w.project(), w.repo(), w.alias(), w.humanName(), w.role(), w.currentBranch(),
                    w.timezone(), w.hostname(), w.workspacePath(), focus, w.type(), w.createdAt(), w.updatedAt(),
                    w.lastSeenAt(), w.deletedAt()));
        }
    }

    @Override
    public synchronized Optional<Workspace> restore(AgentId id, Instant now) {
        Workspace w = rows.get(id);
        if (w == null || w.live() || findLiveByAlias(w.project(), w.alias()).isPresent()) {
            return Optional.empty();
        }
        return Optional.of(put(new Workspace(w.id(), w.project(), w.repo(), w.alias(), w.humanName(), w.role(),
                w.currentBranch(), w.timezone(), w.hostname(), w.workspacePath(), w.focus(), w.type(), w.createdAt(),
                now, w.lastSeenAt(), null)));
    }

    /** Listing with cursors is covered against PostgreSQL by the contract kit; domain tests do not list. */
    @Override
    public Page<Workspace> page(ProjectId project, Filter filter, PageRequest request) {
        throw new UnsupportedOperationException("not used by the domain unit tests");
    }

    /** Covered against PostgreSQL by the contract kit; domain tests do not build team views. */
    @Override
    public List<Workspace> teamCandidates(ProjectId project, Filter filter, boolean onlyWithClaims, int limit) {
        throw new UnsupportedOperationException("not used by the domain unit tests");
    }

    @Override
    public synchronized List<Workspace> live(ProjectId project, Optional<RepoId> repo, int limit) {
        return rows.values().stream()
                .filter(w -> w.live() && w.project().equals(project) && repo.map(r -> r.equals(w.repo())).orElse(true))
                .sorted(Comparator.comparing(Workspace::updatedAt).reversed()).limit(limit).toList();
    }

    private Workspace put(Workspace workspace) {
        rows.put(workspace.id(), workspace);
        return workspace;
    }
}
