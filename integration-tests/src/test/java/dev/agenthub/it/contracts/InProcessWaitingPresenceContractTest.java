package dev.agenthub.it.contracts;

import dev.agenthub.persistence.inprocess.InProcessWaitingPresence;
import dev.agenthub.protocol.chat.port.WaitingPresence;
import dev.agenthub.testkit.chat.WaitingPresenceContract;

/** The single-instance waiting presence; its only "other instance" is itself. */
class InProcessWaitingPresenceContractTest extends WaitingPresenceContract {

    private final InProcessWaitingPresence presence = new InProcessWaitingPresence();

    @Override
    protected WaitingPresence presence() {
        return presence;
    }

    @Override
    protected WaitingPresence otherInstance() {
        return presence;
    }
}
