package dev.agenthub.it.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import dev.agenthub.it.support.TestSql;
import dev.agenthub.persistence.postgres.ConnectionPools;
import dev.agenthub.persistence.postgres.EmbeddedPostgresServer;
import dev.agenthub.persistence.postgres.PostgresUrl;
import dev.agenthub.server.AgentHub;
import dev.agenthub.server.HubConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.io.Closeable;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Throughput and latency of a reservation round trip (acquire + release) over HTTP, against a floor: the
 * same SQL statements over plain JDBC at the same concurrency and pool size. Not a test; run it with
 * {@code main} (see {@code docs/benchmarks.md}).
 *
 * <p>One embedded PostgreSQL, one hub on it (its own listener and pool, configured as a standalone server
 * is), {@code N} clients for each concurrency level, each with its own agent, key, resource key and
 * keep-alive connection (by default {@link LeanHttpRoundTrip}'s plain socket; {@code bench.client=jdk}: a
 * {@link HttpClient}), so nothing contends but the machine. Each level runs a warm-up, then a
 * measured window; HTTP first, then JDBC.
 *
 * <p>The floor executes, per round trip, exactly what the HTTP path sends to the database: the API-key
 * lookup ({@code JooqApiKeyStore.findByHash}), the acquire upsert ({@code JooqReservationStore.tryAcquire}),
 * the key lookup again, the release delete. The SQL texts below are what jOOQ renders; before measuring, the
 * benchmark captures the statements a hub actually prepares for one round trip (through a recording
 * {@link DataSource}) and refuses to run if they differ from these.
 *
 * <p>System properties: {@code bench.concurrency} (default {@code 1,16,64}), {@code bench.warmupSeconds}
 * (3), {@code bench.seconds} (8), {@code bench.postgres} ({@code fast}, the default: fsync and synchronous commit
 * off, as the tests run, so the floor is the database's CPU rather than the disk; {@code durable}: the hub's own
 * embedded server with fsync on, as standalone mode runs),
 * {@code bench.accessLog} ({@code false}: the per-request access log line is silenced; {@code true}: kept, on
 * stdout), {@code bench.virtualThreads} ({@code true}, as the server runs; {@code false}: Jetty's platform thread
 * pool, an experiment), {@code bench.poolSize} (the hub's {@code AGENT_HUB_DATABASE_POOL_SIZE}, default 10; the
 * floor's pool always has the same size), {@code bench.jitWarmupSeconds} (at most 45 s of HTTP load before measuring, until the
 * JIT has settled), {@code bench.jfr} (a file: record a JFR profile of the measured windows), {@code bench.client} ({@code lean}, the
 * default: {@link LeanHttpRoundTrip}; {@code jdk}: {@code java.net.http}).
 */
public final class ReservationBenchmark {

    // --- the SQL of the HTTP path, as jOOQ renders it (verified against a live hub at start) ---

    static final String KEY_LOOKUP_SQL = "select \"protocol\".\"api_keys\".\"api_key_id\", \"protocol\".\"api_keys\".\"project_id\", "
            + "\"protocol\".\"api_keys\".\"agent_id\", \"protocol\".\"api_keys\".\"user_id\", \"protocol\".\"api_keys\".\"key_prefix\", "
            + "\"protocol\".\"api_keys\".\"key_hash\", \"protocol\".\"api_keys\".\"is_active\", \"protocol\".\"api_keys\".\"created_at\", "
            + "\"protocol\".\"api_keys\".\"last_used_at\", \"protocol\".\"projects\".\"deleted_at\", \"protocol\".\"agents\".\"agent_id\", "
            + "\"protocol\".\"agents\".\"project_id\", \"protocol\".\"agents\".\"alias\", \"protocol\".\"agents\".\"human_name\", "
            + "\"protocol\".\"agents\".\"agent_type\", \"protocol\".\"agents\".\"access_mode\", \"protocol\".\"agents\".\"did\", "
            + "\"protocol\".\"agents\".\"public_key\", \"protocol\".\"agents\".\"custody\", \"protocol\".\"agents\".\"lifetime\", "
            + "\"protocol\".\"agents\".\"status\", \"protocol\".\"agents\".\"successor_agent_id\", \"protocol\".\"agents\".\"role\", "
            + "\"protocol\".\"agents\".\"program\", \"protocol\".\"agents\".\"context\", \"protocol\".\"agents\".\"created_at\", "
            + "\"protocol\".\"agents\".\"deleted_at\" from \"protocol\".\"api_keys\" join \"protocol\".\"projects\" on "
            + "\"protocol\".\"projects\".\"project_id\" = \"protocol\".\"api_keys\".\"project_id\" left outer join \"protocol\".\"agents\" "
            + "on \"protocol\".\"agents\".\"agent_id\" = \"protocol\".\"api_keys\".\"agent_id\" where \"protocol\".\"api_keys\".\"key_hash\" = ?";

