package dev.agenthub.it.contracts;

import dev.agenthub.persistence.inprocess.InProcessPresenceIndex;
import dev.agenthub.protocol.presence.port.PresenceIndex;
import dev.agenthub.testkit.presence.PresenceIndexContract;

/** The single-instance presence index; its only "other instance" is itself. */
class InProcessPresenceIndexContractTest extends PresenceIndexContract {

    private final InProcessPresenceIndex index = new InProcessPresenceIndex();

    @Override
    protected PresenceIndex index() {
        return index;
    }

    @Override
    protected PresenceIndex otherInstance() {
        return index;
    }
}
