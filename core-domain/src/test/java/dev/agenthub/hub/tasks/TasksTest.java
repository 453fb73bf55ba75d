package dev.agenthub.hub.tasks;

import dev.agenthub.hub.beads.BeadIssue;
import dev.agenthub.hub.beads.BeadTitles;
import dev.agenthub.hub.claims.Claim;
import dev.agenthub.hub.claims.Claims;
import dev.agenthub.hub.claims.port.ClaimEvents;
import dev.agenthub.hub.repos.RepoId;
import dev.agenthub.hub.tasks.port.TaskStore;
import dev.agenthub.hub.team.InMemoryBeadStore;
import dev.agenthub.hub.team.InMemoryClaimStore;
import dev.agenthub.hub.workspaces.InMemoryWorkspaceStore;
import dev.agenthub.hub.workspaces.Workspace;
import dev.agenthub.protocol.agents.Agent;
import dev.agenthub.protocol.fakes.FakeTransactionRunner;
import dev.agenthub.protocol.fakes.Fixtures;
import dev.agenthub.protocol.fakes.InMemoryAgentStore;
import dev.agenthub.protocol.fakes.InMemoryProjectStore;
import dev.agenthub.protocol.fakes.MutableClock;
import dev.agenthub.protocol.fakes.SequentialIds;
import dev.agenthub.protocol.identity.Principal;
import dev.agenthub.protocol.kernel.error.DomainError;
import dev.agenthub.protocol.kernel.id.AgentId;
import dev.agenthub.protocol.projects.Project;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The native task use cases over fakes: numbering, refs, validation texts, the patch rules (auto-assign, 409,
 * explicit unassign, close cascade, reopen), dependencies (self, cycles, idempotence, under the lock), soft
 * delete, and the claim hooks of §6.3 with the apex of §6.2 and the titles of §4.4.
 */
class TasksTest {

    private static final Instant T = Instant.parse("2026-02-07T11:14:49.123456Z");

    private final MutableClock clock = new MutableClock(T);
    private final FakeTransactionRunner transactions = new FakeTransactionRunner();
    private final InMemoryProjectStore projects = new InMemoryProjectStore();
    private final InMemoryAgentStore agents = new InMemoryAgentStore();
    private final InMemoryWorkspaceStore workspaces = new InMemoryWorkspaceStore();
    private final InMemoryClaimStore claimStore = new InMemoryClaimStore();
    private final InMemoryBeadStore beads = new InMemoryBeadStore();
    private final InMemoryTaskStore store = new InMemoryTaskStore(projects);
    private final List<String> events = new ArrayList<>();
    private final Claims claims = new Claims(transactions, claimStore, workspaces, beads, new ClaimEvents() {
        @Override
        public void claimed(Claim claim, String title) {
            events.add("claimed " + claim.beadId() + " by " + claim.alias() + ": " + title);
        }

        @Override
        public void unclaimed(Claim claim, String title) {
            events.add("unclaimed " + claim.beadId() + " by " + claim.alias() + ": " + title);
        }
    }, new TaskIndex(store));
    private final Tasks tasks = new Tasks(transactions, store, projects, agents, workspaces, beads, claims, clock,
            new SequentialIds());

    private final Project project = projects.add(Fixtures.project("team"));
    private final Project elsewhere = projects.add(Fixtures.project("elsewhere"));
    private final Agent alice = withWorkspace(project, "alice");
    private final Agent bob = withWorkspace(project, "bob");
    private final Agent dashboardless = agents.add(Fixtures.agent(project, "carol").id(new AgentId(UUID.randomUUID())).build());
    private final Agent stranger = withWorkspace(elsewhere, "zed");

    private Agent withWorkspace(Project in, String alias) {
        Agent agent = agents.add(Fixtures.agent(in, alias).id(new AgentId(UUID.randomUUID())).build());
        workspaces.insert(Workspace.ofAgent(agent.id(), in.id(), new RepoId(UUID.randomUUID()), alias, "", "dev",
                null, null, T));
        return agent;
    }

    private static Principal principal(Agent agent) {
        return new Principal(agent.project(), Principal.AuthMode.BEARER, Principal.Type.KEY, UUID.randomUUID(), null,
                agent.id(), agent);
    }

    private Task create(Agent by, String title, UUID parent) {
        return tasks.create(by, new Tasks.NewTask(title, "", "", 2, "task", List.of(), parent, null)).task();
    }

