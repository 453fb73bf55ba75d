package dev.agenthub.orchestration.testing;

import dev.agenthub.orchestration.agents.Agent;
import dev.agenthub.orchestration.agents.AgentRole;
import dev.agenthub.orchestration.agents.AgentStatus;
import dev.agenthub.orchestration.agents.port.AgentStore;
import dev.agenthub.orchestration.common.PageSlice;
import dev.agenthub.orchestration.events.ProjectEvent;
import dev.agenthub.orchestration.events.port.EventLog;
import dev.agenthub.orchestration.policy.AutomationPolicy;
import dev.agenthub.orchestration.policy.PolicyRevision;
import dev.agenthub.orchestration.policy.PolicySettings;
import dev.agenthub.orchestration.policy.port.PolicyStore;
import dev.agenthub.orchestration.projects.Project;
import dev.agenthub.orchestration.projects.port.ProjectStore;
import dev.agenthub.orchestration.pulls.NewPullRequest;
import dev.agenthub.orchestration.pulls.PullRequest;
import dev.agenthub.orchestration.pulls.PullRequestStatus;
import dev.agenthub.orchestration.pulls.Review;
import dev.agenthub.orchestration.pulls.ReviewDecision;
import dev.agenthub.orchestration.pulls.port.PullRequestStore;
import dev.agenthub.orchestration.pulls.port.ReviewStore;
import dev.agenthub.orchestration.runs.AgentRun;
import dev.agenthub.orchestration.runs.RunStatus;
import dev.agenthub.orchestration.runs.port.RunStore;
import dev.agenthub.orchestration.workitems.AgentLoad;
import dev.agenthub.orchestration.workitems.NewWorkItem;
import dev.agenthub.orchestration.workitems.WorkItem;
import dev.agenthub.orchestration.workitems.WorkItemStatus;
import dev.agenthub.orchestration.workitems.port.WorkItemStore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * In-memory fakes of the autopilot stores, single-threaded, sharing one id sequence per type. Transactions are not
 * undone (see {@code FakeTransactionRunner}); locks are no-ops.
 */
public final class InMemoryAutopilot {

    public final Projects projects = new Projects();
    public final Agents agents = new Agents();
    public final Policies policies = new Policies();
    public final Items items = new Items();
    public final Runs runs = new Runs();
    public final Pulls pulls = new Pulls();
    public final Reviews reviews = new Reviews();
    public final Events events = new Events();

    private static <T> List<T> page(Stream<T> rows, PageSlice page) {
        return rows.skip(page.offset()).limit(page.limit()).toList();
    }

    public final class Projects implements ProjectStore {
        final Map<Long, Project> rows = new LinkedHashMap<>();
        long next = 1;

        @Override
        public Optional<Project> insert(String name, String repoUrl, String defaultBranch, Instant createdAt) {
            if (rows.values().stream().anyMatch(p -> p.name().equals(name))) {
                return Optional.empty();
            }
            Project p = new Project(next++, name, repoUrl, defaultBranch, createdAt);
            rows.put(p.id(), p);
            return Optional.of(p);
        }

        @Override
        public Optional<Project> find(long id) {
            return Optional.ofNullable(rows.get(id));
        }

        @Override
        public List<Project> list(PageSlice page) {
            return page(rows.values().stream(), page);
        }
    }

    public final class Agents implements AgentStore {
        final Map<Long, Agent> rows = new LinkedHashMap<>();
        long next = 1;

        @Override
        public Agent insert(long projectId, String name, AgentRole role, AgentStatus status, int maxParallelTasks,
                            String capabilities, Instant createdAt) {
            Agent a = new Agent(next++, projectId, name, role, status, maxParallelTasks, capabilities, createdAt);
            rows.put(a.id(), a);
            return a;
        }

        @Override
        public Optional<Agent> find(long projectId, long agentId) {
            return Optional.ofNullable(rows.get(agentId)).filter(a -> a.projectId() == projectId);
        }

        @Override
        public List<Agent> list(long projectId, PageSlice page) {
            return page(all(projectId).stream(), page);
        }

        @Override
        public List<Agent> all(long projectId) {
            return rows.values().stream().filter(a -> a.projectId() == projectId)
                    .sorted(Comparator.comparing((Agent a) -> a.role().name().toLowerCase())
                            .thenComparing(Agent::createdAt).thenComparingLong(Agent::id))
                    .toList();
        }

