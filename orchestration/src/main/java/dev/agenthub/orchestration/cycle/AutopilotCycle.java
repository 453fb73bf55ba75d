package dev.agenthub.orchestration.cycle;

import dev.agenthub.orchestration.agents.Agent;
import dev.agenthub.orchestration.agents.AgentRole;
import dev.agenthub.orchestration.agents.port.AgentStore;
import dev.agenthub.orchestration.events.EventTypes;
import dev.agenthub.orchestration.events.PayloadJson;
import dev.agenthub.orchestration.events.port.EventLog;
import dev.agenthub.orchestration.git.port.GitFailure;
import dev.agenthub.orchestration.git.port.GitWorkspaces;
import dev.agenthub.orchestration.git.port.RepoTarget;
import dev.agenthub.orchestration.git.port.Workspace;
import dev.agenthub.orchestration.git.port.WorkspaceOverview;
import dev.agenthub.orchestration.policy.PolicySettings;
import dev.agenthub.orchestration.policy.port.PolicyStore;
import dev.agenthub.orchestration.projects.Project;
import dev.agenthub.orchestration.projects.port.ProjectStore;
import dev.agenthub.orchestration.providers.port.ChangeProvider;
import dev.agenthub.orchestration.pulls.MergeGate;
import dev.agenthub.orchestration.pulls.MergeRoutine;
import dev.agenthub.orchestration.pulls.NewPullRequest;
import dev.agenthub.orchestration.pulls.PullRequest;
import dev.agenthub.orchestration.pulls.Review;
import dev.agenthub.orchestration.pulls.ReviewDecision;
import dev.agenthub.orchestration.pulls.port.PullRequestStore;
import dev.agenthub.orchestration.pulls.port.ReviewStore;
import dev.agenthub.orchestration.runs.RunStatus;
import dev.agenthub.orchestration.runs.port.RunStore;
import dev.agenthub.orchestration.validation.Validation;
import dev.agenthub.orchestration.workitems.AgentLoad;
import dev.agenthub.orchestration.workitems.WorkItem;
import dev.agenthub.orchestration.workitems.WorkItemStatus;
import dev.agenthub.orchestration.workitems.port.WorkItemStore;
import dev.agenthub.protocol.kernel.error.DomainError;
import dev.agenthub.protocol.kernel.tx.TransactionRunner;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SequencedMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One autopilot cycle for one project (wire spec agenthub §6.3 steps 1–4, §14 D1, D2, D7): select backlog items,
 * claim each atomically together with its coder's capacity check, implement it on a fresh branch, validate, open a
 * PR, review, and merge when the gate allows.
 *
 * <p>Git work happens in three short sections under the project's lock (overview; commit and validation; merge);
 * provider calls and database transactions run outside it. The claim's lease is renewed between phases.
 */
public final class AutopilotCycle {

    /** The abort of §6.3 step 3.2 (409 on the synchronous run, a retryable failure for a job). */
    public static final String NO_ACTIVE_CODER = "No active coder agent available.";

    /**
     * The {@code autopilot_item_failed} error when the cycle no longer holds its item's claim (the lease sweep of
     * §14 D1 released it): the item is left to whoever holds it now and no pull request is opened or merged for it.
     */
    public static final String CLAIM_LOST = "Work item claim lost";

    /** How many backlog items beyond {@code max_items} the selection reads, for items lost to other workers. */
    static final int OVER_FETCH = 10;

    private final TransactionRunner tx;
    private final Clock clock;
    private final ProjectStore projects;
    private final AgentStore agents;
    private final PolicyStore policies;
    private final WorkItemStore items;
    private final RunStore runs;
    private final PullRequestStore pulls;
    private final ReviewStore reviews;
    private final EventLog events;
    private final GitWorkspaces git;
    private final MergeRoutine merging;
    private final Validation validation;
    private final Duration lease;
    private final int maxAttempts;

