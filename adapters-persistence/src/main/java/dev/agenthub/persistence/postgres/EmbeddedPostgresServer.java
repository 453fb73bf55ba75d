package dev.agenthub.persistence.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real PostgreSQL server run from binaries shipped inside the jar, for zero-setup standalone mode.
 * Its data directory persists across restarts ({@code <dataDir>/postgres}); the unpacked binaries are
 * kept beside it ({@code <dataDir>/runtime}) so a restart does not unpack again.
 *
 * <p>Unlike a test database it runs with durable settings ({@code synchronous_commit=on}). It listens on
 * 127.0.0.1 only, on a free port chosen at each start. A server process orphaned by a killed JVM is
 * shut down before a new one starts on the same directory.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    /** The database the hub uses inside the embedded server. */
    public static final String DATABASE = "agent_hub";

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    private static final Duration ORPHAN_STOP_WAIT = Duration.ofSeconds(30);

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path dataDirectory) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
    }

    /**
     * Starts (and on first use initialises) the server whose files live under {@code dataDir}.
     *
     * @throws UncheckedIOException when the server cannot start
     */
    public static EmbeddedPostgresServer start(Path dataDir) {
        Path data = dataDir.toAbsolutePath().resolve("postgres");
        Path runtime = dataDir.toAbsolutePath().resolve("runtime");
        try {
            Files.createDirectories(data);
            Files.createDirectories(runtime);
            stopOrphanedServer(data);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(data)
                    .setCleanDataDirectory(false)
                    .setOverrideWorkingDirectory(runtime.toFile())
                    .setRegisterShutdownHook(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("max_connections", "200")
                    .start();
            EmbeddedPostgresServer server = new EmbeddedPostgresServer(postgres, data);
            server.ensureDatabase();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL failed to start in " + data, e);
        }
    }

    /** Where the hub connects: the {@value #DATABASE} database as the superuser, on loopback. */
    public PostgresUrl url() {
        return new PostgresUrl(postgres.getJdbcUrl("postgres", DATABASE), "postgres", null);
    }

    public int port() {
        return postgres.getPort();
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    private void ensureDatabase() {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, DATABASE);
            try (ResultSet rows = exists.executeQuery()) {
                if (rows.next()) {
                    return;
                }
            }
            try (Statement create = connection.createStatement()) {
                create.execute("CREATE DATABASE " + DATABASE);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + DATABASE + " in embedded PostgreSQL", e);
        }
    }

    /** Stops the server (fast shutdown: open sessions are ended, committed data is flushed). Idempotent. */
    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            log.warn("embedded PostgreSQL did not stop cleanly", e);
        }
    }

    /**
     * A JVM killed with SIGKILL leaves its PostgreSQL child running with the data directory locked. Ask
     * that process for a smart shutdown (its clients are gone with the JVM) and wait for it to exit.
     */
    private static void stopOrphanedServer(Path data) throws IOException {
        Path pidFile = data.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        Optional<ProcessHandle> orphan = Files.readAllLines(pidFile).stream().findFirst()
                .map(String::strip)
                .flatMap(EmbeddedPostgresServer::parsePid)
                .flatMap(ProcessHandle::of)
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(false));
        if (orphan.isEmpty()) {
            return; // a stale pid file: PostgreSQL itself copes with it
        }
        ProcessHandle process = orphan.get();
        log.warn("stopping PostgreSQL process {} left running on {} by a previous hub", process.pid(), data);
        process.destroy();
        try {
            process.onExit().get(ORPHAN_STOP_WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IOException("PostgreSQL process " + process.pid() + " still holds " + data, e);
        }
    }

    private static Optional<Long> parsePid(String text) {
        try {
            return Optional.of(Long.parseLong(text));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
