package dev.agenthub.persistence.postgres;

import dev.agenthub.protocol.kernel.health.HealthProbe;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.Statement;

/** Checks the database with {@code SELECT 1} (bounded by the pool's connection timeout and a 3 s query timeout). */
public final class DatabaseHealthProbe implements HealthProbe {

    private final DataSource dataSource;

    public DatabaseHealthProbe(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public String name() {
        return "database";
    }

    @Override
    public Status check() {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(3);
            statement.execute("SELECT 1");
            return Status.ok();
        } catch (Exception e) {
            return Status.down(e.getMessage());
        }
    }
}