        @Override
        public boolean any(long projectId) {
            return !all(projectId).isEmpty();
        }

        @Override
        public Optional<Agent> update(long projectId, long agentId, Optional<String> name,
                                      Optional<AgentStatus> status, Optional<Integer> maxParallelTasks) {
            return find(projectId, agentId).map(a -> {
                Agent b = new Agent(a.id(), a.projectId(), name.orElse(a.name()), a.role(), status.orElse(a.status()),
                        maxParallelTasks.orElse(a.maxParallelTasks()), a.capabilities(), a.createdAt());
                rows.put(b.id(), b);
                return b;
            });
        }
    }

    public final class Policies implements PolicyStore {
        final Map<Long, AutomationPolicy> rows = new LinkedHashMap<>();
        final List<PolicyRevision> revisions = new ArrayList<>();
        long next = 1;

        @Override
        public AutomationPolicy getOrCreate(long projectId) {
            return rows.computeIfAbsent(projectId, id -> new AutomationPolicy(next++, id, PolicySettings.DEFAULTS));
        }

        @Override
        public AutomationPolicy lockOrCreate(long projectId) {
            return getOrCreate(projectId);
        }

        @Override
        public AutomationPolicy update(long projectId, PolicySettings settings) {
            AutomationPolicy p = new AutomationPolicy(getOrCreate(projectId).id(), projectId, settings);
            rows.put(projectId, p);
            return p;
        }

        @Override
        public PolicyRevision addRevision(long projectId, PolicySettings settings, String changedBy,
                                          String changeReason, Instant createdAt) {
            PolicyRevision r = new PolicyRevision(revisions.size() + 1, projectId, settings, changedBy, changeReason,
                    createdAt);
            revisions.add(r);
            return r;
        }

        @Override
        public List<PolicyRevision> revisions(long projectId, PageSlice page) {
            return page(revisions.stream().filter(r -> r.projectId() == projectId), page);
        }

        @Override
        public Optional<PolicyRevision> revision(long projectId, long revisionId) {
            return revisions.stream().filter(r -> r.projectId() == projectId && r.id() == revisionId).findFirst();
        }
    }

    public final class Items implements WorkItemStore {
        final Map<Long, WorkItem> rows = new LinkedHashMap<>();
        long next = 1;
        /** Called by {@link #claim} before it applies, to let a test simulate another worker winning. */
        public java.util.function.LongConsumer beforeClaim = id -> { };

        public WorkItem get(long id) {
            return rows.get(id);
        }

        private WorkItem with(WorkItem w, WorkItemStatus status, Optional<Long> agent, Instant at,
                              Optional<Instant> completed, Optional<String> claimedBy, Optional<Instant> lease) {
            return with(w, status, agent, at, completed, claimedBy, lease, w.attempts());
        }

        private WorkItem with(WorkItem w, WorkItemStatus status, Optional<Long> agent, Instant at,
                              Optional<Instant> completed, Optional<String> claimedBy, Optional<Instant> lease,
                              int attempts) {
            WorkItem n = new WorkItem(w.id(), w.projectId(), w.title(), w.description(), status, w.priority(), agent,
                    w.sourceObjective(), w.createdBy(), w.createdAt(), at, completed, claimedBy, lease, attempts);
            rows.put(n.id(), n);
            return n;
        }

        @Override
        public List<WorkItem> insertAll(long projectId, List<NewWorkItem> items, Instant at) {
            List<WorkItem> out = new ArrayList<>();
            for (NewWorkItem i : items) {
                WorkItem w = new WorkItem(next++, projectId, i.title(), i.description(), WorkItemStatus.BACKLOG,
                        i.priority(), Optional.empty(), i.sourceObjective(), i.createdBy(), at, at, Optional.empty(),
                        Optional.empty(), Optional.empty(), 0);
                rows.put(w.id(), w);
                out.add(w);
            }
            return out;
        }

        @Override
        public Optional<WorkItem> find(long projectId, long workItemId) {
            return Optional.ofNullable(rows.get(workItemId)).filter(w -> w.projectId() == projectId);
        }

        private Stream<WorkItem> ordered(long projectId) {
            return rows.values().stream().filter(w -> w.projectId() == projectId)
                    .sorted(Comparator.comparingInt(WorkItem::priority).thenComparing(WorkItem::createdAt)
                            .thenComparingLong(WorkItem::id));
        }

