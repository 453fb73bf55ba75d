package dev.agenthub.orchestration.cycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agenthub.orchestration.agents.Agent;
import dev.agenthub.orchestration.agents.AgentRole;
import dev.agenthub.orchestration.agents.AgentStatus;
import dev.agenthub.orchestration.policy.PolicySettings;
import dev.agenthub.orchestration.projects.Project;
import dev.agenthub.orchestration.pulls.MergeRoutine;
import dev.agenthub.orchestration.pulls.PullRequest;
import dev.agenthub.orchestration.pulls.PullRequestStatus;
import dev.agenthub.orchestration.runs.AgentRun;
import dev.agenthub.orchestration.runs.RunStatus;
import dev.agenthub.orchestration.testing.FakeGit;
import dev.agenthub.orchestration.validation.Validation;
import dev.agenthub.orchestration.validation.port.CommandRunner;
import dev.agenthub.orchestration.testing.InMemoryAutopilot;
import dev.agenthub.orchestration.testing.ScriptedProvider;
import dev.agenthub.orchestration.workitems.NewWorkItem;
import dev.agenthub.orchestration.workitems.WorkItem;
import dev.agenthub.orchestration.workitems.WorkItemStatus;
import dev.agenthub.protocol.fakes.FakeTransactionRunner;
import dev.agenthub.protocol.fakes.MutableClock;
import dev.agenthub.protocol.kernel.error.DomainError;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AutopilotCycleTest {

    private static final Instant T0 = Instant.parse("2026-02-12T09:30:00Z");

    private final InMemoryAutopilot db = new InMemoryAutopilot();
    private final FakeGit git = new FakeGit();
    private final MutableClock clock = new MutableClock(T0);
    private final ScriptedProvider provider = new ScriptedProvider();
    private boolean testsPass = true;
    private Project project;
    private Agent coder;
    private Agent reviewer;
    private Agent tester;

    private AutopilotCycle cycle(boolean autoPush) {
        FakeTransactionRunner tx = new FakeTransactionRunner();
        return new AutopilotCycle(tx, clock, db.projects, db.agents, db.policies, db.items, db.runs, db.pulls,
                db.reviews, db.events, git, new MergeRoutine(git, db.pulls, db.events, autoPush),
                new Validation(Optional.of("make test"), false, Duration.ofSeconds(60),
                        (command, directory, timeout) -> new CommandRunner.Outcome(testsPass ? 0 : 2, "boom", false)),
                Duration.ofSeconds(900));
    }

    @BeforeEach
    void seed() {
        project = db.projects.insert("demo", "/tmp/demo.git", "main", T0).orElseThrow();
        coder = db.agents.insert(project.id(), "Forge Coder", AgentRole.CODER, AgentStatus.ACTIVE, 2, "", T0);
        reviewer = db.agents.insert(project.id(), "Sentinel Reviewer", AgentRole.REVIEWER, AgentStatus.ACTIVE, 2, "",
                T0);
        tester = db.agents.insert(project.id(), "Probe Tester", AgentRole.TESTER, AgentStatus.ACTIVE, 2, "", T0);
    }

    private List<WorkItem> items(int n) {
        return db.items.insertAll(project.id(), IntStream.rangeClosed(1, n)
                .mapToObj(i -> new NewWorkItem((i == 1 ? "Scope: " : "Implement: ") + "part " + i, "d", Math.min(i, 5),
                        "system", "the objective"))
                .toList(), T0);
    }

    private CycleResult run(int maxItems) {
        return cycle(false).run(new CycleRequest(project.id(), maxItems, provider, "sync:req-1", Optional.empty()));
    }

    private void policy(PolicySettings settings) {
        db.policies.update(project.id(), settings);
    }

    @Test
    void aPassingRunCommitsReviewsAndMergesEveryItem() {
        List<WorkItem> created = items(3);

        CycleResult result = run(3);

        assertThat(result.processedItems()).isEqualTo(3);
        assertThat(result.selectedItems()).isEqualTo(3);
        assertThat(result.mergedPullRequestIds()).containsExactly(1L, 2L, 3L);
        assertThat(result.createdPullRequests()).extracting(PullRequest::status)
                .containsOnly(PullRequestStatus.MERGED);
        assertThat(result.reviews()).hasSize(6);
        PullRequest first = db.pulls.get(1);
        assertThat(first.title()).isEqualTo("[agent] Scope: part 1");
        assertThat(first.sourceBranch()).isEqualTo("agent/" + created.get(0).id() + "-scope-part-1");
        assertThat(first.description()).isEqualTo("Autonomous agent delivery with real git branch and commit.\n\n"
                + "- branch: agent/1-scope-part-1\n- commit: sha1\n- merged_sha: merge2");
        assertThat(first.createdByAgentId()).contains(coder.id());
        assertThat(created).allSatisfy(item -> {
            WorkItem now = db.items.get(item.id());
            assertThat(now.status()).isEqualTo(WorkItemStatus.DONE);
            assertThat(now.claimedBy()).isEmpty();
            assertThat(now.completedAt()).isPresent();
        });
        AgentRun run = db.runs.rows.get(0);
        assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(run.summary()).isEqualTo("Forge Coder completed git-backed implementation for work item #1. "
                + "Wrote 1 file. Validation command succeeded: `make test`.");
        assertThat(run.patch()).isEqualTo("diff of agent/1-scope-part-1");
        assertThat(db.events.lines()).containsExactly(
                "pr_merged {\"pull_request_id\": 1, \"work_item_id\": 1, \"approvals\": 2, \"merged_sha\": \"merge2\"}",
                "pr_merged {\"pull_request_id\": 2, \"work_item_id\": 2, \"approvals\": 2, \"merged_sha\": \"merge4\"}",
                "pr_merged {\"pull_request_id\": 3, \"work_item_id\": 3, \"approvals\": 2, \"merged_sha\": \"merge6\"}",
                "autopilot_cycle_completed {\"processed_items\": 3, \"created_prs\": 3, \"merged_prs\": 3}");
        assertThat(git.log).startsWith("overview", "commit agent/1-scope-part-1 agent: implement work item 1",
                "merge agent/1-scope-part-1");
        assertThat(provider.asked.get(0).agentName()).isEqualTo("Forge Coder");
    }

    @Test
    void autoPushIsPassedToTheMerge() {
        items(1);
        cycle(true).run(new CycleRequest(project.id(), 1, provider, "sync:x", Optional.empty()));
        assertThat(git.log).contains("merge agent/1-scope-part-1 push");
    }

    @Test
    void failingValidationLeavesOpenPullRequestsInReview() {
        items(2);
        testsPass = false;

        CycleResult result = run(3);

        assertThat(result.processedItems()).isEqualTo(2);
        assertThat(result.mergedPullRequestIds()).isEmpty();
        assertThat(db.pulls.all()).allSatisfy(pr -> {
            assertThat(pr.status()).isEqualTo(PullRequestStatus.OPEN);
            assertThat(pr.checksPassed()).isFalse();
        });
        assertThat(db.items.get(1).status()).isEqualTo(WorkItemStatus.REVIEW);
        assertThat(db.items.get(1).claimedBy()).isEmpty();
        assertThat(db.events.lines()).containsExactly(
                "pr_opened {\"pull_request_id\": 1, \"work_item_id\": 1, \"approvals\": 1, \"checks_passed\": false}",
                "pr_opened {\"pull_request_id\": 2, \"work_item_id\": 2, \"approvals\": 1, \"checks_passed\": false}",
                "autopilot_cycle_completed {\"processed_items\": 2, \"created_prs\": 2, \"merged_prs\": 0}");
        assertThat(db.runs.rows.get(0).testsPassed()).isFalse();
    }

    @Test
    void requireTestPassOffMergesDespiteFailingTestsWhenApprovalsSuffice() {
        items(1);
        testsPass = false;
        policy(new PolicySettings(true, true, true, true, 1, false));
        assertThat(run(1).mergedPullRequestIds()).containsExactly(1L);
    }

    @Test
    void minApprovalsAboveTheReviewersBlocksTheMerge() {
        items(1);
        policy(new PolicySettings(true, true, true, true, 3, true));
        assertThat(run(1).mergedPullRequestIds()).isEmpty();
        assertThat(db.events.types()).containsExactly("pr_opened", "autopilot_cycle_completed");
    }

    @Test
    void autoMergeOffLeavesThePullRequestOpen() {
        items(1);
        policy(new PolicySettings(true, true, true, false, 1, true));
        assertThat(run(1).mergedPullRequestIds()).isEmpty();
        assertThat(db.pulls.get(1).status()).isEqualTo(PullRequestStatus.OPEN);
    }

    @Test
    void autoReviewOffLogsItAndRecordsNoReviews() {
        items(1);
        policy(new PolicySettings(true, true, false, true, 1, true));

        CycleResult result = run(1);

        assertThat(result.reviews()).isEmpty();
        assertThat(db.events.lines()).containsExactly(
                "auto_review_disabled {\"pull_request_id\": 1, \"work_item_id\": 1}",
                "pr_opened {\"pull_request_id\": 1, \"work_item_id\": 1, \"approvals\": 0, \"checks_passed\": true}",
                "autopilot_cycle_completed {\"processed_items\": 1, \"created_prs\": 1, \"merged_prs\": 0}");
    }

    @Test
    void autoAssignOffSkipsUnassignedItemsButImplementsPreAssignedOnes() {
        List<WorkItem> created = items(2);
        db.items.assign(project.id(), created.get(1).id(), coder.id(), T0);
        policy(new PolicySettings(true, false, true, true, 1, true));

        CycleResult result = run(3);

        assertThat(result.processedItems()).isEqualTo(1);
        assertThat(db.items.get(created.get(0).id()).status()).isEqualTo(WorkItemStatus.BACKLOG);
        assertThat(db.items.get(created.get(1).id()).status()).isEqualTo(WorkItemStatus.DONE);
        assertThat(db.events.lines()).first().isEqualTo(
                "work_item_skipped_unassigned {\"work_item_id\": 1, \"reason\": \"auto_assign disabled\"}");
        assertThat(db.events.lines()).last().isEqualTo(
                "autopilot_cycle_completed {\"processed_items\": 2, \"created_prs\": 1, \"merged_prs\": 1}");
    }

    @Test
    void everyCoderAtCapacityDefersTheItem() {
        db.agents.update(project.id(), coder.id(), Optional.empty(), Optional.empty(), Optional.of(1));
        List<WorkItem> created = items(2);
        db.items.claim(project.id(), created.get(0).id(), coder.id(), "job:other", T0.plusSeconds(60), T0);

        CycleResult result = run(3);

        assertThat(result.processedItems()).isZero();
        assertThat(db.items.get(created.get(1).id()).status()).isEqualTo(WorkItemStatus.BACKLOG);
        assertThat(db.events.lines()).containsExactly(
                "work_item_deferred_capacity {\"work_item_id\": 2, \"agent_id\": null, \"max_parallel_tasks\": null}",
                "autopilot_cycle_completed {\"processed_items\": 1, \"created_prs\": 0, \"merged_prs\": 0}");
    }

    @Test
    void aPreAssignedAgentAtCapacityDefersWithItsIdAndLimit() {
        Agent second = db.agents.insert(project.id(), "Second Coder", AgentRole.CODER, AgentStatus.ACTIVE, 1, "", T0);
        List<WorkItem> created = items(2);
        db.items.claim(project.id(), created.get(0).id(), second.id(), "job:other", T0.plusSeconds(60), T0);
        db.items.assign(project.id(), created.get(1).id(), second.id(), T0);

        run(3);

        assertThat(db.events.lines()).first().isEqualTo("work_item_deferred_capacity {\"work_item_id\": 2, "
                + "\"agent_id\": " + second.id() + ", \"max_parallel_tasks\": 1}");
    }

    @Test
    void aGitFailureRecordsAFailedRunReturnsTheItemAndTheCycleGoesOn() {
        items(2);
        git.failCommit.add("agent/1-scope-part-1");

        CycleResult result = run(2);

        assertThat(result.processedItems()).isEqualTo(1);
        AgentRun failed = db.runs.rows.get(0);
        assertThat(failed.status()).isEqualTo(RunStatus.FAILED);
        assertThat(failed.summary()).isEqualTo("Git-backed execution failed: apply failed on agent/1-scope-part-1");
        assertThat(failed.patch()).isEmpty();
        assertThat(db.items.get(1).status()).isEqualTo(WorkItemStatus.BACKLOG);
        assertThat(db.items.get(1).claimedBy()).isEmpty();
        assertThat(db.items.get(2).status()).isEqualTo(WorkItemStatus.DONE);
        assertThat(db.events.lines()).startsWith(
                "work_item_failed {\"work_item_id\": 1, \"error\": \"apply failed on agent/1-scope-part-1\"}",
                "autopilot_item_failed {\"work_item_id\": 1, \"error\": \"apply failed on agent/1-scope-part-1\"}");
        assertThat(db.events.lines()).last().isEqualTo(
                "autopilot_cycle_completed {\"processed_items\": 2, \"created_prs\": 1, \"merged_prs\": 1}");
    }

    @Test
    void aMergeFailureLeavesTheItemInReview() {
        items(1);
        git.failMerge.add("agent/1-scope-part-1");

        CycleResult result = run(1);

        assertThat(result.mergedPullRequestIds()).isEmpty();
        assertThat(db.items.get(1).status()).isEqualTo(WorkItemStatus.REVIEW);
        assertThat(db.pulls.get(1).status()).isEqualTo(PullRequestStatus.OPEN);
        assertThat(db.events.lines()).first().isEqualTo("pr_merge_failed {\"pull_request_id\": 1, "
                + "\"work_item_id\": 1, \"error\": \"conflict merging agent/1-scope-part-1\"}");
    }

    @Test
    void noActiveCoderAbortsBeforeClaimingAnything() {
        items(1);
        db.agents.update(project.id(), coder.id(), Optional.empty(), Optional.of(AgentStatus.PAUSED),
                Optional.empty());

        assertThatThrownBy(() -> run(1)).isInstanceOf(DomainError.Conflict.class)
                .hasMessage("No active coder agent available.");
        assertThat(db.items.get(1).status()).isEqualTo(WorkItemStatus.BACKLOG);
        assertThat(db.events.rows).isEmpty();
    }

    @Test
    void anItemLostToAnotherWorkerIsSkippedSilentlyAndSelectionMakesUpForIt() {
        items(3);
        db.items.beforeClaim = id -> {
            if (id == 1) {
                db.items.beforeClaim = other -> { };
                db.items.claim(project.id(), 1, coder.id(), "job:other", T0.plusSeconds(60), T0);
            }
        };

        CycleResult result = run(2);

        assertThat(result.selectedItems()).isEqualTo(2);
        assertThat(result.createdPullRequests()).extracting(pr -> pr.workItemId().orElseThrow())
                .containsExactly(2L, 3L);
        assertThat(db.items.get(1).claimedBy()).contains("job:other");
    }

    @Test
    void theClaimCarriesTheClaimantAndALeaseOfTheStaleTimeout() {
        items(1);
        testsPass = false;
        WorkItem[] seen = new WorkItem[1];
        git.failMerge.clear();
        db.items.beforeClaim = id -> { };
        CycleResult result = cycle(false).run(new CycleRequest(project.id(), 1, new ScriptedProvider() {
            @Override
            public Proposal synthesize(SynthesisRequest request) {
                seen[0] = db.items.get(request.workItemId());
                return super.synthesize(request);
            }
        }, "sync:req-9", Optional.empty()));
        assertThat(result.processedItems()).isEqualTo(1);
        assertThat(seen[0].status()).isEqualTo(WorkItemStatus.IN_PROGRESS);
        assertThat(seen[0].claimedBy()).contains("sync:req-9");
        assertThat(seen[0].leaseExpiresAt()).contains(T0.plusSeconds(900));
        assertThat(seen[0].assignedAgentId()).contains(coder.id());
    }

    @Test
    void aCanceledJobStopsBeforeTheNextClaim() {
        items(3);
        int[] checks = {0};
        CycleRequest.JobControl job = new CycleRequest.JobControl() {
            @Override
            public long jobId() {
                return 42;
            }

            @Override
            public boolean canceled() {
                return ++checks[0] > 1;
            }
        };

        CycleResult result = cycle(false).run(new CycleRequest(project.id(), 3, provider, "42", Optional.of(job)));

        assertThat(result.canceled()).isTrue();
        assertThat(result.processedItems()).isEqualTo(1);
        assertThat(db.events.lines()).last()
                .isEqualTo("autopilot_cycle_canceled {\"job_id\": 42, \"processed_items\": 1}");
        assertThat(db.items.get(2).status()).isEqualTo(WorkItemStatus.BACKLOG);
    }

    @Test
    void anItemWhoseLeaseWasLostDuringSynthesisIsAbandonedWithoutACommitOrAPullRequest() {
        items(2);
        ScriptedProvider stalling = new ScriptedProvider() {
            @Override
            public Proposal synthesize(SynthesisRequest request) {
                if (request.workItemId() == 1) {
                    // the lease expired meanwhile: the sweep returned the item and another worker claimed it
                    db.items.finishClaim(1, "sync:req-1", WorkItemStatus.BACKLOG, T0);
                    db.items.claim(project.id(), 1, coder.id(), "job:other", T0.plusSeconds(60), T0);
                }
                return super.synthesize(request);
            }
        };

        CycleResult result = cycle(false).run(new CycleRequest(project.id(), 2, stalling, "sync:req-1",
                Optional.empty()));

        assertThat(result.createdPullRequests()).extracting(pr -> pr.workItemId().orElseThrow())
                .containsExactly(2L);
        assertThat(git.log).noneMatch(line -> line.startsWith("commit agent/1-"));
        assertThat(db.items.get(1).claimedBy()).contains("job:other");
        assertThat(db.items.get(1).status()).isEqualTo(WorkItemStatus.IN_PROGRESS);
    }
}
