package dev.agenthub.it.contracts;

import dev.agenthub.persistence.sql.JooqTransactionRunner;
import dev.agenthub.persistence.testing.TestDatabase;
import dev.agenthub.persistence.testing.TestInfrastructure;
import dev.agenthub.protocol.kernel.tx.TransactionRunner;
import dev.agenthub.testkit.tx.TransactionRunnerContract;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.HashSet;
import java.util.Set;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.table;

/** The jOOQ runner on a real PostgreSQL database. */
@ExtendWith(TestInfrastructure.class)
class JooqTransactionRunnerContractTest extends TransactionRunnerContract {

    private final JooqTransactionRunner runner;
    private final DSLContext independent;

    JooqTransactionRunnerContractTest(TestDatabase database) {
        DSLContext root = DSL.using(database.dataSource(), SQLDialect.POSTGRES);
        root.execute("CREATE TABLE IF NOT EXISTS kit_probe (value text PRIMARY KEY)");
        this.runner = new JooqTransactionRunner(root);
        this.independent = root;
    }

    @Override
    protected TransactionRunner runner() {
        return runner;
    }

    @Override
    protected ProbeStore probe() {
        return new ProbeStore() {
            @Override
            public void insert(String value) {
                runner.dsl().insertInto(table("kit_probe")).columns(field("value")).values(value).execute();
            }

            @Override
            public Set<String> visibleValues() {
                return new HashSet<>(runner.dsl().select(field("value", String.class)).from(table("kit_probe")).fetch().getValues(0, String.class));
            }

            @Override
            public Set<String> committedValues() {
                return new HashSet<>(independent.select(field("value", String.class)).from(table("kit_probe")).fetch().getValues(0, String.class));
            }
        };
    }
}