    /** @param lease how long a claim holds without renewal: {@code AGENT_HUB_JOB_STALE_TIMEOUT_SEC} (§14 D1) */
    public AutopilotCycle(TransactionRunner tx, Clock clock, ProjectStore projects, AgentStore agents,
                          PolicyStore policies, WorkItemStore items, RunStore runs, PullRequestStore pulls,
                          ReviewStore reviews, EventLog events, GitWorkspaces git, MergeRoutine merging,
                          Validation validation, Duration lease) {
        this(tx, clock, projects, agents, policies, items, runs, pulls, reviews, events, git, merging, validation,
                lease, 0);
    }

    /** @param maxAttempts {@code AGENT_HUB_WORK_ITEM_MAX_ATTEMPTS}: claims after which the cycle skips an item, 0 = no cap */
    public AutopilotCycle(TransactionRunner tx, Clock clock, ProjectStore projects, AgentStore agents,
                          PolicyStore policies, WorkItemStore items, RunStore runs, PullRequestStore pulls,
                          ReviewStore reviews, EventLog events, GitWorkspaces git, MergeRoutine merging,
                          Validation validation, Duration lease, int maxAttempts) {
        this.maxAttempts = maxAttempts;
        this.tx = Objects.requireNonNull(tx, "tx");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.projects = Objects.requireNonNull(projects, "projects");
        this.agents = Objects.requireNonNull(agents, "agents");
        this.policies = Objects.requireNonNull(policies, "policies");
        this.items = Objects.requireNonNull(items, "items");
        this.runs = Objects.requireNonNull(runs, "runs");
        this.pulls = Objects.requireNonNull(pulls, "pulls");
        this.reviews = Objects.requireNonNull(reviews, "reviews");
        this.events = Objects.requireNonNull(events, "events");
        this.git = Objects.requireNonNull(git, "git");
        this.merging = Objects.requireNonNull(merging, "merging");
        this.validation = Objects.requireNonNull(validation, "validation");
        this.lease = Objects.requireNonNull(lease, "lease");
        if (lease.isNegative() || lease.isZero()) {
            throw new IllegalArgumentException("lease must be positive: " + lease);
        }
        if (maxAttempts < 0) {
            throw new IllegalArgumentException("maxAttempts must not be negative: " + maxAttempts);
        }
    }

    /**
     * Runs one cycle.
     *
     * @throws DomainError.NotFound {@code Project not found}
     * @throws DomainError.Conflict {@code No active coder agent available.} when a selected item needs an
     *                              auto-assigned coder and the project has no active coder; nothing was claimed then
     */
    public CycleResult run(CycleRequest request) {
        Project project = projects.find(request.projectId())
                .orElseThrow(() -> new DomainError.NotFound("Project not found"));
        long projectId = project.id();
        List<Agent> all = agents.all(projectId);
        Map<Long, Agent> byId = all.stream().collect(Collectors.toMap(Agent::id, Function.identity()));
        Map<AgentRole, List<Agent>> active = all.stream().filter(Agent::active)
                .sorted(Comparator.comparingLong(Agent::id))
                .collect(Collectors.groupingBy(Agent::role, LinkedHashMap::new, Collectors.toList()));
        List<Long> coderIds = active.getOrDefault(AgentRole.CODER, List.of()).stream().map(Agent::id).toList();
        PolicySettings policy = policies.getOrCreate(projectId).settings();

        List<WorkItem> candidates = items.backlog(projectId, request.maxItems() + OVER_FETCH, maxAttempts);
        if (coderIds.isEmpty() && candidates.stream().limit(request.maxItems())
                .anyMatch(item -> item.assignedAgentId().isEmpty() && policy.autoAssign())) {
            throw new DomainError.Conflict(NO_ACTIVE_CODER);
        }

        Pass pass = new Pass(request, project, policy, byId, active, coderIds);
        int selected = 0;
        for (WorkItem candidate : candidates) {
            if (selected >= request.maxItems()) {
                break;
            }
            if (request.job().isPresent() && request.job().get().canceled()) {
                pass.canceled = true;
                break;
            }
            if (pass.take(candidate)) {
                selected++;
            }
        }
        Instant now = clock.instant();
        if (pass.canceled) {
            SequencedMap<String, Object> payload = new LinkedHashMap<>();
            payload.put("job_id", request.job().orElseThrow().jobId());
            payload.put("processed_items", pass.created.size());
            event(projectId, EventTypes.AUTOPILOT_CYCLE_CANCELED, payload, now);
        } else {
            SequencedMap<String, Object> payload = new LinkedHashMap<>();
            payload.put("processed_items", selected);
            payload.put("created_prs", pass.created.size());
            payload.put("merged_prs", pass.merged.size());
            event(projectId, EventTypes.AUTOPILOT_CYCLE_COMPLETED, payload, now);
        }
        List<PullRequest> finalPrs = pass.created.stream()
                .map(id -> pulls.find(projectId, id).orElseThrow()).toList();
        return new CycleResult(selected, finalPrs, pass.reviewsMade, pass.merged, pass.canceled);
    }