    private static Tasks.Patch status(Task.State state) {
        return new Tasks.Patch(null, null, null, null, null, null, null, null, state);
    }

    private Task read(Agent as, String ref) {
        return ((Tasks.NativeFound) tasks.get(principal(as), ref)).detail().task();
    }

    @Test
    void numbersPerProjectFromOneAndFormatsRefs() {
        assertThat(create(alice, "a", null).ref()).isEqualTo("team-001");
        assertThat(create(bob, "b", null).number()).isEqualTo(2);
        assertThat(create(stranger, "z", null).ref()).isEqualTo("elsewhere-001");
        assertThat(Task.ref("team", 42)).isEqualTo("team-042");
        assertThat(Task.ref("team", 1234)).isEqualTo("team-1234");
        assertThat(Task.number("team", "team-007")).hasValue(7);
        assertThat(Task.number("team", "12")).hasValue(12);
        assertThat(Task.number("team", "team-x")).isEmpty();
        assertThat(Task.number("team", "other-001")).isEmpty();
        assertThat(Task.number("team", "team-000")).isEmpty();
    }

    @Test
    void resolvesUuidNumberAndRefElseNotFound() {
        Task task = create(alice, "a", null);
        for (String ref : List.of(task.id().toString(), "1", "team-001")) {
            assertThat(read(bob, ref).id()).isEqualTo(task.id());
        }
        for (String ref : List.of("2", "team-002", "nonsense", UUID.randomUUID().toString())) {
            assertThatThrownBy(() -> tasks.get(principal(bob), ref)).isInstanceOf(DomainError.NotFound.class)
                    .hasMessage("Task not found");
        }
        assertThatThrownBy(() -> tasks.get(principal(stranger), task.id().toString()))
                .isInstanceOf(DomainError.NotFound.class);
    }

    @Test
    void refusesParentsAndAssigneesOfOtherProjects() {
        Task theirs = create(stranger, "z", null);
        assertThatThrownBy(() -> create(alice, "a", theirs.id())).isInstanceOf(DomainError.Invalid.class)
                .hasMessage("Parent task not found in this project");
        assertThatThrownBy(() -> tasks.create(alice, new Tasks.NewTask("a", "", "", 2, "task", List.of(), null,
                stranger.id()))).isInstanceOf(DomainError.Invalid.class)
                .hasMessage("Assignee agent not found in this project");
    }

    @Test
    void inProgressAssignsTheActorAndRefusesAnotherAssignee() {
        Task task = create(alice, "a", null);
        Task started = tasks.patch(bob, "1", status(Task.State.IN_PROGRESS)).detail().task();
        assertThat(started.assignee()).isEqualTo(bob.id());
        assertThat(started.status()).isEqualTo(Task.State.IN_PROGRESS);
        assertThatThrownBy(() -> tasks.patch(alice, task.ref(), status(Task.State.IN_PROGRESS)))
                .isInstanceOf(DomainError.Conflict.class).hasMessage("Task is assigned to another agent");
        Task unassigned = tasks.patch(alice, "1", new Tasks.Patch(null, null, null, null, null, null, null,
                new Tasks.Change<>(null), null)).detail().task();
        assertThat(unassigned.assignee()).isNull();
        assertThat(unassigned.status()).isEqualTo(Task.State.IN_PROGRESS);
    }

    @Test
    void closingCascadesToOpenDescendantsOnlyAndReopeningClearsTheCloser() {
        Task root = create(alice, "root", null);
        Task child = create(alice, "child", root.id());
        Task grandchild = create(alice, "grandchild", child.id());
        Task done = create(alice, "done", root.id());
        tasks.patch(alice, done.ref(), status(Task.State.CLOSED));
        Task other = create(alice, "other", null);
        clock.set(T.plusSeconds(9));
        Tasks.Patched closed = tasks.patch(bob, "1", status(Task.State.CLOSED));
        assertThat(closed.closing()).isTrue();
        assertThat(closed.detail().task().closedBy()).isEqualTo(bob.id());
        assertThat(closed.detail().task().closedAt()).isEqualTo(T.plusSeconds(9));
        assertThat(closed.autoClosed()).extracting(Task::id).containsExactly(child.id(), grandchild.id());
        assertThat(read(alice, grandchild.ref()).closedBy()).isEqualTo(bob.id());
        assertThat(read(alice, done.ref()).closedAt()).isEqualTo(T);
        assertThat(read(alice, other.ref()).status()).isEqualTo(Task.State.OPEN);

        Task reopened = tasks.patch(bob, "1", status(Task.State.OPEN)).detail().task();
        assertThat(reopened.closedBy()).isNull();
        assertThat(reopened.closedAt()).isNull();
        assertThat(tasks.patch(bob, "1", status(Task.State.OPEN)).closing()).isFalse();
    }