        @Override
        public List<WorkItem> list(long projectId, Optional<WorkItemStatus> status, PageSlice page) {
            return page(ordered(projectId).filter(w -> status.isEmpty() || w.status() == status.get()), page);
        }

        @Override
        public Optional<WorkItem> assign(long projectId, long workItemId, long agentId, Instant at) {
            return find(projectId, workItemId).map(w -> with(w, w.status(), Optional.of(agentId), at,
                    w.completedAt(), w.claimedBy(), w.leaseExpiresAt()));
        }

        @Override
        public List<WorkItem> backlog(long projectId, int limit, int maxAttempts) {
            return ordered(projectId).filter(w -> w.status() == WorkItemStatus.BACKLOG)
                    .filter(w -> maxAttempts == 0 || w.attempts() < maxAttempts).limit(limit).toList();
        }

        @Override
        public List<AgentLoad> lockLoads(long projectId, Collection<Long> agentIds) {
            return agentIds.stream().sorted().distinct()
                    .map(id -> agents.find(projectId, id))
                    .flatMap(Optional::stream)
                    .map(a -> new AgentLoad(a.id(), a.maxParallelTasks(), (int) rows.values().stream()
                            .filter(w -> w.status() == WorkItemStatus.IN_PROGRESS
                                    && w.assignedAgentId().equals(Optional.of(a.id())))
                            .count()))
                    .toList();
        }

        @Override
        public Optional<WorkItem> claim(long projectId, long workItemId, long agentId, String claimant,
                                        Instant leaseUntil, Instant at) {
            beforeClaim.accept(workItemId);
            return find(projectId, workItemId).filter(w -> w.status() == WorkItemStatus.BACKLOG)
                    .map(w -> with(w, WorkItemStatus.IN_PROGRESS, Optional.of(agentId), at, w.completedAt(),
                            Optional.of(claimant), Optional.of(leaseUntil), w.attempts() + 1));
        }

        @Override
        public boolean renewLease(long workItemId, String claimant, Instant leaseUntil, Instant at) {
            WorkItem w = rows.get(workItemId);
            if (w == null || !w.claimedBy().equals(Optional.of(claimant))) {
                return false;
            }
            with(w, w.status(), w.assignedAgentId(), at, w.completedAt(), w.claimedBy(), Optional.of(leaseUntil));
            return true;
        }

        @Override
        public boolean finishClaim(long workItemId, String claimant, WorkItemStatus status, Instant at) {
            WorkItem w = rows.get(workItemId);
            if (w == null || !w.claimedBy().equals(Optional.of(claimant))) {
                return false;
            }
            with(w, status, w.assignedAgentId(), at,
                    status == WorkItemStatus.DONE ? Optional.of(at) : w.completedAt(), Optional.empty(),
                    Optional.empty());
            return true;
        }

        @Override
        public boolean transition(long workItemId, WorkItemStatus from, WorkItemStatus to, Instant at) {
            WorkItem w = rows.get(workItemId);
            if (w == null || w.status() != from) {
                return false;
            }
            with(w, to, w.assignedAgentId(), at, to == WorkItemStatus.DONE ? Optional.of(at) : w.completedAt(),
                    Optional.empty(), Optional.empty());
            return true;
        }

        @Override
        public List<WorkItem> releaseExpiredLeases(Instant now) {
            List<WorkItem> expired = rows.values().stream()
                    .filter(w -> w.status() == WorkItemStatus.IN_PROGRESS && w.claimedBy().isPresent()
                            && !w.leaseExpiresAt().orElseThrow().isAfter(now))
                    .sorted(Comparator.comparingLong(WorkItem::id))
                    .toList();
            expired.forEach(w -> with(w, WorkItemStatus.BACKLOG, w.assignedAgentId(), now, w.completedAt(),
                    Optional.empty(), Optional.empty()));
            return expired;
        }

        @Override
        public Map<WorkItemStatus, Integer> countByStatus(long projectId) {
            Map<WorkItemStatus, Integer> out = new EnumMap<>(WorkItemStatus.class);
            ordered(projectId).forEach(w -> out.merge(w.status(), 1, Integer::sum));
            return out;
        }
    }

    public final class Runs implements RunStore {
        public final List<AgentRun> rows = new ArrayList<>();

        @Override
        public AgentRun insert(long projectId, long workItemId, long agentId, RunStatus status, String summary,
                               String patch, boolean testsPassed, Instant at) {
            AgentRun r = new AgentRun(rows.size() + 1, projectId, workItemId, Optional.of(agentId), status, summary,
                    patch, testsPassed, at, at);
            rows.add(r);
            return r;
        }

