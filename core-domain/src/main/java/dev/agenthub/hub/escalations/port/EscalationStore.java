package dev.agenthub.hub.escalations.port;

import dev.agenthub.hub.escalations.Escalation;
import dev.agenthub.hub.repos.RepoId;
import dev.agenthub.protocol.kernel.id.AgentId;
import dev.agenthub.protocol.kernel.id.ProjectId;
import dev.agenthub.protocol.kernel.paging.Page;
import dev.agenthub.protocol.kernel.paging.PageRequest;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Port: the escalations of every project (wire spec §4.14, §12). Every method joins the caller's transaction when
 * one is active. Rows are returned as <em>stored</em>: the status a reader sees at a moment is
 * {@link Escalation#asOf(Instant)}, and every method that takes {@code now} applies exactly that rule in its
 * filters (a pending row with {@code expires_at ≤ now} counts as expired). "Visible" means the creator's
 * workspace is live (not soft-deleted). Implementations are checked by the contract kit's
 * {@code EscalationStoreContract}.
 */
public interface EscalationStore {

    /** Inserts {@code escalation} as given. Its project and workspace must exist; its id must be new. */
    void insert(Escalation escalation);

    /** The visible escalation with this id in this project, or empty (unknown, foreign, or its workspace deleted). */
    Optional<Escalation> find(ProjectId project, UUID id);

    /**
     * The filters of {@code GET /v1/escalations}; every present one must hold.
     *
     * @param workspace the creator's workspace
     * @param repo      the creator workspace's repo
     * @param status    the status as seen at {@code now}
     * @param alias     the creator's alias as stored on the escalation
     */
    record Filter(Optional<AgentId> workspace, Optional<RepoId> repo, Optional<Escalation.State> status,
                  Optional<String> alias) {

        public static final Filter NONE = new Filter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

        public Filter {
            Objects.requireNonNull(workspace, "workspace");
            Objects.requireNonNull(repo, "repo");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(alias, "alias");
        }
    }

    /**
     * A page of the project's visible escalations matching {@code filter} at {@code now}, newest first: by
     * {@code created_at} descending, then id descending, so equal times still give one stable order. The cursor
     * object holds {@code created_at} and the id; a cursor of {@code {"created_at": ts}} alone (the form of wire
     * spec §1.6) continues strictly before {@code ts}.
     *
     * @throws dev.agenthub.protocol.kernel.error.DomainError.Invalid 422 for a cursor without a readable
     *                                                                {@code created_at}
     */
    Page<Escalation> page(ProjectId project, Filter filter, Instant now, PageRequest request);

    /** The outcome of {@link #respond}. */
    sealed interface Outcome {
    }

    /** The response was stored; {@code escalation} is the row after the write. */
    record Responded(Escalation escalation) implements Outcome {
    }

    /** The escalation was expired at {@code now} (stored so, or pending and due); nothing was written. */
    record Expired(Escalation escalation) implements Outcome {
    }

    /** No visible escalation with this id in the project; nothing was written. */
    record Missing() implements Outcome {
    }

    /**
     * Stores a response (§4.14): sets status {@code responded}, {@code response}, {@code response_note} and
     * {@code responded_at} on the visible escalation {@code (project, id)} unless it is expired at {@code now}.
     * An escalation that was already responded to takes the new response. The check and the write are one
     * atomic step per row: a response and an expiry of the same row through any number of instances never both
     * succeed.
     */
    Outcome respond(ProjectId project, UUID id, String response, String note, Instant respondedAt, Instant now);

    /**
     * The sweep step (§14 F5): sets status {@code expired} on up to {@code limit} rows of any project that are
     * pending with {@code expires_at ≤ now}, and answers exactly those rows (after the write). Atomic per row:
     * of any number of sweeps racing through any number of instances on one database, each row is answered by
     * exactly one of them, once; a row another sweep is expiring at the moment may be left for the next round.
     */
    List<Escalation> expireDue(Instant now, int limit);

    /** The number of the project's visible escalations that are pending and not due at {@code now}. */
    int countPending(ProjectId project, Instant now);
}
