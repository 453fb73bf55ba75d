package dev.agenthub.orchestration.runs;

/** An agent run's status (wire names {@code queued}, {@code running}, {@code completed}, {@code failed}). */
public enum RunStatus {
    QUEUED, RUNNING, COMPLETED, FAILED
}
