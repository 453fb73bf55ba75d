package dev.agenthub.hub.audit;

import dev.agenthub.hub.audit.port.AuditLogReader;
import dev.agenthub.protocol.identity.Principal;
import dev.agenthub.protocol.kernel.paging.Page;
import dev.agenthub.protocol.kernel.paging.PageRequest;

import java.util.Objects;

/**
 * The audit log read use case ({@code GET /v1/audit}, an Agent Hub extension): a page of the caller's project's
 * entries, newest first. The project is always the principal's (§3.5); entries of another project are never seen.
 */
public final class AuditTrail {

    /** {@code limit} when the request has none. */
    public static final int DEFAULT_LIMIT = 100;
    /** The largest {@code limit}. */
    public static final int MAX_LIMIT = 500;

    private final AuditLogReader log;

    public AuditTrail(AuditLogReader log) {
        this.log = Objects.requireNonNull(log, "log");
    }

    /**
     * The caller's project's entries matching {@code filter}.
     *
     * @throws dev.agenthub.protocol.kernel.error.DomainError.Invalid 422 for a cursor without a readable sort key
     */
    public Page<AuditEntry> list(Principal principal, AuditLogReader.Filter filter, PageRequest request) {
        return log.page(principal.project(), filter, request);
    }
}
