package dev.agenthub.hub.claims.port;

import dev.agenthub.hub.claims.Claim;

/**
 * Port: the live events of claims (wire spec §13.1), published on the claimant's workspace channel. Callers
 * publish only after the write committed; implementations never fail the caller.
 */
public interface ClaimEvents {

    /** {@code bead.claimed {bead_id, alias, title}}; {@code title} is the bead's, or null when unknown. */
    void claimed(Claim claim, String title);

    /** {@code bead.unclaimed {bead_id, alias, title}} for one removed claim; {@code title} may be null. */
    void unclaimed(Claim claim, String title);
}