    /** The state of one cycle's pass over its candidates. */
    private final class Pass {
        private final CycleRequest request;
        private final Project project;
        private final PolicySettings policy;
        private final Map<Long, Agent> agentsById;
        private final Map<AgentRole, List<Agent>> active;
        private final List<Long> coderIds;
        private final RepoTarget target;
        private final List<Long> created = new ArrayList<>();
        private final List<Review> reviewsMade = new ArrayList<>();
        private final List<Long> merged = new ArrayList<>();
        private boolean canceled;

        Pass(CycleRequest request, Project project, PolicySettings policy, Map<Long, Agent> agentsById,
             Map<AgentRole, List<Agent>> active, List<Long> coderIds) {
            this.request = request;
            this.project = project;
            this.policy = policy;
            this.agentsById = agentsById;
            this.active = active;
            this.coderIds = coderIds;
            this.target = new RepoTarget(project.id(), project.repoUrl(), project.defaultBranch());
        }

        /** Handles one candidate; false when another worker had taken it (it does not count as selected). */
        boolean take(WorkItem candidate) {
            long projectId = project.id();
            if (!policy.autoAssign() && candidate.assignedAgentId().isEmpty()) {
                SequencedMap<String, Object> payload = new LinkedHashMap<>();
                payload.put("work_item_id", candidate.id());
                payload.put("reason", "auto_assign disabled");
                event(projectId, EventTypes.WORK_ITEM_SKIPPED_UNASSIGNED, payload, clock.instant());
                return true;
            }
            Claim claim = tx.inTransaction(() -> claim(candidate));
            return switch (claim) {
                case Lost lost -> false;
                case Deferred deferred -> true;
                case Claimed claimed -> {
                    implement(claimed.item(), agentsById.get(claimed.item().assignedAgentId().orElseThrow()));
                    yield true;
                }
            };
        }

        /** Capacity check and claim in one transaction (§14 D7): agent rows locked, then the conditional update. */
        private Claim claim(WorkItem candidate) {
            long projectId = project.id();
            CoderSelection.Outcome outcome = null;
            if (candidate.assignedAgentId().isPresent()) {
                List<AgentLoad> loads = items.lockLoads(projectId, List.of(candidate.assignedAgentId().get()));
                if (!loads.isEmpty()) {
                    outcome = CoderSelection.preAssigned(loads.get(0));
                }
            }
            if (outcome == null) {
                outcome = CoderSelection.amongActiveCoders(items.lockLoads(projectId, coderIds));
            }
            Instant now = clock.instant();
            return switch (outcome) {
                case CoderSelection.NoActiveCoder none -> throw new DomainError.Conflict(NO_ACTIVE_CODER);
                case CoderSelection.Deferred deferred -> {
                    SequencedMap<String, Object> payload = new LinkedHashMap<>();
                    payload.put("work_item_id", candidate.id());
                    payload.put("agent_id", deferred.agentId().orElse(null));
                    payload.put("max_parallel_tasks", deferred.maxParallelTasks().orElse(null));
                    event(projectId, EventTypes.WORK_ITEM_DEFERRED_CAPACITY, payload, now);
                    yield new Deferred();
                }
                case CoderSelection.Assign assign -> items
                        .claim(projectId, candidate.id(), assign.agentId(), request.claimant(), now.plus(lease), now)
                        .<Claim>map(Claimed::new)
                        .orElseGet(Lost::new);
            };
        }

