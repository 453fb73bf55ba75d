package dev.agenthub.protocol.cyclefixtureb;

import dev.agenthub.protocol.cyclefixturea.ProtocolCycleA;

/** Fixture: the other half of the cycle started by {@link ProtocolCycleA}. */
public final class ProtocolCycleB {

    private ProtocolCycleA partner;

    public ProtocolCycleA partner() {
        return partner;
    }
}
