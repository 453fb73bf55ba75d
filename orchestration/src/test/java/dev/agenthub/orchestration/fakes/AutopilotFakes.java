package dev.agenthub.orchestration.fakes;

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
import dev.agenthub.orchestration.projects.Projects;
import dev.agenthub.orchestration.projects.RepoUrls;
import dev.agenthub.orchestration.projects.port.ProjectStore;
import dev.agenthub.orchestration.workitems.AgentLoad;
import dev.agenthub.orchestration.workitems.NewWorkItem;
import dev.agenthub.orchestration.workitems.WorkItem;
import dev.agenthub.orchestration.workitems.WorkItemStatus;
import dev.agenthub.orchestration.workitems.port.WorkItemStore;
import dev.agenthub.protocol.fakes.FakeTransactionRunner;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * In-memory stand-ins for the autopilot's stores, enough for the catalog use cases' unit tests (single-threaded;
 * the methods those use cases never call throw {@link UnsupportedOperationException}).
 */
public final class AutopilotFakes {

    public static final Instant NOW = Instant.parse("2026-03-01T12:00:00.123456Z");

    public final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    public final FakeTransactionRunner tx = new FakeTransactionRunner();
    public final InMemoryProjects projectStore = new InMemoryProjects();
    public final InMemoryPolicies policies = new InMemoryPolicies();
    public final InMemoryAgents agents = new InMemoryAgents();
    public final InMemoryWorkItems workItems = new InMemoryWorkItems();
    public final InMemoryEvents events = new InMemoryEvents();
    public final Projects projects = new Projects(tx, projectStore,
            new RepoUrls(false, Optional.empty(), Path.of("/nonexistent")), project -> { }, clock);

    public long project(String name) {
        return projectStore.insert(name, "https://example.com/" + name + ".git", "main", NOW).orElseThrow().id();
    }

    public long agent(long projectId, AgentStatus status) {
        return agents.insert(projectId, "Forge Coder", AgentRole.CODER, status, 2, "", NOW).id();
    }

    public static final class InMemoryProjects implements ProjectStore {
        private final List<Project> rows = new ArrayList<>();

        @Override
        public Optional<Project> insert(String name, String repoUrl, String defaultBranch, Instant createdAt) {
            if (rows.stream().anyMatch(p -> p.name().equals(name))) {
                return Optional.empty();
            }
            Project project = new Project(rows.size() + 1, name, repoUrl, defaultBranch, createdAt);
            rows.add(project);
            return Optional.of(project);
        }

        @Override
        public Optional<Project> find(long id) {
            return rows.stream().filter(p -> p.id() == id).findFirst();
        }

        @Override
        public List<Project> list(PageSlice page) {
            throw new UnsupportedOperationException();
        }
    }

    public static final class InMemoryPolicies implements PolicyStore {
        private final Map<Long, AutomationPolicy> rows = new java.util.HashMap<>();

        public void set(long projectId, PolicySettings settings) {
            rows.put(projectId, new AutomationPolicy(projectId, projectId, settings));
        }

        @Override
        public AutomationPolicy getOrCreate(long projectId) {
            return rows.computeIfAbsent(projectId, id -> new AutomationPolicy(id, id, PolicySettings.DEFAULTS));
        }

        @Override
        public AutomationPolicy lockOrCreate(long projectId) {
            return getOrCreate(projectId);
        }

        @Override
        public AutomationPolicy update(long projectId, PolicySettings settings) {
            throw new UnsupportedOperationException();
        }

        @Override
        public PolicyRevision addRevision(long projectId, PolicySettings settings, String changedBy,
                                          String changeReason, Instant createdAt) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<PolicyRevision> revisions(long projectId, PageSlice page) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<PolicyRevision> revision(long projectId, long revisionId) {
            throw new UnsupportedOperationException();
        }
    }

    public static final class InMemoryAgents implements AgentStore {
        private final List<Agent> rows = new ArrayList<>();

        @Override
        public Agent insert(long projectId, String name, AgentRole role, AgentStatus status, int maxParallelTasks,
                            String capabilities, Instant createdAt) {
            Agent agent = new Agent(rows.size() + 1, projectId, name, role, status, maxParallelTasks, capabilities,
                    createdAt);
            rows.add(agent);
            return agent;
        }

        @Override
        public Optional<Agent> find(long projectId, long agentId) {
            return rows.stream().filter(a -> a.id() == agentId && a.projectId() == projectId).findFirst();
        }

        @Override
        public List<Agent> list(long projectId, PageSlice page) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Agent> all(long projectId) {
            return rows.stream().filter(a -> a.projectId() == projectId)
                    .sorted(Comparator.comparing((Agent a) -> a.role().name().toLowerCase())
                            .thenComparing(Agent::createdAt).thenComparingLong(Agent::id))
                    .toList();
        }

