package dev.agenthub.orchestration.pulls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agenthub.orchestration.access.Caller;
import dev.agenthub.orchestration.access.Role;
import dev.agenthub.orchestration.git.port.GitWorkspaces;
import dev.agenthub.orchestration.git.port.RepoTarget;
import dev.agenthub.orchestration.git.port.Workspace;
import dev.agenthub.orchestration.policy.PolicySettings;
import dev.agenthub.orchestration.projects.Project;
import dev.agenthub.orchestration.testing.FakeGit;
import dev.agenthub.orchestration.testing.InMemoryAutopilot;
import dev.agenthub.orchestration.workitems.NewWorkItem;
import dev.agenthub.orchestration.workitems.WorkItem;
import dev.agenthub.orchestration.workitems.WorkItemStatus;
import dev.agenthub.protocol.fakes.FakeTransactionRunner;
import dev.agenthub.protocol.fakes.MutableClock;
import dev.agenthub.protocol.kernel.error.DomainError;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PullRequestActionsTest {

    private static final Instant T0 = Instant.parse("2026-02-12T09:30:00Z");
    private static final Caller BOB = new Caller.Principal("bob", Role.MAINTAINER);
    private static final Caller ROOT = new Caller.Principal("root", Role.ADMIN);

    private final InMemoryAutopilot db = new InMemoryAutopilot();
    private final FakeGit git = new FakeGit();
    private final PullRequestActions actions = new PullRequestActions(new FakeTransactionRunner(),
            new MutableClock(T0), db.projects, db.policies, db.items, db.pulls, db.reviews, db.events,
            new MergeRoutine(git, db.pulls, db.events, false));
    private Project project;
    private WorkItem item;
    private PullRequest pr;

    @BeforeEach
    void seed() {
        project = db.projects.insert("demo", "/tmp/demo.git", "main", T0).orElseThrow();
        item = db.items.insertAll(project.id(), List.of(new NewWorkItem("Scope: x", "d", 1, "system", "o")), T0)
                .get(0);
        db.items.claim(project.id(), item.id(), 9, "sync:r", T0, T0);
        db.items.finishClaim(item.id(), "sync:r", WorkItemStatus.REVIEW, T0);
        pr = db.pulls.open(project.id(), new NewPullRequest(item.id(), "[agent] Scope: x", "desc", "agent/1-scope-x",
                "main", false, true, 9), T0).orElseThrow();
    }

    private void checksPassed() {
        db.pulls.rows().put(pr.id(), new PullRequest(pr.id(), pr.projectId(), pr.workItemId(), pr.title(),
                pr.description(), pr.sourceBranch(), pr.targetBranch(), pr.status(), true, pr.autoMerge(),
                pr.createdByAgentId(), pr.createdAt(), pr.mergedAt()));
    }

    @Test
    void approvingAPassingPullRequestMergesIt() {
        checksPassed();

        PullRequestActions.ActionResult result = actions.approve(project.id(), pr.id(), "lgtm", BOB);

        assertThat(result.merged()).isTrue();
        assertThat(result.mergeSha()).contains("merge1");
        assertThat(result.pullRequest().status()).isEqualTo(PullRequestStatus.MERGED);
        assertThat(result.pullRequest().description()).isEqualTo("desc\n- merged_sha: merge1");
        assertThat(result.workItem().orElseThrow().status()).isEqualTo(WorkItemStatus.DONE);
        assertThat(result.review().orElseThrow().reviewer()).contains("principal:bob");
        assertThat(result.review().orElseThrow().agentId()).isEmpty();
        assertThat(db.events.lines()).containsExactly(
                "pr_reviewed {\"pull_request_id\": 1, \"decision\": \"approve\", \"reviewer\": \"principal:bob\"}",
                "pr_merged {\"pull_request_id\": 1, \"work_item_id\": 1, \"approvals\": 1, \"merged_sha\": \"merge1\", "
                        + "\"merged_by\": \"principal:bob\"}");
    }

    @Test
    void approvingWithFailedChecksOnlyRecordsTheReview() {
        PullRequestActions.ActionResult result = actions.approve(project.id(), pr.id(), "", BOB);

        assertThat(result.merged()).isFalse();
        assertThat(result.mergeSha()).isEmpty();
        assertThat(result.pullRequest().status()).isEqualTo(PullRequestStatus.OPEN);
        assertThat(db.events.types()).containsExactly("pr_reviewed");
    }

    @Test
    void approvingDoesNotMergeWhenAutoMergeIsOff() {
        checksPassed();
        db.policies.update(project.id(), new PolicySettings(true, true, true, false, 1, true));
        assertThat(actions.approve(project.id(), pr.id(), "", BOB).merged()).isFalse();
    }

    @Test
    void requestChangesBlocksALaterMerge() {
        checksPassed();
        db.reviews.insert(pr.id(), Optional.of(2L), Optional.of("Sentinel Reviewer"), ReviewDecision.APPROVE, "", T0);
        actions.requestChanges(project.id(), pr.id(), "please fix", new Caller.KeyHolder(Role.MAINTAINER, false));

        assertThatThrownBy(() -> actions.merge(project.id(), pr.id(), false, BOB))
                .isInstanceOf(DomainError.Conflict.class)
                .hasMessage("Merge blocked: changes requested by api-key");
        assertThat(db.pulls.get(pr.id()).status()).isEqualTo(PullRequestStatus.OPEN);
        assertThat(db.items.get(item.id()).status()).isEqualTo(WorkItemStatus.REVIEW);
    }

    @Test
    void mergeReportsEveryReason() {
        assertThatThrownBy(() -> actions.merge(project.id(), pr.id(), false, BOB))
                .hasMessage("Merge blocked: approvals 0/1; checks not passed");
    }

    @Test
    void overrideNeedsAdmin() {
        assertThatThrownBy(() -> actions.merge(project.id(), pr.id(), true, BOB))
                .isInstanceOf(DomainError.Forbidden.class)
                .hasMessage("Insufficient role. Requires one of: admin");

        PullRequestActions.ActionResult result = actions.merge(project.id(), pr.id(), true, ROOT);

        assertThat(result.merged()).isTrue();
        assertThat(result.review()).isEmpty();
        assertThat(db.items.get(item.id()).status()).isEqualTo(WorkItemStatus.DONE);
        assertThat(db.events.lines()).last().isEqualTo("pr_merged {\"pull_request_id\": 1, \"work_item_id\": 1, "
                + "\"approvals\": 0, \"merged_sha\": \"merge1\", \"merged_by\": \"principal:root\"}");
    }

    @Test
    void aGitFailureAnswersMergeFailedAndKeepsThePullRequestOpen() {
        git.failMerge.add("agent/1-scope-x");

        assertThatThrownBy(() -> actions.merge(project.id(), pr.id(), true, ROOT))
                .isInstanceOf(DomainError.Conflict.class)
                .hasMessage("Merge failed: conflict merging agent/1-scope-x");
        assertThat(db.pulls.get(pr.id()).status()).isEqualTo(PullRequestStatus.OPEN);
        assertThat(db.events.lines()).containsExactly("pr_merge_failed {\"pull_request_id\": 1, \"work_item_id\": 1, "
                + "\"error\": \"conflict merging agent/1-scope-x\"}");
    }

    @Test
    void closeReturnsTheItemToTheBacklog() {
        PullRequestActions.ActionResult result = actions.close(project.id(), pr.id(), "wrong approach",
                new Caller.Anonymous());

        assertThat(result.pullRequest().status()).isEqualTo(PullRequestStatus.CLOSED);
        assertThat(result.workItem().orElseThrow().status()).isEqualTo(WorkItemStatus.BACKLOG);
        assertThat(db.events.lines()).containsExactly("pr_closed {\"pull_request_id\": 1, \"work_item_id\": 1, "
                + "\"reason\": \"wrong approach\", \"closed_by\": \"anonymous\"}");
        assertThat(git.log).isEmpty();
    }

    @Test
    void actionsOnAClosedOrUnknownPullRequestAreRejected() {
        actions.close(project.id(), pr.id(), "", BOB);

        assertThatThrownBy(() -> actions.approve(project.id(), pr.id(), "", BOB))
                .isInstanceOf(DomainError.Conflict.class).hasMessage("Pull request is not open");
        assertThatThrownBy(() -> actions.requestChanges(project.id(), 99, "x", BOB))
                .isInstanceOf(DomainError.NotFound.class).hasMessage("Pull request not found");
        assertThatThrownBy(() -> actions.merge(99, pr.id(), false, BOB))
                .isInstanceOf(DomainError.NotFound.class).hasMessage("Project not found");
    }

    @Test
    void theGitMergeRunsOutsideAnyTransaction() {
        checksPassed();
        List<Boolean> inTransaction = new java.util.ArrayList<>();
        PullRequestActions checked = actionsRecordingGitTransactions(inTransaction);

        PullRequestActions.ActionResult result = checked.approve(project.id(), pr.id(), "lgtm", BOB);

        assertThat(result.merged()).isTrue();
        assertThat(inTransaction).containsExactly(false);
    }

    @Test
    void theHumanMergeRunsGitOutsideAnyTransaction() {
        checksPassed();
        List<Boolean> inTransaction = new java.util.ArrayList<>();
        PullRequestActions checked = actionsRecordingGitTransactions(inTransaction);

        PullRequestActions.ActionResult result = checked.merge(project.id(), pr.id(), true, ROOT);

        assertThat(result.merged()).isTrue();
        assertThat(db.items.find(project.id(), item.id()).orElseThrow().status()).isEqualTo(WorkItemStatus.DONE);
        assertThat(inTransaction).containsExactly(false);
    }

    /** Actions whose git calls record, in {@code inTransaction}, whether a transaction was active at the time. */
    private PullRequestActions actionsRecordingGitTransactions(List<Boolean> inTransaction) {
        FakeTransactionRunner tx = new FakeTransactionRunner();
        GitWorkspaces watched = new GitWorkspaces() {
            @Override
            public <T> T withWorkspace(RepoTarget target, Function<Workspace, T> work) {
                inTransaction.add(tx.isActive());
                return git.withWorkspace(target, work);
            }
        };
        return new PullRequestActions(tx, new MutableClock(T0), db.projects, db.policies,
                db.items, db.pulls, db.reviews, db.events, new MergeRoutine(watched, db.pulls, db.events, false));
    }
}
