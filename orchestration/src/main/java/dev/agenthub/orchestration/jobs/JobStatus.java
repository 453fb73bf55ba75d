package dev.agenthub.orchestration.jobs;

/** An autopilot job's status (wire names {@code queued} … {@code canceled}; wire spec agenthub §8). */
public enum JobStatus {
    QUEUED, RUNNING, COMPLETED, FAILED, CANCELED;

    /** Whether no transition but {@code retry} leaves this status. */
    public boolean terminal() {
        return this == COMPLETED || this == FAILED || this == CANCELED;
    }
}
