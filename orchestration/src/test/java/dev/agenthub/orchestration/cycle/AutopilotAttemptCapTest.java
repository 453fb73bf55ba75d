package dev.agenthub.orchestration.cycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agenthub.orchestration.agents.AgentRole;
import dev.agenthub.orchestration.agents.AgentStatus;
import dev.agenthub.orchestration.projects.Project;
import dev.agenthub.orchestration.pulls.MergeRoutine;
import dev.agenthub.orchestration.testing.FakeGit;
import dev.agenthub.orchestration.testing.InMemoryAutopilot;
import dev.agenthub.orchestration.testing.ScriptedProvider;
import dev.agenthub.orchestration.validation.Validation;
import dev.agenthub.orchestration.validation.port.CommandRunner;
import dev.agenthub.orchestration.workitems.NewWorkItem;
import dev.agenthub.orchestration.workitems.WorkItem;
import dev.agenthub.orchestration.workitems.WorkItemStatus;
import dev.agenthub.protocol.fakes.FakeTransactionRunner;
import dev.agenthub.protocol.fakes.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code AGENT_HUB_WORK_ITEM_MAX_ATTEMPTS}: the cycle stops selecting an item once its claims reached the cap. */
class AutopilotAttemptCapTest {

    private static final Instant T0 = Instant.parse("2026-02-12T09:30:00Z");
    private static final String EXHAUSTED = "work_item_attempts_exhausted {\"work_item_id\": 1, \"attempts\": 2}";

    private final InMemoryAutopilot db = new InMemoryAutopilot();
    private final FakeGit git = new FakeGit();
    private final MutableClock clock = new MutableClock(T0);
    private final ScriptedProvider provider = new ScriptedProvider();
    private Project project;
    private WorkItem item;

    @BeforeEach
    void seed() {
        project = db.projects.insert("demo", "/tmp/demo.git", "main", T0).orElseThrow();
        db.agents.insert(project.id(), "Forge Coder", AgentRole.CODER, AgentStatus.ACTIVE, 2, "", T0);
        item = db.items.insertAll(project.id(), List.of(new NewWorkItem("Scope: part 1", "d", 1, "system", "o")), T0)
                .get(0);
        git.failCommit.add("agent/1-scope-part-1");
    }

    private CycleResult run(int maxAttempts) {
        AutopilotCycle cycle = new AutopilotCycle(new FakeTransactionRunner(), clock, db.projects, db.agents,
                db.policies, db.items, db.runs, db.pulls, db.reviews, db.events, git,
                new MergeRoutine(git, db.pulls, db.events, false),
                new Validation(Optional.empty(), false, Duration.ofSeconds(60),
                        (command, directory, timeout) -> new CommandRunner.Outcome(0, "", false)),
                Duration.ofSeconds(900), maxAttempts);
        return cycle.run(new CycleRequest(project.id(), 5, provider, "sync:req-1", Optional.empty()));
    }

    @Test
    void aCapOfTwoStopsSelectingTheItemAfterTwoGitFailuresAndLogsTheExhaustionOnce() {
        assertThat(run(2).selectedItems()).isEqualTo(1);
        assertThat(db.items.get(item.id()).attempts()).isEqualTo(1);
        assertThat(db.events.lines()).doesNotContain(EXHAUSTED);

        assertThat(run(2).selectedItems()).isEqualTo(1);
        assertThat(db.items.get(item.id()).attempts()).isEqualTo(2);
        assertThat(db.events.lines()).containsOnlyOnce(EXHAUSTED);

        CycleResult third = run(2);

        assertThat(third.selectedItems()).isZero();
        assertThat(db.items.get(item.id()).status()).isEqualTo(WorkItemStatus.BACKLOG);
        assertThat(db.items.get(item.id()).attempts()).isEqualTo(2);
        assertThat(db.events.lines()).containsOnlyOnce(EXHAUSTED);
        assertThat(db.events.lines()).last()
                .isEqualTo("autopilot_cycle_completed {\"processed_items\": 0, \"created_prs\": 0, \"merged_prs\": 0}");
        assertThat(db.runs.rows).hasSize(2);
    }

    @Test
    void noCapRetriesTheItemEveryCycle() {
        for (int i = 1; i <= 3; i++) {
            assertThat(run(0).selectedItems()).isEqualTo(1);
        }
        assertThat(db.items.get(item.id()).attempts()).isEqualTo(3);
        assertThat(db.runs.rows).hasSize(3);
        assertThat(db.events.lines()).noneMatch(line -> line.startsWith("work_item_attempts_exhausted"));
    }

    @Test
    void aManualAssignDoesNotResetTheAttempts() {
        run(1);
        long other = db.agents.insert(project.id(), "Second Coder", AgentRole.CODER, AgentStatus.ACTIVE, 2, "", T0)
                .id();
        db.items.assign(project.id(), item.id(), other, T0);

        assertThat(db.items.get(item.id()).attempts()).isEqualTo(1);
        assertThat(run(1).selectedItems()).isZero();
    }
}
