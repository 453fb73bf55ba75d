package dev.agenthub.orchestration.workitems.port;

import dev.agenthub.orchestration.common.PageSlice;
import dev.agenthub.orchestration.workitems.AgentLoad;
import dev.agenthub.orchestration.workitems.NewWorkItem;
import dev.agenthub.orchestration.workitems.WorkItem;
import dev.agenthub.orchestration.workitems.WorkItemStatus;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Port: the work items of every project (wire spec agenthub §13, §14 D1, D7). Every method joins the caller's
 * transaction when one is active. Implementations are checked by the contract kit's {@code WorkItemStoreContract},
 * which includes a concurrency test of {@link #claim}.
 */
public interface WorkItemStore {

    /** Inserts the items in order with new, increasing ids, all with {@code created_at = updated_at = at}. */
    List<WorkItem> insertAll(long projectId, List<NewWorkItem> items, Instant at);

    /** The item with this id in this project, or empty (unknown, or another project's). */
    Optional<WorkItem> find(long projectId, long workItemId);

    /** A page of the project's items, optionally of one status: priority asc, then {@code created_at} asc, then id asc. */
    List<WorkItem> list(long projectId, Optional<WorkItemStatus> status, PageSlice page);

    /**
     * Sets {@code assigned_agent_id} (status and claim unchanged; {@code PATCH …/assign}) and returns the item.
     * The agent must be of the same project (the caller checks).
     */
    Optional<WorkItem> assign(long projectId, long workItemId, long agentId, Instant at);

    /** Up to {@code limit} of the project's {@code backlog} items in the selection order (as {@link #list}). */
    default List<WorkItem> backlog(long projectId, int limit) {
        return backlog(projectId, limit, 0);
    }

    /**
     * As {@link #backlog(long, int)}, leaving out items whose {@link WorkItem#attempts() attempts} reached
     * {@code maxAttempts}; {@code 0} leaves none out ({@code AGENT_HUB_WORK_ITEM_MAX_ATTEMPTS} unset).
     */
    List<WorkItem> backlog(long projectId, int limit, int maxAttempts);

    /**
     * Locks the agent rows of {@code agentIds} (in id order, until the caller's transaction ends) and returns each
     * one's {@link AgentLoad}, in id order; agents that do not exist in the project are left out. Called inside the
     * transaction that then {@link #claim claims}, so the capacity check and the claim are atomic (§14 D7).
     */
    List<AgentLoad> lockLoads(long projectId, Collection<Long> agentIds);

    /**
     * The atomic claim of §14 D1: one conditional update that moves the item from {@code backlog} to
     * {@code in_progress}, sets {@code assigned_agent_id = agentId}, {@code claimed_by = claimant} and
     * {@code lease_expires_at = leaseUntil}, adds one to {@code attempts}, and applies only while the item is still
     * {@code backlog}.
     *
     * @return the claimed item, or empty when it was not {@code backlog} any more (another worker won) or is unknown
     */
    Optional<WorkItem> claim(long projectId, long workItemId, long agentId, String claimant, Instant leaseUntil,
                             Instant at);

    /** Extends the lease while {@code claimant} still holds the item; false when it does not any more. */
    boolean renewLease(long workItemId, String claimant, Instant leaseUntil, Instant at);

    /**
     * Moves an item {@code claimant} holds to {@code status} ({@code backlog}, {@code review} or {@code done}) and
     * clears the claim; {@code done} also sets {@code completed_at = at}. False when {@code claimant} does not hold
     * it any more (nothing changes then).
     */
    boolean finishClaim(long workItemId, String claimant, WorkItemStatus status, Instant at);

    /**
     * Moves an item from {@code from} to {@code to} regardless of any claim (the human PR actions of §14 D3), clearing
     * the claim; {@code done} sets {@code completed_at}. False when the item was not in {@code from}.
     */
    boolean transition(long workItemId, WorkItemStatus from, WorkItemStatus to, Instant at);

    /**
     * The stale sweep of §14 D1: returns every {@code in_progress} item whose lease expired at or before {@code now}
     * to {@code backlog}, clearing its claim (the assigned agent stays), and returns the items as they were before
     * (with their claimant). Safe to call from several instances at once: each expired item is released and
     * returned by exactly one call; a row another transaction holds locked (a sweep, or an owner renewing its lease)
     * is skipped, not waited for, and left to a later sweep.
     */
    List<WorkItem> releaseExpiredLeases(Instant now);

    /** The number of the project's items per status; statuses with none are absent. */
    Map<WorkItemStatus, Integer> countByStatus(long projectId);
}
