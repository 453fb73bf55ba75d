package dev.agenthub.orchestration.pulls;

/** A review's decision (wire names {@code approve}, {@code request_changes}). */
public enum ReviewDecision {
    APPROVE, REQUEST_CHANGES
}