        private void implement(WorkItem item, Agent coder) {
            String branch = BranchNames.forWorkItem(item.id(), item.title());
            ChangeProvider provider = request.provider();
            try {
                WorkspaceOverview overview = git.withWorkspace(target, Workspace::overview);
                renew(item);
                ChangeProvider.Proposal proposal = provider.synthesize(new ChangeProvider.SynthesisRequest(
                        project.name(), coder.name(), branch, item.id(), item.title(), item.description(),
                        item.sourceObjective(), overview));
                renew(item);
                CommitAndChecks done = git.withWorkspace(target, ws -> {
                    Workspace.Committed commit = ws.commitOnFreshBranch(branch, proposal.changes(),
                            proposal.commitMessage());
                    return new CommitAndChecks(commit, validation.validate(ws.root()), proposal.summary());
                });
                recordCompletedAndOpen(item, coder, branch, done);
            } catch (ClaimLost lost) {
                claimLost(item);
            } catch (GitFailure failure) {
                fail(item, coder, "Git-backed execution failed: ", message(failure));
            } catch (ChangeProvider.ProviderFailure failure) {
                fail(item, coder, "Provider failed: ", message(failure));
            }
        }

        private void recordCompletedAndOpen(WorkItem item, Agent coder, String branch, CommitAndChecks done) {
            long projectId = project.id();
            Workspace.Committed commit = done.commit();
            Validation.Result checks = done.checks();
            Optional<PullRequest> opened = tx.inTransaction(() -> {
                // renewed in the transaction that opens the PR: the row stays locked until it commits, so the
                // sweep cannot release the item in between, and an item it already released gets no PR
                renew(item);
                Instant now = clock.instant();
                runs.insert(projectId, item.id(), coder.id(), RunStatus.COMPLETED,
                        coder.name() + " completed git-backed implementation for work item #" + item.id() + ". "
                                + done.changeSummary() + " " + checks.summary(),
                        commit.diff(), checks.passed(), now);
                Optional<PullRequest> pr = pulls.open(projectId, new NewPullRequest(item.id(), "[agent] " + item.title(),
                        "Autonomous agent delivery with real git branch and commit.\n\n- branch: " + branch
                                + "\n- commit: " + commit.sha(),
                        branch, project.defaultBranch(), checks.passed(), true, coder.id()), now);
                if (pr.isPresent() && !policy.autoReview()) {
                    SequencedMap<String, Object> payload = new LinkedHashMap<>();
                    payload.put("pull_request_id", pr.get().id());
                    payload.put("work_item_id", item.id());
                    event(projectId, EventTypes.AUTO_REVIEW_DISABLED, payload, now);
                }
                if (pr.isEmpty()) {
                    items.finishClaim(item.id(), request.claimant(), WorkItemStatus.REVIEW, now);
                }
                return pr;
            });
            if (opened.isEmpty()) {
                return;
            }
            PullRequest pr = opened.get();
            created.add(pr.id());
            int approvals = policy.autoReview() ? review(pr, commit.diff(), checks) : 0;
            renew(item);
            if (MergeGate.cycleAllows(policy, pr.autoMerge(), pr.checksPassed(), approvals)) {
                mergeAndFinish(item, pr, approvals);
            } else {
                tx.inTransaction(() -> {
                    Instant now = clock.instant();
                    items.finishClaim(item.id(), request.claimant(), WorkItemStatus.REVIEW, now);
                    SequencedMap<String, Object> payload = new LinkedHashMap<>();
                    payload.put("pull_request_id", pr.id());
                    payload.put("work_item_id", item.id());
                    payload.put("approvals", approvals);
                    payload.put("checks_passed", pr.checksPassed());
                    event(projectId, EventTypes.PR_OPENED, payload, now);
                });
            }
        }

