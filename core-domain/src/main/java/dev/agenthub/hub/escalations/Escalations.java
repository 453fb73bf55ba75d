package dev.agenthub.hub.escalations;

import dev.agenthub.hub.audit.AuditEntry;
import dev.agenthub.hub.audit.AuditEventTypes;
import dev.agenthub.hub.audit.port.AuditLog;
import dev.agenthub.hub.escalations.port.EscalationEvents;
import dev.agenthub.hub.escalations.port.EscalationStore;
import dev.agenthub.hub.workspaces.Workspace;
import dev.agenthub.hub.workspaces.port.WorkspaceStore;
import dev.agenthub.protocol.identity.Authenticator;
import dev.agenthub.protocol.identity.Principal;
import dev.agenthub.protocol.kernel.error.DomainError;
import dev.agenthub.protocol.kernel.id.AgentId;
import dev.agenthub.protocol.kernel.id.IdGenerator;
import dev.agenthub.protocol.kernel.id.ProjectId;
import dev.agenthub.protocol.kernel.paging.Page;
import dev.agenthub.protocol.kernel.paging.PageRequest;
import dev.agenthub.protocol.kernel.time.WireTime;
import dev.agenthub.protocol.kernel.tx.TransactionRunner;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SequencedMap;
import java.util.UUID;

/**
 * The escalation use cases of wire spec §4.14 and §12: create (bound to the caller's workspace), list, get and
 * respond (any caller in the project), and the expiry of §14 F5. Expiry takes effect twice over: every read
 * reports a due pending escalation as expired at the injected clock's now, and {@link #sweep()} (run by the
 * host on a schedule) persists the transition and publishes {@code escalation.expired} once per row. Every
 * change appends an audit entry in the same transaction; events follow the commit.
 */
public final class Escalations {

    /** {@code expires_in_hours} when the request has none. */
    public static final int DEFAULT_EXPIRES_IN_HOURS = 4;
    /** The most rows one sweep round expires; a sweep runs rounds until fewer come back. */
    public static final int SWEEP_BATCH = 500;

    static final String FOREIGN = "Workspace not found or does not belong to your project";
    static final String BINDING = "workspace_id does not match API key identity";
    static final String ALIAS_MISMATCH = "Alias does not match workspace_id";
    static final String NOT_FOUND = "Escalation not found";
    static final String EXPIRED = "Escalation has expired";

    private final TransactionRunner transactions;
    private final EscalationStore escalations;
    private final WorkspaceStore workspaces;
    private final EscalationEvents events;
    private final AuditLog audit;
    private final Clock clock;
    private final IdGenerator ids;

