package dev.agenthub.it.autopilot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agenthub.it.support.HttpProbe;
import dev.agenthub.orchestration.workitems.WorkItem;
import dev.agenthub.persistence.orchestration.JooqWorkItemStore;
import dev.agenthub.server.AgentHub;
import dev.agenthub.server.HubConfig;
import dev.agenthub.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/**
 * The work-item lease sweep of §14 D1 on a real hub and PostgreSQL: claims are taken through the jOOQ store with a
 * lease, the hub's clock moves past it, and the sweep (run directly, or by the hub's own schedule) returns the item
 * to the backlog and logs {@code work_item_lease_expired}, visible in {@code GET /projects/{id}/events}.
 */
class LeaseSweepWireTest extends AutopilotHubTest {

    private static final Instant T0 = Instant.parse("2026-03-04T10:00:00Z");

    private final MutableClock clock = new MutableClock(T0);
    private AgentHub hub;
    private HttpProbe http;
    private JooqWorkItemStore store;

    private void start(Duration sweepInterval) {
        Map<String, String> variables = new HashMap<>();
        variables.put("AGENT_HUB_PORT", "0");
        variables.put("AGENT_HUB_WORKSPACES", workspaces().toString());
        hub = AgentHub.builder()
                .config(HubConfig.fromEnvironment(variables))
                .dataSource(database.dataSource())
                .clock(clock)
                .leaseSweepInterval(sweepInterval)
                .build()
                .start();
        hubs.add(hub);
        http = new HttpProbe(hub.url());
        store = new JooqWorkItemStore(() -> DSL.using(database.dataSource(), SQLDialect.POSTGRES));
    }

    private long coder(long projectId) {
        for (JsonNode agent : ok(http.get("/projects/" + projectId + "/agents"))) {
            if (agent.get("role").asText().equals("coder")) {
                return agent.get("id").asLong();
            }
        }
        throw new AssertionError("no coder");
    }

    private void claim(long projectId, long itemId, long agentId, String claimant, Duration lease) {
        assertThat(store.claim(projectId, itemId, agentId, claimant, clock.instant().plus(lease), clock.instant()))
                .isPresent();
    }

    private static List<String> leaseEvents(HttpProbe http, long projectId) {
        return events(http, projectId).stream().filter(e -> e.startsWith("work_item_lease_expired ")).toList();
    }

    @Test
    void anExpiredLeaseReturnsTheItemToTheBacklogAndAnUnexpiredOneIsUntouched() {
        start(Duration.ofHours(1)); // the schedule stays out of the way: this test runs the sweep itself
        long project = project(http);
        List<Long> items = objective(http, project);
        long coder = coder(project);
        claim(project, items.get(0), coder, "job-77", Duration.ofSeconds(60));
        claim(project, items.get(1), coder, "sync:req-5", Duration.ofSeconds(900));

        clock.advance(Duration.ofSeconds(59));
        assertThat(hub.autopilot().leaseSweep().sweep()).noneMatch(w -> w.projectId() == project);
        assertThat(item(http, project, items.get(0)).get("status").asText()).isEqualTo("in_progress");

        clock.advance(Duration.ofSeconds(2));
        List<WorkItem> released = hub.autopilot().leaseSweep().sweep();

        assertThat(released).filteredOn(w -> w.projectId() == project).extracting(WorkItem::id)
                .containsExactly(items.get(0));
        WorkItem swept = store.find(project, items.get(0)).orElseThrow();
        assertThat(swept.claimedBy()).isEmpty();
        assertThat(swept.leaseExpiresAt()).isEmpty();
        assertThat(swept.assignedAgentId()).contains(coder);
        assertThat(swept.updatedAt()).isEqualTo(T0.plusSeconds(61));
        assertThat(item(http, project, items.get(0)).get("status").asText()).isEqualTo("backlog");

        WorkItem untouched = store.find(project, items.get(1)).orElseThrow();
        assertThat(untouched.claimedBy()).contains("sync:req-5");
        assertThat(untouched.leaseExpiresAt()).contains(T0.plusSeconds(900));
        assertThat(item(http, project, items.get(1)).get("status").asText()).isEqualTo("in_progress");
        assertThat(item(http, project, items.get(2)).get("status").asText()).isEqualTo("backlog");

        assertThat(leaseEvents(http, project)).containsExactly("work_item_lease_expired {\"work_item_id\": "
                + items.get(0) + ", \"claimed_by\": \"job-77\"}");
        JsonNode newest = ok(http.get("/projects/" + project + "/events?limit=1")).get(0);
        assertThat(newest.get("event_type").asText()).isEqualTo("work_item_lease_expired");
        assertThat(newest.get("created_at").asText()).startsWith("2026-03-04T10:01:01");

        // a second sweep finds nothing more to release, and the released item is a candidate again
        assertThat(hub.autopilot().leaseSweep().sweep()).noneMatch(w -> w.projectId() == project);
        JsonNode cycle = run(http, project, 1);
        assertThat(cycle.get("created_prs").get(0).get("work_item_id").asLong()).isEqualTo(items.get(0));
        assertThat(leaseEvents(http, project)).hasSize(1);
    }

    @Test
    void theHubSweepsOnItsOwnSchedule() throws InterruptedException {
        start(Duration.ofMillis(50));
        long project = project(http);
        List<Long> items = objective(http, project);
        claim(project, items.get(2), coder(project), "job-9", Duration.ofSeconds(30));
        clock.advance(Duration.ofSeconds(31));

        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (leaseEvents(http, project).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }

        assertThat(leaseEvents(http, project)).containsExactly("work_item_lease_expired {\"work_item_id\": "
                + items.get(2) + ", \"claimed_by\": \"job-9\"}");
        assertThat(item(http, project, items.get(2)).get("status").asText()).isEqualTo("backlog");
        assertThat(store.find(project, items.get(2)).orElseThrow().claimedBy()).isEmpty();
    }
}
