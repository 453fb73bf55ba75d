package dev.agenthub.it.contracts;

import dev.agenthub.persistence.protocol.JooqReservationStore;
import dev.agenthub.persistence.sql.JooqTransactionRunner;
import dev.agenthub.it.support.TestSql;
import dev.agenthub.persistence.testing.TestDatabase;
import dev.agenthub.persistence.testing.TestInfrastructure;
import dev.agenthub.protocol.kernel.id.ProjectId;
import dev.agenthub.protocol.reservations.port.ReservationStore;
import dev.agenthub.testkit.reservations.ReservationStoreContract;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.UUID;


/** The PostgreSQL reservation store, with the pool's connections standing in for concurrent instances. */
@ExtendWith(TestInfrastructure.class)
class JooqReservationStoreContractTest extends ReservationStoreContract {

    private final DSLContext dsl;
    private final JooqReservationStore store;

    JooqReservationStoreContractTest(TestDatabase database) {
        dsl = DSL.using(database.dataSource(), SQLDialect.POSTGRES);
        store = new JooqReservationStore(new JooqTransactionRunner(dsl));
    }

    @Override
    protected ReservationStore store() {
        return store;
    }

    @Override
    protected ProjectId newProject() {
        return TestSql.insertProject(dsl, "p-" + UUID.randomUUID());
    }
}