        /** The first active reviewer, then the first active tester, each if one exists; returns the approvals. */
        private int review(PullRequest pr, String diff, Validation.Result checks) {
            int approvals = 0;
            for (AgentRole role : List.of(AgentRole.REVIEWER, AgentRole.TESTER)) {
                List<Agent> ofRole = active.getOrDefault(role, List.of());
                if (ofRole.isEmpty()) {
                    continue;
                }
                Agent agent = ofRole.get(0);
                ChangeProvider.Verdict verdict;
                try {
                    verdict = request.provider().review(new ChangeProvider.ReviewRequest(
                            agent.name(), agent.role(), pr.title(), diff, pr.checksPassed(), checks.summary()));
                } catch (ChangeProvider.ProviderFailure failure) {
                    continue; // a provider that cannot review records no review: it counts no approval
                }
                Review review = reviews.insert(pr.id(), Optional.of(agent.id()), Optional.of(agent.name()),
                        verdict.decision(), verdict.comment(), clock.instant());
                reviewsMade.add(review);
                if (verdict.decision() == ReviewDecision.APPROVE) {
                    approvals++;
                }
            }
            return approvals;
        }

        private void mergeAndFinish(WorkItem item, PullRequest pr, int approvals) {
            String sha;
            try {
                sha = merging.mergeBranch(project, pr);
            } catch (GitFailure failure) {
                tx.inTransaction(() -> {
                    Instant now = clock.instant();
                    items.finishClaim(item.id(), request.claimant(), WorkItemStatus.REVIEW, now);
                    merging.recordFailed(pr, message(failure), now);
                });
                return;
            }
            boolean recorded = tx.inTransaction(() -> {
                Instant now = clock.instant();
                boolean marked = merging.recordMerged(pr, sha, approvals, Optional.empty(), now);
                items.finishClaim(item.id(), request.claimant(), WorkItemStatus.DONE, now);
                return marked;
            });
            if (recorded) {
                merged.add(pr.id());
            }
        }

        private void fail(WorkItem item, Agent coder, String summaryPrefix, String error) {
            long projectId = project.id();
            tx.inTransaction(() -> {
                Instant now = clock.instant();
                runs.insert(projectId, item.id(), coder.id(), RunStatus.FAILED, summaryPrefix + error, "", false, now);
                items.finishClaim(item.id(), request.claimant(), WorkItemStatus.BACKLOG, now);
                SequencedMap<String, Object> payload = new LinkedHashMap<>();
                payload.put("work_item_id", item.id());
                payload.put("error", error);
                event(projectId, EventTypes.WORK_ITEM_FAILED, payload, now);
                event(projectId, EventTypes.AUTOPILOT_ITEM_FAILED, payload, now);
                if (maxAttempts > 0 && item.attempts() >= maxAttempts) {
                    events.append(projectId, EventTypes.WORK_ITEM_ATTEMPTS_EXHAUSTED,
                            PayloadJson.of("work_item_id", item.id(), "attempts", item.attempts()), now);
                }
            });
        }

        /** Extends the claim's lease; throws {@link ClaimLost} when this cycle does not hold the item any more. */
        private void renew(WorkItem item) {
            Instant now = clock.instant();
            if (!items.renewLease(item.id(), request.claimant(), now.plus(lease), now)) {
                throw new ClaimLost();
            }
        }

        /** The item is someone else's now (or back in the backlog): record why this cycle stopped working on it. */
        private void claimLost(WorkItem item) {
            SequencedMap<String, Object> payload = new LinkedHashMap<>();
            payload.put("work_item_id", item.id());
            payload.put("error", CLAIM_LOST);
            event(project.id(), EventTypes.AUTOPILOT_ITEM_FAILED, payload, clock.instant());
        }
    }

    /** This cycle's claim on the item was released (lease expired and swept) or taken over; control flow only. */
    private static final class ClaimLost extends RuntimeException {
        ClaimLost() {
            super(CLAIM_LOST, null, false, false);
        }
    }

    private record CommitAndChecks(Workspace.Committed commit, Validation.Result checks,
                                   String changeSummary) {
    }

    private sealed interface Claim {
    }

    private record Claimed(WorkItem item) implements Claim {
    }

    private record Deferred() implements Claim {
    }

    private record Lost() implements Claim {
    }

    private void event(long projectId, String type, SequencedMap<String, Object> payload, Instant at) {
        events.append(projectId, type, PayloadJson.write(payload), at);
    }

    private static String message(RuntimeException failure) {
        return failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
    }
}
