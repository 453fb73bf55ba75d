package dev.agenthub.orchestration.cyclefixtureb;

import dev.agenthub.orchestration.cyclefixturea.OrchestrationCycleA;

/** Fixture: the other half of the cycle started by {@link OrchestrationCycleA}. */
public final class OrchestrationCycleB {

    private OrchestrationCycleA partner;

    public OrchestrationCycleA partner() {
        return partner;
    }
}
