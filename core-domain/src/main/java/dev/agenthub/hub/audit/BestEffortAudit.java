package dev.agenthub.hub.audit;

import dev.agenthub.hub.audit.port.AuditLog;
import dev.agenthub.protocol.kernel.tx.TransactionRunner;

import java.util.Objects;

/**
 * Writes audit entries that must not undo the work they describe (§5.1 step 7): each is appended under a savepoint
 * of the caller's transaction, so a failing write is rolled back alone and logged, and the caller still commits.
 * Changes that must never commit unaudited (policies, escalations) append to the {@link AuditLog} directly.
 */
public final class BestEffortAudit {

    private static final System.Logger log = System.getLogger(BestEffortAudit.class.getName());

    private final TransactionRunner transactions;
    private final AuditLog audit;

    public BestEffortAudit(TransactionRunner transactions, AuditLog audit) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.audit = Objects.requireNonNull(audit, "audit");
    }

    /** Appends {@code entry} under a savepoint; a failure is logged with the entry's type and swallowed. */
    public void append(AuditEntry entry) {
        try {
            transactions.inTransaction(() -> audit.append(entry));
        } catch (RuntimeException failed) {
            log.log(System.Logger.Level.WARNING, "writing the " + entry.eventType() + " audit entry failed", failed);
        }
    }
}
