package dev.agenthub.protocol.reservations.port;

import dev.agenthub.protocol.kernel.id.AgentId;
import dev.agenthub.protocol.kernel.id.ProjectId;
import dev.agenthub.protocol.reservations.Reservation;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Port: the authoritative store of reservations. Every method is atomic on its own and correct when
 * several hub instances share the store: for one (project, key) at most one reservation is live at any
 * instant, whatever interleaving of calls.
 *
 * <p>"Live at {@code now}" means {@code expires_at > now}; the caller supplies {@code now} from its clock.
 * Rows that are not live are treated as absent and may be overwritten or deleted.
 *
 * <p>Verified by {@code ReservationStoreContract} in the test kit.
 */
public interface ReservationStore {

    /**
     * Stores {@code candidate} unless a reservation for its (project, key) is live at {@code now}.
     *
     * @return {@link AcquireOutcome.Acquired} with the stored row, or {@link AcquireOutcome.Held} with the
     *         live row that prevented it (also when its holder is the candidate's holder)
     * @throws dev.agenthub.protocol.kernel.error.DomainError.Unavailable (503, retry) only when the key keeps being
     *         released and taken by others between the store's own steps so often that neither outcome can be
     *         observed; never a wrong outcome
     */
    AcquireOutcome tryAcquire(Reservation candidate, Instant now);

    /**
     * Moves the expiry of the holder's live reservation to {@code newExpiresAt}.
     *
     * @return {@link ChangeOutcome.Done} with the updated row, {@link ChangeOutcome.Absent} when no live
     *         reservation exists, or {@link ChangeOutcome.HeldByOther} with the other holder's row
     */
    ChangeOutcome renew(ProjectId project, String resourceKey, AgentId holder, Instant now, Instant newExpiresAt);

    /**
     * Deletes the holder's live reservation.
     *
     * @return {@link ChangeOutcome.Done} with the deleted row, {@link ChangeOutcome.Absent} when no live
     *         reservation exists, or {@link ChangeOutcome.HeldByOther} with the other holder's row
     */
    ChangeOutcome release(ProjectId project, String resourceKey, AgentId holder, Instant now);

    /**
     * Deletes every reservation of {@code holder} in the project, optionally only keys starting with
     * {@code prefix} (a literal prefix: no wildcard characters), and returns how many were deleted.
     */
    int releaseAllOf(ProjectId project, AgentId holder, Optional<String> prefix, Instant now);

    /** Whether any live reservation of another agent has a key starting with {@code prefix} (literal). */
    boolean othersHoldUnder(ProjectId project, AgentId holder, Optional<String> prefix, Instant now);

    /** The project's live reservations, optionally under a literal key prefix, ordered by key. */
    List<Reservation> listLive(ProjectId project, Optional<String> prefix, Instant now);

    /** The outcome of {@link #tryAcquire}. */
    sealed interface AcquireOutcome {
        record Acquired(Reservation reservation) implements AcquireOutcome {
        }

        record Held(Reservation holder) implements AcquireOutcome {
        }
    }

    /** The outcome of {@link #renew} and {@link #release}. */
    sealed interface ChangeOutcome {
        record Done(Reservation reservation) implements ChangeOutcome {
        }

        record Absent() implements ChangeOutcome {
        }

        record HeldByOther(Reservation holder) implements ChangeOutcome {
        }
    }
}
