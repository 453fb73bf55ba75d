package dev.agenthub.orchestration.cyclefixturea;

import dev.agenthub.orchestration.cyclefixtureb.OrchestrationCycleB;

/** Fixture: one half of a cycle between two direct sub-packages of {@code dev.agenthub.orchestration}. */
public final class OrchestrationCycleA {

    private OrchestrationCycleB partner;

    public OrchestrationCycleB partner() {
        return partner;
    }
}
