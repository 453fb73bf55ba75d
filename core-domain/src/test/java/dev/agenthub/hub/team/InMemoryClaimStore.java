package dev.agenthub.hub.team;

import dev.agenthub.hub.claims.Claim;
import dev.agenthub.hub.claims.port.ClaimStore;
import dev.agenthub.protocol.kernel.id.AgentId;
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
import java.util.function.Predicate;

/** {@link ClaimStore} over a list; newest first is {@code claimed_at} desc, then bead id and workspace id. */
public final class InMemoryClaimStore implements ClaimStore {

    private static final Comparator<Claim> NEWEST_FIRST = Comparator.comparing(Claim::claimedAt).reversed()
            .thenComparing(Claim::beadId).thenComparing(claim -> claim.workspace().toString());

    private final List<Claim> rows = new ArrayList<>();

    public synchronized List<Claim> all() {
        return List.copyOf(rows);
    }

    @Override
    public synchronized Outcome claim(Claim claim) {
        Optional<Claim> other = rows.stream().filter(c -> c.project().equals(claim.project())
                && c.beadId().equals(claim.beadId()) && !c.workspace().equals(claim.workspace())).min(NEWEST_FIRST);
        if (other.isPresent()) {
            return new Rejected(other.get());
        }
        rows.removeIf(c -> c.project().equals(claim.project()) && c.beadId().equals(claim.beadId()));
        rows.add(claim);
        return new Claimed(claim);
    }

    @Override
    public synchronized List<Claim> releaseAll(ProjectId project, String beadId) {
        return remove(c -> c.project().equals(project) && c.beadId().equals(beadId));
    }

    @Override
    public synchronized List<Claim> deleteOfWorkspaces(Collection<AgentId> workspaces) {
        return remove(c -> workspaces.contains(c.workspace()));
    }

    @Override
    public synchronized List<Claim> newestOfProject(ProjectId project, int limit) {
        return select(c -> c.project().equals(project)).stream().limit(limit).toList();
    }

    @Override
    public synchronized List<Claim> ofWorkspaces(Collection<AgentId> workspaces) {
        return select(c -> workspaces.contains(c.workspace()));
    }

    @Override
    public synchronized List<Claim> ofBeads(ProjectId project, Collection<String> beadIds) {
        return select(c -> c.project().equals(project) && beadIds.contains(c.beadId()));
    }

    @Override
    public Page<Claim> page(ProjectId project, Optional<AgentId> workspace, PageRequest request) {
        throw new UnsupportedOperationException("not used by the domain unit tests");
    }

    @Override
    public synchronized Map<String, Integer> claimantCounts(ProjectId project, Collection<String> beadIds) {
        Map<String, Integer> counts = new HashMap<>();
        beadIds.forEach(id -> counts.put(id, (int) rows.stream()
                .filter(c -> c.project().equals(project) && c.beadId().equals(id)).count()));
        return counts;
    }

    private List<Claim> select(Predicate<Claim> filter) {
        return rows.stream().filter(filter).sorted(NEWEST_FIRST).toList();
    }

    private List<Claim> remove(Predicate<Claim> filter) {
        List<Claim> removed = select(filter);
        rows.removeAll(removed);
        return removed;
    }
}
