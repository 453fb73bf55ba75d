package dev.agenthub.orchestration.pulls;

import dev.agenthub.orchestration.access.Caller;
import dev.agenthub.orchestration.access.Role;
import dev.agenthub.orchestration.common.WireEnum;
import dev.agenthub.orchestration.events.EventTypes;
import dev.agenthub.orchestration.events.PayloadJson;
import dev.agenthub.orchestration.events.port.EventLog;
import dev.agenthub.orchestration.git.port.GitFailure;
import dev.agenthub.orchestration.policy.PolicySettings;
import dev.agenthub.orchestration.policy.port.PolicyStore;
import dev.agenthub.orchestration.projects.Project;
import dev.agenthub.orchestration.projects.port.ProjectStore;
import dev.agenthub.orchestration.pulls.port.PullRequestStore;
import dev.agenthub.orchestration.pulls.port.ReviewStore;
import dev.agenthub.orchestration.workitems.WorkItem;
import dev.agenthub.orchestration.workitems.WorkItemStatus;
import dev.agenthub.orchestration.workitems.port.WorkItemStore;
import dev.agenthub.protocol.kernel.error.DomainError;
import dev.agenthub.protocol.kernel.tx.TransactionRunner;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SequencedMap;

/**
 * The human pull-request actions of wire spec agenthub §14 D3: approve, request changes, merge and close. The checks
 * run in a transaction that holds the PR's row lock; the git merge runs afterwards under the project's lock but
 * outside any transaction, and the merge is then recorded only if the PR is still open (a conditional update), so
 * two concurrent merges of one PR record it once.
 */
public final class PullRequestActions {

    static final String PROJECT_NOT_FOUND = "Project not found";
    static final String PR_NOT_FOUND = "Pull request not found";
    static final String PR_NOT_OPEN = "Pull request is not open";
    static final String OVERRIDE_FORBIDDEN = "Insufficient role. Requires one of: admin";

    private final TransactionRunner tx;
    private final Clock clock;
    private final ProjectStore projects;
    private final PolicyStore policies;
    private final WorkItemStore items;
    private final PullRequestStore pulls;
    private final ReviewStore reviews;
    private final EventLog events;
    private final MergeRoutine merging;

    public PullRequestActions(TransactionRunner tx, Clock clock, ProjectStore projects, PolicyStore policies,
                              WorkItemStore items, PullRequestStore pulls, ReviewStore reviews, EventLog events,
                              MergeRoutine merging) {
        this.tx = Objects.requireNonNull(tx, "tx");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.projects = Objects.requireNonNull(projects, "projects");
        this.policies = Objects.requireNonNull(policies, "policies");
        this.items = Objects.requireNonNull(items, "items");
        this.pulls = Objects.requireNonNull(pulls, "pulls");
        this.reviews = Objects.requireNonNull(reviews, "reviews");
        this.events = Objects.requireNonNull(events, "events");
        this.merging = Objects.requireNonNull(merging, "merging");
    }

    /** The action response of §14 D3. */
    public record ActionResult(PullRequest pullRequest, Optional<WorkItem> workItem, Optional<Review> review,
                               boolean merged, Optional<String> mergeSha) {
        public ActionResult {
            Objects.requireNonNull(pullRequest, "pullRequest");
            Objects.requireNonNull(workItem, "workItem");
            Objects.requireNonNull(review, "review");
            Objects.requireNonNull(mergeSha, "mergeSha");
        }
    }

    /**
     * Records an {@code approve} review by the caller and logs {@code pr_reviewed}; when the human gate then passes
     * and both {@code policy.auto_merge} and {@code pr.auto_merge} are on, merges at once (a git failure then logs
     * {@code pr_merge_failed} and the answer says {@code merged: false}).
     */
    public ActionResult approve(long projectId, long pullRequestId, String comment, Caller caller) {
        Approval approval = tx.inTransaction(() -> {
            Project project = project(projectId);
            PullRequest pr = openLocked(projectId, pullRequestId);
            Review review = review(pr, ReviewDecision.APPROVE, comment, caller);
            PolicySettings policy = policies.getOrCreate(projectId).settings();
            MergeGate.Verdict verdict = MergeGate.human(policy, pr.checksPassed(), reviews.forPullRequest(pr.id()));
            boolean mergeNow = verdict.passes() && policy.autoMerge() && pr.autoMerge();
            return new Approval(project, pr, review, verdict.approvals(), mergeNow);
        });
        PullRequest pr = approval.pr();
        Optional<String> sha = Optional.empty();
        if (approval.mergeNow()) {
            // the git merge (and the wait for the project's lock) runs outside any transaction
            try {
                String merged = merging.mergeBranch(approval.project(), pr);
                sha = tx.inTransaction(() -> {
                    Instant now = clock.instant();
                    if (!merging.recordMerged(pr, merged, approval.approvals(), Optional.of(caller.actorName()),
                            now)) {
                        return Optional.<String>empty();
                    }
                    itemTo(pr, WorkItemStatus.REVIEW, WorkItemStatus.DONE, now);
                    return Optional.of(merged);
                });
            } catch (GitFailure failure) {
                tx.inTransaction(() -> merging.recordFailed(pr, message(failure), clock.instant()));
            }
        }
        Optional<String> mergeSha = sha;
        return tx.inTransaction(() -> result(projectId, pr.id(), Optional.of(approval.review()), mergeSha));
    }

    private record Approval(Project project, PullRequest pr, Review review, int approvals, boolean mergeNow) {
    }

