package dev.agenthub.persistence.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.StandardOpenOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real PostgreSQL server run from binaries shipped inside the jar, for zero-setup standalone mode.
 * Its data directory persists across restarts ({@code <dataDir>/postgres}); the unpacked binaries are
 * kept beside it ({@code <dataDir>/runtime}) so a restart does not unpack again.
 *
 * <p>Unlike a test database it runs with durable settings ({@code fsync}, {@code full_page_writes} and
 * {@code synchronous_commit} on). It listens on 127.0.0.1 only, on a free port chosen at each start. A
 * server process orphaned by a killed JVM is shut down before a new one starts on the same directory; a
 * directory in use by a running hub is refused.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    /** The database the hub uses inside the embedded server. */
    public static final String DATABASE = "agent_hub";

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    private static final Duration ORPHAN_STOP_WAIT = Duration.ofSeconds(30);
    private static final Duration STOP_WAIT = Duration.ofSeconds(60);

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
        Path data = dataDir.toAbsolutePath().normalize().resolve("postgres");
        Path runtime = dataDir.toAbsolutePath().normalize().resolve("runtime");
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
                    // zonky starts postgres with -F (fsync off) for tests; a server's data must survive power loss
                    .setServerConfig("fsync", "on")
                    .setServerConfig("full_page_writes", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("max_connections", "200")
                    .start();
            EmbeddedPostgresServer server = new EmbeddedPostgresServer(postgres, data);
            try {
                server.ensureDatabase();
            } catch (RuntimeException | Error e) {
                server.close();
                throw e;
            }
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
        Optional<ProcessHandle> postmaster = postmasterOf(dataDirectory);
        try {
            postgres.close();
        } catch (IOException e) {
            log.warn("embedded PostgreSQL did not stop cleanly", e);
        }
        // zonky's pg_ctl waits 5 s at most; a shutdown checkpoint may take longer, and the directory is only
        // reusable once the postmaster is gone
        postmaster.ifPresent(process -> {
            try {
                process.onExit().get(STOP_WAIT.toSeconds(), TimeUnit.SECONDS);
            } catch (Exception e) {
                log.warn("PostgreSQL process {} still running {} s after shutdown was requested", process.pid(), STOP_WAIT.toSeconds());
            }
        });
    }

    /**
     * A JVM killed with SIGKILL leaves its PostgreSQL child running with the data directory in use. Such a
     * process is stopped only when it is provably an orphan: zonky's directory lock ({@code epg-lock}) is free
     * (a live hub holds it for as long as it runs) and the process is a postgres serving exactly this
     * directory. A directory still in use by a running hub is an error, never a takeover.
     */
    private static void stopOrphanedServer(Path data) throws IOException {
        Path lockFile = data.resolve("epg-lock");
        if (Files.exists(lockFile)) {
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
                 FileLock lock = tryLock(channel)) {
                if (lock == null) {
                    throw new IOException("data directory " + data + " is in use by another running hub");
                }
            }
        }
        Optional<ProcessHandle> orphan = postmasterOf(data);
        if (orphan.isEmpty()) {
            return; // no pid file, or a stale one: PostgreSQL itself copes with that
        }
        ProcessHandle process = orphan.get();
        log.warn("stopping PostgreSQL process {} left running on {} by a previous hub", process.pid(), data);
        process.destroy(); // SIGTERM: smart shutdown; its clients died with the JVM
        try {
            process.onExit().get(ORPHAN_STOP_WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IOException("PostgreSQL process " + process.pid() + " still holds " + data, e);
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null; // held by this JVM: another hub here uses the directory
        }
    }

    /** The live postgres process whose pid file is in {@code data} and whose command line names {@code data}. */
    private static Optional<ProcessHandle> postmasterOf(Path data) {
        Path pidFile = data.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(pidFile);
        } catch (IOException e) {
            return Optional.empty();
        }
        String directory = data.toAbsolutePath().normalize().toString();
        return lines.stream().findFirst()
                .map(String::strip)
                .flatMap(EmbeddedPostgresServer::parsePid)
                .flatMap(ProcessHandle::of)
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(false))
                .filter(p -> p.info().commandLine().map(c -> c.contains(directory)).orElse(false));
    }

    private static Optional<Long> parsePid(String text) {
        try {
            return Optional.of(Long.parseLong(text));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
