package dev.agenthub.it.autopilot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agenthub.it.support.HttpProbe;
import dev.agenthub.server.AgentHub;
import dev.agenthub.server.HubConfig;
import dev.agenthub.testkit.Eventually;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The job workers of wire spec agenthub §8 on real hubs, PostgreSQL and git: a job runs a real cycle, a canceled job
 * stops and stays canceled (§14 D2), a stale job is recovered, a hub that shuts down returns its job to the queue,
 * and 200 jobs on two instances with two workers each are each run exactly once.
 */
class JobWorkersTest extends AutopilotHubTest {

    private static final Duration WAIT = Duration.ofSeconds(90);

    /** A started hub with in-process workers named {@code workerId}, polling every 100 ms. */
    private HttpProbe workerHub(Map<String, String> environment, String workerId) {
        Map<String, String> variables = new HashMap<>(environment);
        variables.putIfAbsent("AGENT_HUB_WORKSPACES", workspaces().toString());
        variables.putIfAbsent("AGENT_HUB_PORT", "0");
        variables.putIfAbsent("AGENT_HUB_JOB_WORKER_POLL_INTERVAL_SEC", "0.1");
        AgentHub hub = AgentHub.builder()
                .config(HubConfig.fromEnvironment(variables))
                .dataSource(database.dataSource())
                .clock(Clock.systemUTC())
                .jobWorkerId(workerId)
                .build()
                .start();
        hubs.add(hub);
        return new HttpProbe(hub.url());
    }

    private static long enqueue(HttpProbe http, long project, String body) {
        return post(http, "/projects/" + project + "/jobs/autopilot", body).get("id").asLong();
    }

    private static JsonNode job(HttpProbe http, long project, long job) {
        return ok(http.get("/projects/" + project + "/jobs/" + job));
    }

    private static JsonNode awaitStatus(HttpProbe http, long project, long job, String status) {
        Eventually.await("job " + job + " to be " + status, WAIT,
                () -> job(http, project, job).get("status").asText().equals(status));
        return job(http, project, job);
    }

    @Test
    void aJobRunsOneRealCycleAndRecordsWhatItDid() {
        HttpProbe http = workerHub(Map.of(), "worker-test-a");
        long project = project(http);
        List<Long> items = objective(http, project);

        long job = enqueue(http, project, "{\"max_items\":3,\"requested_by\":\"tester\"}");
        JsonNode done = awaitStatus(http, project, job, "completed");

        assertThat(done.get("attempts").asInt()).isEqualTo(1);
        assertThat(done.get("worker_id").asText()).isEqualTo("worker-test-a");
        assertThat(done.get("processed_items").asInt()).isEqualTo(3);
        assertThat(done.get("created_prs").asInt()).isEqualTo(3);
        assertThat(done.get("merged_prs").asInt()).isEqualTo(3);
        assertThat(done.get("error_message").asText()).isEmpty();
        assertThat(done.get("started_at").isNull()).isFalse();
        assertThat(done.get("finished_at").isNull()).isFalse();
        List<Long> merged = new ArrayList<>();
        ok(http.get("/projects/" + project + "/pull-requests")).forEach(pr -> {
            assertThat(pr.get("status").asText()).isEqualTo("merged");
            merged.add(0, pr.get("id").asLong());
        });
        assertThat(done.get("merged_pr_ids_json").asText())
                .isEqualTo("[" + String.join(", ", merged.stream().map(String::valueOf).toList()) + "]");
        for (long item : items) {
            assertThat(item(http, project, item).get("status").asText()).isEqualTo("done");
            assertThat(workspace(project).file("main", "agent_codegen/work_item_" + item + ".py")).isPresent();
        }
        assertThat(events(http, project)).contains(
                "autopilot_cycle_completed {\"processed_items\": 3, \"created_prs\": 3, \"merged_prs\": 3}");
    }

    @Test
    void anUnknownProviderFailsTheJobWithoutRetry() {
        HttpProbe http = workerHub(Map.of(), "worker-test-b");
        long project = project(http);
        objective(http, project);

        long job = enqueue(http, project, "{\"provider\":\"nope\",\"max_attempts\":3}");
        JsonNode failed = awaitStatus(http, project, job, "failed");

        assertThat(failed.get("attempts").asInt()).isEqualTo(1);
        assertThat(failed.get("error_message").asText()).isEqualTo("Unsupported provider `nope`");
        assertThat(failed.get("finished_at").isNull()).isFalse();
        assertThat(ok(http.get("/projects/" + project + "/pull-requests"))).isEmpty();

        // a retried job runs again from scratch (and fails again the same way)
        JsonNode retried = post(http, "/projects/" + project + "/jobs/" + job + "/retry", "");
        assertThat(retried.get("attempts").asInt()).isZero();
        assertThat(awaitStatus(http, project, job, "failed").get("attempts").asInt()).isEqualTo(1);
    }

