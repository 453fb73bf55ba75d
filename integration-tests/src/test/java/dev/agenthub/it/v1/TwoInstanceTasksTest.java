package dev.agenthub.it.v1;

import dev.agenthub.it.support.HttpProbe.Response;
import dev.agenthub.it.support.HubSeeds;
import dev.agenthub.it.support.HubSeeds.Worktree;
import dev.agenthub.it.support.TestSql;
import dev.agenthub.it.support.V1Client;
import dev.agenthub.it.support.V1Hubs;
import dev.agenthub.persistence.testing.TestDatabase;
import dev.agenthub.persistence.testing.TestInfrastructure;
import dev.agenthub.server.AgentHub;
import dev.agenthub.testkit.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import java.util.stream.LongStream;

import static dev.agenthub.it.support.V1Client.json;
import static dev.agenthub.it.support.V1Client.ordered;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two hub instances on one PostgreSQL (wire spec §4.8): creates racing through both get distinct, gap-free
 * numbers from the project's counter, and dependency inserts racing through both can never close a cycle,
 * because the cycle check and the insert run under the project's dependency lock.
 */
@ExtendWith(TestInfrastructure.class)
class TwoInstanceTasksTest {

    private static final int CREATES = 40;
    private static final int PAIRS = 15;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T08:00:00.000001Z"));

    /** Runs every call at once (after one latch) and answers their results in order. */
    private static <T> List<T> together(List<Supplier<T>> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (Supplier<T> call : calls) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.get();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void concurrentCreatesGetDistinctGapFreeNumbers(TestDatabase database) throws Exception {
        try (AgentHub a = V1Hubs.start(database, clock, Map.of()); AgentHub b = V1Hubs.start(database, clock, Map.of())) {
            List<V1Client> clients = List.of(new V1Client(a.url()), new V1Client(b.url()));
            Worktree alice = new HubSeeds(clients.get(0), database.dataSource()).worktree("two-task-numbers",
                    "git@github.com:two-task-numbers/app.git", "alice", "Ada");
            List<Supplier<Response>> calls = new ArrayList<>();
            for (int i = 0; i < CREATES; i++) {
                V1Client client = clients.get(i % 2);
                String title = "t" + i;
                calls.add(() -> client.post("/v1/tasks", json(ordered("title", title)), alice.bearer()));
            }
            List<Long> numbers = new ArrayList<>();
            for (Response response : together(calls)) {
                assertThat(response.status()).as(response.body()).isEqualTo(200);
                numbers.add(response.json().get("task_number").asLong());
            }
            assertThat(numbers).containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, CREATES).boxed().toList());
            assertThat(TestSql.rows(database.dataSource(),
                    "SELECT last_number::text FROM hub.task_counters WHERE project_id = ?", UUID.fromString(alice.projectId())))
                    .containsExactly(List.of(String.valueOf(CREATES)));
        }
    }

    @Test
    void concurrentDependenciesCannotFormACycle(TestDatabase database) throws Exception {
        try (AgentHub a = V1Hubs.start(database, clock, Map.of()); AgentHub b = V1Hubs.start(database, clock, Map.of())) {
            V1Client onA = new V1Client(a.url());
            V1Client onB = new V1Client(b.url());
            Worktree alice = new HubSeeds(onA, database.dataSource()).worktree("two-task-deps",
                    "git@github.com:two-task-deps/app.git", "alice", "Ada");
            for (int i = 0; i < 2 * PAIRS + 3; i++) {
                assertThat(onA.post("/v1/tasks", json(ordered("title", "t" + i)), alice.bearer()).status()).isEqualTo(200);
            }
            // each pair (x, y): x -> y on one instance and y -> x on the other, at once
            List<Supplier<Response>> calls = new ArrayList<>();
            for (int p = 0; p < PAIRS; p++) {
                int x = 2 * p + 1;
                int y = 2 * p + 2;
                calls.add(() -> onA.post("/v1/tasks/" + x + "/deps", json(ordered("depends_on", String.valueOf(y))),
                        alice.bearer()));
                calls.add(() -> onB.post("/v1/tasks/" + y + "/deps", json(ordered("depends_on", String.valueOf(x))),
                        alice.bearer()));
            }
            // and a triangle closing through both instances
            int first = 2 * PAIRS + 1;
            calls.add(() -> onA.post("/v1/tasks/" + first + "/deps", json(ordered("depends_on", String.valueOf(first + 1))),
                    alice.bearer()));
            calls.add(() -> onB.post("/v1/tasks/" + (first + 1) + "/deps",
                    json(ordered("depends_on", String.valueOf(first + 2))), alice.bearer()));
            calls.add(() -> onA.post("/v1/tasks/" + (first + 2) + "/deps", json(ordered("depends_on", String.valueOf(first))),
                    alice.bearer()));
            List<Response> results = together(calls);
            for (int p = 0; p < PAIRS; p++) {
                List<Integer> statuses = List.of(results.get(2 * p).status(), results.get(2 * p + 1).status());
                assertThat(statuses).as("pair %d", p).containsExactlyInAnyOrder(200, 422);
            }
            List<Response> triangle = results.subList(2 * PAIRS, results.size());
            assertThat(triangle.stream().filter(r -> r.status() == 422).toList()).hasSize(1)
                    .allSatisfy(r -> assertThat(r.body()).isEqualTo("{\"detail\":\"Dependency would create a cycle\"}"));
            assertThat(TestSql.rows(database.dataSource(), """
                    WITH RECURSIVE walk(start, task_id, cyclic) AS (
                        SELECT d.task_id, d.depends_on_task_id, d.task_id = d.depends_on_task_id
                        FROM hub.task_dependencies d JOIN hub.tasks t ON t.task_id = d.task_id WHERE t.project_id = ?
                      UNION
                        SELECT w.start, d.depends_on_task_id, d.depends_on_task_id = w.start
                        FROM walk w JOIN hub.task_dependencies d ON d.task_id = w.task_id WHERE NOT w.cyclic)
                    SELECT count(*)::text FROM walk WHERE cyclic""", UUID.fromString(alice.projectId())))
                    .containsExactly(List.of("0"));
        }
    }
}
