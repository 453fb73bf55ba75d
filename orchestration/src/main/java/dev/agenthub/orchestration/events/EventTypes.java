package dev.agenthub.orchestration.events;

import java.util.List;

/** Every {@code event_type} of the autopilot's event log (wire spec agenthub §6.5), with its payload keys. */
public final class EventTypes {

    /** {@code agent_count}. */
    public static final String PROJECT_BOOTSTRAPPED = "project_bootstrapped";
    /** {@code objective}, {@code created_items}. */
    public static final String OBJECTIVE_INGESTED = "objective_ingested";
    /** {@code work_item_id}, {@code reason}. */
    public static final String WORK_ITEM_SKIPPED_UNASSIGNED = "work_item_skipped_unassigned";
    /** {@code work_item_id}, {@code error}. */
    public static final String WORK_ITEM_FAILED = "work_item_failed";
    /** {@code work_item_id}, {@code error}. */
    public static final String AUTOPILOT_ITEM_FAILED = "autopilot_item_failed";
    /** {@code pull_request_id}, {@code work_item_id}. */
    public static final String AUTO_REVIEW_DISABLED = "auto_review_disabled";
    /** {@code pull_request_id}, {@code work_item_id}, {@code approvals}, {@code checks_passed}. */
    public static final String PR_OPENED = "pr_opened";
    /** {@code pull_request_id}, {@code work_item_id}, {@code approvals}, {@code merged_sha} (+ {@code merged_by} for human merges). */
    public static final String PR_MERGED = "pr_merged";
    /** {@code pull_request_id}, {@code work_item_id}, {@code error}. */
    public static final String PR_MERGE_FAILED = "pr_merge_failed";
    /** {@code processed_items}, {@code created_prs}, {@code merged_prs}. */
    public static final String AUTOPILOT_CYCLE_COMPLETED = "autopilot_cycle_completed";
    /** New (§14 D7): an item left in the backlog because its agent is at capacity. */
    public static final String WORK_ITEM_DEFERRED_CAPACITY = "work_item_deferred_capacity";
    /** New (§14 D1): a claim whose lease ran out was returned to the backlog. */
    public static final String WORK_ITEM_LEASE_EXPIRED = "work_item_lease_expired";
    /** New (§14 D2): a cycle stopped because its job was canceled. */
    public static final String AUTOPILOT_CYCLE_CANCELED = "autopilot_cycle_canceled";
    /** New (§14 D3): a human review of a pull request. */
    public static final String PR_REVIEWED = "pr_reviewed";
    /** New (§14 D3): a pull request closed without merging. */
    public static final String PR_CLOSED = "pr_closed";
    /**
     * New ({@code AGENT_HUB_WORK_ITEM_MAX_ATTEMPTS}): {@code work_item_id}, {@code attempts}; an item a git failure
     * returned to the backlog has used its attempts, and the cycle no longer selects it.
     */
    public static final String WORK_ITEM_ATTEMPTS_EXHAUSTED = "work_item_attempts_exhausted";

    /** Every type above, in catalogue order. */
    public static final List<String> ALL = List.of(PROJECT_BOOTSTRAPPED, OBJECTIVE_INGESTED,
            WORK_ITEM_SKIPPED_UNASSIGNED, WORK_ITEM_FAILED, AUTOPILOT_ITEM_FAILED, AUTO_REVIEW_DISABLED, PR_OPENED,
            PR_MERGED, PR_MERGE_FAILED, AUTOPILOT_CYCLE_COMPLETED, WORK_ITEM_DEFERRED_CAPACITY, WORK_ITEM_LEASE_EXPIRED,
            AUTOPILOT_CYCLE_CANCELED, PR_REVIEWED, PR_CLOSED, WORK_ITEM_ATTEMPTS_EXHAUSTED);

    private EventTypes() {
    }
}
