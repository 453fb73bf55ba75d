package dev.agenthub.orchestration.workitems;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agenthub.orchestration.agents.Agent;
import dev.agenthub.orchestration.agents.AgentRole;
import dev.agenthub.orchestration.agents.AgentStatus;
import dev.agenthub.orchestration.projects.Project;
import dev.agenthub.orchestration.testing.InMemoryAutopilot;
import dev.agenthub.protocol.fakes.FakeTransactionRunner;
import dev.agenthub.protocol.fakes.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LeaseSweepTest {

    private static final Instant T0 = Instant.parse("2026-02-12T09:30:00Z");

    private final InMemoryAutopilot db = new InMemoryAutopilot();
    private final MutableClock clock = new MutableClock(T0);
    private final FakeTransactionRunner tx = new FakeTransactionRunner();
    private final LeaseSweep sweep = new LeaseSweep(tx, clock, db.items, db.events);
    private Project project;
    private Agent coder;
    private List<WorkItem> items;

    @BeforeEach
    void seed() {
        project = db.projects.insert("demo", "/tmp/demo.git", "main", T0).orElseThrow();
        coder = db.agents.insert(project.id(), "Forge Coder", AgentRole.CODER, AgentStatus.ACTIVE, 5, "", T0);
        items = db.items.insertAll(project.id(), IntStream.rangeClosed(1, 3)
                .mapToObj(i -> new NewWorkItem("Implement: part " + i, "d", i, "system", "the objective"))
                .toList(), T0);
    }

    private void claim(int index, String claimant, Duration lease) {
        db.items.claim(project.id(), items.get(index).id(), coder.id(), claimant, T0.plus(lease), T0);
    }

    @Test
    void expiredLeasesReturnToTheBacklogAndAreLoggedInOneTransaction() {
        claim(0, "job-7", Duration.ofSeconds(60));
        claim(1, "sync:req-1", Duration.ofSeconds(900));
        clock.advance(Duration.ofSeconds(61));

        List<WorkItem> released = sweep.sweep();

        assertThat(released).extracting(WorkItem::id).containsExactly(items.get(0).id());
        WorkItem first = db.items.get(items.get(0).id());
        assertThat(first.status()).isEqualTo(WorkItemStatus.BACKLOG);
        assertThat(first.claimedBy()).isEmpty();
        assertThat(first.leaseExpiresAt()).isEmpty();
        WorkItem second = db.items.get(items.get(1).id());
        assertThat(second.status()).isEqualTo(WorkItemStatus.IN_PROGRESS);
        assertThat(second.claimedBy()).contains("sync:req-1");
        assertThat(db.items.get(items.get(2).id()).status()).isEqualTo(WorkItemStatus.BACKLOG);
        assertThat(db.events.lines()).containsExactly("work_item_lease_expired {\"work_item_id\": "
                + items.get(0).id() + ", \"claimed_by\": \"job-7\"}");
        assertThat(db.events.rows.get(0).projectId()).isEqualTo(project.id());
        assertThat(db.events.rows.get(0).createdAt()).isEqualTo(T0.plusSeconds(61));
        assertThat(tx.commits()).isEqualTo(1);
    }

    @Test
    void aLeaseEndingExactlyNowIsExpiredAndASecondSweepFindsNothing() {
        claim(0, "job-1", Duration.ofSeconds(30));
        claim(2, "job-2", Duration.ofSeconds(30));
        clock.advance(Duration.ofSeconds(30));

        assertThat(sweep.sweep()).extracting(WorkItem::claimedBy)
                .containsExactly(java.util.Optional.of("job-1"), java.util.Optional.of("job-2"));
        assertThat(sweep.sweep()).isEmpty();
        assertThat(db.events.types()).containsExactly("work_item_lease_expired", "work_item_lease_expired");
    }

    @Test
    void nothingExpiredLogsNothing() {
        claim(0, "job-1", Duration.ofSeconds(30));
        clock.advance(Duration.ofSeconds(29));

        assertThat(sweep.sweep()).isEmpty();
        assertThat(db.events.rows).isEmpty();
        assertThat(db.items.get(items.get(0).id()).status()).isEqualTo(WorkItemStatus.IN_PROGRESS);
    }
}
