package dev.agenthub.hub.beads;

import dev.agenthub.hub.audit.AuditEntry;
import dev.agenthub.hub.audit.BestEffortAudit;
import dev.agenthub.hub.audit.AuditEventTypes;
import dev.agenthub.hub.audit.port.AuditLog;
import dev.agenthub.hub.beads.port.BeadEvents;
import dev.agenthub.hub.beads.port.BeadStore;
import dev.agenthub.hub.beads.port.StatusChangeNotifications;
import dev.agenthub.hub.workspaces.Workspace;
import dev.agenthub.hub.workspaces.port.WorkspaceStore;
import dev.agenthub.protocol.identity.Principal;
import dev.agenthub.protocol.kernel.error.DomainError;
import dev.agenthub.protocol.kernel.id.IdGenerator;
import dev.agenthub.protocol.kernel.time.WireTime;
import dev.agenthub.protocol.kernel.tx.TransactionConflict;
import dev.agenthub.protocol.kernel.tx.TransactionRunner;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SequencedMap;

/**
 * {@code POST /v1/beads/upload} and {@code /upload-jsonl} (wire spec §4.6): the upsert engine of §5.5 for a
 * given repo and branch, without claim side-effects, and the audit entry {@code beads_uploaded} (under a
 * savepoint: its failure is logged, never returned), in one transaction; then the {@code bead.status_changed} events on the uploader's workspace channel (none
 * when the caller acts as no live workspace, e.g. an unbound key).
 */
public final class BeadUploads {

    private static final System.Logger log = System.getLogger(BeadUploads.class.getName());
    /** A lost insert race against a concurrent upload of the same new ids is retried this often. */
    static final int ATTEMPTS = 4;

    private final TransactionRunner transactions;
    private final BeadUpserts upserts;
    private final WorkspaceStore workspaces;
    private final BeadEvents events;
    private final BestEffortAudit audit;
    private final Clock clock;
    private final IdGenerator ids;
    private final StatusChangeNotifications notifications;

    public BeadUploads(TransactionRunner transactions, BeadStore beads, WorkspaceStore workspaces, BeadEvents events,
                       AuditLog audit, Clock clock, IdGenerator ids, StatusChangeNotifications notifications) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.upserts = new BeadUpserts(beads);
        this.workspaces = Objects.requireNonNull(workspaces, "workspaces");
        this.events = Objects.requireNonNull(events, "events");
        this.audit = new BestEffortAudit(this.transactions, Objects.requireNonNull(audit, "audit"));
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ids = Objects.requireNonNull(ids, "ids");
        this.notifications = Objects.requireNonNull(notifications, "notifications");
    }

    /** Where an upload came from: the audit entry's {@code source}. */
    public enum Source {
        JSON, JSONL
    }

    /**
     * What an upload did.
     *
     * @param synced    the distinct valid ids received
     * @param conflicts     ids skipped as stale updates, in payload order
     * @param notifications what the inline outbox processing after the commit did (§7.2)
     */
    public record Uploaded(String repo, String branch, int synced, int added, int updated, List<String> conflicts,
                           Instant syncedAt, StatusChangeNotifications.Processed notifications) {
    }

    /**
     * Uploads records (already parsed) to {@code (caller's project, repo, branch)}.
     *
     * @param repo    a canonical origin (the route checked the rule)
     * @param branch  a valid branch name
     * @param records the records, in payload order; ids are filtered as in §5.4
     * @throws DomainError.Unavailable 503 when concurrent uploads of the same new ids keep colliding
     */
    public Uploaded upload(Principal principal, String repo, String branch, List<Map<String, Object>> records,
                           Source source) {
        SequencedMap<String, Map<String, Object>> filtered = BeadRecords.filter(records);
        for (int attempt = 1; ; attempt++) {
            Instant now = WireTime.truncate(clock.instant());
            try {
                Optional<Workspace> uploader = principal.actorId().flatMap(workspaces::find)
                        .filter(w -> w.live() && w.project().equals(principal.project()));
                int[] recorded = new int[1];
                Uploaded committed = transactions.inTransaction(() -> {
                    UpsertPlan plan = upserts.upsert(principal.project(), repo, branch, filtered, now);
                    recorded[0] = notifications.record(principal.project(), repo, branch, plan.statusChanges(), now);
                    Uploaded uploaded = new Uploaded(repo, branch, filtered.size(), plan.inserted(), plan.updated(),
                            plan.conflicts(), now, StatusChangeNotifications.Processed.NONE);
                    if (recorded[0] == 0) {
                        recordAudit(principal, uploaded, source);
                    }
                    uploader.ifPresent(w -> transactions.afterCommit(() -> plan.statusChanges().forEach(change ->
                            events.statusChanged(w.id(), principal.project(), w.alias(), repo, change))));
                    return uploaded;
                });
                if (recorded[0] == 0) {
                    return committed;
                }
                Uploaded processed = new Uploaded(committed.repo(), committed.branch(), committed.synced(),
                        committed.added(), committed.updated(), committed.conflicts(), committed.syncedAt(),
                        processInline(principal));
                recordAudit(principal, processed, source); // after delivery, in its own transaction
                return processed;
            } catch (TransactionConflict lostRace) {
                if (attempt == ATTEMPTS) {
                    throw new DomainError.Unavailable("Issues are being uploaded concurrently. Please retry.");
                }
            }
        }
    }

    /** §7.2 right after the commit; a failure is logged and the upload still succeeds (the background retries). */
    private StatusChangeNotifications.Processed processInline(Principal principal) {
        try {
            return notifications.processProject(principal.project());
        } catch (RuntimeException failed) {
            log.log(System.Logger.Level.ERROR, "processing the notification outbox after an upload failed", failed);
            return StatusChangeNotifications.Processed.NONE;
        }
    }

    private void recordAudit(Principal principal, Uploaded uploaded, Source source) {
        SequencedMap<String, Object> details = new LinkedHashMap<>();
        details.put("project_id", principal.project().toString());
        details.put("repo", uploaded.repo());
        details.put("branch", uploaded.branch());
        details.put("source", source.name().toLowerCase(java.util.Locale.ROOT));
        details.put("issues_synced", uploaded.synced());
        details.put("issues_added", uploaded.added());
        details.put("issues_updated", uploaded.updated());
        details.put("conflicts_count", uploaded.conflicts().size());
        details.put("notifications_sent", uploaded.notifications().sent());
        details.put("notifications_failed", uploaded.notifications().failed());
        AuditEntry entry = new AuditEntry(ids.newId(), principal.project(), AuditEventTypes.BEADS_UPLOADED,
                principal.actor(), details, uploaded.syncedAt());
        audit.append(entry);
    }
}
