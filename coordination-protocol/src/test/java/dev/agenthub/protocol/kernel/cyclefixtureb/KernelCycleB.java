package dev.agenthub.protocol.kernel.cyclefixtureb;

import dev.agenthub.protocol.kernel.cyclefixturea.KernelCycleA;

/** Fixture: the other half of the cycle started by {@link KernelCycleA}. */
public final class KernelCycleB {

    private KernelCycleA partner;

    public KernelCycleA partner() {
        return partner;
    }
}
