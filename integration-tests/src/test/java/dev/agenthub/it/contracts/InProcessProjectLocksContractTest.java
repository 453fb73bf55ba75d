package dev.agenthub.it.contracts;

import dev.agenthub.orchestration.git.port.ProjectLocks;
import dev.agenthub.persistence.inprocess.InProcessProjectLocks;
import dev.agenthub.testkit.git.ProjectLocksContract;

/** The single-instance project locks: both "servers" are the one instance. */
class InProcessProjectLocksContractTest extends ProjectLocksContract {

    private final ProjectLocks locks = new InProcessProjectLocks();

    @Override
    protected ProjectLocks firstServer() {
        return locks;
    }

    @Override
    protected ProjectLocks secondServer() {
        return locks;
    }
}