    @Test
    void refusesAParentCycle() {
        Task root = create(alice, "root", null);
        Task child = create(alice, "child", root.id());
        assertThatThrownBy(() -> tasks.patch(alice, root.ref(), new Tasks.Patch(null, null, null, null, null, null,
                new Tasks.Change<>(child.id()), null, null))).isInstanceOf(DomainError.Invalid.class)
                .hasMessage("Parent would create a cycle");
    }

    @Test
    void dependenciesRefuseSelfAndCyclesAndAreIdempotent() {
        Task a = create(alice, "a", null);
        Task b = create(alice, "b", null);
        Task c = create(alice, "c", null);
        Principal p = principal(bob);
        assertThatThrownBy(() -> tasks.addDependency(p, "1", a.id().toString()))
                .isInstanceOf(DomainError.Invalid.class).hasMessage("A task cannot depend on itself");
        tasks.addDependency(p, "1", "2");
        tasks.addDependency(p, "1", "2");
        tasks.addDependency(p, "2", "3");
        assertThatThrownBy(() -> tasks.addDependency(p, "3", "1"))
                .isInstanceOf(DomainError.Invalid.class).hasMessage("Dependency would create a cycle");
        assertThat(store.blockers(a.id())).extracting(Task::id).containsExactly(b.id());
        assertThat(store.dependents(c.id())).extracting(Task::id).containsExactly(b.id());
        assertThat(tasks.ready(p)).extracting(Task::id).containsExactly(c.id());
        assertThat(tasks.blocked(p)).extracting(Task::id).containsExactly(a.id(), b.id());
        assertThat(store.dependencyLocks()).isEqualTo(4); // every check that preceded an insert ran under the lock
        tasks.removeDependency(p, "2", "3");
        tasks.addDependency(p, "3", "1");
    }

    @Test
    void commentsAndSoftDelete() {
        Task a = create(alice, "a", null);
        tasks.comment(bob, "1", "first");
        clock.set(T.plusSeconds(1));
        tasks.comment(alice, a.ref(), "second");
        assertThat(tasks.comments(principal(alice), "1")).extracting(TaskComment::body).containsExactly("first", "second");
        assertThat(tasks.delete(principal(bob), "1").id()).isEqualTo(a.id());
        assertThatThrownBy(() -> tasks.delete(principal(bob), "1")).isInstanceOf(DomainError.NotFound.class);
        assertThatThrownBy(() -> tasks.comments(principal(alice), "1")).isInstanceOf(DomainError.NotFound.class);
        assertThat(create(alice, "next", null).number()).isEqualTo(2);
    }

    @Test
    void listWithAnAssigneeLeavesBeadIssuesOut() {
        create(alice, "a", null);
        tasks.create(alice, new Tasks.NewTask("b", "", "", 1, "bug", List.of("x"), null, bob.id()));
        List<Tasks.Entry> listed = tasks.list(principal(alice), new TaskStore.Filter(Set.of(), Optional.of(bob.id()),
                Optional.empty(), Optional.empty(), List.of()));
        assertThat(listed).hasSize(1).first().isInstanceOfSatisfying(Tasks.Native.class,
                n -> assertThat(n.task().title()).isEqualTo("b"));
    }

    @Test
    void inProgressClaimsTheRefWithTheApexOfTheParentChain() {
        Task root = create(alice, "Epic", null);
        Task child = create(alice, "Child", root.id());
        Task leaf = create(alice, "Leaf", child.id());
        tasks.patch(bob, leaf.ref(), status(Task.State.IN_PROGRESS));
        assertThat(claimStore.all()).singleElement().satisfies(claim -> {
            assertThat(claim.beadId()).isEqualTo("team-003");
            assertThat(claim.workspace()).isEqualTo(bob.id());
            assertThat(claim.apex()).isEqualTo(new Claim.Apex("team-001", null, null));
        });
        assertThat(workspaces.find(bob.id()).orElseThrow().focus().apexBeadId()).isEqualTo("team-001");
        assertThat(events).containsExactly("claimed team-003 by bob: Leaf");

        // another status releases every claim on the ref
        tasks.patch(bob, leaf.ref(), status(Task.State.OPEN));
        assertThat(claimStore.all()).isEmpty();
        assertThat(events).last().isEqualTo("unclaimed team-003 by bob: Leaf");
    }

