package dev.agenthub.testkit.cyclefixturea;

import dev.agenthub.testkit.cyclefixtureb.KitCycleB;

/** Fixture: one half of a cycle between two direct sub-packages of {@code dev.agenthub.testkit}. */
public final class KitCycleA {

    private KitCycleB partner;

    public KitCycleB partner() {
        return partner;
    }
}
