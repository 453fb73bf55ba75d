package dev.agenthub.hub.cyclefixtureb;

import dev.agenthub.hub.cyclefixturea.HubCycleA;

/** Fixture: the other half of the cycle started by {@link HubCycleA}. */
public final class HubCycleB {

    private HubCycleA partner;

    public HubCycleA partner() {
        return partner;
    }
}
