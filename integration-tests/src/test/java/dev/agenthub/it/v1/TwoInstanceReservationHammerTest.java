package dev.agenthub.it.v1;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agenthub.it.support.TestSql;
import dev.agenthub.persistence.testing.TestDatabase;
import dev.agenthub.persistence.testing.TestInfrastructure;
import dev.agenthub.server.AgentHub;
import dev.agenthub.server.HubConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two hub instances, each with its own HTTP listener and its own connection pool, on one PostgreSQL
 * database: 64 client threads (half on each instance, each its own agent and key) acquire and release 10
 * contended keys for {@value #DEFAULT_SECONDS} s (system property {@value #DURATION_PROPERTY}). The
 * database is the only thing the instances share, so every conflict between them is decided there.
 *
 * <p>Two independent observers check that a key never has two live holders:
 * <ol>
 *   <li><b>Believed holders.</b> A thread that got 200 on acquire registers itself as the key's holder
 *       with {@code putIfAbsent} and fails the test if someone else is registered; it unregisters before it
 *       sends the release. A thread is therefore registered only while its reservation is certainly live
 *       (from after the 200 until before the release), so two registrations at once are two live holders.</li>
 *   <li><b>Snapshots.</b> An observer thread lists the reservations through both instances
 *       ({@code GET /v1/reservations}) and reads {@code protocol.reservations} directly, checking at most one
 *       row per key. A registration is compared with a snapshot only when the very same registration (the
 *       same object) was in place both before the snapshot was requested and after it was answered: its
 *       reservation was then live for the whole time the snapshot could have been taken, so the snapshot
 *       must name that holder. Any other interleaving (a holder coming or going meanwhile) is skipped, never
 *       guessed at.</li>
 * </ol>
 * Nothing here is timed: the duration only bounds the run, and every assertion is about outcomes.
 */
@ExtendWith(TestInfrastructure.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoInstanceReservationHammerTest {

    static final String DURATION_PROPERTY = "agenthub.hammer.seconds";
    static final long DEFAULT_SECONDS = 10;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CLIENTS = 64;
    private static final int KEYS = 10;
    private static final String PROJECT = "hammer";
    private static final String ACCESS_LOG = "dev.agenthub.http.access";
    private static final List<String> CONFLICT_FIELDS = List.of("detail", "holder_agent_id", "holder_alias", "expires_at");

    private final List<String> keys = new ArrayList<>();
    private TestDatabase database;
    private AgentHub[] hubs;
    private HttpClient[] clients;
    private ch.qos.logback.classic.Level accessLogLevel;

    /**
     * A registration of a believed holder. Each successful acquire makes a new one, and registrations compare
     * by identity (a class, not a record), so "the same registration" cannot be confused with a later one.
     */
    private static final class Holder {
        private final String agentId;
        private final String alias;
        private final int instance;

        Holder(String agentId, String alias, int instance) {
            this.agentId = agentId;
            this.alias = alias;
            this.instance = instance;
        }

        String agentId() {
            return agentId;
        }

        String alias() {
            return alias;
        }

        int instance() {
            return instance;
        }
    }

    private record Agent(String apiKey, String agentId, String alias, int instance) {
    }

    private final ConcurrentHashMap<String, Holder> believed = new ConcurrentHashMap<>();
    private final Map<String, Agent> agentsById = new HashMap<>();
    private final Queue<String> failures = new ConcurrentLinkedQueue<>();

    // per instance
    private final AtomicLongArray acquired = new AtomicLongArray(2);
    private final AtomicLongArray conflicts = new AtomicLongArray(2);
    private final AtomicLongArray crossInstanceConflicts = new AtomicLongArray(2);
    private final AtomicLongArray releases = new AtomicLongArray(2);
    private final AtomicLongArray idleReleases = new AtomicLongArray(2);
    // observer
    private final AtomicLongArray httpSnapshots = new AtomicLongArray(2);
    private final AtomicLong sqlSnapshots = new AtomicLong();
    private final AtomicLong snapshotRows = new AtomicLong();
    private final AtomicLong agreementsChecked = new AtomicLong();

    @BeforeAll
    void start(TestDatabase database) {
        this.database = database;
        ch.qos.logback.classic.Logger accessLog = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(ACCESS_LOG);
        accessLogLevel = accessLog.getLevel();
        accessLog.setLevel(ch.qos.logback.classic.Level.WARN); // some 100 000 requests: keep the report readable
        Map<String, String> environment = Map.of(
                "AGENT_HUB_PORT", "0",
                "AGENT_HUB_DATABASE_URL", TestSql.urlWithCredentials(database.url()),
                "AGENT_HUB_INIT_RATE_LIMIT", "1000000");
        hubs = new AgentHub[2];
        clients = new HttpClient[2];
        for (int i = 0; i < 2; i++) {
            // each builds its own HikariCP pool from the URL: two instances that share only the database
            hubs[i] = AgentHub.builder().config(HubConfig.fromEnvironment(environment)).build().start();
            clients[i] = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).build();
        }
        assertThat(hubs[0].port()).isNotEqualTo(hubs[1].port());
        assertThat(hubs[0].dataSource()).isNotSameAs(hubs[1].dataSource());
        for (int i = 0; i < KEYS; i++) {
            keys.add("hammer/src/file-" + i + ".py");
        }
    }

    @AfterAll
    void stop() {
        for (AgentHub hub : hubs) {
            if (hub != null) {
                hub.close();
            }
        }
        for (HttpClient client : clients) {
            if (client != null) {
                client.close();
            }
        }
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(ACCESS_LOG)).setLevel(accessLogLevel);
    }

    @Test
    void aKeyNeverHasTwoLiveHoldersAcrossTwoInstances() throws Exception {
        // identities first, one at a time (alternating instances), so the project is created once
        List<Agent> agents = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            agents.add(init(i % 2, "hammer-%02d".formatted(i)));
        }
        Agent observerAgent = init(0, "hammer-observer");
        agents.forEach(agent -> agentsById.put(agent.agentId(), agent));

        long seconds = Long.getLong(DURATION_PROPERTY, DEFAULT_SECONDS);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (Agent agent : agents) {
            threads.add(Thread.ofPlatform().name("hammer-" + agent.alias()).start(() -> hammer(agent, go, deadline)));
        }
        List<Thread> observers = List.of(
                Thread.ofPlatform().name("hammer-observer-http").start(() -> observe(observerAgent, false, go, deadline)),
                Thread.ofPlatform().name("hammer-observer-sql").start(() -> observe(observerAgent, true, go, deadline)));
        go.countDown();
        for (Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(seconds + 60));
            assertThat(thread.isAlive()).as(thread.getName() + " finished").isFalse();
        }
        for (Thread observer : observers) {
            observer.join(TimeUnit.SECONDS.toMillis(60));
            assertThat(observer.isAlive()).as(observer.getName() + " finished").isFalse();
        }

        System.out.printf("hammer %d s: acquired A=%d B=%d; 409 A=%d B=%d (holder on the other instance A=%d B=%d); "
                        + "releases A=%d B=%d; releases of nothing A=%d B=%d; snapshots http A=%d B=%d, sql=%d "
                        + "(%d rows), holder agreements checked=%d%n",
                seconds, acquired.get(0), acquired.get(1), conflicts.get(0), conflicts.get(1),
                crossInstanceConflicts.get(0), crossInstanceConflicts.get(1), releases.get(0), releases.get(1),
                idleReleases.get(0), idleReleases.get(1), httpSnapshots.get(0), httpSnapshots.get(1),
                sqlSnapshots.get(), snapshotRows.get(), agreementsChecked.get());

        assertThat(failures).as("violations and unexpected responses").isEmpty();
        assertThat(believed).as("every holder unregistered").isEmpty();
        assertThat(liveRows()).as("everything acquired was released").isEmpty();
        // not vacuous: both instances won keys, lost keys to the other instance, and the observer compared
        for (int i = 0; i < 2; i++) {
            assertThat(acquired.get(i)).as("acquisitions on instance " + i).isGreaterThanOrEqualTo(50);
            assertThat(crossInstanceConflicts.get(i)).as("409s on instance " + i + " naming a holder of the other")
                    .isGreaterThanOrEqualTo(10);
            assertThat(httpSnapshots.get(i)).as("listings through instance " + i).isGreaterThanOrEqualTo(5);
        }
        assertThat(sqlSnapshots.get()).isGreaterThanOrEqualTo(10);
        assertThat(agreementsChecked.get()).as("snapshot rows compared with a believed holder").isGreaterThanOrEqualTo(10);
    }

    private void hammer(Agent me, CountDownLatch go, long deadline) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String idleKey = "idle/" + me.alias(); // nobody ever acquires it
        try {
            go.await();
            for (long round = 0; System.nanoTime() < deadline && failures.isEmpty(); round++) {
                String key = keys.get(random.nextInt(KEYS));
                Reply reply = post(me, "/v1/reservations", "{\"resource_key\":" + JSON.writeValueAsString(key) + "}");
                if (reply.status() == 200) {
                    expectAcquired(me, key, reply);
                    Holder mine = new Holder(me.agentId(), me.alias(), me.instance());
                    Holder other = believed.putIfAbsent(key, mine);
                    if (other != null) {
                        fail("two holders of " + key + ": " + me.alias() + " (instance " + me.instance() + ") got 200 while "
                                + other.alias() + " (instance " + other.instance() + ") holds it");
                        return;
                    }
                    acquired.incrementAndGet(me.instance());
                    Thread.sleep(random.nextInt(11)); // hold 0-10 ms, so observers see holders in place
                    if (!believed.remove(key, mine)) {
                        fail(me.alias() + "'s registration of " + key + " was replaced while it held the key");
                        return;
                    }
                    expectReleased(me, key, post(me, "/v1/reservations/release", releaseBody(key)));
                    releases.incrementAndGet(me.instance());
                } else if (reply.status() == 409) {
                    expectConflict(me, key, reply);
                } else {
                    fail("acquire of " + key + " by " + me.alias() + " on instance " + me.instance() + ": " + reply);
                    return;
                }
                if (round % 8 == 0) {
                    expectReleased(me, idleKey, post(me, "/v1/reservations/release", releaseBody(idleKey)));
                    idleReleases.incrementAndGet(me.instance());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(me.alias() + " interrupted");
        } catch (Exception | AssertionError e) {
            fail(me.alias() + ": " + e);
        }
    }

    private void expectAcquired(Agent me, String key, Reply reply) {
        JsonNode body = reply.json();
        if (!fieldNames(body).equals(List.of("status", "project_id", "resource_key", "holder_agent_id", "holder_alias",
                "acquired_at", "expires_at"))
                || !body.get("status").asText().equals("acquired") || !body.get("resource_key").asText().equals(key)
                || !body.get("holder_agent_id").asText().equals(me.agentId())
                || !body.get("holder_alias").asText().equals(me.alias())) {
            fail("acquire of " + key + " by " + me.alias() + ": unexpected body " + reply.body());
        }
    }

    private void expectReleased(Agent me, String key, Reply reply) throws IOException {
        String expected = "{\"status\":\"released\",\"resource_key\":" + JSON.writeValueAsString(key) + "}";
        if (reply.status() != 200 || !JSON.readTree(reply.body()).equals(JSON.readTree(expected))
                || !fieldNames(reply.json()).equals(List.of("status", "resource_key"))) {
            fail("release of " + key + " by " + me.alias() + " on instance " + me.instance() + ": " + reply);
        }
    }

    /** The §1.4 reservation conflict: exactly these four top-level keys, naming another of our agents. */
    private void expectConflict(Agent me, String key, Reply reply) {
        JsonNode body = reply.json();
        Agent holder = agentsById.get(body.path("holder_agent_id").asText());
        boolean shaped = fieldNames(body).equals(CONFLICT_FIELDS)
                && body.get("detail").asText().equals("Reservation is already held")
                && holder != null && body.get("holder_alias").asText().equals(holder.alias())
                && validExpiry(body.get("expires_at").asText());
        if (!shaped) {
            fail("acquire of " + key + " by " + me.alias() + ": unexpected 409 " + reply.body());
            return;
        }
        if (holder.agentId().equals(me.agentId())) {
            fail(me.alias() + " is reported holding " + key + " although it released it");
            return;
        }
        conflicts.incrementAndGet(me.instance());
        if (holder.instance() != me.instance()) {
            crossInstanceConflicts.incrementAndGet(me.instance());
        }
    }

    private static boolean validExpiry(String text) {
        try {
            return OffsetDateTime.parse(text).getOffset().equals(ZoneOffset.UTC) && text.endsWith("+00:00");
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * An observer: repeatedly takes a snapshot (source 0 or 1: {@code GET /v1/reservations} through that
     * instance, alternating; SQL: the table itself) bracketed by two readings of the registrations.
     */
    private void observe(Agent observer, boolean sql, CountDownLatch go, long deadline) {
        try {
            go.await();
            for (int round = 0; System.nanoTime() < deadline && failures.isEmpty(); round++) {
                int instance = round % 2;
                Map<String, Holder> before = registrations();
                Map<String, Snapshot> rows = sql ? readTable() : listThrough(observer, instance);
                Map<String, Holder> after = registrations();
                if (rows == null) {
                    return; // failed, already recorded
                }
                if (sql) {
                    sqlSnapshots.incrementAndGet();
                } else {
                    httpSnapshots.incrementAndGet(instance);
                }
                snapshotRows.addAndGet(rows.size());
                String where = sql ? "protocol.reservations" : "GET /v1/reservations on instance " + instance;
                for (String key : keys) {
                    Holder held = before.get(key);
                    if (held == null || held != after.get(key)) {
                        continue; // a holder came or went during the snapshot: nothing can be concluded
                    }
                    agreementsChecked.incrementAndGet();
                    Snapshot row = rows.get(key);
                    if (row == null || !row.holderAgentId().equals(held.agentId())) {
                        fail(where + " shows " + row + " for " + key + " while " + held.alias()
                                + " held it throughout the snapshot");
                        return;
                    }
                }
                Thread.sleep(1);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception | AssertionError e) {
            fail("observer: " + e);
        }
    }

    private Map<String, Holder> registrations() {
        Map<String, Holder> copy = new HashMap<>();
        for (String key : keys) {
            Holder holder = believed.get(key);
            if (holder != null) {
                copy.put(key, holder);
            }
        }
        return copy;
    }

    private record Snapshot(String holderAgentId, String holderAlias, boolean live) {
    }

    /** The live reservations listed through one instance, by key; null after recording a failure. */
    private Map<String, Snapshot> listThrough(Agent observer, int instance) throws Exception {
        Reply reply = send(instance, observer.apiKey(), HttpRequest.newBuilder(uri(instance, "/v1/reservations")).GET());
        if (reply.status() != 200) {
            fail("GET /v1/reservations on instance " + instance + ": " + reply);
            return null;
        }
        Map<String, Snapshot> rows = new HashMap<>();
        for (JsonNode row : reply.json().get("reservations")) {
            String key = row.get("resource_key").asText();
            Snapshot snapshot = new Snapshot(row.get("holder_agent_id").asText(), row.get("holder_alias").asText(), true);
            if (!checkRow(key, snapshot, "GET /v1/reservations on instance " + instance)) {
                return null;
            }
            if (rows.put(key, snapshot) != null) {
                fail("GET /v1/reservations on instance " + instance + " lists " + key + " twice: " + reply.body());
                return null;
            }
        }
        return rows;
    }

    /** Every row of the table, live or not, read directly; null after recording a failure. */
    private Map<String, Snapshot> readTable() throws SQLException {
        Map<String, Snapshot> rows = new HashMap<>();
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT resource_key, holder_agent_id::text, holder_alias, expires_at > clock_timestamp() AS live "
                             + "FROM protocol.reservations");
             ResultSet result = query.executeQuery()) {
            while (result.next()) {
                String key = result.getString(1);
                Snapshot snapshot = new Snapshot(result.getString(2), result.getString(3), result.getBoolean(4));
                if (!snapshot.live()) {
                    fail("protocol.reservations has an expired row " + key + " " + snapshot + " (TTL is 60 s)");
                    return null;
                }
                if (!checkRow(key, snapshot, "protocol.reservations")) {
                    return null;
                }
                if (rows.put(key, snapshot) != null) {
                    fail("protocol.reservations has two live rows for " + key);
                    return null;
                }
            }
        }
        return rows;
    }

    private boolean checkRow(String key, Snapshot row, String where) {
        Agent holder = agentsById.get(row.holderAgentId());
        if (!keys.contains(key) || holder == null || !holder.alias().equals(row.holderAlias())) {
            fail(where + " shows an unexpected reservation " + key + " " + row);
            return false;
        }
        return true;
    }

    private List<String> liveRows() throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement query = connection.prepareStatement("SELECT resource_key FROM protocol.reservations");
             ResultSet result = query.executeQuery()) {
            while (result.next()) {
                rows.add(result.getString(1));
            }
        }
        return rows;
    }

    private Agent init(int instance, String alias) throws Exception {
        String body = "{\"project_slug\":\"" + PROJECT + "\",\"alias\":\"" + alias + "\"}";
        Reply reply = send(instance, null, HttpRequest.newBuilder(uri(instance, "/v1/init"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        JsonNode node = reply.json();
        return new Agent(node.get("api_key").asText(), node.get("agent_id").asText(), node.get("alias").asText(), instance);
    }

    private Reply post(Agent agent, String path, String body) throws Exception {
        return send(agent.instance(), agent.apiKey(), HttpRequest.newBuilder(uri(agent.instance(), path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private Reply send(int instance, String apiKey, HttpRequest.Builder request) throws Exception {
        request.timeout(Duration.ofSeconds(30));
        if (apiKey != null) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        HttpResponse<String> response = clients[instance].send(request.build(), HttpResponse.BodyHandlers.ofString());
        Reply reply = new Reply(response.statusCode(), response.body());
        if (reply.status() >= 500) {
            fail("5xx from instance " + instance + ": " + response.request().method() + " " + response.uri() + " " + reply);
        }
        return reply;
    }

    private URI uri(int instance, String path) {
        return URI.create(hubs[instance].url() + path);
    }

    private static String releaseBody(String key) throws IOException {
        return "{\"resource_key\":" + JSON.writeValueAsString(key) + "}";
    }

    private void fail(String message) {
        failures.add(message);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private record Reply(int status, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }
}
