package dev.agenthub.hub.repos;

import dev.agenthub.hub.repos.port.RepoStore;
import dev.agenthub.protocol.kernel.id.ProjectId;
import dev.agenthub.protocol.projects.Project;
import dev.agenthub.protocol.projects.port.ProjectStore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** {@link RepoStore} over a list; a repo is live when it is not deleted and its project is live in {@code projects}. */
public final class InMemoryRepoStore implements RepoStore {

    private final ProjectStore projects;
    private final List<Repo> rows = new ArrayList<>();

    public InMemoryRepoStore(ProjectStore projects) {
        this.projects = projects;
    }

    public List<Repo> all() {
        return List.copyOf(rows);
    }

    @Override
    public synchronized Ensured ensure(Repo candidate) {
        for (int i = 0; i < rows.size(); i++) {
            Repo row = rows.get(i);
            if (row.project().equals(candidate.project()) && row.canonicalOrigin().equals(candidate.canonicalOrigin())) {
                Repo updated = new Repo(row.id(), row.project(), candidate.originUrl(), row.canonicalOrigin(),
                        row.createdAt(), null);
                rows.set(i, updated);
                return new Ensured(updated, false);
            }
        }
        if (projects.find(candidate.project()).isEmpty()) {
            throw new IllegalStateException("no project " + candidate.project());
        }
        rows.add(candidate);
        return new Ensured(candidate, true);
    }

    private boolean live(Repo repo) {
        return repo.live() && projects.find(repo.project()).isPresent();
    }

    @Override
    public synchronized List<Located> findByCanonicalOrigin(CanonicalOrigin origin) {
        return rows.stream().filter(this::live).filter(r -> r.canonicalOrigin().equals(origin))
                .map(r -> new Located(r, projects.find(r.project()).map(Project::slug).orElseThrow()))
                .toList();
    }

    @Override
    public synchronized Optional<Repo> findByCanonicalOrigin(ProjectId project, CanonicalOrigin origin) {
        return rows.stream().filter(this::live)
                .filter(r -> r.project().equals(project) && r.canonicalOrigin().equals(origin)).findFirst();
    }

    @Override
    public synchronized Optional<Repo> find(ProjectId project, RepoId id) {
        return rows.stream().filter(this::live).filter(r -> r.project().equals(project) && r.id().equals(id)).findFirst();
    }

    @Override
    public synchronized Optional<Repo> findAnyState(RepoId id) {
        return rows.stream().filter(r -> r.id().equals(id)).findFirst();
    }

    @Override
    public synchronized List<Repo> list(ProjectId project, Instant afterCreated, RepoId afterId, int fetchSize) {
        Comparator<Repo> order = Comparator.comparing(Repo::createdAt).thenComparing(r -> r.id().toString()); // PostgreSQL's uuid order
        return rows.stream().filter(this::live)
                .filter(r -> project == null || r.project().equals(project))
                .filter(r -> afterCreated == null || r.createdAt().isAfter(afterCreated)
                        || r.createdAt().equals(afterCreated) && r.id().toString().compareTo(afterId.toString()) > 0)
                .sorted(order).limit(fetchSize).toList();
    }

    @Override
    public synchronized boolean softDelete(ProjectId project, RepoId id, Instant now) {
        for (int i = 0; i < rows.size(); i++) {
            Repo row = rows.get(i);
            if (row.live() && row.project().equals(project) && row.id().equals(id)) {
                rows.set(i, new Repo(row.id(), row.project(), row.originUrl(), row.canonicalOrigin(), row.createdAt(), now));
                return true;
            }
        }
        return false;
    }
}
