package dev.agenthub.hub.beads;

import dev.agenthub.hub.beads.port.BeadStore;
import dev.agenthub.hub.beads.port.NativeTaskIndex;
import dev.agenthub.protocol.kernel.id.ProjectId;

import java.util.Collection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Title and type resolution of claimed beads, apexes and focus apexes (wire spec §4.4 "Title and type
 * resolution"): first a live native task whose ref equals the id (type: its {@code task_type}), otherwise the
 * synced bead issues (type: {@code issue_type}).
 */
public final class BeadTitles {

    /** A resolved title and type; either may be null (an issue without title or type). */
    public record Titled(String title, String type) {

        public static final Titled UNKNOWN = new Titled(null, null);
    }

    private final BeadStore beads;
    private final NativeTaskIndex tasks;

    /** Resolution through the bead issues only (a host without native tasks). */
    public BeadTitles(BeadStore beads) {
        this(beads, NativeTaskIndex.NONE);
    }

    public BeadTitles(BeadStore beads, NativeTaskIndex tasks) {
        this.beads = Objects.requireNonNull(beads, "beads");
        this.tasks = Objects.requireNonNull(tasks, "tasks");
    }

    /**
     * Claimed bead ids: a native task with that ref (step 1), else the most recently synced issue with each id,
     * in any repo and branch (step 2). Ids that resolve to nothing are absent.
     */
    public Map<String, Titled> ofBeads(ProjectId project, Collection<String> beadIds) {
        Map<String, Titled> titles = new HashMap<>();
        tasks.byRefs(project, beadIds).forEach((ref, task) -> titles.put(ref, of(task)));
        List<String> rest = new ArrayList<>();
        beadIds.stream().filter(id -> !titles.containsKey(id)).forEach(rest::add);
        if (!rest.isEmpty()) {
            beads.newestById(project, rest).forEach((id, issue) -> titles.put(id, of(issue)));
        }
        return titles;
    }

    /**
     * An apex or focus apex: a native task with that ref (step 1), else the issue, which must match the stored repo
     * and branch too. Empty when the id is null, or no task has that ref and the repo or branch is null or there
     * is no such issue.
     */
    public Optional<Titled> ofApex(ProjectId project, String beadId, String repo, String branch) {
        if (beadId == null) {
            return Optional.empty();
        }
        NativeTaskIndex.Entry task = tasks.byRefs(project, List.of(beadId)).get(beadId);
        if (task != null) {
            return Optional.of(of(task));
        }
        if (repo == null || branch == null) {
            return Optional.empty();
        }
        return beads.find(project, repo, branch, beadId).map(BeadTitles::of);
    }

    private static Titled of(NativeTaskIndex.Entry task) {
        return new Titled(task.title(), task.type());
    }

    private static Titled of(BeadIssue issue) {
        return new Titled(issue.title(), issue.issueType());
    }
}
