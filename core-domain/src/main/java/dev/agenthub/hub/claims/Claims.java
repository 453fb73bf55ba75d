package dev.agenthub.hub.claims;

import dev.agenthub.hub.beads.BeadIssue;
import dev.agenthub.hub.beads.BeadRef;
import dev.agenthub.hub.beads.BeadTitles;
import dev.agenthub.hub.beads.port.BeadStore;
import dev.agenthub.hub.beads.port.NativeTaskIndex;
import dev.agenthub.hub.claims.port.ClaimEvents;
import dev.agenthub.hub.claims.port.ClaimStore;
import dev.agenthub.hub.workspaces.Workspace;
import dev.agenthub.hub.workspaces.port.WorkspaceStore;
import dev.agenthub.protocol.kernel.id.AgentId;
import dev.agenthub.protocol.kernel.id.ProjectId;
import dev.agenthub.protocol.kernel.tx.TransactionRunner;

import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The claim side-effects of wire spec §6: claiming a bead with its apex and the claimant's focus (§6.2),
 * releasing every claim on a bead with focus upkeep (§6.2), and dropping the claims of deleted workspaces
 * (§6.4). Every method runs inside the caller's transaction; the {@code bead.claimed} / {@code bead.unclaimed}
 * events are published once it commits.
 */
public final class Claims {

    /** §6.2: the parent chain is followed for at most this many steps. */
    public static final int MAX_APEX_STEPS = 20;

    private final TransactionRunner transactions;
    private final ClaimStore claims;
    private final WorkspaceStore workspaces;
    private final BeadStore beads;
    private final BeadTitles titles;
    private final ClaimEvents events;
    private final NativeTaskIndex tasks;

    /** Claims over bead issues only (a host without native tasks). */
    public Claims(TransactionRunner transactions, ClaimStore claims, WorkspaceStore workspaces, BeadStore beads,
                  ClaimEvents events) {
        this(transactions, claims, workspaces, beads, events, NativeTaskIndex.NONE);
    }

