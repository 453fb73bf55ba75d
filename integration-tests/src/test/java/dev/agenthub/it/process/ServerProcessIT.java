package dev.agenthub.it.process;

import dev.agenthub.it.support.HttpProbe;
import dev.agenthub.testkit.Eventually;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged server as users run it: {@code java -jar agent-hub.jar} with zero setup. Covers the first
 * start (embedded PostgreSQL initialised), a restart on the same data directory with the data kept, a clean
 * SIGTERM that leaves no PostgreSQL process behind, and recovery after the JVM is killed with SIGKILL.
 */
class ServerProcessIT {

    private static final Pattern EMBEDDED_PORT = Pattern.compile("embedded PostgreSQL in .* \\(port (\\d+)\\)");

    private Path dataDir;
    private Process server;

    @BeforeEach
    void dataDirectory() throws IOException {
        dataDir = Files.createTempDirectory("agent-hub-process-it");
    }

    @AfterEach
    void stopLeftovers() throws Exception {
        if (server != null && server.isAlive()) {
            server.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        for (ProcessHandle postgres : postgresProcessesOf(dataDir)) {
            postgres.destroy();
        }
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
        int port = freePort();
        ProcessBuilder builder = new ProcessBuilder(javaExecutable(), "-jar", jar().toString()).redirectErrorStream(true);
        builder.environment().put("AGENT_HUB_PORT", Integer.toString(port));
        builder.environment().put("AGENT_HUB_DATA_DIR", dataDir.toString());
        builder.environment().keySet().removeIf(name -> name.endsWith("DATABASE_URL") || name.endsWith("REDIS_URL"));
        Process intruder = builder.start();
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

    private record Started(String log, int postgresPort) {
    }

    private Started start() throws Exception {
        int port = freePort();
        Path log = Files.createTempFile(dataDir.getParent(), "agent-hub-", ".log");
        ProcessBuilder builder = new ProcessBuilder(javaExecutable(), "-jar", jar().toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("AGENT_HUB_PORT", Integer.toString(port));
        builder.environment().put("AGENT_HUB_DATA_DIR", dataDir.toString());
        builder.environment().keySet().removeIf(name -> name.endsWith("DATABASE_URL") || name.endsWith("REDIS_URL"));
        server = builder.start();
        HttpProbe http = new HttpProbe("http://127.0.0.1:" + port);
        Eventually.await("the server to become ready (log: " + log + ")", Duration.ofSeconds(90), () -> {
            if (!server.isAlive()) {
                throw new AssertionError("server exited with " + server.exitValue() + ":\n" + read(log));
            }
            try {
                return http.get("/health/ready").status() == 200;
            } catch (AssertionError connectionRefused) {
                return false;
            }
        });
        String text = read(log);
        Matcher matcher = EMBEDDED_PORT.matcher(text);
        assertThat(matcher.find()).as("startup line names the embedded PostgreSQL port:\n" + text).isTrue();
        return new Started(text, Integer.parseInt(matcher.group(1)));
    }

    /** SIGTERM, as a service manager sends it: the JVM exits by itself and takes PostgreSQL down with it. */
    private void terminate() throws Exception {
        server.destroy();
        assertThat(server.waitFor(60, TimeUnit.SECONDS)).as("server exits after SIGTERM").isTrue();
        assertThat(server.exitValue()).isEqualTo(143);
        assertThat(postgresProcessesOf(dataDir)).as("no PostgreSQL process left").isEmpty();
    }

    private static List<ProcessHandle> postgresProcessesOf(Path dataDir) {
        String marker = dataDir.toAbsolutePath().toString();
        return ProcessHandle.allProcesses()
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().map(c -> c.contains("postgres") && c.contains(marker)).orElse(false))
                .toList();
    }

    private static Connection connect(int port) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/agent_hub", "postgres", "");
    }

    private static String javaExecutable() {
        return ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    private static Path jar() {
        Path jar = Path.of(System.getProperty("agenthub.jar", "../app-server/target/agent-hub.jar"));
        assertThat(jar).as("the packaged server (run ./mvnw verify)").exists();
        return jar;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }
}
