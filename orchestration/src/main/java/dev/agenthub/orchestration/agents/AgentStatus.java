package dev.agenthub.orchestration.agents;

/** Whether an agent takes part in cycles (wire names {@code active}, {@code paused}). */
public enum AgentStatus {
    ACTIVE, PAUSED
}
