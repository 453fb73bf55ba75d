package dev.agenthub.hub.beads;

import dev.agenthub.hub.beads.port.BeadStore;
import dev.agenthub.protocol.kernel.id.ProjectId;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Title and type resolution of claimed beads, apexes and focus apexes (wire spec §4.4 "Title and type
 * resolution"), from the bead issues. Native tasks, which §4.4 consults first, arrive with the tasks capability;
 * until then every id resolves through the synced issues.
 */
public final class BeadTitles {

    /** A resolved title and type; either may be null (an issue without title or type). */
    public record Titled(String title, String type) {

        public static final Titled UNKNOWN = new Titled(null, null);
    }

    private final BeadStore beads;

    public BeadTitles(BeadStore beads) {
        this.beads = Objects.requireNonNull(beads, "beads");
    }

    /**
     * Claimed bead ids (step 2): the most recently synced issue with each id, in any repo and branch. Ids that
     * resolve to nothing are absent.
     */
    public Map<String, Titled> ofBeads(ProjectId project, Collection<String> beadIds) {
        Map<String, Titled> titles = new HashMap<>();
        beads.newestById(project, beadIds).forEach((id, issue) -> titles.put(id, of(issue)));
        return titles;
    }

    /**
     * An apex or focus apex: the issue must match the stored repo and branch too. Empty when the id is null, the
     * repo or branch is null (a native task's apex), or there is no such issue.
     */
    public Optional<Titled> ofApex(ProjectId project, String beadId, String repo, String branch) {
        if (beadId == null || repo == null || branch == null) {
            return Optional.empty();
        }
        return beads.find(project, repo, branch, beadId).map(BeadTitles::of);
    }

    private static Titled of(BeadIssue issue) {
        return new Titled(issue.title(), issue.issueType());
    }
}