    /** Records a {@code request_changes} review and logs {@code pr_reviewed}; the PR stays open. */
    public ActionResult requestChanges(long projectId, long pullRequestId, String comment, Caller caller) {
        return tx.inTransaction(() -> {
            project(projectId);
            PullRequest pr = openLocked(projectId, pullRequestId);
            Review review = review(pr, ReviewDecision.REQUEST_CHANGES, comment, caller);
            return result(projectId, pr.id(), Optional.of(review), Optional.empty());
        });
    }

    /**
     * Merges an open PR when the human gate passes (or {@code overrideGates} by an admin): PR {@code merged}, item
     * {@code done}, {@code pr_merged} with {@code merged_by}.
     *
     * @throws DomainError.Forbidden {@code override_gates} without the admin role
     * @throws DomainError.Conflict  {@code Merge blocked: <reasons>}, or {@code Merge failed: <error>} after a git
     *                               failure (logged as {@code pr_merge_failed}; the PR stays open)
     */
    public ActionResult merge(long projectId, long pullRequestId, boolean overrideGates, Caller caller) {
        if (overrideGates && !caller.role().atLeast(Role.ADMIN)) {
            throw new DomainError.Forbidden(OVERRIDE_FORBIDDEN);
        }
        Gated gated = tx.inTransaction(() -> {
            Project project = project(projectId);
            PullRequest pr = openLocked(projectId, pullRequestId);
            PolicySettings policy = policies.getOrCreate(projectId).settings();
            MergeGate.Verdict verdict = MergeGate.human(policy, pr.checksPassed(), reviews.forPullRequest(pr.id()));
            if (!overrideGates && !verdict.passes()) {
                throw new DomainError.Conflict("Merge blocked: " + verdict.joinedReasons());
            }
            return new Gated(project, pr, verdict.approvals());
        });
        PullRequest pr = gated.pr();
        String sha;
        try {
            // the git merge (and the wait for the project's lock) runs outside any transaction
            sha = merging.mergeBranch(gated.project(), pr);
        } catch (GitFailure failure) {
            tx.inTransaction(() -> merging.recordFailed(pr, message(failure), clock.instant()));
            throw new DomainError.Conflict("Merge failed: " + message(failure));
        }
        return tx.inTransaction(() -> {
            Instant now = clock.instant();
            if (!merging.recordMerged(pr, sha, gated.approvals(), Optional.of(caller.actorName()), now)) {
                throw new DomainError.Conflict(PR_NOT_OPEN); // merged or closed meanwhile
            }
            itemTo(pr, WorkItemStatus.REVIEW, WorkItemStatus.DONE, now);
            return result(projectId, pr.id(), Optional.empty(), Optional.of(sha));
        });
    }

    private record Gated(Project project, PullRequest pr, int approvals) {
    }

    /**
     * Closes an open PR; its item returns to {@code backlog} when it was in {@code review}; logs
     * {@code pr_closed {"pull_request_id","work_item_id","reason","closed_by"}}. The branch is left alone.
     */
    public ActionResult close(long projectId, long pullRequestId, String reason, Caller caller) {
        return tx.inTransaction(() -> {
            project(projectId);
            PullRequest pr = openLocked(projectId, pullRequestId);
            Instant now = clock.instant();
            pulls.close(pr.id());
            itemTo(pr, WorkItemStatus.REVIEW, WorkItemStatus.BACKLOG, now);
            SequencedMap<String, Object> payload = new LinkedHashMap<>();
            payload.put("pull_request_id", pr.id());
            payload.put("work_item_id", pr.workItemId().orElse(null));
            payload.put("reason", reason);
            payload.put("closed_by", caller.actorName());
            events.append(projectId, EventTypes.PR_CLOSED, PayloadJson.write(payload), now);
            return result(projectId, pr.id(), Optional.empty(), Optional.empty());
        });
    }

    private Project project(long projectId) {
        return projects.find(projectId).orElseThrow(() -> new DomainError.NotFound(PROJECT_NOT_FOUND));
    }

    private PullRequest openLocked(long projectId, long pullRequestId) {
        PullRequest pr = pulls.lock(projectId, pullRequestId)
                .orElseThrow(() -> new DomainError.NotFound(PR_NOT_FOUND));
        if (pr.status() != PullRequestStatus.OPEN) {
            throw new DomainError.Conflict(PR_NOT_OPEN);
        }
        return pr;
    }

    private Review review(PullRequest pr, ReviewDecision decision, String comment, Caller caller) {
        Instant now = clock.instant();
        Review review = reviews.insert(pr.id(), Optional.empty(), Optional.of(caller.actorName()), decision, comment,
                now);
        SequencedMap<String, Object> payload = new LinkedHashMap<>();
        payload.put("pull_request_id", pr.id());
        payload.put("decision", WireEnum.name(decision));
        payload.put("reviewer", caller.actorName());
        events.append(pr.projectId(), EventTypes.PR_REVIEWED, PayloadJson.write(payload), now);
        return review;
    }

    private void itemTo(PullRequest pr, WorkItemStatus from, WorkItemStatus to, Instant at) {
        pr.workItemId().ifPresent(id -> items.transition(id, from, to, at));
    }

    private ActionResult result(long projectId, long pullRequestId, Optional<Review> review, Optional<String> sha) {
        PullRequest pr = pulls.find(projectId, pullRequestId).orElseThrow();
        Optional<WorkItem> item = pr.workItemId().flatMap(id -> items.find(projectId, id));
        return new ActionResult(pr, item, review, sha.isPresent(), sha);
    }

    static String message(GitFailure failure) {
        return failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
    }
}
