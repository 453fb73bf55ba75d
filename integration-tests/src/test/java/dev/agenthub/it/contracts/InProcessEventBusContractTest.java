package dev.agenthub.it.contracts;

import dev.agenthub.persistence.events.InProcessEventBus;
import dev.agenthub.protocol.kernel.events.EventBus;
import dev.agenthub.testkit.events.EventBusContract;
import org.junit.jupiter.api.AfterEach;

/** The single-instance bus. */
class InProcessEventBusContractTest extends EventBusContract {

    private final InProcessEventBus bus = new InProcessEventBus();

    @Override
    protected EventBus bus() {
        return bus;
    }

    @AfterEach
    void close() {
        bus.close();
    }
}