    private static final String RESERVATION_COLUMNS = "\"protocol\".\"reservations\".\"project_id\", "
            + "\"protocol\".\"reservations\".\"resource_key\", \"protocol\".\"reservations\".\"key_hash\", "
            + "\"protocol\".\"reservations\".\"holder_agent_id\", \"protocol\".\"reservations\".\"holder_alias\", "
            + "\"protocol\".\"reservations\".\"acquired_at\", \"protocol\".\"reservations\".\"expires_at\", "
            + "\"protocol\".\"reservations\".\"metadata\"";

    static final String ACQUIRE_SQL = "insert into \"protocol\".\"reservations\" (\"project_id\", \"resource_key\", \"key_hash\", "
            + "\"holder_agent_id\", \"holder_alias\", \"acquired_at\", \"expires_at\", \"metadata\") values (cast(? as uuid), ?, ?, "
            + "cast(? as uuid), ?, cast(? as timestamp(6) with time zone), cast(? as timestamp(6) with time zone), cast(? as json)) "
            + "on conflict (\"project_id\", \"key_hash\") do update set \"resource_key\" = excluded.\"resource_key\", "
            + "\"holder_agent_id\" = excluded.\"holder_agent_id\", \"holder_alias\" = excluded.\"holder_alias\", "
            + "\"acquired_at\" = excluded.\"acquired_at\", \"expires_at\" = excluded.\"expires_at\", \"metadata\" = excluded.\"metadata\" "
            + "where \"protocol\".\"reservations\".\"expires_at\" <= cast(? as timestamp(6) with time zone) returning "
            + RESERVATION_COLUMNS;

    static final String RELEASE_SQL = "delete from \"protocol\".\"reservations\" where (\"protocol\".\"reservations\".\"project_id\" = "
            + "cast(? as uuid) and \"protocol\".\"reservations\".\"key_hash\" = ? and \"protocol\".\"reservations\".\"expires_at\" > "
            + "cast(? as timestamp(6) with time zone) and \"protocol\".\"reservations\".\"holder_agent_id\" = cast(? as uuid)) returning "
            + RESERVATION_COLUMNS;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROJECT = "bench";

    private final Settings settings;

    private ReservationBenchmark(Settings settings) {
        this.settings = settings;
    }

    public static void main(String[] args) throws Exception {
        runAndHalt(() -> new ReservationBenchmark(Settings.fromSystemProperties()).run());
    }

    /** A benchmark's body, which may throw. */
    interface Body {
        void run() throws Exception;
    }

    /**
     * Runs a benchmark's {@code main}: jOOQ's banners off, the body, its failure printed, then the JVM halted with
     * 0 or 1 (exec:java runs main inside Maven: end here rather than wait for lingering client threads).
     */
    static void runAndHalt(Body body) {
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
        int status;
        try {
            body.run();
            status = 0;
        } catch (Exception | AssertionError e) {
            e.printStackTrace();
            status = 1;
        }
        System.out.flush();
        Runtime.getRuntime().halt(status);
    }

