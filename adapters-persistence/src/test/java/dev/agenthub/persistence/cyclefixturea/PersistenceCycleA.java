package dev.agenthub.persistence.cyclefixturea;

import dev.agenthub.persistence.cyclefixtureb.PersistenceCycleB;

/** Fixture: one half of a cycle between two direct sub-packages of {@code dev.agenthub.persistence}. */
public final class PersistenceCycleA {

    private PersistenceCycleB partner;

    public PersistenceCycleB partner() {
        return partner;
    }
}
