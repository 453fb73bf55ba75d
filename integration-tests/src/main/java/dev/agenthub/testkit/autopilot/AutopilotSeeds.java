package dev.agenthub.testkit.autopilot;

/**
 * The rows an autopilot store contract stands on, created by whatever means the implementation under test offers
 * (its own project and agent stores, or plain SQL). Every call creates a fresh row, so the stores may hold other
 * tests' data.
 */
public interface AutopilotSeeds {

    /** A new project with a unique name; its id. */
    long newProject();

    /** A new active coder of the project with this {@code max_parallel_tasks}; its id. */
    long newAgent(long projectId, int maxParallelTasks);

    /** A new {@code backlog} work item of the project; its id. */
    long newWorkItem(long projectId);
}
