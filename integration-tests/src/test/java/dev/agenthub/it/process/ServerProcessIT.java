package dev.agenthub.it.process;

import dev.agenthub.it.process.ServerProcess.Started;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static dev.agenthub.it.process.ServerProcess.connect;
import static dev.agenthub.it.process.ServerProcess.postgresProcessesOf;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged server as users run it: {@code java -jar agent-hub.jar} with zero setup. Covers the first
 * start (embedded PostgreSQL initialised), a restart on the same data directory with the data kept, a clean
 * SIGTERM that leaves no PostgreSQL process behind, and recovery after the JVM is killed with SIGKILL.
 */
class ServerProcessIT {

    private Path dataDir;
    private Process server;

    @BeforeEach
    void dataDirectory() throws IOException {
        dataDir = Files.createTempDirectory("agent-hub-process-it");
    }

    @AfterEach
    void stopLeftovers() throws Exception {
        ServerProcess.cleanUp(server, dataDir);
    }

    @Test
    void startsRestartsKeepsDataAndShutsDownCleanly() throws Exception {
        Started first = start();
        assertThat(postgresProcessesOf(dataDir)).isNotEmpty();
        try (Connection db = connect(first.postgresPort()); Statement statement = db.createStatement();
             ResultSet settings = statement.executeQuery(
                     "SELECT current_setting('fsync'), current_setting('full_page_writes'), current_setting('synchronous_commit')")) {
            assertThat(settings.next()).isTrue();
            assertThat(List.of(settings.getString(1), settings.getString(2), settings.getString(3)))
                    .as("the embedded server is durable").containsExactly("on", "on", "on");
        }
        try (Connection db = connect(first.postgresPort()); Statement statement = db.createStatement()) {
            statement.execute("INSERT INTO protocol.projects (project_id, slug, created_at) "
                    + "VALUES ('00000000-0000-0000-0000-0000000000aa', 'kept-across-restarts', now())");
        }
        terminate();

        Started second = start();
        try (Connection db = connect(second.postgresPort()); Statement statement = db.createStatement();
             ResultSet rows = statement.executeQuery("SELECT slug FROM protocol.projects")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("kept-across-restarts");
        }
        assertThat(second.log()).doesNotContain("applied"); // migrations were already there
        terminate();
    }

    @Test
    void recoversTheDataDirectoryAfterTheJvmWasKilled() throws Exception {
        start();
        server.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        assertThat(postgresProcessesOf(dataDir)).as("the killed JVM's PostgreSQL is orphaned").isNotEmpty();

        Started again = start();
        assertThat(again.log()).contains("left running on");
        terminate();
    }

    @Test
    void refusesADataDirectoryARunningHubUses() throws Exception {
        Started first = start();
        Process running = server;
        Process intruder = ServerProcess.builder(dataDir, ServerProcess.freePort()).start();
        String output = new String(intruder.getInputStream().readAllBytes());
        assertThat(intruder.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(intruder.exitValue()).as(output).isEqualTo(1);
        assertThat(output).contains("is in use by another running hub");
        try (Connection db = connect(first.postgresPort()); Statement statement = db.createStatement()) {
            assertThat(statement.execute("SELECT 1")).as("the running hub's database is untouched").isTrue();
        }
        server = running;
        terminate();
    }

    private Started start() throws Exception {
        Started started = ServerProcess.start(dataDir, Map.of());
        server = started.process();
        return started;
    }

    /** SIGTERM, as a service manager sends it: the JVM exits by itself and takes PostgreSQL down with it. */
    private void terminate() throws Exception {
        server.destroy();
        assertThat(server.waitFor(60, TimeUnit.SECONDS)).as("server exits after SIGTERM").isTrue();
        assertThat(server.exitValue()).isEqualTo(143);
        assertThat(postgresProcessesOf(dataDir)).as("no PostgreSQL process left").isEmpty();
    }
}
