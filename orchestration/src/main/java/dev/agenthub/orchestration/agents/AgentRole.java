package dev.agenthub.orchestration.agents;

/** An autopilot agent's role (wire names {@code planner}, {@code coder}, {@code reviewer}, {@code tester}). */
public enum AgentRole {
    PLANNER, CODER, REVIEWER, TESTER
}