    @Test
    void aJobCanceledWhileRunningStopsAfterTheItemInFlightAndStaysCanceled() throws Exception {
        Path started = scratch.resolve("validation-started");
        Path go = scratch.resolve("go");
        HttpProbe http = workerHub(Map.of("AGENT_HUB_TEST_CMD", gate(started, go)), "worker-test-c");
        long project = project(http);
        List<Long> items = objective(http, project);

        long job = enqueue(http, project, "{\"max_items\":3}");
        Eventually.await("the first item's validation to start", WAIT, () -> Files.exists(started));
        JsonNode canceled = post(http, "/projects/" + project + "/jobs/" + job + "/cancel", "");
        assertThat(canceled.get("status").asText()).isEqualTo("canceled");
        Files.writeString(go, "go");

        Eventually.await("the cycle to stop", WAIT,
                () -> types(http, project).contains("autopilot_cycle_canceled"));
        JsonNode after = job(http, project, job);
        assertThat(after.get("status").asText()).isEqualTo("canceled");
        assertThat(after.get("finished_at").asText()).isEqualTo(canceled.get("finished_at").asText());
        assertThat(after.get("created_prs").asInt()).isEqualTo(1);
        assertThat(after.get("processed_items").asInt()).isEqualTo(1);
        assertThat(events(http, project)).contains(
                "autopilot_cycle_canceled {\"job_id\": " + job + ", \"processed_items\": 1}");
        assertThat(types(http, project)).doesNotContain("autopilot_cycle_completed");
        assertThat(ok(http.get("/projects/" + project + "/pull-requests"))).hasSize(1);
        assertThat(item(http, project, items.get(1)).get("status").asText()).isEqualTo("backlog");
        assertThat(item(http, project, items.get(2)).get("status").asText()).isEqualTo("backlog");
    }

    @Test
    void aStaleRunningJobIsRecoveredAndRunAgain() throws Exception {
        HttpProbe http = workerHub(Map.of("AGENT_HUB_JOB_WORKER_ENABLED", "0"), "worker-unused");
        long project = project(http);
        objective(http, project);
        long job = enqueue(http, project, "{\"max_attempts\":2}");
        claimedByADeadWorker(job, "worker-dead-1");

        HttpProbe worker = workerHub(Map.of("AGENT_HUB_JOB_STALE_TIMEOUT_SEC", "300"), "worker-test-d");
        JsonNode done = awaitStatus(worker, project, job, "completed");

        assertThat(done.get("attempts").asInt()).isEqualTo(2);
        assertThat(done.get("worker_id").asText()).isEqualTo("worker-test-d");
        assertThat(done.get("created_prs").asInt()).isEqualTo(3);
        assertThat(worker.get("/metrics").body()).containsPattern(
                "(?m)^agent_hub_autopilot_jobs_stale_recovered_total(\\{[^}]*})? 1(\\.0)?$");
    }

    @Test
    void aStaleJobWithoutAttemptsLeftFails() throws Exception {
        HttpProbe http = workerHub(Map.of("AGENT_HUB_JOB_WORKER_ENABLED", "0"), "worker-unused-2");
        long project = project(http);
        long job = enqueue(http, project, "{}");
        claimedByADeadWorker(job, "worker-dead-2");
        HttpProbe worker = workerHub(Map.of("AGENT_HUB_JOB_STALE_TIMEOUT_SEC", "300"), "worker-test-e");
        JsonNode failed = awaitStatus(worker, project, job, "failed");
        assertThat(failed.get("error_message").asText())
                .isEqualTo("Recovered stale running job after exceeding timeout (300s)");
    }

