package dev.agenthub.hub.audit;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.SequencedSet;

/**
 * The event types the hub writes to the audit log, one constant per type. Every writer names its type through
 * these constants, so {@link #ALL} is exactly what {@code GET /v1/audit?event_type=…} can filter on.
 */
public final class AuditEventTypes {

    /** A {@code POST /v1/bdh/sync} (§5.1 step 7). */
    public static final String BDH_SYNC = "bdh_sync";
    /** A {@code POST /v1/beads/upload} or {@code /upload-jsonl} (§4.6). */
    public static final String BEADS_UPLOADED = "beads_uploaded";
    /** A policy version was created (§4.16), including the bootstrapped defaults. */
    public static final String POLICY_CREATED = "policy_created";
    /** A policy version became the project's active one. */
    public static final String POLICY_ACTIVATED = "policy_activated";
    /** {@code POST /v1/policies/reset}: the defaults as a new active version. */
    public static final String POLICY_RESET_TO_DEFAULT = "policy_reset_to_default";
    /** {@code POST /v1/escalations} (§4.14). */
    public static final String ESCALATION_CREATED = "escalation_created";
    /** {@code POST /v1/escalations/{id}/respond}. */
    public static final String ESCALATION_RESPONDED = "escalation_responded";
    /** The expiry sweep persisted an escalation's expiry (§14 F5). */
    public static final String ESCALATION_EXPIRED = "escalation_expired";

    /** Every type, in alphabetical order. */
    public static final SequencedSet<String> ALL = Collections.unmodifiableSequencedSet(new LinkedHashSet<>(List.of(
            BDH_SYNC, BEADS_UPLOADED, ESCALATION_CREATED, ESCALATION_EXPIRED, ESCALATION_RESPONDED, POLICY_ACTIVATED,
            POLICY_CREATED, POLICY_RESET_TO_DEFAULT)));

    private AuditEventTypes() {
    }
}
