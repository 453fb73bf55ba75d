package dev.agenthub.it.bdh;

import dev.agenthub.it.support.HttpProbe.Response;
import dev.agenthub.it.support.TestSql;
import dev.agenthub.it.support.V1Client;
import dev.agenthub.it.support.Worktrees;
import dev.agenthub.it.support.Worktrees.Worktree;
import dev.agenthub.persistence.testing.TestDatabase;
import dev.agenthub.persistence.testing.TestInfrastructure;
import dev.agenthub.server.AgentHub;
import dev.agenthub.server.HubConfig;
import dev.agenthub.testkit.Eventually;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static dev.agenthub.it.support.Worktrees.issue;
import static dev.agenthub.it.support.Worktrees.jsonl;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Exactly-once notifications (§7): two hub instances on one PostgreSQL, each running the background outbox
 * processor. One sync through instance B changes the status of 1,000 watched beads, which records 1,000 outbox
 * rows in the sync's transaction; B's inline run and both background processors then deliver them. Instance A is
 * killed mid-batch: a delivery hook holds A's 10th row open (taken, locked and marked processing, uncommitted)
 * until the test has seen it held and closes A, whose processor thread is interrupted inside that row's
 * transaction. The assertions need no timing: exactly 1,000 mails in {@code protocol.messages}, one per bead
 * (distinct thread ids), 1,000 completed rows each pointing at a distinct existing message, and the row A held
 * delivered once by B with its interrupted attempt rolled back.
 */
@ExtendWith(TestInfrastructure.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoInstanceNotificationOutboxTest {

    private static final int BEADS = 1_000;
    private static final int KILL_AT = 10;

    private final List<AgentHub> hubs = new ArrayList<>();

    @AfterAll
    void stop() {
        hubs.forEach(AgentHub::close);
    }

    @Test
    void thousandStatusChangesGiveThousandMailsAcrossTwoProcessorsWithOneKilledMidBatch(TestDatabase database)
            throws Exception {
        Map<String, String> environment = Map.of(
                "AGENT_HUB_PORT", "0",
                "AGENT_HUB_DATABASE_URL", TestSql.urlWithCredentials(database.url()),
                "AGENT_HUB_INIT_RATE_LIMIT", "1000000");
        AtomicInteger takenByA = new AtomicInteger();
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        AtomicReference<UUID> heldRow = new AtomicReference<>();
        AgentHub a = AgentHub.builder().config(HubConfig.fromEnvironment(environment))
                .notificationProcessorInterval(Duration.ofMillis(20))
                .beforeNotificationDelivery(row -> {
                    if (takenByA.incrementAndGet() == KILL_AT) {
                        heldRow.set(row.id());
                        held.countDown();
                        try {
                            never.await(); // until the hub is closed: its processor thread is interrupted here
                        } catch (InterruptedException killed) {
                            Thread.currentThread().interrupt();
                        }
                        throw new IllegalStateException("processor killed mid-row");
                    }
                }).build().start();
        hubs.add(a);
        AgentHub b = AgentHub.builder().config(HubConfig.fromEnvironment(environment))
                .notificationProcessorInterval(Duration.ofMillis(20)).build().start();
        hubs.add(b);
        Worktrees viaA = new Worktrees(new V1Client(a.url()));
        Worktrees viaB = new Worktrees(new V1Client(b.url()));
        V1Client clientA = new V1Client(a.url());
        String origin = "git@github.com:outbox/app.git";
        Worktree writer = viaB.init("outbox-race", "writer", "Writer", origin, "developer");
        Worktree watcher = viaA.init("outbox-race", "watcher", "Watcher", origin, "developer");
        for (int i = 0; i < BEADS; i++) { // no repo: matches any repo of the project (§14 F4)
            Response subscribed = clientA.post("/v1/subscriptions", "{\"workspace_id\":\"" + watcher.workspaceId()
                    + "\",\"bead_id\":\"ob-" + i + "\"}", watcher.bearer());
            assertThat(subscribed.status()).as(subscribed.body()).isEqualTo(200);
        }
        assertThat(viaB.fullSync(writer, issues("open"), null).status()).isEqualTo(200); // new issues: no rows
        assertThat(count(database, "SELECT count(*) FROM hub.notification_outbox")).isZero();

        Response closed = viaB.fullSync(writer, issues("closed"), null);
        assertThat(closed.status()).as(closed.body()).isEqualTo(200);
        assertThat(held.await(120, TimeUnit.SECONDS)).as("instance A took its %dth row", KILL_AT).isTrue();
        // A holds a row mid-batch (taken, uncommitted); kill it
        a.close();
        Eventually.await("every outbox row completed", Duration.ofSeconds(120), () -> count(database,
                "SELECT count(*) FROM hub.notification_outbox WHERE status <> 'completed'") == 0);

        UUID project = UUID.fromString(watcher.projectId());
        assertThat(count(database, "SELECT count(*) FROM hub.notification_outbox WHERE project_id = ?", project))
                .isEqualTo(BEADS);
        assertThat(count(database, "SELECT count(*) FROM protocol.messages WHERE to_agent_id = ?",
                UUID.fromString(watcher.workspaceId()))).isEqualTo(BEADS);
        assertThat(count(database, "SELECT count(DISTINCT thread_id) FROM protocol.messages WHERE to_agent_id = ?",
                UUID.fromString(watcher.workspaceId()))).isEqualTo(BEADS);
        assertThat(count(database, "SELECT count(DISTINCT subject) FROM protocol.messages WHERE to_agent_id = ?",
                UUID.fromString(watcher.workspaceId()))).isEqualTo(BEADS);
        assertThat(count(database, """
                SELECT count(DISTINCT o.message_id) FROM hub.notification_outbox o
                JOIN protocol.messages m ON m.message_id = o.message_id AND m.to_agent_id = o.recipient_workspace
                WHERE o.project_id = ?""", project)).isEqualTo(BEADS);
        // the held row: delivered once, by the survivor; the killed attempt left no trace
        assertThat(TestSql.rows(database.dataSource(),
                "SELECT status, attempts::text FROM hub.notification_outbox WHERE outbox_id = ?", heldRow.get()))
                .containsExactly(List.of("completed", "1"));
        List<List<String>> attempts = TestSql.rows(database.dataSource(),
                "SELECT attempts::text, count(*)::text FROM hub.notification_outbox GROUP BY attempts");
        System.out.printf("outbox race: %d rows, instance A took %d (killed at its %dth), attempts %s%n",
                BEADS, takenByA.get(), KILL_AT, attempts);
        assertThat(attempts).containsExactly(List.of("1", String.valueOf(BEADS)));
    }

    private static String issues(String status) {
        String[] lines = new String[BEADS];
        for (int i = 0; i < BEADS; i++) {
            lines[i] = issue("id", "ob-" + i, "title", "Bead " + i, "status", status);
        }
        return jsonl(lines);
    }

    private static long count(TestDatabase database, String sql, Object... parameters) {
        return Long.parseLong(TestSql.rows(database.dataSource(), sql, parameters).getFirst().getFirst());
    }
}