    @Test
    void aHeldClaimIsNotStolenAndNothingIsPublished() {
        Task task = create(alice, "a", null);
        claimStore.claim(new Claim(project.id(), task.ref(), alice.id(), "alice", "", T, Claim.Apex.NONE));
        tasks.patch(bob, task.ref(), status(Task.State.IN_PROGRESS));
        assertThat(claimStore.all()).extracting(Claim::workspace).containsExactly(alice.id());
        assertThat(events).isEmpty();
    }

    @Test
    void closingAndDeletingReleaseClaimsAndHooksNeedALiveWorkspace() {
        Task root = create(alice, "root", null);
        Task child = create(alice, "child", root.id());
        tasks.patch(bob, child.ref(), status(Task.State.IN_PROGRESS));
        tasks.patch(alice, root.ref(), status(Task.State.IN_PROGRESS));
        tasks.patch(dashboardless, root.ref(), new Tasks.Patch(null, null, null, null, null, null, null,
                new Tasks.Change<>(null), null));
        tasks.patch(alice, root.ref(), status(Task.State.CLOSED)); // the cascade closes the child and releases it
        assertThat(claimStore.all()).isEmpty();

        Task other = create(alice, "other", null);
        tasks.patch(alice, other.ref(), status(Task.State.IN_PROGRESS));
        tasks.delete(new Principal(project.id(), Principal.AuthMode.BEARER, Principal.Type.KEY, UUID.randomUUID(),
                null, null, null), other.ref()); // an unbound key: no actor, no hook
        assertThat(claimStore.all()).extracting(Claim::beadId).containsExactly("team-003");
        Task third = create(alice, "third", null);
        tasks.patch(alice, third.ref(), status(Task.State.IN_PROGRESS));
        tasks.delete(principal(bob), third.ref());
        assertThat(claimStore.all()).extracting(Claim::beadId).containsExactly("team-003");

        // an actor without a workspace claims nothing
        Task fourth = create(alice, "fourth", null);
        tasks.patch(dashboardless, fourth.ref(), status(Task.State.IN_PROGRESS));
        assertThat(claimStore.all()).extracting(Claim::beadId).containsExactly("team-003");
        assertThat(read(alice, fourth.ref()).assignee()).isEqualTo(dashboardless.id());
    }

    @Test
    void titlesResolveNativeTasksFirst() {
        Task task = tasks.create(alice, new Tasks.NewTask("Native", "", "", 2, "feature", List.of(), null, null)).task();
        beads.add(project.id(), new BeadIssue("github.com/org/app", "main", task.ref(), "Synced", null, "open", 1,
                "epic", null, null, null, T, T, List.of(), null, T));
        beads.add(project.id(), new BeadIssue("github.com/org/app", "main", "bd-1", "Bead", null, "open", 1,
                "bug", null, null, null, T, T, List.of(), null, T));
        BeadTitles titles = new BeadTitles(beads, new TaskIndex(store));
        assertThat(titles.ofBeads(project.id(), List.of(task.ref(), "bd-1", "bd-9")))
                .containsEntry(task.ref(), new BeadTitles.Titled("Native", "feature"))
                .containsEntry("bd-1", new BeadTitles.Titled("Bead", "bug"))
                .doesNotContainKey("bd-9");
        assertThat(titles.ofApex(project.id(), task.ref(), null, null)).hasValue(new BeadTitles.Titled("Native", "feature"));
        assertThat(titles.ofApex(project.id(), "bd-1", null, null)).isEmpty();
        assertThat(titles.ofApex(project.id(), "bd-1", "github.com/org/app", "main"))
                .hasValue(new BeadTitles.Titled("Bead", "bug"));
        tasks.delete(principal(alice), task.ref());
        assertThat(titles.ofBeads(project.id(), List.of(task.ref())).get(task.ref()).title()).isEqualTo("Synced");
    }
}
