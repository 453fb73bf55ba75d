package dev.agenthub.hub.bdh;

import dev.agenthub.hub.audit.AuditEntry;
import dev.agenthub.hub.audit.BestEffortAudit;
import dev.agenthub.hub.audit.AuditEventTypes;
import dev.agenthub.hub.audit.port.AuditLog;
import dev.agenthub.hub.beads.BdCommand;
import dev.agenthub.hub.beads.BeadIds;
import dev.agenthub.hub.beads.BeadUpserts;
import dev.agenthub.hub.beads.StatusChange;
import dev.agenthub.hub.beads.SyncMode;
import dev.agenthub.hub.beads.SyncPayload;
import dev.agenthub.hub.beads.UpsertPlan;
import dev.agenthub.hub.beads.port.BeadEvents;
import dev.agenthub.hub.beads.port.BeadStore;
import dev.agenthub.hub.beads.port.StatusChangeNotifications;
import dev.agenthub.hub.claims.Claim;
import dev.agenthub.hub.claims.Claims;
import dev.agenthub.hub.claims.port.ClaimStore;
import dev.agenthub.hub.repos.CanonicalOrigin;
import dev.agenthub.hub.workspaces.Workspace;
import dev.agenthub.hub.workspaces.port.WorkspaceStore;
import dev.agenthub.protocol.identity.Authenticator;
import dev.agenthub.protocol.identity.Principal;
import dev.agenthub.protocol.kernel.error.DomainError;
import dev.agenthub.protocol.kernel.id.IdGenerator;
import dev.agenthub.protocol.kernel.time.WireTime;
import dev.agenthub.protocol.kernel.tx.TransactionConflict;
import dev.agenthub.protocol.kernel.tx.TransactionRunner;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SequencedMap;

/**
 * bdh's coordination calls (wire spec §4.5, §5, §6): the pre-flight check of {@code POST /v1/bdh/command} and
 * the upload with claim side-effects of {@code POST /v1/bdh/sync}.
 *
 * <p>Both start with the common preamble: actor binding (403), then the touch of the workspace in the caller's
 * project, which answers 404 or 410 when there is no live one. Everything a sync writes (touch, issues,
 * deletions, claims) commits in one transaction, and it validates and parses its payload inside that
 * transaction right after the touch, so a rejected request (a bad origin, malformed JSONL, too many records)
 * rolls the touch back and leaves every row as it was, the workspace's {@code last_seen_at} included. Events follow
 * the commit. The audit entry is written last in the same transaction, under a savepoint, so its failure is
 * logged, never returned (§5.1 step 7), and a sync costs one commit.
 */
public final class BdhCoordination {

    private static final System.Logger log = System.getLogger(BdhCoordination.class.getName());
    static final String NOT_FOUND = "Workspace not found";
    static final String DELETED = "Workspace was deleted";
    static final String BINDING = "workspace_id does not match API key identity";
    static final String INVALID_REPO_ORIGIN = "Invalid repo_origin";
    /** §4.5: the pre-flight check lists this many of the project's newest claims. */
    public static final int COMMAND_CLAIMS_LIMIT = 200;
    /** A sync that loses an insert race to a concurrent sync of the same new ids is retried this often. */
    static final int SYNC_ATTEMPTS = 4;

    private final TransactionRunner transactions;
    private final WorkspaceStore workspaces;
    private final ClaimStore claimStore;
    private final Claims claims;
    private final BeadStore beads;
    private final BeadUpserts upserts;
    private final BeadEvents events;
    private final BestEffortAudit audit;
    private final Clock clock;
    private final IdGenerator ids;
    private final StatusChangeNotifications notifications;

