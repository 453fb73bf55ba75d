package dev.agenthub.protocol.cyclefixturea;

import dev.agenthub.protocol.cyclefixtureb.ProtocolCycleB;

/** Fixture: one half of a cycle between two direct sub-packages of {@code dev.agenthub.protocol}. */
public final class ProtocolCycleA {

    private ProtocolCycleB partner;

    public ProtocolCycleB partner() {
        return partner;
    }
}
