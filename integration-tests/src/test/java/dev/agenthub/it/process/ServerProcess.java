package dev.agenthub.it.process;

import dev.agenthub.it.support.HttpProbe;
import dev.agenthub.testkit.Eventually;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import java.util.concurrent.TimeUnit;
import java.util.Comparator;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged server jar ({@code java -jar agent-hub.jar}) as a child process of the test, with zero setup:
 * no database or Redis URL, so it runs its embedded PostgreSQL in the given data directory. Shared by the
 * {@code *IT} tests of this package.
 */
final class ServerProcess {

    private static final Pattern EMBEDDED_PORT = Pattern.compile("embedded PostgreSQL in .* \\(port (\\d+)\\)");

    private ServerProcess() {
    }

    /** A started, ready server: its process, HTTP port, log file, the log so far and its PostgreSQL port. */
    record Started(Process process, int port, Path logFile, String log, int postgresPort) {
        String baseUrl() {
            return "http://127.0.0.1:" + port;
        }
    }

    /**
     * Starts the jar on {@code dataDir} and a free port, with {@code environment} added, and waits until
     * {@code /health/ready} answers 200. Output goes to a log file next to the data directory.
     */
    static Started start(Path dataDir, Map<String, String> environment) throws Exception {
        int port = freePort();
        Path log = Files.createTempFile(dataDir.getParent(), "agent-hub-", ".log");
        ProcessBuilder builder = builder(dataDir, port).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        Process server = builder.start();
        try {
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
            return new Started(server, port, log, text, Integer.parseInt(matcher.group(1)));
        } catch (Throwable notReady) {
            server.destroyForcibly(); // the caller never gets hold of it: do not leave it running
            throw notReady;
        }
    }

    /** {@code java -jar agent-hub.jar} on {@code dataDir} and {@code port}, stderr merged, no external URLs. */
    static ProcessBuilder builder(Path dataDir, int port) {
        ProcessBuilder builder = new ProcessBuilder(javaExecutable(), "-jar", jar().toString()).redirectErrorStream(true);
        builder.environment().put("AGENT_HUB_PORT", Integer.toString(port));
        builder.environment().put("AGENT_HUB_DATA_DIR", dataDir.toString());
        builder.environment().keySet().removeIf(name -> name.endsWith("DATABASE_URL") || name.endsWith("REDIS_URL"));
        return builder;
    }

    /** The live PostgreSQL processes serving {@code dataDir}. */
    static List<ProcessHandle> postgresProcessesOf(Path dataDir) {
        String marker = dataDir.toAbsolutePath().toString();
        return ProcessHandle.allProcesses()
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().map(c -> c.contains("postgres") && c.contains(marker)).orElse(false))
                .toList();
    }

    /** A connection to the embedded server's {@code agent_hub} database. */
    /**
     * Ends what a test left running on {@code dataDir} (the server, gracefully first, then its embedded PostgreSQL)
     * and deletes the data directory (some 100 MB); the server logs stay for a look after a failure.
     */
    static void cleanUp(Process server, Path dataDir) throws Exception {
        if (server != null && server.isAlive()) {
            server.destroy();
            if (!server.waitFor(30, TimeUnit.SECONDS)) {
                server.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }
        for (ProcessHandle postgres : postgresProcessesOf(dataDir)) {
            postgres.destroy();
            postgres.onExit().get(30, TimeUnit.SECONDS);
        }
        try (Stream<Path> files = Files.walk(dataDir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    static Connection connect(int postgresPort) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + postgresPort + "/agent_hub", "postgres", "");
    }

    static String javaExecutable() {
        return ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    static Path jar() {
        Path jar = Path.of(System.getProperty("agenthub.jar", "../app-server/target/agent-hub.jar"));
        assertThat(jar).as("the packaged server (run ./mvnw verify)").exists();
        return jar;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }
}