    public BdhCoordination(TransactionRunner transactions, WorkspaceStore workspaces, ClaimStore claimStore,
                           Claims claims, BeadStore beads, BeadEvents events, AuditLog audit, Clock clock,
                           IdGenerator ids, StatusChangeNotifications notifications) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.workspaces = Objects.requireNonNull(workspaces, "workspaces");
        this.claimStore = Objects.requireNonNull(claimStore, "claimStore");
        this.claims = Objects.requireNonNull(claims, "claims");
        this.beads = Objects.requireNonNull(beads, "beads");
        this.upserts = new BeadUpserts(beads);
        this.events = Objects.requireNonNull(events, "events");
        this.audit = new BestEffortAudit(this.transactions, Objects.requireNonNull(audit, "audit"));
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ids = Objects.requireNonNull(ids, "ids");
        this.notifications = Objects.requireNonNull(notifications, "notifications");
    }

    /**
     * The pre-flight answer (§4.5).
     *
     * @param reason          {@code ""} when approved
     * @param beadsInProgress up to 200 claims of the project, newest first
     */
    public record Verdict(boolean approved, String reason, List<Claim> beadsInProgress) {
    }

    /**
     * {@code POST /v1/bdh/command}: after the preamble, lists the project's newest claims and rejects only an
     * {@code update <id> --status in_progress} of a bead another workspace holds. It never changes claims.
     *
     * @throws DomainError the preamble's 403, 404 and 410
     */
    public Verdict command(Principal principal, BdhIdentity identity, String commandLine) {
        Authenticator.requireBinding(principal, identity.workspaceId(), BINDING);
        return transactions.inTransaction(() -> {
            Workspace workspace = touch(principal, identity, now());
            List<Claim> newest = claimStore.newestOfProject(workspace.project(), COMMAND_CLAIMS_LIMIT);
            BdCommand command = BdCommand.parse(commandLine);
            if (command.claimsBead()) {
                String beadId = command.beadId().orElseThrow();
                // all claims on the bead, not only those among the 200 listed
                Optional<Claim> other = claimStore.ofBeads(workspace.project(), List.of(beadId)).stream()
                        .filter(c -> !c.workspace().equals(workspace.id())).findFirst();
                if (other.isPresent()) {
                    return new Verdict(false, busy(beadId, other.get()), newest);
                }
            }
            return new Verdict(true, "", newest);
        });
    }

    /** A sync request after the body rules held (§4.5). */
    public record SyncRequest(SyncMode mode, String issuesJsonl, String changedIssues, List<String> deletedIds,
                              String commandLine) {

        public SyncRequest {
            Objects.requireNonNull(mode, "mode");
            deletedIds = List.copyOf(deletedIds);
        }
    }

    /**
     * What a sync did (§4.5 response).
     *
     * @param issuesCount         stored issues of (project, repo, {@code main}) after the sync
     * @param claimRejectedReason {@code ""} unless {@code claimRejected}
     * @param notifications       what the inline outbox processing after the commit did (§7.2)
     */
    public record SyncOutcome(int issuesCount, int received, int inserted, int updated, int deleted,
                              boolean claimRejected, String claimRejectedReason, StatusChangeNotifications.Processed notifications) {
    }

    /** A committed sync and the outbox rows it recorded. */
    private record Applied(SyncOutcome outcome, Workspace workspace, String repo, SyncMode mode, int recorded) {
    }

    /**
     * {@code POST /v1/bdh/sync} (§5.1).
     *
     * @throws DomainError the preamble's 403, 404 and 410; 422 {@code Invalid repo_origin}; the payload's 422s
     *                     and 400s ({@link SyncPayload#resolve}); 503 when concurrent syncs of the same new ids
     *                     keep colliding
     */
    public SyncOutcome sync(Principal principal, BdhIdentity identity, SyncRequest request) {
        Authenticator.requireBinding(principal, identity.workspaceId(), BINDING);
        BdCommand command = BdCommand.parse(request.commandLine());
        for (int attempt = 1; ; attempt++) {
            try {
                Applied applied = transactions.inTransaction(() -> {
                    Instant now = now();
                    Workspace touched = touch(principal, identity, now);
                    // after the preamble's 404 and 410, in §5.1's order; a rejection rolls the touch back
                    String repo = canonical(identity.repoOrigin());
                    SyncPayload payload = SyncPayload.resolve(request.mode(), request.issuesJsonl(),
                            request.changedIssues(), request.deletedIds());
                    return apply(touched, identity, repo, payload, command, now);
                });
                if (applied.recorded() == 0) {
                    return applied.outcome();
                }
                SyncOutcome o = applied.outcome();
                SyncOutcome processed = new SyncOutcome(o.issuesCount(), o.received(), o.inserted(), o.updated(),
                        o.deleted(), o.claimRejected(), o.claimRejectedReason(), processInline(applied.workspace()));
                // with notifications, the audit entry follows their delivery, in its own transaction
                recordAudit(applied.workspace(), applied.repo(), applied.mode(), processed, now());
                return processed;
            } catch (TransactionConflict lostRace) {
                if (attempt == SYNC_ATTEMPTS) {
                    throw new DomainError.Unavailable("Issues are being synced concurrently. Please retry.");
                }
            }
        }
    }

    /** §7.2 right after the commit; a failure is logged and the sync still succeeds (the background retries). */
    private StatusChangeNotifications.Processed processInline(Workspace workspace) {
        try {
            return notifications.processProject(workspace.project());
        } catch (RuntimeException failed) {
            log.log(System.Logger.Level.ERROR, "processing the notification outbox after a sync failed", failed);
            return StatusChangeNotifications.Processed.NONE;
        }
    }

    private Applied apply(Workspace touched, BdhIdentity identity, String repo, SyncPayload payload,
                              BdCommand command, Instant now) {
        String branch = BeadIds.DEFAULT_BRANCH;
        UpsertPlan plan = upserts.upsert(touched.project(), repo, branch, payload.records(), now);
        Map<String, String> deletedTitles = new HashMap<>(); // §5.1 step 3: read before deleting, for the events
        int deleted = 0;
        if (!payload.deletions().isEmpty()) {
            beads.findAll(touched.project(), repo, branch, payload.deletions())
                    .forEach((id, issue) -> deletedTitles.put(id, issue.title()));
            deleted = beads.delete(touched.project(), repo, branch, payload.deletions());
        }
        boolean rejected = false;
        String rejectedReason = "";
        if (command.beadId().isPresent()) {
            String beadId = command.beadId().get();
            switch (command.claimEffect()) {
                case CLAIM -> {
                    if (claims.claim(touched, beadId, repo, branch, identity.alias(), identity.humanName(), now)
                            instanceof ClaimStore.Rejected(Claim holder)) {
                        rejected = true;
                        rejectedReason = busy(beadId, holder);
                    }
                }
                case RELEASE_ALL -> claims.releaseAll(touched.project(), beadId, now, deletedTitles);
                case NONE -> {
                }
            }
        }
        for (String beadId : payload.claimReleases().stream().sorted().toList()) { // one lock order for all syncs
            claims.releaseAll(touched.project(), beadId, now, deletedTitles);
        }
        List<StatusChange> changes = plan.statusChanges();
        int recorded = notifications.record(touched.project(), repo, branch, changes, now); // §7.1, this transaction
        if (!changes.isEmpty()) {
            transactions.afterCommit(() -> changes.forEach(change ->
                    events.statusChanged(touched.id(), touched.project(), touched.alias(), repo, change)));
        }
        int count = beads.count(touched.project(), repo, branch);
        SyncOutcome outcome = new SyncOutcome(count, payload.received(), plan.inserted(), plan.updated(), deleted,
                rejected, rejectedReason, StatusChangeNotifications.Processed.NONE);
        if (recorded == 0) {
            recordAudit(touched, repo, payload.mode(), outcome, now);
        }
        return new Applied(outcome, touched, repo, payload.mode(), recorded);
    }

    private void recordAudit(Workspace workspace, String repo, SyncMode mode, SyncOutcome outcome, Instant now) {
        SequencedMap<String, Object> details = new LinkedHashMap<>();
        details.put("project_id", workspace.project().toString());
        details.put("repo", repo);
        details.put("mode", mode.name().toLowerCase(java.util.Locale.ROOT));
        details.put("received", outcome.received());
        details.put("inserted", outcome.inserted());
        details.put("updated", outcome.updated());
        details.put("deleted", outcome.deleted());
        details.put("notifications_sent", outcome.notifications().sent());
        details.put("notifications_failed", outcome.notifications().failed());
        AuditEntry entry = new AuditEntry(ids.newId(), workspace.project(), AuditEventTypes.BDH_SYNC, workspace.id(), details, now);
        audit.append(entry);
    }

    /**
     * Steps 3 and 4 of the preamble (§4.5) in one statement, inside the caller's transaction: touches the live
     * workspace with the id in the caller's project and answers it; when there is none, answers 404
     * {@code Workspace not found} (also for another project's) or 410 {@code Workspace was deleted}.
     */
    private Workspace touch(Principal principal, BdhIdentity identity, Instant now) {
        Optional<Workspace> touched = workspaces.touch(principal.project(), identity.workspaceId(),
                identity.humanName(), identity.roleToStore(), now);
        if (touched.isPresent()) {
            return touched.get();
        }
        Workspace found = workspaces.find(identity.workspaceId())
                .filter(w -> w.project().equals(principal.project()))
                .orElseThrow(() -> new DomainError.NotFound(NOT_FOUND));
        throw found.live() ? new DomainError.NotFound(NOT_FOUND) : new DomainError.Gone(DELETED);
    }

    private static String canonical(String repoOrigin) {
        return switch (CanonicalOrigin.canonicalize(repoOrigin)) {
            case CanonicalOrigin.Outcome.Canonical canonical -> canonical.origin().value();
            case CanonicalOrigin.Outcome.Rejected rejected -> throw new DomainError.Invalid(INVALID_REPO_ORIGIN);
        };
    }

    /** {@code <bead> is being worked on by <alias> (<human_name>)}. */
    static String busy(String beadId, Claim holder) {
        return beadId + " is being worked on by " + holder.alias() + " (" + holder.humanName() + ")";
    }

    private Instant now() {
        return WireTime.truncate(clock.instant());
    }
}
