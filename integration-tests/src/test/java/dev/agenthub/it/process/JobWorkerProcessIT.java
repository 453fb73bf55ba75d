package dev.agenthub.it.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agenthub.it.process.ServerProcess.Started;
import dev.agenthub.it.support.HttpProbe;
import dev.agenthub.testkit.Eventually;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code java -jar agent-hub.jar worker} as real processes (wire spec agenthub §8): one API server (its workers off,
 * its embedded PostgreSQL shared) and worker processes with two workers each. The process that claims the first job
 * is killed with SIGKILL inside that job's validation; a replacement process starts, 199 more jobs are queued, and the
 * two live processes (4 workers) run them all while one of them recovers the killed job as stale and runs it again.
 * Every job completes exactly once.
 */
class JobWorkerProcessIT {

    private static final Map<String, String> JSON = Map.of("Content-Type", "application/json");
    private static final int STALE_SECONDS = 8;

    private Path dataDir;
    private Path scratch;
    private Process server;
    private final List<Process> workers = new ArrayList<>();

    @BeforeEach
    void directories() throws Exception {
        dataDir = Files.createTempDirectory("agent-hub-worker-it");
        scratch = Files.createTempDirectory("agent-hub-worker-it-scratch");
    }

    @AfterEach
    void stopEverything() throws Exception {
        for (Process worker : workers) {
            worker.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        ServerProcess.cleanUp(server, dataDir);
    }

    @Test
    void twoHundredJobsRunExactlyOnceAcrossWorkerProcessesEvenWhenOneIsKilledMidJob() throws Exception {
        Started api = ServerProcess.start(dataDir, Map.of("AGENT_HUB_JOB_WORKER_ENABLED", "0",
                "AGENT_HUB_ALLOW_LOCAL_REPO_PATHS", "1", "AGENT_HUB_WORKSPACES", scratch.resolve("api-ws").toString()));
        server = api.process();
        HttpProbe http = new HttpProbe(api.baseUrl());

        // one slow project whose validation waits for a file, and three quick ones
        Path started = scratch.resolve("slow-validation-started");
        Path go = scratch.resolve("go");
        long slow = project(http, seededRemote("slow", true));
        objective(http, slow, "Add the slow feature. Then nothing else", 1);
        List<Long> quick = new ArrayList<>();
        for (int p = 0; p < 3; p++) {
            long project = project(http, seededRemote("quick-" + p, false));
            objective(http, project, "Add a health endpoint. Add request metrics; Document the API", 3);
            quick.add(project);
        }
        String testCommand = "if [ -f SLOW ]; then touch '" + started + "'; while [ ! -f '" + go
                + "' ]; do sleep 0.05; done; fi";
        Process east = worker("east", testCommand, api.postgresPort());
        Process west = worker("west", testCommand, api.postgresPort());

        // the slow job first, alone in the queue: whichever process claims it is killed inside its validation
        long slowJob = enqueue(http, slow, "{\"max_items\":1,\"max_attempts\":2}");
        Eventually.await("a worker to be inside the slow job's validation", Duration.ofSeconds(120),
                () -> Files.exists(started));
        String holder = workerOf(api.postgresPort(), slowJob);
        // worker ids are worker-<hostname>-<pid>-<n> (§8): the pid names the process holding the job
        String victimPrefix = holder.substring(0, holder.lastIndexOf('-'));
        Process victim = victimPrefix.endsWith("-" + east.pid()) ? east : west;
        assertThat(victimPrefix).endsWith("-" + victim.pid());
        victim.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        assertThat(victim.isAlive()).isFalse();
        assertThat(status(api.postgresPort(), slowJob)).as("the killed worker's job is left running").isEqualTo("running");
        Files.writeString(go, "go");

        // a replacement process comes up (as a supervisor would restart it): again 4 workers on 2 processes
        worker("north", testCommand, api.postgresPort());
        Set<Long> jobs = new HashSet<>(Set.of(slowJob));
        for (int i = 0; i < 199; i++) {
            jobs.add(enqueue(http, quick.get(i % 3), "{\"max_items\":1}"));
        }

        try {
            Eventually.await("every job to complete", Duration.ofMinutes(3), () -> count(api.postgresPort(),
                    "SELECT count(*) FROM orchestration.autopilot_jobs WHERE status = 'completed'") == 200);
        } catch (AssertionError timeout) {
            throw new AssertionError(timeout.getMessage() + "; jobs: " + rows(api.postgresPort(),
                    "SELECT status, attempts, left(error_message, 200) AS error, count(*) AS n FROM "
                            + "orchestration.autopilot_jobs GROUP BY 1, 2, 3") + "; events: " + rows(api.postgresPort(),
                    "SELECT event_type, count(*) AS n FROM orchestration.event_logs GROUP BY 1"), timeout);
        }

        try (Connection db = ServerProcess.connect(api.postgresPort()); Statement statement = db.createStatement();
             ResultSet rows = statement.executeQuery(
                     "SELECT id, attempts, worker_id FROM orchestration.autopilot_jobs")) {
            Set<Long> seen = new HashSet<>();
            while (rows.next()) {
                long id = rows.getLong("id");
                seen.add(id);
                if (id == slowJob) {
                    assertThat(rows.getInt("attempts")).as("claimed by the killed worker, then the survivor").isEqualTo(2);
                    assertThat(rows.getString("worker_id")).doesNotStartWith(victimPrefix + "-");
                } else {
                    assertThat(rows.getInt("attempts")).as("job %d was claimed once", id).isEqualTo(1);
                }
            }
            assertThat(seen).isEqualTo(jobs);
        }
        // each job's cycle ran to its end once (the killed run never finished its cycle)
        assertThat(count(api.postgresPort(), "SELECT count(*) FROM orchestration.event_logs "
                + "WHERE event_type = 'autopilot_cycle_completed'")).isEqualTo(200);
        // no work item was implemented twice: at most one PR per item, and every quick item is done
        assertThat(count(api.postgresPort(), "SELECT count(*) FROM (SELECT work_item_id FROM "
                + "orchestration.pull_requests GROUP BY work_item_id HAVING count(*) > 1) twice")).isZero();
        for (long project : quick) {
            for (JsonNode item : ok(http.get("/projects/" + project + "/work-items"))) {
                assertThat(item.get("status").asText()).isEqualTo("done");
            }
        }
    }

    private Process worker(String name, String testCommand, int postgresPort) throws Exception {
        Path log = scratch.resolve("worker-" + name + ".log");
        ProcessBuilder builder = new ProcessBuilder(ServerProcess.javaExecutable(), "-jar", ServerProcess.jar().toString(),
                "worker").redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(variable -> variable.startsWith("AGENT_HUB_") || variable.endsWith("DATABASE_URL"));
        env.put("AGENT_HUB_DATABASE_URL", "postgresql://postgres@127.0.0.1:" + postgresPort + "/agent_hub");
        env.put("AGENT_HUB_DATABASE_POOL_SIZE", "4");
        env.put("AGENT_HUB_JOB_WORKER_CONCURRENCY", "2");
        env.put("AGENT_HUB_JOB_WORKER_POLL_INTERVAL_SEC", "0.2");
        env.put("AGENT_HUB_JOB_STALE_TIMEOUT_SEC", Integer.toString(STALE_SECONDS));
        env.put("AGENT_HUB_WORKSPACES", scratch.resolve("ws-" + name).toString());
        env.put("AGENT_HUB_TEST_CMD", testCommand);
        Process process = builder.start();
        workers.add(process);
        Eventually.await("worker " + name + " to start (log: " + log + ")", Duration.ofSeconds(90), () -> {
            if (!process.isAlive()) {
                throw new AssertionError("worker exited with " + process.exitValue() + ":\n" + ServerProcess.read(log));
            }
            return ServerProcess.read(log).contains("job worker(s) started");
        });
        return process;
    }

    private Path seededRemote(String name, boolean slow) throws Exception {
        Path seed = scratch.resolve("seed-" + name);
        Path bare = scratch.resolve(name + ".git");
        try (Git git = Git.init().setInitialBranch("main").setDirectory(seed.toFile()).call()) {
            Files.writeString(seed.resolve("README.md"), "# " + name + "\n");
            git.add().addFilepattern("README.md").call();
            if (slow) {
                Files.writeString(seed.resolve("SLOW"), "validation waits\n");
                git.add().addFilepattern("SLOW").call();
            }
            PersonIdent someone = new PersonIdent("Someone", "someone@example.com");
            git.commit().setMessage("Seed").setAuthor(someone).setCommitter(someone).setSign(false).call();
        }
        Git.cloneRepository().setBare(true).setURI(seed.toUri().toString()).setDirectory(bare.toFile()).call().close();
        return bare;
    }

    private static long project(HttpProbe http, Path remote) {
        JsonNode project = post(http, "/projects", "{\"name\":\"p-" + UUID.randomUUID() + "\",\"repo_url\":\""
                + remote.toString().replace("\\", "\\\\") + "\"}");
        long id = project.get("id").asLong();
        post(http, "/projects/" + id + "/bootstrap", "{}");
        return id;
    }

    private static void objective(HttpProbe http, long project, String text, int items) {
        JsonNode created = post(http, "/projects/" + project + "/objectives",
                "{\"objective\":\"" + text + "\",\"max_work_items\":" + items + "}");
        assertThat(created.get("created_items")).hasSize(items);
    }

    private static long enqueue(HttpProbe http, long project, String body) {
        return post(http, "/projects/" + project + "/jobs/autopilot", body).get("id").asLong();
    }

    private static JsonNode post(HttpProbe http, String path, String body) {
        return ok(http.send("POST", path, body, JSON));
    }

    private static JsonNode ok(HttpProbe.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private static String workerOf(int postgresPort, long job) throws Exception {
        Map<String, String> row = row(postgresPort, "SELECT worker_id, status FROM orchestration.autopilot_jobs WHERE id = " + job);
        assertThat(row.get("status")).isEqualTo("running");
        return row.get("worker_id");
    }

    private static String status(int postgresPort, long job) throws Exception {
        return row(postgresPort, "SELECT status FROM orchestration.autopilot_jobs WHERE id = " + job).get("status");
    }

    private static Map<String, String> row(int postgresPort, String sql) throws Exception {
        try (Connection db = ServerProcess.connect(postgresPort); Statement statement = db.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            assertThat(rows.next()).isTrue();
            Map<String, String> row = new HashMap<>();
            for (int c = 1; c <= rows.getMetaData().getColumnCount(); c++) {
                row.put(rows.getMetaData().getColumnLabel(c), rows.getString(c));
            }
            return row;
        }
    }

    private static List<Map<String, String>> rows(int postgresPort, String sql) {
        List<Map<String, String>> out = new ArrayList<>();
        try (Connection db = ServerProcess.connect(postgresPort); Statement statement = db.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                Map<String, String> row = new HashMap<>();
                for (int c = 1; c <= rows.getMetaData().getColumnCount(); c++) {
                    row.put(rows.getMetaData().getColumnLabel(c), rows.getString(c));
                }
                out.add(row);
            }
        } catch (Exception e) {
            out.add(Map.of("error", e.toString()));
        }
        return out;
    }

    private static long count(int postgresPort, String sql) {
        try (Connection db = ServerProcess.connect(postgresPort); Statement statement = db.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
