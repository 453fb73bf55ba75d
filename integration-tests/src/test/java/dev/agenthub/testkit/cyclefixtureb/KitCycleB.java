package dev.agenthub.testkit.cyclefixtureb;

import dev.agenthub.testkit.cyclefixturea.KitCycleA;

/** Fixture: the other half of the cycle started by {@link KitCycleA}. */
public final class KitCycleB {

    private KitCycleA partner;

    public KitCycleA partner() {
        return partner;
    }
}
