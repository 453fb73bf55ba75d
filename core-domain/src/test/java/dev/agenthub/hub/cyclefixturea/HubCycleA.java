package dev.agenthub.hub.cyclefixturea;

import dev.agenthub.hub.cyclefixtureb.HubCycleB;

/** Fixture: one half of a cycle between two direct sub-packages of {@code dev.agenthub.hub}. */
public final class HubCycleA {

    private HubCycleB partner;

    public HubCycleB partner() {
        return partner;
    }
}
