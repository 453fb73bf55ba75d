package dev.agenthub.hub.audit.port;

import dev.agenthub.hub.audit.AuditEntry;
import dev.agenthub.protocol.kernel.id.AgentId;
import dev.agenthub.protocol.kernel.id.ProjectId;
import dev.agenthub.protocol.kernel.paging.Page;
import dev.agenthub.protocol.kernel.paging.PageRequest;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Port: reading a project's audit log ({@code GET /v1/audit}). The write side stays {@link AuditLog}, which
 * every writing use case depends on; only the listing depends on this one. Joins the caller's transaction when
 * one is active.
 */
public interface AuditLogReader {

    /**
     * The filters of {@code GET /v1/audit}; every present one must hold.
     *
     * @param eventTypes the entry's type is one of these; empty for any type
     * @param actor      the entry's actor is this agent (entries without an actor never match)
     * @param since      {@code created_at ≥ since} (inclusive)
     * @param until      {@code created_at < until} (exclusive)
     */
    record Filter(Set<String> eventTypes, Optional<AgentId> actor, Optional<Instant> since, Optional<Instant> until) {

        public static final Filter NONE = new Filter(Set.of(), Optional.empty(), Optional.empty(), Optional.empty());

        public Filter {
            eventTypes = Set.copyOf(Objects.requireNonNull(eventTypes, "eventTypes"));
            Objects.requireNonNull(actor, "actor");
            Objects.requireNonNull(since, "since");
            Objects.requireNonNull(until, "until");
        }
    }

    /**
     * A page of {@code project}'s entries matching {@code filter}, newest first: by {@code created_at} descending,
     * then by id ascending, so entries with equal times still come in one stable order and paging never skips nor
     * repeats one. The cursor object is {@code {"created_at": ts, "audit_id": uuid}} of the last entry returned;
     * the next page holds the entries after it in that order. Entries of other projects are never returned.
     *
     * @throws dev.agenthub.protocol.kernel.error.DomainError.Invalid 422 {@code Invalid cursor timestamp: …} for a
     *                                                                cursor without a readable {@code created_at},
     *                                                                {@code Invalid cursor: …} for one without a
     *                                                                UUID {@code audit_id}
     */
    Page<AuditEntry> page(ProjectId project, Filter filter, PageRequest request);
}
