package dev.agenthub.persistence.testing;

import dev.agenthub.persistence.postgres.PostgresUrl;
import dev.agenthub.persistence.postgres.SchemaMigrations;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.postgresql.ds.PGSimpleDataSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * The PostgreSQL server of one test JVM: an embedded one started on first use (fsync off, throwaway data
 * directory), or the server named by {@code AGENT_HUB_TEST_DATABASE_URL} (whose user may create
 * databases). A template database is migrated once; each test class then gets its own database cloned
 * from it, which takes milliseconds and isolates classes completely.
 */
public final class SharedPostgres implements AutoCloseable {

    public static final String EXTERNAL_URL_VARIABLE = "AGENT_HUB_TEST_DATABASE_URL";

    private final EmbeddedPostgres embedded;
    private final PostgresUrl adminUrl;
    private final String templateName;

    private SharedPostgres(EmbeddedPostgres embedded, PostgresUrl adminUrl) {
        this.embedded = embedded;
        this.adminUrl = adminUrl;
        this.templateName = "agent_hub_template_" + UUID.randomUUID().toString().substring(0, 8);
        createTemplate();
    }

    /** Starts the server this JVM's tests share. Called once, through {@link TestInfrastructure}. */
    static SharedPostgres start() {
        String external = System.getenv(EXTERNAL_URL_VARIABLE);
        if (external != null && !external.isBlank()) {
            return new SharedPostgres(null, PostgresUrl.parse(external));
        }
        try {
            Path dataDir = Files.createTempDirectory("agent-hub-test-pg");
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(true)
                    .setServerConfig("fsync", "off")
                    .setServerConfig("full_page_writes", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("max_connections", "400")
                    .start();
            return new SharedPostgres(postgres, new PostgresUrl(postgres.getJdbcUrl("postgres", "postgres"), "postgres", null));
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the test PostgreSQL", e);
        }
    }

    /** A new database with every migration applied, named after {@code hint}. */
    public PostgresUrl createDatabase(String hint) {
        String name = ("t_" + hint.replaceAll("[^A-Za-z0-9]", "_") + "_" + UUID.randomUUID().toString().substring(0, 8))
                .toLowerCase(Locale.ROOT);
        if (name.length() > 60) {
            name = name.substring(name.length() - 60);
            name = "t" + name.substring(1);
        }
        execute("CREATE DATABASE \"" + name + "\" TEMPLATE \"" + templateName + "\"");
        return withDatabase(name);
    }

    /** Drops a database made by {@link #createDatabase}, ending its remaining sessions. */
    public void dropDatabase(PostgresUrl url) {
        String name = url.jdbcUrl().substring(url.jdbcUrl().lastIndexOf('/') + 1).replaceAll("\\?.*$", "");
        execute("DROP DATABASE IF EXISTS \"" + name + "\" WITH (FORCE)");
    }

    /** The server's maintenance database, for tests that need a URL of their own. */
    public PostgresUrl adminUrl() {
        return adminUrl;
    }

    private void createTemplate() {
        execute("CREATE DATABASE \"" + templateName + "\"");
        SchemaMigrations.migrate(dataSource(withDatabase(templateName)));
    }

    private PostgresUrl withDatabase(String database) {
        String jdbc = adminUrl.jdbcUrl();
        int query = jdbc.indexOf('?');
        String base = query < 0 ? jdbc : jdbc.substring(0, query);
        String suffix = query < 0 ? "" : jdbc.substring(query);
        return new PostgresUrl(base.substring(0, base.lastIndexOf('/') + 1) + database + suffix,
                adminUrl.user(), adminUrl.password());
    }

    private void execute(String sql) {
        try (Connection connection = dataSource(adminUrl).getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " failed", e);
        }
    }

    static PGSimpleDataSource dataSource(PostgresUrl url) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(url.jdbcUrl());
        if (url.user() != null) {
            dataSource.setUser(url.user());
        }
        if (url.password() != null) {
            dataSource.setPassword(url.password());
        }
        return dataSource;
    }

    @Override
    public void close() throws IOException {
        if (embedded != null) {
            embedded.close();
        } else {
            execute("DROP DATABASE IF EXISTS \"" + templateName + "\"");
        }
    }
}
