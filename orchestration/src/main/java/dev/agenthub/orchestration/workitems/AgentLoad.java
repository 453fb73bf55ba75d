package dev.agenthub.orchestration.workitems;

/**
 * An agent's capacity as seen under its row lock (§14 D7): {@code load} is the number of work items assigned to it
 * that are {@code in_progress}.
 */
public record AgentLoad(long agentId, int maxParallelTasks, int load) {

    public boolean belowCapacity() {
        return load < maxParallelTasks;
    }
}