        @Override
        public boolean any(long projectId) {
            return rows.stream().anyMatch(a -> a.projectId() == projectId);
        }

        @Override
        public Optional<Agent> update(long projectId, long agentId, Optional<String> name,
                                      Optional<AgentStatus> status, Optional<Integer> maxParallelTasks) {
            throw new UnsupportedOperationException();
        }
    }

    public static final class InMemoryWorkItems implements WorkItemStore {
        private final List<WorkItem> rows = new ArrayList<>();

        public List<WorkItem> rows() {
            return List.copyOf(rows);
        }

        @Override
        public List<WorkItem> insertAll(long projectId, List<NewWorkItem> items, Instant at) {
            List<WorkItem> created = new ArrayList<>();
            for (NewWorkItem item : items) {
                WorkItem stored = new WorkItem(rows.size() + 1, projectId, item.title(), item.description(),
                        WorkItemStatus.BACKLOG, item.priority(), Optional.empty(), item.sourceObjective(),
                        item.createdBy(), at, at, Optional.empty(), Optional.empty(), Optional.empty(), 0);
                rows.add(stored);
                created.add(stored);
            }
            return created;
        }

        @Override
        public Optional<WorkItem> find(long projectId, long workItemId) {
            return rows.stream().filter(w -> w.id() == workItemId && w.projectId() == projectId).findFirst();
        }

        @Override
        public List<WorkItem> list(long projectId, Optional<WorkItemStatus> status, PageSlice page) {
            return rows.stream().filter(w -> w.projectId() == projectId)
                    .filter(w -> status.map(s -> w.status() == s).orElse(true))
                    .sorted(Comparator.comparingInt(WorkItem::priority).thenComparing(WorkItem::createdAt)
                            .thenComparingLong(WorkItem::id))
                    .skip(page.offset()).limit(page.limit()).toList();
        }

        @Override
        public Optional<WorkItem> assign(long projectId, long workItemId, long agentId, Instant at) {
            Optional<WorkItem> found = find(projectId, workItemId);
            found.ifPresent(w -> rows.set(rows.indexOf(w), new WorkItem(w.id(), w.projectId(), w.title(),
                    w.description(), w.status(), w.priority(), Optional.of(agentId), w.sourceObjective(),
                    w.createdBy(), w.createdAt(), at, w.completedAt(), w.claimedBy(), w.leaseExpiresAt(), w.attempts())));
            return find(projectId, workItemId);
        }

        public void setStatus(long workItemId, WorkItemStatus status) {
            WorkItem w = rows.stream().filter(r -> r.id() == workItemId).findFirst().orElseThrow();
            rows.set(rows.indexOf(w), new WorkItem(w.id(), w.projectId(), w.title(), w.description(), status,
                    w.priority(), w.assignedAgentId(), w.sourceObjective(), w.createdBy(), w.createdAt(),
                    w.updatedAt(), w.completedAt(), w.claimedBy(), w.leaseExpiresAt(), w.attempts()));
        }

        @Override
        public Map<WorkItemStatus, Integer> countByStatus(long projectId) {
            Map<WorkItemStatus, Integer> counts = new EnumMap<>(WorkItemStatus.class);
            rows.stream().filter(w -> w.projectId() == projectId).forEach(w -> counts.merge(w.status(), 1, Integer::sum));
            return counts;
        }

        @Override
        public List<WorkItem> backlog(long projectId, int limit, int maxAttempts) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<AgentLoad> lockLoads(long projectId, Collection<Long> agentIds) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<WorkItem> claim(long projectId, long workItemId, long agentId, String claimant,
                                        Instant leaseUntil, Instant at) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean renewLease(long workItemId, String claimant, Instant leaseUntil, Instant at) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean finishClaim(long workItemId, String claimant, WorkItemStatus status, Instant at) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean transition(long workItemId, WorkItemStatus from, WorkItemStatus to, Instant at) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<WorkItem> releaseExpiredLeases(Instant now) {
            throw new UnsupportedOperationException();
        }
    }

    public static final class InMemoryEvents implements EventLog {
        private final List<ProjectEvent> rows = new ArrayList<>();

        public List<ProjectEvent> rows() {
            return List.copyOf(rows);
        }

        @Override
        public ProjectEvent append(long projectId, String eventType, String payloadJson, Instant at) {
            ProjectEvent event = new ProjectEvent(rows.size() + 1, projectId, eventType, payloadJson, at);
            rows.add(event);
            return event;
        }

        @Override
        public List<ProjectEvent> list(long projectId, PageSlice page) {
            throw new UnsupportedOperationException();
        }
    }
}
