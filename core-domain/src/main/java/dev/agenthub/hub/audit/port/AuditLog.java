package dev.agenthub.hub.audit.port;

import dev.agenthub.hub.audit.AuditEntry;

/**
 * Port: the append-only audit log of every project (wire spec §2.1, §4.6, §5.1 step 7). Joins the caller's
 * transaction when one is active. Entries are never changed or removed, except with their project.
 */
public interface AuditLog {

    /** Appends one entry. */
    void append(AuditEntry entry);
}
