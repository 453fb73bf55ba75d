package dev.agenthub.hub.team;

import dev.agenthub.hub.beads.BeadIssue;
import dev.agenthub.hub.beads.port.BeadStore;
import dev.agenthub.protocol.kernel.id.ProjectId;
import dev.agenthub.protocol.kernel.paging.Page;
import dev.agenthub.protocol.kernel.paging.PageRequest;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The reads of {@link BeadStore} that claims and title resolution use, over a list; the rest is unsupported. */
public final class InMemoryBeadStore implements BeadStore {

    private record Row(ProjectId project, BeadIssue issue) {
    }

    private final List<Row> rows = new ArrayList<>();

    public synchronized void add(ProjectId project, BeadIssue issue) {
        rows.add(new Row(project, issue));
    }

    @Override
    public synchronized Optional<BeadIssue> find(ProjectId project, String repo, String branch, String beadId) {
        return rows.stream().filter(r -> r.project().equals(project)).map(Row::issue)
                .filter(i -> i.repo().equals(repo) && i.branch().equals(branch) && i.beadId().equals(beadId))
                .findFirst();
    }

    @Override
    public synchronized Map<String, BeadIssue> findAll(ProjectId project, String repo, String branch,
                                                       Collection<String> beadIds) {
        Map<String, BeadIssue> found = new HashMap<>();
        beadIds.forEach(id -> find(project, repo, branch, id).ifPresent(issue -> found.put(id, issue)));
        return found;
    }

    @Override
    public synchronized Map<String, BeadIssue> newestById(ProjectId project, Collection<String> beadIds) {
        Map<String, BeadIssue> newest = new HashMap<>();
        for (String id : beadIds) {
            rows.stream().filter(r -> r.project().equals(project) && r.issue().beadId().equals(id)).map(Row::issue)
                    .max(Comparator.comparing(BeadIssue::syncedAt))
                    .ifPresent(issue -> newest.put(id, issue));
        }
        return newest;
    }

    @Override
    public Map<String, BeadIssue> lockForUpdate(ProjectId project, String repo, String branch, Collection<String> beadIds) {
        throw new UnsupportedOperationException("not used by the domain unit tests");
    }

    @Override
    public void insert(ProjectId project, List<BeadIssue> issues) {
        throw new UnsupportedOperationException("not used by the domain unit tests");
    }

    @Override
    public void update(ProjectId project, List<BeadIssue> issues) {
        throw new UnsupportedOperationException("not used by the domain unit tests");
    }

    @Override
    public int delete(ProjectId project, String repo, String branch, Collection<String> beadIds) {
        throw new UnsupportedOperationException("not used by the domain unit tests");
    }

    @Override
    public int count(ProjectId project, String repo, String branch) {
        throw new UnsupportedOperationException("not used by the domain unit tests");
    }

    @Override
    public synchronized Optional<BeadIssue> first(ProjectId project, String beadId, Optional<String> repo,
                                                  Optional<String> branch) {
        return rows.stream().filter(r -> r.project().equals(project)).map(Row::issue)
                .filter(i -> i.beadId().equals(beadId) && repo.map(i.repo()::equals).orElse(true)
                        && branch.map(i.branch()::equals).orElse(true))
                .min(Comparator.comparing(BeadIssue::repo).thenComparing(BeadIssue::branch));
    }

    @Override
    public Page<BeadIssue> page(ProjectId project, IssueFilter filter, PageRequest request) {
        throw new UnsupportedOperationException("not used by the domain unit tests");
    }

    @Override
    public List<BeadIssue> ready(ProjectId project, Optional<String> repo, Optional<String> branch, int limit) {
        throw new UnsupportedOperationException("not used by the domain unit tests");
    }
}