    @Test
    void aHubShuttingDownReturnsItsJobToTheQueueForAnotherInstance() throws Exception {
        Path started = scratch.resolve("validation-started");
        Path go = scratch.resolve("go");
        HttpProbe first = workerHub(Map.of("AGENT_HUB_TEST_CMD", gate(started, go)), "worker-test-f");
        AgentHub firstHub = hubs.get(hubs.size() - 1);
        long project = project(first);
        List<Long> items = objective(first, project);
        long job = enqueue(first, project, "{\"max_items\":3}");
        Eventually.await("the first item's validation to start", WAIT, () -> Files.exists(started));

        CompletableFuture<Void> closing = CompletableFuture.runAsync(firstHub::close);
        // close() raises the workers' stop flag before it stops the listener: once the listener is gone, the flag is up
        Eventually.await("the first hub's listener to stop", WAIT, () -> {
            try {
                first.get("/health/live");
                return false;
            } catch (AssertionError refused) {
                return true;
            }
        });
        Files.writeString(go, "go");
        closing.get();

        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement read = connection.prepareStatement(
                     "SELECT status, attempts, worker_id, started_at FROM orchestration.autopilot_jobs WHERE id = ?")) {
            read.setLong(1, job);
            try (ResultSet row = read.executeQuery()) {
                assertThat(row.next()).isTrue();
                assertThat(row.getString("status")).isEqualTo("queued");
                assertThat(row.getInt("attempts")).as("the attempt is given back").isZero();
                assertThat(row.getString("worker_id")).isNull();
                assertThat(row.getObject("started_at")).isNull();
            }
        }
        HttpProbe second = workerHub(Map.of(), "worker-test-g");
        JsonNode done = awaitStatus(second, project, job, "completed");
        assertThat(done.get("worker_id").asText()).isEqualTo("worker-test-g");
        assertThat(done.get("attempts").asInt()).isEqualTo(1);
        assertThat(done.get("created_prs").asInt()).isEqualTo(2);
        assertThat(ok(second.get("/projects/" + project + "/pull-requests"))).hasSize(3);
        for (long item : items) {
            assertThat(item(second, project, item).get("status").asText()).isEqualTo("done");
        }
    }

    @Test
    void twoHundredJobsOnTwoInstancesWithTwoWorkersEachRunExactlyOnce() throws Exception {
        HttpProbe setup = workerHub(Map.of("AGENT_HUB_JOB_WORKER_ENABLED", "0"), "worker-unused-3");
        int projects = 4;
        List<Long> projectIds = new ArrayList<>();
        List<Long> items = new ArrayList<>();
        for (int p = 0; p < projects; p++) {
            long project = project(setup);
            projectIds.add(project);
            items.addAll(objective(setup, project));
        }
        Set<Long> jobs = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            jobs.add(enqueue(setup, projectIds.get(i % projects), "{\"max_items\":1}"));
        }
        Map<String, String> twoWorkers = Map.of("AGENT_HUB_JOB_WORKER_CONCURRENCY", "2");
        HttpProbe first = workerHub(twoWorkers, "worker-east");
        workerHub(twoWorkers, "worker-west");

        Eventually.await("every job to complete", Duration.ofMinutes(5), () -> {
            int completed = 0;
            for (long project : projectIds) {
                completed += ok(first.get("/projects/" + project + "/jobs?status=completed&limit=5000")).size();
            }
            return completed == 200;
        });

        Set<String> workers = new HashSet<>();
        int createdPrs = 0;
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement rows = connection.prepareStatement("SELECT id, status, attempts, worker_id, created_prs "
                     + "FROM orchestration.autopilot_jobs WHERE project_id = ANY (?)")) {
            rows.setArray(1, connection.createArrayOf("bigint", projectIds.toArray()));
            try (ResultSet row = rows.executeQuery()) {
                Set<Long> seen = new HashSet<>();
                while (row.next()) {
                    seen.add(row.getLong("id"));
                    assertThat(row.getString("status")).isEqualTo("completed");
                    assertThat(row.getInt("attempts")).as("job %d was claimed once", row.getLong("id")).isEqualTo(1);
                    workers.add(row.getString("worker_id"));
                    createdPrs += row.getInt("created_prs");
                }
                assertThat(seen).isEqualTo(jobs);
            }
        }
        assertThat(workers).isSubsetOf("worker-east-1", "worker-east-2", "worker-west-1", "worker-west-2");
        // each job ran its cycle once: one cycle event per job, and each item became exactly one PR
        int cycles = 0;
        int prs = 0;
        for (long project : projectIds) {
            cycles += (int) types(first, project).stream().filter("autopilot_cycle_completed"::equals).count();
            prs += ok(first.get("/projects/" + project + "/pull-requests")).size();
        }
        assertThat(cycles).isEqualTo(200);
        assertThat(prs).isEqualTo(items.size());
        assertThat(createdPrs).isEqualTo(items.size());
        for (int p = 0; p < projects; p++) {
            for (JsonNode item : ok(first.get("/projects/" + projectIds.get(p) + "/work-items"))) {
                assertThat(item.get("status").asText()).isEqualTo("done");
            }
        }
    }

    /** Marks {@code job} as claimed ten minutes ago (first attempt) by {@code worker}, which died mid-job. */
    private void claimedByADeadWorker(long job, String worker) throws Exception {
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement claim = connection.prepareStatement("UPDATE orchestration.autopilot_jobs SET "
                     + "status = 'running', attempts = 1, worker_id = ?, "
                     + "started_at = now() - interval '10 minutes' WHERE id = ?")) {
            claim.setString(1, worker);
            claim.setLong(2, job);
            assertThat(claim.executeUpdate()).isEqualTo(1);
        }
    }

    /** A validation command that marks its start, then waits until {@code go} exists. */
    private static String gate(Path started, Path go) {
        return "touch '" + started + "'; while [ ! -f '" + go + "' ]; do sleep 0.05; done";
    }
}
