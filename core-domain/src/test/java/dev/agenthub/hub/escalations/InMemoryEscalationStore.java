package dev.agenthub.hub.escalations;

import dev.agenthub.hub.escalations.port.EscalationStore;
import dev.agenthub.hub.workspaces.Workspace;
import dev.agenthub.hub.workspaces.port.WorkspaceStore;
import dev.agenthub.protocol.kernel.id.ProjectId;
import dev.agenthub.protocol.kernel.paging.CursorKey;
import dev.agenthub.protocol.kernel.paging.Page;
import dev.agenthub.protocol.kernel.paging.PageRequest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** An {@link EscalationStore} in memory, for domain tests: visibility through the workspace store it is given. */
final class InMemoryEscalationStore implements EscalationStore {

    private static final Comparator<Escalation> NEWEST_FIRST = Comparator.comparing(Escalation::createdAt)
            .thenComparing(e -> e.id().toString()).reversed();

    private final Map<UUID, Escalation> rows = new LinkedHashMap<>();
    private final WorkspaceStore workspaces;

    InMemoryEscalationStore(WorkspaceStore workspaces) {
        this.workspaces = workspaces;
    }

    /** The row as stored, visible or not. */
    synchronized Escalation stored(UUID id) {
        return rows.get(id);
    }

    @Override
    public synchronized void insert(Escalation escalation) {
        if (rows.putIfAbsent(escalation.id(), escalation) != null) {
            throw new IllegalStateException("duplicate id");
        }
    }

    @Override
    public synchronized Optional<Escalation> find(ProjectId project, UUID id) {
        return Optional.ofNullable(rows.get(id)).filter(e -> e.project().equals(project)).filter(this::visible);
    }

    @Override
    public synchronized Page<Escalation> page(ProjectId project, Filter filter, Instant now, PageRequest request) {
        List<Escalation> matching = rows.values().stream()
                .filter(e -> e.project().equals(project) && visible(e))
                .filter(e -> filter.workspace().map(e.workspace()::equals).orElse(true))
                .filter(e -> filter.repo().map(r -> workspaces.find(e.workspace()).map(Workspace::repo)
                        .filter(r::equals).isPresent()).orElse(true))
                .filter(e -> filter.alias().map(e.alias()::equals).orElse(true))
                .filter(e -> filter.status().map(s -> e.statusAt(now) == s).orElse(true))
                .filter(e -> request.after().map(after -> before(e, after)).orElse(true))
                .sorted(NEWEST_FIRST)
                .limit(request.fetchSize())
                .toList();
        return Page.fromOverfetch(matching, request, e -> CursorKey.of(Map.of(
                "created_at", CursorKey.timestamp(e.createdAt()), "escalation_id", e.id().toString())));
    }

    private static boolean before(Escalation e, CursorKey after) {
        Instant at = after.requireTimestamp("created_at");
        if (e.createdAt().isBefore(at)) {
            return true;
        }
        return after.has("escalation_id") && e.createdAt().equals(at)
                && e.id().toString().compareTo(after.requireString("escalation_id")) < 0;
    }

    @Override
    public synchronized Outcome respond(ProjectId project, UUID id, String response, String note, Instant respondedAt,
                                        Instant now) {
        Optional<Escalation> found = find(project, id);
        if (found.isEmpty()) {
            return new Missing();
        }
        Escalation e = found.get();
        if (e.statusAt(now) == Escalation.State.EXPIRED) {
            return new Expired(e);
        }
        Escalation answered = new Escalation(e.id(), e.project(), e.workspace(), e.alias(), e.memberEmail(),
                e.subject(), e.situation(), e.options(), Escalation.State.RESPONDED, response, note, e.createdAt(),
                respondedAt, e.expiresAt());
        rows.put(id, answered);
        return new Responded(answered);
    }

    @Override
    public synchronized List<Escalation> expireDue(Instant now, int limit) {
        List<Escalation> expired = new ArrayList<>();
        for (Escalation e : List.copyOf(rows.values())) {
            if (expired.size() < limit && e.dueAt(now)) {
                Escalation done = e.withStatus(Escalation.State.EXPIRED);
                rows.put(e.id(), done);
                expired.add(done);
            }
        }
        return expired;
    }

    @Override
    public synchronized int countPending(ProjectId project, Instant now) {
        return (int) rows.values().stream().filter(e -> e.project().equals(project) && visible(e))
                .filter(e -> e.statusAt(now) == Escalation.State.PENDING).count();
    }

    private boolean visible(Escalation e) {
        return workspaces.find(e.workspace()).filter(Workspace::live).isPresent();
    }
}