    /** @param tasks the native tasks, consulted for titles (§4.4) and for the apex of a bead that is no issue (§6.2) */
    public Claims(TransactionRunner transactions, ClaimStore claims, WorkspaceStore workspaces, BeadStore beads,
                  ClaimEvents events, NativeTaskIndex tasks) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.claims = Objects.requireNonNull(claims, "claims");
        this.workspaces = Objects.requireNonNull(workspaces, "workspaces");
        this.beads = Objects.requireNonNull(beads, "beads");
        this.tasks = Objects.requireNonNull(tasks, "tasks");
        this.titles = new BeadTitles(beads, tasks);
        this.events = Objects.requireNonNull(events, "events");
    }

    /**
     * {@code update <id> --status in_progress} (§6.2): claims {@code beadId} for {@code claimant} unless another
     * workspace holds it. On success the claimant's focus becomes the claim's apex (when one was found) and
     * {@code bead.claimed} follows the commit. When {@code beadId} names no bead issue there, the apex is the root
     * of the native task parent chain of the task with that ref (§6.2; repo and branch null), and the event's
     * title is the task's.
     *
     * @param repo      the canonical origin of the bead issue the claim starts from (the sync's repo), or null for
     *                  a claim that does not start from a bead issue (a native task's ref, §6.3)
     * @param branch    its branch, or null likewise
     * @param alias     the claimant's alias as the request gave it (§6.2: alias, human name and apex from the request)
     * @param humanName the claimant's human name as the request gave it
     */
    public ClaimStore.Outcome claim(Workspace claimant, String beadId, String repo, String branch, String alias,
                                    String humanName, Instant now) {
        Optional<BeadIssue> issue = repo == null || branch == null ? Optional.empty()
                : beads.find(claimant.project(), repo, branch, beadId);
        Optional<NativeTaskIndex.Entry> task = issue.isPresent() ? Optional.empty()
                : Optional.ofNullable(tasks.byRefs(claimant.project(), List.of(beadId)).get(beadId));
        Claim.Apex apex = issue.map(found -> apexOf(claimant.project(), found))
                .or(() -> task.map(found -> nativeApexOf(claimant.project(), found)))
                .orElse(Claim.Apex.NONE);
        Claim claim = new Claim(claimant.project(), beadId, claimant.id(), alias, humanName, now, apex);
        ClaimStore.Outcome outcome = claims.claim(claim);
        if (outcome instanceof ClaimStore.Claimed) {
            if (apex.present()) {
                workspaces.setFocus(claimant.id(), new Workspace.Focus(apex.beadId(), apex.repo(), apex.branch(), now));
            }
            String title = issue.map(BeadIssue::title).or(() -> task.map(NativeTaskIndex.Entry::title)).orElse(null);
            transactions.afterCommit(() -> events.claimed(claim, title));
        }
        return outcome;
    }

    /**
     * {@code close <id>}, {@code delete <id>}, {@code update <id> --status <other>}, and {@code deleted_ids}
     * (§5.1 step 5, §6.2): deletes every claim on {@code beadId} in the project; each former claimant's focus is
     * recomputed from its newest remaining claim (none if it has none); {@code bead.unclaimed} per removed claim
     * follows the commit.
     *
     * @param knownTitles titles of beads whose issues the caller deleted in this transaction (read before the
     *                    deletion), used for the events where the stored issue is gone
     * @return the removed claims
     */
    public List<Claim> releaseAll(ProjectId project, String beadId, Instant now, Map<String, String> knownTitles) {
        List<Claim> removed = claims.releaseAll(project, beadId);
        if (removed.isEmpty()) {
            return removed;
        }
        Set<AgentId> affected = new LinkedHashSet<>();
        removed.forEach(claim -> affected.add(claim.workspace()));
        Map<AgentId, Claim> newest = new LinkedHashMap<>();
        for (Claim remaining : claims.ofWorkspaces(affected)) {
            newest.putIfAbsent(remaining.workspace(), remaining); // newest first
        }
        for (AgentId workspace : affected) {
            Claim top = newest.get(workspace);
            workspaces.setFocus(workspace, top == null || !top.apex().present() ? Workspace.Focus.NONE
                    : new Workspace.Focus(top.apex().beadId(), top.apex().repo(), top.apex().branch(), now));
        }
        publishUnclaimed(project, removed, knownTitles);
        return removed;
    }

    /**
     * Deletes every claim of these workspaces (§6.4: a soft-deleted workspace, a deleted repo, a deregistered
     * agent), with {@code bead.unclaimed} per removed claim after the commit. Focus is left alone: the
     * workspaces are going away.
     *
     * @return the removed claims
     */
    public List<Claim> dropOfWorkspaces(Collection<AgentId> gone) {
        if (gone.isEmpty()) {
            return List.of();
        }
        List<Claim> removed = claims.deleteOfWorkspaces(gone);
        Map<ProjectId, List<Claim>> byProject = new LinkedHashMap<>();
        removed.forEach(claim -> byProject.computeIfAbsent(claim.project(), p -> new java.util.ArrayList<>()).add(claim));
        byProject.forEach((project, ofProject) -> publishUnclaimed(project, ofProject, Map.of()));
        return removed;
    }

    /**
     * The apex of a bead issue (§6.2): the root of its {@code parent_id} chain, followed across repos and
     * branches for at most {@value #MAX_APEX_STEPS} steps; an issue without a parent is its own apex. A parent
     * that is not stored ends the chain at the last issue found, and so does a cycle.
     */
    public Claim.Apex apexOf(ProjectId project, BeadIssue issue) {
        BeadIssue current = issue;
        Set<BeadRef> seen = new HashSet<>();
        seen.add(new BeadRef(issue.repo(), issue.branch(), issue.beadId()));
        for (int step = 0; step < MAX_APEX_STEPS && current.parentId() != null; step++) {
            BeadRef parent = current.parentId();
            if (!seen.add(parent)) {
                break;
            }
            Optional<BeadIssue> next = beads.find(project, parent.repo(), parent.branch(), parent.beadId());
            if (next.isEmpty()) {
                break;
            }
            current = next.get();
        }
        return new Claim.Apex(current.beadId(), current.repo(), current.branch());
    }

    /**
     * The apex of a native task (§6.2): the root of its parent chain, followed for at most {@value #MAX_APEX_STEPS}
     * steps; repo and branch stay null. A task without a parent is its own apex; a parent that is gone, or a
     * cycle, ends the chain at the last task found.
     */
    Claim.Apex nativeApexOf(ProjectId project, NativeTaskIndex.Entry task) {
        NativeTaskIndex.Entry current = task;
        Set<java.util.UUID> seen = new HashSet<>();
        seen.add(task.id());
        for (int step = 0; step < MAX_APEX_STEPS && current.parent() != null; step++) {
            if (!seen.add(current.parent())) {
                break;
            }
            Optional<NativeTaskIndex.Entry> next = tasks.byId(project, current.parent());
            if (next.isEmpty()) {
                break;
            }
            current = next.get();
        }
        return new Claim.Apex(current.ref(), null, null);
    }

    private void publishUnclaimed(ProjectId project, List<Claim> removed, Map<String, String> knownTitles) {
        Map<String, BeadTitles.Titled> stored = titles.ofBeads(project,
                removed.stream().map(Claim::beadId).distinct().toList());
        transactions.afterCommit(() -> removed.forEach(claim -> events.unclaimed(claim,
                stored.containsKey(claim.beadId()) ? stored.get(claim.beadId()).title()
                        : knownTitles.get(claim.beadId()))));
    }
}