    public Escalations(TransactionRunner transactions, EscalationStore escalations, WorkspaceStore workspaces,
                       EscalationEvents events, AuditLog audit, Clock clock, IdGenerator ids) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.escalations = Objects.requireNonNull(escalations, "escalations");
        this.workspaces = Objects.requireNonNull(workspaces, "workspaces");
        this.events = Objects.requireNonNull(events, "events");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ids = Objects.requireNonNull(ids, "ids");
    }

    /**
     * What {@code POST /v1/escalations} asks for, validated by the caller.
     *
     * @param options        null or empty for none
     * @param expiresInHours > 0
     * @param memberEmail    or null
     */
    public record Request(AgentId workspace, String alias, String subject, String situation, List<String> options,
                          int expiresInHours, String memberEmail) {

        public Request {
            Objects.requireNonNull(workspace, "workspace");
            Objects.requireNonNull(alias, "alias");
            Objects.requireNonNull(subject, "subject");
            Objects.requireNonNull(situation, "situation");
            if (expiresInHours <= 0) {
                throw new IllegalArgumentException("expiresInHours must be > 0");
            }
        }
    }

    /**
     * {@code POST /v1/escalations}: the binding check (§3.2 AB), then the workspace (live, in the caller's
     * project), then its alias; stores a pending escalation expiring {@code expiresInHours} after now.
     *
     * @throws DomainError.Forbidden 403 {@code workspace_id does not match API key identity}, {@code Workspace
     *                               not found or does not belong to your project} (missing, deleted or foreign:
     *                               §14.3 keeps 403), {@code Alias does not match workspace_id}
     */
    public Escalation create(Principal principal, Request request) {
        Authenticator.requireBinding(principal, request.workspace(), BINDING);
        Workspace creator = workspaces.find(request.workspace()).filter(Workspace::live)
                .filter(w -> w.project().equals(principal.project()))
                .orElseThrow(() -> new DomainError.Forbidden(FOREIGN));
        if (!creator.alias().equals(request.alias())) {
            throw new DomainError.Forbidden(ALIAS_MISMATCH);
        }
        Instant now = now();
        Escalation created = new Escalation(ids.newId(), creator.project(), creator.id(), creator.alias(),
                request.memberEmail(), request.subject(), request.situation(), request.options(),
                Escalation.State.PENDING, null, null, now, null,
                now.plus(Duration.ofHours(request.expiresInHours())));
        return transactions.inTransaction(() -> {
            escalations.insert(created);
            SequencedMap<String, Object> details = new LinkedHashMap<>();
            details.put("escalation_id", created.id().toString());
            details.put("alias", created.alias());
            details.put("subject", created.subject());
            details.put("expires_at", WireTime.offset(created.expiresAt()));
            append(created.project(), AuditEventTypes.ESCALATION_CREATED, created.workspace(), details, now);
            transactions.afterCommit(() -> events.created(created));
            return created;
        });
    }

    /**
     * {@code GET /v1/escalations}: a page of the project's escalations as seen now, newest first.
     *
     * @throws DomainError.Forbidden 403 {@code Workspace not found or does not belong to your project} when the
     *                               {@code workspace} filter is not a live workspace of the project
     */
    public Page<Escalation> list(Principal principal, EscalationStore.Filter filter, PageRequest request) {
        filter.workspace().ifPresent(id -> workspaces.find(id).filter(Workspace::live)
                .filter(w -> w.project().equals(principal.project()))
                .orElseThrow(() -> new DomainError.Forbidden(FOREIGN)));
        Instant now = now();
        return escalations.page(principal.project(), filter, now, request).map(e -> e.asOf(now));
    }

    /**
     * {@code GET /v1/escalations/{id}}: the escalation as seen now.
     *
     * @param workspace when present, the escalation must be this workspace's
     * @throws DomainError.NotFound 404 {@code Escalation not found}: unknown, foreign, its workspace deleted, or
     *                              another workspace's than {@code workspace}
     */
    public Escalation get(Principal principal, UUID id, Optional<AgentId> workspace) {
        Instant now = now();
        return escalations.find(principal.project(), id)
                .filter(e -> workspace.isEmpty() || workspace.get().equals(e.workspace()))
                .map(e -> e.asOf(now))
                .orElseThrow(() -> new DomainError.NotFound(NOT_FOUND));
    }

    /**
     * {@code POST /v1/escalations/{id}/respond} by any caller in the project (§12).
     *
     * @param note or null
     * @throws DomainError.NotFound 404 {@code Escalation not found}
     * @throws DomainError.Conflict 409 {@code Escalation has expired} (§14 F5)
     */
    public Escalation respond(Principal principal, UUID id, String response, String note) {
        return respond(principal, id, response, note, null);
    }

    /**
     * As {@link #respond(Principal, UUID, String, String)}, by a human the caller names: an escalation stores no
     * responder of its own (§4.14 has only {@code response} and {@code response_note}), so {@code responder} is
     * recorded in the {@code escalation_responded} audit entry's details as {@code responded_by}.
     *
     * @param responder the responding user's id (e.g. a tenant token's {@code sub}), or null for none
     */
    public Escalation respond(Principal principal, UUID id, String response, String note, String responder) {
        Objects.requireNonNull(response, "response");
        Instant now = now();
        return transactions.inTransaction(() -> switch (escalations.respond(principal.project(), id, response, note,
                now, now)) {
            case EscalationStore.Missing missing -> throw new DomainError.NotFound(NOT_FOUND);
            case EscalationStore.Expired expired -> throw new DomainError.Conflict(EXPIRED);
            case EscalationStore.Responded(Escalation responded) -> {
                SequencedMap<String, Object> details = new LinkedHashMap<>();
                details.put("escalation_id", responded.id().toString());
                details.put("response", responded.response());
                details.put("response_note", responded.responseNote());
                if (responder != null) {
                    details.put("responded_by", responder);
                }
                append(responded.project(), AuditEventTypes.ESCALATION_RESPONDED, principal.actor(), details, now);
                transactions.afterCommit(() -> events.responded(responded));
                yield responded;
            }
        });
    }

    /**
     * {@code escalations_pending} of {@code GET /v1/status} (§4.13): the project's pending escalations that are
     * not due now. (The status view itself answers 0 to a public reader.)
     */
    public int pending(ProjectId project, Instant now) {
        return escalations.countPending(project, now);
    }

    /**
     * The expiry sweep (§14 F5): persists {@code expired} on every pending escalation due now, of every
     * project, in rounds of {@value #SWEEP_BATCH} rows each committed with its audit entries, and publishes
     * {@code escalation.expired} for each row after its round commits. Safe to run concurrently on several
     * instances: each row expires, and is announced, exactly once.
     *
     * @return the number of escalations this call expired
     */
    public int sweep() {
        Instant now = now();
        int total = 0;
        while (true) {
            List<Escalation> expired = transactions.inTransaction(() -> {
                List<Escalation> round = escalations.expireDue(now, SWEEP_BATCH);
                for (Escalation e : round) {
                    SequencedMap<String, Object> details = new LinkedHashMap<>();
                    details.put("escalation_id", e.id().toString());
                    details.put("alias", e.alias());
                    details.put("subject", e.subject());
                    details.put("expires_at", WireTime.offset(e.expiresAt()));
                    append(e.project(), AuditEventTypes.ESCALATION_EXPIRED, null, details, now);
                }
                transactions.afterCommit(() -> round.forEach(events::expired));
                return round;
            });
            total += expired.size();
            if (expired.size() < SWEEP_BATCH) {
                return total;
            }
        }
    }

    private void append(ProjectId project, String type, AgentId actor, SequencedMap<String, Object> details,
                        Instant now) {
        audit.append(new AuditEntry(ids.newId(), project, type, actor, details, now));
    }

    private Instant now() {
        return WireTime.truncate(clock.instant());
    }
}
