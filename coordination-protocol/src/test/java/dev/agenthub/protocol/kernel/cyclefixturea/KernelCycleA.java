package dev.agenthub.protocol.kernel.cyclefixturea;

import dev.agenthub.protocol.kernel.cyclefixtureb.KernelCycleB;

/** Fixture: one half of a cycle between two direct sub-packages of {@code dev.agenthub.protocol.kernel}. */
public final class KernelCycleA {

    private KernelCycleB partner;

    public KernelCycleB partner() {
        return partner;
    }
}
