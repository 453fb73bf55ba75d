package dev.agenthub.it.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.agenthub.hub.beads.BeadIssue;
import dev.agenthub.hub.beads.BeadIssueMapper;
import dev.agenthub.hub.beads.BeadRecords;
import dev.agenthub.hub.beads.BeadRef;
import dev.agenthub.hub.beads.BeadsJsonl;
import dev.agenthub.it.bench.ReservationBenchmark.Database;
import dev.agenthub.it.support.HttpProbe.Response;
import dev.agenthub.it.support.TestSql;
import dev.agenthub.it.support.V1Client;
import dev.agenthub.it.support.Worktrees;
import dev.agenthub.it.support.Worktrees.Worktree;
import dev.agenthub.protocol.kernel.json.CompactJson;
import dev.agenthub.server.AgentHub;
import dev.agenthub.server.HubConfig;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Bead sync speed (issue 5): {@code POST /v1/bdh/sync} over HTTP with a realistic beads export, against a floor:
 * the same rows upserted by one batched JDBC statement ({@code INSERT … ON CONFLICT DO UPDATE}, 10,000
 * {@code addBatch} calls, one {@code executeBatch}) in one transaction on the same database, into
 * {@code bench_floor.bead_issues}: a copy of {@code hub.bead_issues} with the same columns, keys and indexes but
 * without the hub's counting triggers, which would fire once per batched row and slow the floor down. Not a test; run it
 * with {@code -Pbench -Dbench.main=dev.agenthub.it.bench.SyncBenchmark} (see {@code docs/benchmarks.md}).
 *
 * <p>Phases, each repeated {@code bench.repeats} (5) times and reported as median and each run: a full sync of
 * {@code bench.issues} (10,000) issues that are all new, a full sync of the same issues all changed (new title
 * and {@code updated_at}), and the floor for both; then incremental syncs of 1 and of 100 changed issues
 * ({@code bench.incrementalRuns}, 200 and 50), reported as p50/p90/p99. Full-sync times run from the start of the
 * request to the end of the response, so they include HTTP, JSON and JSONL parsing; the floor's include only
 * the database work. {@code bench.postgres}: {@code durable} (default, the hub's embedded server with fsync on)
 * or {@code fast}.
 */
public final class SyncBenchmark {

    private static final String UPSERT = """
            INSERT INTO bench_floor.bead_issues (project_id, repo, branch, bead_id, title, description, status, priority,
                issue_type, assignee, created_by, labels, created_at, updated_at, blocked_by, parent_id, synced_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?)
            ON CONFLICT (project_id, repo, branch, bead_id) DO UPDATE SET title = EXCLUDED.title,
                description = EXCLUDED.description, status = EXCLUDED.status, priority = EXCLUDED.priority,
                issue_type = EXCLUDED.issue_type, assignee = EXCLUDED.assignee,
                created_by = COALESCE(EXCLUDED.created_by, bench_floor.bead_issues.created_by), labels = EXCLUDED.labels,
                created_at = EXCLUDED.created_at, updated_at = EXCLUDED.updated_at, blocked_by = EXCLUDED.blocked_by,
                parent_id = EXCLUDED.parent_id, synced_at = EXCLUDED.synced_at""";

    private final int issues = Integer.getInteger("bench.issues", 10_000);
    private final int repeats = Integer.getInteger("bench.repeats", 5);
    private final int incrementalRuns = Integer.getInteger("bench.incrementalRuns", 200);
    private final String postgresMode = System.getProperty("bench.postgres", "durable");

    public static void main(String[] args) throws Exception {
        ReservationBenchmark.runAndHalt(() -> new SyncBenchmark().run());
    }

    private void run() throws Exception {
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("dev.agenthub.http.access")).setLevel(ch.qos.logback.classic.Level.WARN);
        System.out.printf("Sync benchmark: %d issues, %d repeats, %d incremental runs, PostgreSQL %s%n", issues, repeats,
                incrementalRuns, postgresMode);
        System.out.printf("machine: %d CPUs, JDK %s, max heap %d MiB; load average %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20, ReservationBenchmark.loadAverage());
        Path workDir = Files.createTempDirectory("agent-hub-sync-bench");
        try (Database database = Database.start(postgresMode, workDir)) {
            Map<String, String> environment = new LinkedHashMap<>();
            environment.put("AGENT_HUB_PORT", "0");
            environment.put("AGENT_HUB_DATABASE_URL", TestSql.urlWithCredentials(database.url()));
            environment.put("AGENT_HUB_INIT_RATE_LIMIT", "1000000");
            try (AgentHub hub = AgentHub.builder().config(HubConfig.fromEnvironment(environment)).build().start();
                 HikariDataSource floorPool = pool(database)) {
                try (Connection connection = floorPool.getConnection(); var ddl = connection.createStatement()) {
                    ddl.execute("CREATE SCHEMA bench_floor");
                    ddl.execute("CREATE TABLE bench_floor.bead_issues (LIKE hub.bead_issues INCLUDING ALL)");
                }
                V1Client client = new V1Client(hub.url());
                Worktrees bdh = new Worktrees(client);
                Worktree worktree = bdh.init("sync-bench", "bench-agent", "Bench", "git@github.com:bench/app.git", "developer");
                UUID project = UUID.fromString(worktree.projectId());
                String repo = "github.com/bench/app";
                String newPayload = payload(0, "2026-01-01T00:00:00Z");
                String changedPayload = payload(1, "2026-01-02T00:00:00Z");
                System.out.printf("payload: %d issues, %.1f MiB of JSONL%n", issues, newPayload.length() / 1048576.0);

                warmUp(bdh, worktree, hub, project, repo);
                List<Double> fullNew = new ArrayList<>();
                List<Double> fullChanged = new ArrayList<>();
                List<Double> floorNew = new ArrayList<>();
                List<Double> floorChanged = new ArrayList<>();
                List<BeadIssue> newRows = rows(newPayload, repo);
                List<BeadIssue> changedRows = rows(changedPayload, repo);
                for (int r = 0; r < repeats; r++) {
                    clear(hub, project, repo);
                    fullNew.add(timeSync(() -> bdh.fullSync(worktree, newPayload, "sync"), issues, 0));
                    fullChanged.add(timeSync(() -> bdh.fullSync(worktree, changedPayload, "sync"), 0, issues));
                    clearFloor(floorPool);
                    floorNew.add(floor(floorPool, project, newRows));
                    floorChanged.add(floor(floorPool, project, changedRows));
                }
                report("full sync, all new", fullNew, floorNew);
                report("full sync, all changed", fullChanged, floorChanged);

                clear(hub, project, repo);
                bdh.fullSync(worktree, newPayload, "sync");
                if (Boolean.parseBoolean(System.getProperty("bench.analyze", "true"))) {
                    analyze(hub); // what autovacuum does within a minute of a 10,000-row sync
                }
                incremental(bdh, worktree, 1);
                incremental(bdh, worktree, 100);
                reference("GET /v1/auth/introspect (the least authenticated call)",
                        () -> client.get("/v1/auth/introspect", worktree.bearer()));
                reference("POST /v1/bdh/command `list` (preamble, touch, claims)", () -> bdh.command(worktree, "list"));
                sqlReference(floorPool, "SELECT count(*) of the 10,000 issues (issues_count)", project, repo);
            }
        }
    }

    private void warmUp(Worktrees bdh, Worktree worktree, AgentHub hub, UUID project, String repo) throws Exception {
        String warm = payload(9, "2025-12-01T00:00:00Z");
        for (int i = 0; i < 3; i++) {
            clear(hub, project, repo);
            bdh.fullSync(worktree, warm, "sync");
        }
        for (int i = 0; i < 50; i++) {
            bdh.incrementalSync(worktree, Worktrees.jsonl(issue(i % issues, 7, "2025-12-02T00:00:0" + (i % 10) + "Z")), List.of(), "update");
        }
    }

    private void incremental(Worktrees bdh, Worktree worktree, int changed) {
        int runs = changed == 1 ? incrementalRuns : Math.max(10, incrementalRuns / 4);
        double[] millis = new double[runs];
        for (int run = 0; run < runs; run++) {
            StringBuilder jsonl = new StringBuilder();
            for (int i = 0; i < changed; i++) {
                int index = (run * changed + i) % issues;
                // each phase writes later times than the one before, so no change is skipped as stale
                jsonl.append(issue(index, 100 + run, String.format("2026-02-%02dT%02d:%02d:%02dZ", changed == 1 ? 1 : 2,
                        run / 3600, run / 60 % 60, run % 60))).append('\n');
            }
            String payload = jsonl.toString();
            millis[run] = timeSync(() -> bdh.incrementalSync(worktree, payload, List.of(), "update bd-x --title t"), 0, changed);
        }
        Arrays.sort(millis);
        System.out.printf("incremental sync of %3d changed issue(s), %d runs: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                changed, runs, percentile(millis, 50), percentile(millis, 90), percentile(millis, 99), millis[runs - 1]);
    }

    /** The latency of a simpler call on the same hub and client, for scale. */
    private void reference(String name, Call call) {
        double[] millis = new double[incrementalRuns];
        for (int run = 0; run < incrementalRuns; run++) {
            long start = System.nanoTime();
            Response response = call.send();
            millis[run] = (System.nanoTime() - start) / 1e6;
            if (response.status() != 200) {
                throw new IllegalStateException(name + " answered " + response.status() + ": " + response.body());
            }
        }
        Arrays.sort(millis);
        System.out.printf("reference: %s, %d runs: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms%n", name, incrementalRuns,
                percentile(millis, 50), percentile(millis, 90), percentile(millis, 99));
    }

    private void sqlReference(HikariDataSource pool, String name, UUID project, String repo) throws Exception {
        double[] millis = new double[incrementalRuns];
        try (Connection connection = pool.getConnection(); PreparedStatement count = connection.prepareStatement(
                "SELECT count(*) FROM hub.bead_issues WHERE project_id = ? AND repo = ? AND branch = 'main'")) {
            count.setObject(1, project);
            count.setString(2, repo);
            for (int run = 0; run < incrementalRuns; run++) {
                long start = System.nanoTime();
                try (var rows = count.executeQuery()) {
                    rows.next();
                }
                millis[run] = (System.nanoTime() - start) / 1e6;
            }
        }
        Arrays.sort(millis);
        System.out.printf("reference: %s over JDBC, %d runs: p50 %.2f ms, p90 %.2f ms%n", name, incrementalRuns,
                percentile(millis, 50), percentile(millis, 90));
    }

    private interface Call {
        Response send();
    }

    private static double timeSync(Call call, int inserted, int updated) {
        long start = System.nanoTime();
        Response response = call.send();
        double millis = (System.nanoTime() - start) / 1e6;
        if (response.status() != 200) {
            throw new IllegalStateException("sync answered " + response.status() + ": " + response.body());
        }
        var stats = response.json().get("stats");
        if (stats.get("inserted").asInt() != inserted || stats.get("updated").asInt() != updated) {
            throw new IllegalStateException("unexpected stats " + stats + ", wanted inserted " + inserted + " updated " + updated);
        }
        return millis;
    }

    /** The floor: every row through one batched upsert statement, in one transaction. */
    private static double floor(HikariDataSource pool, UUID project, List<BeadIssue> rows) throws Exception {
        try (Connection connection = pool.getConnection()) {
            connection.setAutoCommit(false);
            Timestamp syncedAt = Timestamp.from(Instant.now());
            long start = System.nanoTime();
            try (PreparedStatement upsert = connection.prepareStatement(UPSERT)) {
                for (BeadIssue row : rows) {
                    upsert.setObject(1, project);
                    upsert.setString(2, row.repo());
                    upsert.setString(3, row.branch());
                    upsert.setString(4, row.beadId());
                    upsert.setString(5, row.title());
                    upsert.setString(6, row.description());
                    upsert.setString(7, row.status());
                    upsert.setObject(8, row.priority());
                    upsert.setString(9, row.issueType());
                    upsert.setString(10, row.assignee());
                    upsert.setString(11, row.createdBy());
                    upsert.setArray(12, row.labels() == null ? null : connection.createArrayOf("text", row.labels().toArray()));
                    upsert.setTimestamp(13, row.createdAt() == null ? null : Timestamp.from(row.createdAt()));
                    upsert.setTimestamp(14, row.updatedAt() == null ? null : Timestamp.from(row.updatedAt()));
                    upsert.setString(15, CompactJson.write(row.blockedBy().stream().map(SyncBenchmark::ref).toList()));
                    upsert.setString(16, row.parentId() == null ? null : CompactJson.write(ref(row.parentId())));
                    upsert.setTimestamp(17, syncedAt);
                    upsert.addBatch();
                }
                upsert.executeBatch();
            }
            connection.commit();
            return (System.nanoTime() - start) / 1e6;
        }
    }

    private static Map<String, Object> ref(BeadRef ref) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("repo", ref.repo());
        json.put("branch", ref.branch());
        json.put("bead_id", ref.beadId());
        return json;
    }

    private List<BeadIssue> rows(String payload, String repo) {
        return BeadIssueMapper.mapAll(BeadRecords.filter(BeadsJsonl.parse(payload)), repo, "main", Instant.now());
    }

    private static void clear(AgentHub hub, UUID project, String repo) throws Exception {
        try (Connection connection = hub.dataSource().getConnection();
             PreparedStatement delete = connection.prepareStatement("DELETE FROM hub.bead_issues WHERE project_id = ? AND repo = ?")) {
            delete.setObject(1, project);
            delete.setString(2, repo);
            delete.executeUpdate();
        }
        try (Connection connection = hub.dataSource().getConnection();
             PreparedStatement vacuum = connection.prepareStatement("VACUUM ANALYZE hub.bead_issues")) {
            vacuum.execute();
        }
    }

    private static void analyze(AgentHub hub) throws Exception {
        try (Connection connection = hub.dataSource().getConnection(); var statement = connection.createStatement()) {
            statement.execute("ANALYZE hub.bead_issues");
        }
    }

    private static void clearFloor(HikariDataSource pool) throws Exception {
        try (Connection connection = pool.getConnection(); var statement = connection.createStatement()) {
            statement.execute("TRUNCATE bench_floor.bead_issues");
            statement.execute("VACUUM ANALYZE bench_floor.bead_issues");
        }
    }

    private String payload(int version, String updatedAt) {
        StringBuilder jsonl = new StringBuilder();
        for (int i = 0; i < issues; i++) {
            jsonl.append(issue(i, version, updatedAt)).append('\n');
        }
        return jsonl.toString();
    }

    /** A beads export line: epics every 50 issues, children of the last epic, a blocker every third issue. */
    private static String issue(int index, int version, String updatedAt) {
        Map<String, Object> issue = new LinkedHashMap<>();
        issue.put("id", "bd-" + index);
        issue.put("title", "Issue " + index + " v" + version + ": make the widget handle edge case number " + index);
        issue.put("description", ("Steps to reproduce, expected and actual behaviour for issue " + index + ". ").repeat(3));
        issue.put("status", index % 7 == 0 ? "closed" : index % 5 == 0 ? "in_progress" : "open");
        issue.put("priority", (long) (index % 5));
        issue.put("issue_type", index % 50 == 0 ? "epic" : index % 4 == 0 ? "bug" : "task");
        issue.put("assignee", "agent-" + (index % 8));
        issue.put("created_by", "alice");
        issue.put("labels", List.of("area-" + (index % 6), "team-" + (index % 3)));
        issue.put("created_at", "2025-11-01T10:00:00Z");
        issue.put("updated_at", updatedAt);
        List<Map<String, Object>> dependencies = new ArrayList<>();
        if (index % 50 != 0) {
            dependencies.add(Map.of("issue_id", "bd-" + index, "depends_on_id", "bd-" + (index / 50 * 50),
                    "type", "parent-child", "created_at", "2025-11-01T10:00:00Z", "created_by", "alice"));
        }
        if (index % 3 == 0 && index > 0) {
            dependencies.add(Map.of("issue_id", "bd-" + index, "depends_on_id", "bd-" + (index - 1),
                    "type", "blocks", "created_at", "2025-11-01T10:00:00Z", "created_by", "alice"));
        }
        issue.put("dependencies", dependencies);
        return CompactJson.write(issue);
    }

    private static void report(String phase, List<Double> hub, List<Double> floor) {
        double hubMedian = median(hub);
        double floorMedian = median(floor);
        System.out.printf("%-24s hub median %8.1f ms %s | floor median %8.1f ms %s | ratio %.2f%n", phase, hubMedian,
                runs(hub), floorMedian, runs(floor), hubMedian / floorMedian);
    }

    private static String runs(List<Double> values) {
        StringBuilder text = new StringBuilder("[");
        for (double value : values) {
            text.append(text.length() > 1 ? " " : "").append(String.format("%.0f", value));
        }
        return text.append(']').toString();
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return percentile(sorted, 50);
    }

    private static double percentile(double[] sorted, int percentile) {
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static HikariDataSource pool(Database database) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(database.url().jdbcUrl());
        config.setUsername(database.url().user());
        if (database.url().password() != null) {
            config.setPassword(database.url().password());
        }
        config.setMaximumPoolSize(2);
        return new HikariDataSource(config);
    }
}
