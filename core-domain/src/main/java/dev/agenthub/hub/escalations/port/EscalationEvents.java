package dev.agenthub.hub.escalations.port;

import dev.agenthub.hub.escalations.Escalation;

/**
 * Port: the live events of escalations (wire spec §13.1), published on the <em>creator's</em> workspace channel.
 * Callers publish only after the write committed; implementations never fail the caller.
 */
public interface EscalationEvents {

    /** {@code escalation.created {escalation_id, alias, subject}}. */
    void created(Escalation escalation);

    /** {@code escalation.responded {escalation_id, response}}. */
    void responded(Escalation escalation);

    /** {@code escalation.expired {escalation_id, alias, subject}} (§14 F5). */
    void expired(Escalation escalation);
}
