package dev.agenthub.orchestration.workitems;

/** A work item's status (wire names {@code backlog}, {@code in_progress}, {@code review}, {@code done}). */
public enum WorkItemStatus {
    BACKLOG, IN_PROGRESS, REVIEW, DONE
}
