package dev.agenthub.hub.beads;

import dev.agenthub.hub.beads.port.BeadStore;
import dev.agenthub.protocol.identity.Principal;
import dev.agenthub.protocol.kernel.error.DomainError;
import dev.agenthub.protocol.kernel.paging.Page;
import dev.agenthub.protocol.kernel.paging.PageRequest;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The bead reads of wire spec §4.6: {@code GET /v1/beads/issues}, {@code /issues/{bead_id}} and {@code /ready},
 * always within the caller's project.
 */
public final class BeadReads {

    static final String NOT_FOUND = "Issue not found";
    /** {@code GET /ready}: default {@code limit}. */
    public static final int DEFAULT_READY_LIMIT = 10;

    private final BeadStore beads;

    public BeadReads(BeadStore beads) {
        this.beads = Objects.requireNonNull(beads, "beads");
    }

    /** A page of the project's issues matching {@code filter}, in the order of §1.6 ({@link BeadStore#page}). */
    public Page<BeadIssue> list(Principal principal, BeadStore.IssueFilter filter, PageRequest request) {
        return beads.page(principal.project(), filter, request);
    }

    /**
     * One issue: exact with both {@code repo} and {@code branch}, otherwise the first match ordered by repo, then
     * branch.
     *
     * @throws DomainError.NotFound {@code Issue not found}
     */
    public BeadIssue find(Principal principal, String beadId, Optional<String> repo, Optional<String> branch) {
        Optional<BeadIssue> found = repo.isPresent() && branch.isPresent()
                ? beads.find(principal.project(), repo.get(), branch.get(), beadId)
                : beads.first(principal.project(), beadId, repo, branch);
        return found.orElseThrow(() -> new DomainError.NotFound(NOT_FOUND));
    }

    /** Up to {@code limit} ready issues (open, every blocker stored and closed), by priority then bead id. */
    public List<BeadIssue> ready(Principal principal, Optional<String> repo, Optional<String> branch, int limit) {
        return beads.ready(principal.project(), repo, branch, limit);
    }
}