        @Override
        public List<AgentRun> list(long projectId, Optional<RunStatus> status, PageSlice page) {
            return page(rows.stream().filter(r -> r.projectId() == projectId), page);
        }
    }

    public final class Pulls implements PullRequestStore {
        final Map<Long, PullRequest> rows = new LinkedHashMap<>();

        public Map<Long, PullRequest> rows() {
            return rows;
        }
        long next = 1;

        public PullRequest get(long id) {
            return rows.get(id);
        }

        public List<PullRequest> all() {
            return List.copyOf(rows.values());
        }

        @Override
        public Optional<PullRequest> open(long projectId, NewPullRequest p, Instant at) {
            boolean exists = rows.values().stream().anyMatch(r -> r.status() == PullRequestStatus.OPEN
                    && r.workItemId().equals(Optional.of(p.workItemId())));
            if (exists) {
                return Optional.empty();
            }
            PullRequest pr = new PullRequest(next++, projectId, Optional.of(p.workItemId()), p.title(),
                    p.description(), p.sourceBranch(), p.targetBranch(), PullRequestStatus.OPEN, p.checksPassed(),
                    p.autoMerge(), Optional.of(p.createdByAgentId()), at, Optional.empty());
            rows.put(pr.id(), pr);
            return Optional.of(pr);
        }

        @Override
        public Optional<PullRequest> find(long projectId, long pullRequestId) {
            return Optional.ofNullable(rows.get(pullRequestId)).filter(p -> p.projectId() == projectId);
        }

        @Override
        public Optional<PullRequest> lock(long projectId, long pullRequestId) {
            return find(projectId, pullRequestId);
        }

        @Override
        public List<PullRequest> list(long projectId, Optional<PullRequestStatus> status, PageSlice page) {
            return page(rows.values().stream().filter(p -> p.projectId() == projectId), page);
        }

        private boolean set(long id, PullRequestStatus status, String description, Optional<Instant> mergedAt) {
            PullRequest p = rows.get(id);
            if (p == null || p.status() != PullRequestStatus.OPEN) {
                return false;
            }
            rows.put(id, new PullRequest(p.id(), p.projectId(), p.workItemId(), p.title(), description,
                    p.sourceBranch(), p.targetBranch(), status, p.checksPassed(), p.autoMerge(),
                    p.createdByAgentId(), p.createdAt(), mergedAt));
            return true;
        }

        @Override
        public boolean markMerged(long pullRequestId, String description, Instant at) {
            return set(pullRequestId, PullRequestStatus.MERGED, description, Optional.of(at));
        }

        @Override
        public boolean close(long pullRequestId) {
            PullRequest p = rows.get(pullRequestId);
            return p != null && set(pullRequestId, PullRequestStatus.CLOSED, p.description(), Optional.empty());
        }

        @Override
        public Map<PullRequestStatus, Integer> countByStatus(long projectId) {
            return Map.of();
        }
    }

    public final class Reviews implements ReviewStore {
        public final List<Review> rows = new ArrayList<>();

        @Override
        public Review insert(long pullRequestId, Optional<Long> agentId, Optional<String> reviewer,
                             ReviewDecision decision, String comment, Instant at) {
            Review r = new Review(rows.size() + 1, pullRequestId, agentId, reviewer, decision, comment, at);
            rows.add(r);
            return r;
        }

        @Override
        public List<Review> forPullRequest(long pullRequestId) {
            return rows.stream().filter(r -> r.pullRequestId() == pullRequestId).toList();
        }
    }

    public final class Events implements EventLog {
        public final List<ProjectEvent> rows = new ArrayList<>();

        @Override
        public ProjectEvent append(long projectId, String eventType, String payloadJson, Instant at) {
            ProjectEvent e = new ProjectEvent(rows.size() + 1, projectId, eventType, payloadJson, at);
            rows.add(e);
            return e;
        }

        @Override
        public List<ProjectEvent> list(long projectId, PageSlice page) {
            return page(rows.stream().filter(e -> e.projectId() == projectId), page);
        }

        /** "type payload" lines, oldest first. */
        public List<String> lines() {
            return rows.stream().map(e -> e.eventType() + " " + e.payloadJson()).toList();
        }

        public List<String> types() {
            return rows.stream().map(ProjectEvent::eventType).toList();
        }
    }
}
