package dev.agenthub.persistence.postgres;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

import javax.sql.DataSource;

/**
 * The one Flyway migration set: {@code db/migration/protocol}, {@code /hub} and {@code /orchestration},
 * one schema each, versions numbered globally so cross-schema references apply in order. Forward-only:
 * the schema is never dropped or recreated, and a database whose history disagrees with the shipped
 * migrations stops startup.
 */
public final class SchemaMigrations {

    /** Classpath locations of the migrations, in the order the schemas depend on each other. */
    private static final String[] LOCATIONS = {
            "classpath:db/migration/protocol",
            "classpath:db/migration/hub",
            "classpath:db/migration/orchestration"
    };

    private SchemaMigrations() {
    }

    /**
     * Applies pending migrations and returns how many were applied. Safe to run from several instances
     * at once (Flyway serialises them with a database lock).
     */
    public static int migrate(DataSource dataSource) {
        MigrateResult result = Flyway.configure(SchemaMigrations.class.getClassLoader())
                .dataSource(dataSource)
                .locations(LOCATIONS)
                .defaultSchema("public")
                .cleanDisabled(true)
                .validateMigrationNaming(true)
                .load()
                .migrate();
        return result.migrationsExecuted;
    }
}
