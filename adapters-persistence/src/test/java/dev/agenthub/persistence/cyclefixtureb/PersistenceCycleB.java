package dev.agenthub.persistence.cyclefixtureb;

import dev.agenthub.persistence.cyclefixturea.PersistenceCycleA;

/** Fixture: the other half of the cycle started by {@link PersistenceCycleA}. */
public final class PersistenceCycleB {

    private PersistenceCycleA partner;

    public PersistenceCycleA partner() {
        return partner;
    }
}