    private void run() throws Exception {
        if (!settings.accessLog()) {
            ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("dev.agenthub.http.access"))
                    .setLevel(ch.qos.logback.classic.Level.WARN);
        }
        Path workDir = Files.createTempDirectory("agent-hub-bench");
        System.out.printf("Reservation round trip benchmark: %s%n", settings);
        System.out.printf("machine: %d CPUs (nproc), JDK %s (%s), %s %s; load average %s%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), System.getProperty("java.vm.name"),
                System.getProperty("os.name"), System.getProperty("os.arch"), loadAverage());
        try (Database database = Database.start(settings.postgres(), workDir)) {
            verifySql(database.url());
            Map<String, String> environment = new LinkedHashMap<>();
            environment.put("AGENT_HUB_PORT", "0");
            environment.put("AGENT_HUB_DATABASE_URL", TestSql.urlWithCredentials(database.url()));
            environment.put("AGENT_HUB_INIT_RATE_LIMIT", "1000000");
            if (settings.poolSize() != null) { // the floor's pool follows: it is always the hub's size
                environment.put("AGENT_HUB_DATABASE_POOL_SIZE", settings.poolSize());
            }
            HubConfig config = HubConfig.fromEnvironment(environment);
            int maxClients = settings.concurrency().stream().mapToInt(Integer::intValue).max().orElseThrow();
            List<Row> rows = new ArrayList<>();
            AgentHub.Builder builder = AgentHub.builder().config(config);
            if (!settings.virtualThreads()) { // an experiment: Jetty's pooled platform threads instead
                builder.customizeServer(javalin -> javalin.concurrency.useVirtualThreads = false);
            }
            try (AgentHub hub = builder.build().start();
                 HikariDataSource floorPool = ConnectionPools.create("bench-jdbc", database.url(), config.databasePoolSize(),
                         new PrometheusMeterRegistry(PrometheusConfig.DEFAULT))) {
                System.out.printf("hub on %s, pool size %d (AGENT_HUB_DATABASE_POOL_SIZE); JDBC floor pool size %d%n",
                        hub.url(), config.databasePoolSize(), floorPool.getMaximumPoolSize());
                List<Identity> identities = mint(hub.url(), maxClients);
                warmUpJit(Math.min(16, maxClients), database,
                        index -> httpRoundTrip(hub.url(), identities.get(index), "bench/client-" + index),
                        index -> new JdbcRoundTrip(floorPool, identities.get(index), "bench/client-" + index));
                System.out.println("measuring (each level: " + settings.warmupSeconds() + " s warm-up, " + settings.seconds()
                        + " s measured; HTTP, then JDBC):");
                Recording recording = startRecording();
                try {
                    for (int concurrency : settings.concurrency()) {
                        Result http = measure("http", concurrency, database,
                                index -> httpRoundTrip(hub.url(), identities.get(index), "bench/client-" + index));
                        Result jdbc = measure("jdbc", concurrency, database,
                                index -> new JdbcRoundTrip(floorPool, identities.get(index), "bench/client-" + index));
                        rows.add(new Row(concurrency, http, jdbc));
                    }
                } finally {
                    stopRecording(recording);
                }
            }
            printTable(rows);
        } finally {
            deleteRecursively(workDir);
        }
        System.out.println("load average at the end: " + loadAverage() + " (the benchmark itself keeps it near "
                + Runtime.getRuntime().availableProcessors() + " and above; much higher means other work shared the CPUs)");
    }

    static void deleteRecursively(Path directory) throws IOException {
        try (var paths = Files.walk(directory)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    // --- the two kinds of round trip ---

    /** The HTTP round trip of the load generator {@code bench.client} names. */
    private RoundTrip httpRoundTrip(String baseUrl, Identity identity, String resourceKey) throws IOException {
        return switch (settings.client()) {
            case "lean" -> new LeanHttpRoundTrip(baseUrl, identity, resourceKey);
            case "jdk" -> new HttpRoundTrip(baseUrl, identity, resourceKey);
            default -> throw new IllegalArgumentException("bench.client is lean or jdk, not " + settings.client());
        };
    }

    /** One client's round trip; {@link #close} when the phase ends. */
    interface RoundTrip extends Closeable {
        void run() throws Exception;

        @Override
        default void close() {
        }
    }

    /** Acquire then release over HTTP, on this client's own keep-alive connection. */
    static final class HttpRoundTrip implements RoundTrip {
        private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        private final HttpRequest acquire;
        private final HttpRequest release;

        HttpRoundTrip(String baseUrl, Identity identity, String resourceKey) {
            String body = "{\"resource_key\":\"" + resourceKey + "\"}";
            acquire = request(baseUrl + "/v1/reservations", identity, body);
            release = request(baseUrl + "/v1/reservations/release", identity, body);
        }

        private static HttpRequest request(String url, Identity identity, String body) {
            return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + identity.apiKey())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        }

        @Override
        public void run() throws Exception {
            expect200(client.send(acquire, HttpResponse.BodyHandlers.ofString()));
            expect200(client.send(release, HttpResponse.BodyHandlers.ofString()));
        }

        private static void expect200(HttpResponse<String> response) {
            if (response.statusCode() != 200) {
                throw new IllegalStateException(response.request().uri() + " answered " + response.statusCode() + " "
                        + response.body());
            }
        }

        @Override
        public void close() {
            client.close();
        }
    }

    /**
     * Acquire then release over HTTP/1.1 on one plain blocking socket kept alive for the whole phase: the
     * request bytes are built once, and the client reads exactly the status line, the headers and
     * {@code Content-Length} bytes of body. The default load generator ({@code bench.client=lean}), because
     * {@link HttpClient} costs more CPU per round trip than the whole floor, on the CPUs the hub shares.
     * Anything but a 200 whose body carries the expected status fails the run, so no error is counted as
     * a round trip; a connection the server closes fails it too, so the run proves keep-alive held.
     */
    static final class LeanHttpRoundTrip implements RoundTrip {
        private static final byte[] ACQUIRED = "\"status\":\"acquired\"".getBytes(StandardCharsets.US_ASCII);
        private static final byte[] RELEASED = "\"status\":\"released\"".getBytes(StandardCharsets.US_ASCII);
        private final Socket socket;
        private final java.io.InputStream in;
        private final java.io.OutputStream out;
        private final byte[] acquire;
        private final byte[] release;
        private byte[] buffer = new byte[8192];
        private int start; // unread bytes are buffer[start, end)
        private int end;

        LeanHttpRoundTrip(String baseUrl, Identity identity, String resourceKey) throws IOException {
            URI uri = URI.create(baseUrl);
            String body = "{\"resource_key\":\"" + resourceKey + "\"}";
            acquire = request("/v1/reservations", uri, identity, body);
            release = request("/v1/reservations/release", uri, identity, body);
            socket = new Socket(uri.getHost(), uri.getPort());
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(30_000);
            in = socket.getInputStream();
            out = socket.getOutputStream();
        }

        private static byte[] request(String path, URI uri, Identity identity, String body) {
            byte[] content = body.getBytes(StandardCharsets.UTF_8);
            String head = "POST " + path + " HTTP/1.1\r\n"
                    + "Host: " + uri.getHost() + ":" + uri.getPort() + "\r\n"
                    + "Authorization: Bearer " + identity.apiKey() + "\r\n"
                    + "Content-Type: application/json\r\n"
                    + "Content-Length: " + content.length + "\r\n"
                    + "\r\n";
            byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
            byte[] message = Arrays.copyOf(headBytes, headBytes.length + content.length);
            System.arraycopy(content, 0, message, headBytes.length, content.length);
            return message;
        }

        @Override
        public void run() throws IOException {
            exchange(acquire, ACQUIRED, "acquire");
            exchange(release, RELEASED, "release");
        }

        private void exchange(byte[] request, byte[] expected, String what) throws IOException {
            out.write(request);
            out.flush();
            String statusLine = readLine();
            int contentLength = -1;
            boolean close = false;
            for (String header = readLine(); !header.isEmpty(); header = readLine()) {
                int colon = header.indexOf(':');
                if (colon < 0) {
                    throw new IllegalStateException(what + ": malformed header line: " + header);
                }
                String name = header.substring(0, colon).strip();
                String value = header.substring(colon + 1).strip();
                if (name.equalsIgnoreCase("Content-Length")) {
                    contentLength = Integer.parseInt(value);
                } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
                    throw new IllegalStateException(what + ": unexpected Transfer-Encoding " + value);
                } else if (name.equalsIgnoreCase("Connection") && value.equalsIgnoreCase("close")) {
                    close = true;
                }
            }
            if (contentLength < 0) {
                throw new IllegalStateException(what + ": response without Content-Length: " + statusLine);
            }
            byte[] body = readExactly(contentLength);
            if (!statusLine.startsWith("HTTP/1.1 200 ") && !statusLine.equals("HTTP/1.1 200")) {
                throw new IllegalStateException(what + " answered " + statusLine + " " + new String(body, StandardCharsets.UTF_8));
            }
            if (!contains(body, expected)) {
                throw new IllegalStateException(what + " answered 200 without " + new String(expected, StandardCharsets.US_ASCII)
                        + ": " + new String(body, StandardCharsets.UTF_8));
            }
            if (close) {
                throw new IllegalStateException(what + ": the server closed the keep-alive connection");
            }
        }

        /** One CRLF-terminated line, without the CRLF. */
        private String readLine() throws IOException {
            while (true) {
                for (int i = start; i + 1 < end; i++) {
                    if (buffer[i] == '\r' && buffer[i + 1] == '\n') {
                        String line = new String(buffer, start, i - start, StandardCharsets.ISO_8859_1);
                        start = i + 2;
                        return line;
                    }
                }
                fill();
            }
        }

        private byte[] readExactly(int length) throws IOException {
            while (end - start < length) {
                fill();
            }
            byte[] bytes = Arrays.copyOfRange(buffer, start, start + length);
            start += length;
            return bytes;
        }

        /** Reads more bytes after the unread ones; end of stream fails (the server must keep the connection). */
        private void fill() throws IOException {
            if (start > 0) {
                System.arraycopy(buffer, start, buffer, 0, end - start);
                end -= start;
                start = 0;
            }
            if (end == buffer.length) {
                buffer = Arrays.copyOf(buffer, buffer.length * 2);
            }
            int read = in.read(buffer, end, buffer.length - end);
            if (read < 0) {
                throw new IllegalStateException("the server closed the connection");
            }
            end += read;
        }

        private static boolean contains(byte[] haystack, byte[] needle) {
            outer:
            for (int i = 0; i + needle.length <= haystack.length; i++) {
                for (int j = 0; j < needle.length; j++) {
                    if (haystack[i + j] != needle[j]) {
                        continue outer;
                    }
                }
                return true;
            }
            return false;
        }

        @Override
        public void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // the phase is over
            }
        }
    }

    /**
     * The floor: the statements of one HTTP round trip, each on a connection taken from the pool and given
     * back (as jOOQ does with a {@code DataSource}), with the same hashing of the API key and resource key.
     */
    static final class JdbcRoundTrip implements RoundTrip {
        /** jOOQ's text form of a bound timestamp, e.g. {@code 2026-12-01 18:52:41.637987+00:00}. */
        private static final DateTimeFormatter BIND_TIMESTAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSSxxx");
        private final DataSource pool;
        private final String apiKey;
        private final UUID projectId;
        private final UUID agentId;
        private final String alias;
        private final String resourceKey;

        JdbcRoundTrip(DataSource pool, Identity identity, String resourceKey) {
            this.pool = pool;
            this.apiKey = identity.apiKey();
            this.projectId = UUID.fromString(identity.projectId());
            this.agentId = UUID.fromString(identity.agentId());
            this.alias = identity.alias();
            this.resourceKey = resourceKey;
        }

        @Override
        public void run() throws SQLException {
            lookUpKey();
            OffsetDateTime now = now();
            try (Connection connection = pool.getConnection();
                 PreparedStatement acquire = connection.prepareStatement(ACQUIRE_SQL)) {
                bindAcquire(acquire, now);
                requireOneRow(acquire, "acquire");
            }
            lookUpKey();
            now = now();
            try (Connection connection = pool.getConnection();
                 PreparedStatement release = connection.prepareStatement(RELEASE_SQL)) {
                bindRelease(release, now);
                requireOneRow(release, "release");
            }
        }

        private void lookUpKey() throws SQLException {
            try (Connection connection = pool.getConnection();
                 PreparedStatement lookup = connection.prepareStatement(KEY_LOOKUP_SQL)) {
                lookup.setString(1, sha256Hex(apiKey));
                requireOneRow(lookup, "key lookup");
            }
        }

        /** The parameters as jOOQ binds them: uuids as objects, timestamps as text, the key's hash as bytes. */
        private void bindAcquire(PreparedStatement statement, OffsetDateTime now) throws SQLException {
            statement.setObject(1, projectId);
            statement.setString(2, resourceKey);
            statement.setBytes(3, sha256(resourceKey));
            statement.setObject(4, agentId);
            statement.setString(5, alias);
            statement.setString(6, timestamp(now));
            statement.setString(7, timestamp(now.plusSeconds(60)));
            statement.setString(8, "{}");
            statement.setString(9, timestamp(now));
        }

        private void bindRelease(PreparedStatement statement, OffsetDateTime now) throws SQLException {
            statement.setObject(1, projectId);
            statement.setBytes(2, sha256(resourceKey));
            statement.setString(3, timestamp(now));
            statement.setObject(4, agentId);
        }

        /** Executes and reads every column of the one expected row, as jOOQ does when it fetches a record. */
        private static void requireOneRow(PreparedStatement statement, String what) throws SQLException {
            try (ResultSet rows = statement.executeQuery()) {
                if (!rows.next()) {
                    throw new IllegalStateException(what + " returned no row");
                }
                int columns = rows.getMetaData().getColumnCount();
                for (int i = 1; i <= columns; i++) {
                    rows.getObject(i);
                }
                if (rows.next()) {
                    throw new IllegalStateException(what + " returned several rows");
                }
            }
        }

        /** A timestamp as jOOQ sends a {@code timestamp(6) with time zone} bind value: text. */
        private static String timestamp(OffsetDateTime time) {
            return BIND_TIMESTAMP.format(time);
        }

        private static OffsetDateTime now() {
            return Instant.now().truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
        }
    }

    // --- running a phase ---

    interface RoundTripFactory {
        RoundTrip create(int clientIndex) throws Exception;
    }

    private Result measure(String kind, int concurrency, Database database, RoundTripFactory factory) throws Exception {
        Result result = run(concurrency, Duration.ofSeconds(settings.warmupSeconds()), Duration.ofSeconds(settings.seconds()),
                database, factory);
        System.out.printf("  %-4s c=%-3d %9.0f rt/s  p50 %7.3f ms  p99 %7.3f ms  (%d round trips; per round trip: %s)%n",
                kind, concurrency, result.throughput(), result.p50Millis(), result.p99Millis(), result.roundTrips(), result.cpu());
        return result;
    }

    /**
     * Warms the JIT up before anything is measured: a level's few seconds of warm-up are far too little on a
     * small machine, where the compiler threads compete with the load for the CPUs. HTTP round trips run in
     * 2 s slices until the JIT spent under 5% of a slice compiling (at most {@code bench.jitWarmupSeconds}),
     * then JDBC round trips for 5 s.
     */
    private void warmUpJit(int concurrency, Database database, RoundTripFactory http, RoundTripFactory jdbc) throws Exception {
        Duration slice = Duration.ofSeconds(2);
        long deadline = System.nanoTime() + Duration.ofSeconds(settings.jitWarmupSeconds()).toNanos();
        long started = System.nanoTime();
        long jitMillis;
        do {
            long jitBefore = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
            run(concurrency, slice, Duration.ZERO, database, http);
            jitMillis = ManagementFactory.getCompilationMXBean().getTotalCompilationTime() - jitBefore;
        } while (jitMillis > slice.toMillis() / 20 && System.nanoTime() < deadline);
        long httpSeconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
        run(concurrency, Duration.ofSeconds(5), Duration.ZERO, database, jdbc);
        System.out.printf("JIT warm-up: %d s of HTTP round trips at concurrency %d (JIT busy %d ms in the last %d s%s), "
                        + "%d s of JDBC%n", httpSeconds, concurrency, jitMillis, slice.toSeconds(),
                jitMillis > slice.toMillis() / 20 ? ": NOT SETTLED, raise bench.jitWarmupSeconds" : "", 5);
    }

    /**
     * Runs {@code concurrency} clients for {@code warmup}, then measures them for {@code measured} (none: a
     * warm-up only, whose result is meaningless).
     */
    private static Result run(int concurrency, Duration warmup, Duration measured, Database database, RoundTripFactory factory)
            throws Exception {
        List<RoundTrip> trips = new ArrayList<>();
        for (int i = 0; i < concurrency; i++) {
            trips.add(factory.create(i));
        }
        long warmupNanos = warmup.toNanos();
        long measureNanos = Math.max(1, measured.toNanos());
        CountDownLatch ready = new CountDownLatch(concurrency);
        CountDownLatch go = new CountDownLatch(1);
        long[][] samples = new long[concurrency][];
        int[] counts = new int[concurrency];
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicBoolean stop = new AtomicBoolean();
        long[] window = new long[2];
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < concurrency; i++) {
            int index = i;
            threads.add(Thread.ofPlatform().name("bench-client-" + i).start(() -> {
                long[] mine = new long[1 << 14];
                int count = 0;
                try {
                    ready.countDown();
                    go.await();
                    long measureFrom = window[0];
                    long measureTo = window[1];
                    RoundTrip trip = trips.get(index);
                    while (failure.get() == null && !stop.get()) { // load goes on until the CPU is sampled
                        long start = System.nanoTime();
                        trip.run();
                        long end = System.nanoTime();
                        if (start >= measureFrom && end <= measureTo) {
                            if (count == mine.length) {
                                mine = Arrays.copyOf(mine, count * 2);
                            }
                            mine[count++] = end - start;
                        }
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
                samples[index] = mine;
                counts[index] = count;
            }));
        }
        ready.await();
        long start = System.nanoTime();
        window[0] = start + warmupNanos;
        window[1] = window[0] + measureNanos;
        go.countDown(); // publishes window[] to the clients
        sleepUntil(window[0]);
        CpuSample before = CpuSample.take(database);
        sleepUntil(window[1]);
        CpuSample after = CpuSample.take(database);
        stop.set(true);
        for (Thread thread : threads) {
            thread.join();
        }
        trips.forEach(RoundTrip::close);
        if (failure.get() != null) {
            throw new IllegalStateException("a round trip at concurrency " + concurrency + " failed", failure.get());
        }
        int total = Arrays.stream(counts).sum();
        long[] all = new long[total];
        int offset = 0;
        for (int i = 0; i < concurrency; i++) {
            System.arraycopy(samples[i], 0, all, offset, counts[i]);
            offset += counts[i];
        }
        Arrays.sort(all);
        double seconds = measureNanos / 1e9;
        return new Result(total / seconds, percentile(all, 0.50), percentile(all, 0.99), total, after.minus(before, total));
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long left;
        while ((left = nanoTime - System.nanoTime()) > 0) {
            Thread.sleep(Duration.ofNanos(left));
        }
    }

    static double percentile(long[] sorted, double quantile) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(quantile * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }

    record Result(double throughput, double p50Millis, double p99Millis, long roundTrips, CpuSample.PerRoundTrip cpu) {
    }

    record Row(int concurrency, Result http, Result jdbc) {
    }

    private static void printTable(List<Row> rows) {
        System.out.println();
        System.out.println("| concurrency | HTTP rt/s | HTTP p50 ms | HTTP p99 ms | JDBC rt/s | JDBC p50 ms | JDBC p99 ms | HTTP/JDBC |");
        System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (Row row : rows) {
            System.out.printf("| %d | %.0f | %.2f | %.2f | %.0f | %.2f | %.2f | %.0f%% |%n", row.concurrency(),
                    row.http().throughput(), row.http().p50Millis(), row.http().p99Millis(), row.jdbc().throughput(),
                    row.jdbc().p50Millis(), row.jdbc().p99Millis(), 100 * row.http().throughput() / row.jdbc().throughput());
        }
        System.out.println();
        System.out.println("Per round trip: CPU in µs (load gen = client threads incl. HttpClient's; rest of JVM = the hub, JIT, GC; "
                + "postgres = all its processes), and heap allocated; and how busy all CPUs were:");
        System.out.println("| concurrency | kind | load gen µs | rest of JVM µs | postgres µs | allocated KiB | CPUs busy |");
        System.out.println("|---:|---|---:|---:|---:|---:|---:|");
        for (Row row : rows) {
            for (Result result : List.of(row.http(), row.jdbc())) {
                CpuSample.PerRoundTrip cpu = result.cpu();
                System.out.printf("| %d | %s | %.0f | %.0f | %.0f | %.1f | %.0f%% |%n", row.concurrency(),
                        result == row.http() ? "HTTP" : "JDBC", cpu.clientMicros(), cpu.restMicros(), cpu.postgresMicros(),
                        cpu.allocatedKib(), cpu.busyPercent());
            }
        }
    }

    // --- CPU accounting ---

    /**
     * Resource use so far: CPU of each load-generator thread of this JVM (the clients and the HttpClient's
     * threads), of the whole JVM and of PostgreSQL's processes; heap allocated by this JVM; GC pause and JIT
     * compilation time (to see that the JIT has settled).
     */
    record CpuSample(long wallNanos, Map<Long, Long> clientThreads, long processNanos, long postgresNanos,
                     long allocatedBytes, long gcMillis, long jitMillis) {

        private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

        static CpuSample take(Database database) {
            Map<Long, Long> client = new HashMap<>();
            long[] ids = THREADS.getAllThreadIds();
            ThreadInfo[] infos = THREADS.getThreadInfo(ids);
            for (int i = 0; i < ids.length; i++) {
                if (infos[i] == null) {
                    continue;
                }
                String name = infos[i].getThreadName();
                if (name.startsWith("bench-client-") || name.startsWith("HttpClient-")) {
                    long cpu = THREADS.getThreadCpuTime(ids[i]);
                    if (cpu >= 0) {
                        client.put(ids[i], cpu);
                    }
                }
            }
            long process = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                    .getProcessCpuTime();
            long allocated = ((com.sun.management.ThreadMXBean) THREADS).getTotalThreadAllocatedBytes();
            long gc = ManagementFactory.getGarbageCollectorMXBeans().stream()
                    .mapToLong(bean -> Math.max(0, bean.getCollectionTime())).sum();
            long jit = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
            return new CpuSample(System.nanoTime(), client, process, database.postgresCpuNanos(), allocated, gc, jit);
        }

        /** Per round trip between {@code before} and this sample; threads that ended meanwhile count as the rest. */
        PerRoundTrip minus(CpuSample before, long roundTrips) {
            double n = Math.max(1, roundTrips);
            long clientNanos = 0;
            for (Map.Entry<Long, Long> thread : clientThreads.entrySet()) {
                clientNanos += thread.getValue() - before.clientThreads.getOrDefault(thread.getKey(), 0L);
            }
            long processDelta = processNanos - before.processNanos;
            long postgresDelta = postgresNanos - before.postgresNanos;
            double wall = wallNanos - before.wallNanos;
            double busy = 100.0 * (processDelta + postgresDelta) / (wall * Runtime.getRuntime().availableProcessors());
            return new PerRoundTrip(clientNanos / 1e3 / n, (processDelta - clientNanos) / 1e3 / n, postgresDelta / 1e3 / n, busy,
                    (allocatedBytes - before.allocatedBytes) / 1024.0 / n, gcMillis - before.gcMillis, jitMillis - before.jitMillis);
        }

        record PerRoundTrip(double clientMicros, double restMicros, double postgresMicros, double busyPercent,
                            double allocatedKib, long gcMillis, long jitMillis) {
            @Override
            public String toString() {
                return "CPU load gen %.0f µs, rest of JVM %.0f µs, postgres %.0f µs; %.0f KiB allocated; CPUs %.0f%% busy; in the window GC %d ms, JIT %d ms"
                        .formatted(clientMicros, restMicros, postgresMicros, allocatedKib, busyPercent, gcMillis, jitMillis);
            }
        }
    }

    /** The 1-minute load average, to flag runs disturbed by other work on the machine. */
    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }

    // --- setup ---

    /** One embedded PostgreSQL with its data directory, as {@code bench.postgres} asks. */
    static final class Database implements AutoCloseable {
        private final AutoCloseable server;
        private final PostgresUrl url;
        private final Path dataDirectory;

        private Database(AutoCloseable server, PostgresUrl url, Path dataDirectory) {
            this.server = server;
            this.url = url;
            this.dataDirectory = dataDirectory;
        }

        static Database start(String mode, Path workDir) throws IOException {
            if (mode.equals("durable")) {
                EmbeddedPostgresServer server = EmbeddedPostgresServer.start(workDir);
                return new Database(server, server.url(), server.dataDirectory());
            }
            if (!mode.equals("fast")) {
                throw new IllegalArgumentException("bench.postgres is durable or fast, not " + mode);
            }
            Path data = workDir.resolve("postgres");
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(data)
                    .setCleanDataDirectory(true)
                    .setServerConfig("fsync", "off")
                    .setServerConfig("full_page_writes", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .start();
            return new Database(postgres, new PostgresUrl(postgres.getJdbcUrl("postgres", "postgres"), "postgres", null), data);
        }

        PostgresUrl url() {
            return url;
        }

        /** User and system CPU of the postmaster and all its children so far, from /proc (0 elsewhere). */
        long postgresCpuNanos() {
            try {
                long postmaster = Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(0).strip());
                long ticks = procTicks(postmaster);
                for (ProcessHandle child : ProcessHandle.of(postmaster).map(p -> p.descendants().toList()).orElse(List.of())) {
                    ticks += procTicks(child.pid());
                }
                return ticks * 10_000_000L; // USER_HZ is 100 on Linux
            } catch (IOException | RuntimeException e) {
                return 0;
            }
        }

        private static long procTicks(long pid) {
            try {
                String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                return Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
            } catch (IOException | RuntimeException e) {
                return 0; // the process ended meanwhile
            }
        }

        @Override
        public void close() throws Exception {
            server.close();
        }
    }

    record Identity(String apiKey, String agentId, String alias, String projectId) {
    }

    private static List<Identity> mint(String baseUrl, int count) throws Exception {
        List<Identity> identities = new ArrayList<>();
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            for (int i = 0; i < count; i++) {
                identities.add(init(client, baseUrl, "bench-%02d".formatted(i)));
            }
        }
        return identities;
    }

    static Identity init(HttpClient client, String baseUrl, String alias) throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(baseUrl + "/v1/init"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"project_slug\":\"" + PROJECT + "\",\"alias\":\"" + alias + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("init " + alias + ": " + response.statusCode() + " " + response.body());
        }
        JsonNode body = JSON.readTree(response.body());
        return new Identity(body.get("api_key").asText(), body.get("agent_id").asText(), body.get("alias").asText(),
                body.get("project_id").asText());
    }

    /**
     * Runs one round trip through a hub whose pool records what it prepares, and checks that those are
     * exactly the floor's statements, in order.
     */
    private static void verifySql(PostgresUrl url) throws Exception {
        try (HikariDataSource pool = ConnectionPools.create("bench-capture", url, 2, null)) {
            SqlCapture capture = new SqlCapture(pool);
            Map<String, String> environment = Map.of("AGENT_HUB_PORT", "0", "AGENT_HUB_INIT_RATE_LIMIT", "1000000");
            try (AgentHub hub = AgentHub.builder().config(HubConfig.fromEnvironment(environment))
                    .dataSource(capture.dataSource()).build().start()) {
                Identity identity;
                try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
                    identity = init(client, hub.url(), "bench-capture");
                }
                HttpRoundTrip trip = new HttpRoundTrip(hub.url(), identity, "bench/capture");
                trip.run(); // the first use of a key also records last_used_at: not part of a steady round trip
                capture.start();
                trip.run();
                List<SqlCapture.Statement> statements = capture.stop();
                trip.close();
                System.out.println("SQL of one HTTP round trip, as the hub prepared it:");
                statements.forEach(statement -> System.out.println("  " + statement));
                List<String> expected = List.of(KEY_LOOKUP_SQL, ACQUIRE_SQL, KEY_LOOKUP_SQL, RELEASE_SQL);
                List<String> actual = statements.stream().map(SqlCapture.Statement::sql).toList();
                if (!actual.equals(expected)) {
                    throw new AssertionError("the HTTP path no longer runs the floor's statements; update the SQL constants."
                            + "\n expected: " + expected + "\n actual:   " + actual);
                }
            }
        }
    }

    private Recording startRecording() throws Exception {
        if (settings.jfr() == null) {
            return null;
        }
        Recording recording = new Recording(Configuration.getConfiguration("profile"));
        recording.setName("reservation-benchmark");
        // CPU-time sampling (JDK 25, Linux): what burns CPU, rather than what runs when sampled
        recording.enable("jdk.CPUTimeSample").with("throttle", "2ms");
        recording.start();
        return recording;
    }

    private void stopRecording(Recording recording) throws IOException {
        if (recording != null) {
            recording.stop();
            recording.dump(Path.of(settings.jfr()));
            recording.close();
            System.out.println("JFR recording written to " + settings.jfr());
        }
    }

    record Settings(List<Integer> concurrency, long jitWarmupSeconds, long warmupSeconds, long seconds, String postgres,
                    boolean accessLog, boolean virtualThreads, String poolSize, String jfr, String client) {
        static Settings fromSystemProperties() {
            List<Integer> levels = Arrays.stream(System.getProperty("bench.concurrency", "1,16,64").split(","))
                    .map(String::strip).map(Integer::parseInt).toList();
            return new Settings(levels, Long.getLong("bench.jitWarmupSeconds", 45), Long.getLong("bench.warmupSeconds", 3),
                    Long.getLong("bench.seconds", 8),
                    System.getProperty("bench.postgres", "fast"), Boolean.getBoolean("bench.accessLog"),
                    Boolean.parseBoolean(System.getProperty("bench.virtualThreads", "true")), System.getProperty("bench.poolSize"),
                    System.getProperty("bench.jfr"), System.getProperty("bench.client", "lean"));
        }
    }

    static String sha256Hex(String text) {
        return HexFormat.of().formatHex(sha256(text));
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
