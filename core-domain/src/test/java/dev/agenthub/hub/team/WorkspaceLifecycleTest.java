package dev.agenthub.hub.team;

import dev.agenthub.hub.claims.Claim;
import dev.agenthub.hub.claims.Claims;
import dev.agenthub.hub.claims.port.ClaimEvents;
import dev.agenthub.hub.repos.CanonicalOrigin;
import dev.agenthub.hub.repos.InMemoryRepoStore;
import dev.agenthub.hub.repos.Repo;
import dev.agenthub.hub.repos.RepoId;
import dev.agenthub.hub.workspaces.InMemoryWorkspaceStore;
import dev.agenthub.hub.workspaces.Workspace;
import dev.agenthub.hub.workspaces.Workspaces;
import dev.agenthub.protocol.agents.Agent;
import dev.agenthub.protocol.fakes.FakeTransactionRunner;
import dev.agenthub.protocol.fakes.Fixtures;
import dev.agenthub.protocol.fakes.InMemoryAgentStore;
import dev.agenthub.protocol.fakes.InMemoryApiKeyStore;
import dev.agenthub.protocol.fakes.InMemoryPresenceIndex;
import dev.agenthub.protocol.fakes.InMemoryProjectStore;
import dev.agenthub.protocol.fakes.MutableClock;
import dev.agenthub.protocol.fakes.SequentialIds;
import dev.agenthub.protocol.identity.ApiKey;
import dev.agenthub.protocol.identity.Principal;
import dev.agenthub.protocol.kernel.error.DomainError;
import dev.agenthub.protocol.kernel.id.AgentId;
import dev.agenthub.protocol.kernel.id.ProjectId;
import dev.agenthub.protocol.presence.PresenceKind;
import dev.agenthub.protocol.presence.PresenceRecord;
import dev.agenthub.protocol.presence.port.PresenceIndex;
import dev.agenthub.protocol.projects.Project;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WorkspaceLifecycleTest {

    /** A time the hub stores as it is (microseconds). */
    private static final Instant T = Instant.parse("2026-02-07T11:14:49.123456Z");
    private static final Duration TTL = Duration.ofSeconds(1800);
    private static final CanonicalOrigin APP = new CanonicalOrigin("github.com/org/app");
    private static final String APP_URL = "git@github.com:org/app.git";

    private final MutableClock clock = new MutableClock(T);
    private final FakeTransactionRunner transactions = new FakeTransactionRunner();
    private final InMemoryProjectStore projects = new InMemoryProjectStore();
    private final InMemoryAgentStore agents = new InMemoryAgentStore();
    private final InMemoryApiKeyStore keys = new InMemoryApiKeyStore(projects, agents);
    private final InMemoryRepoStore repos = new InMemoryRepoStore(projects);
    private final InMemoryWorkspaceStore workspaces = new InMemoryWorkspaceStore();
    private final InMemoryClaimStore claimStore = new InMemoryClaimStore();
    private final InMemoryPresenceIndex presence = new InMemoryPresenceIndex();
    private final List<String> unclaimed = new ArrayList<>();
    private final Claims claims = new Claims(transactions, claimStore, workspaces, new InMemoryBeadStore(), new ClaimEvents() {
        @Override
        public void claimed(Claim claim, String title) {
        }

        @Override
        public void unclaimed(Claim claim, String title) {
            unclaimed.add(claim.beadId());
        }
    });
    private final Random random = new Random(11);

    private final Project project = projects.add(Fixtures.project("team"));
    private final Project elsewhere = projects.add(Fixtures.project("elsewhere"));
    private final Repo app = repos.ensure(new Repo(new RepoId(UUID.randomUUID()), project.id(), APP_URL, APP, T, null)).repo();

    private WorkspaceLifecycle lifecycle(PresenceIndex index) {
        return new WorkspaceLifecycle(transactions, projects, agents, keys, repos, workspaces,
                new Workspaces(projects, repos, workspaces, index, TTL, clock, new SequentialIds()), claims, index, TTL,
                clock, new SequentialIds());
    }

    private final WorkspaceLifecycle lifecycle = lifecycle(presence);

    private Agent agent(Project in, String alias) {
        Agent agent = agents.add(Fixtures.agent(in, alias).id(new AgentId(UUID.randomUUID())).build());
        keys.insert(Fixtures.key(in.id(), agent.id(), random).key());
        return agent;
    }

    private Agent withWorkspace(String alias, String role) {
        Agent agent = agent(project, alias);
        workspaces.insert(Workspace.ofAgent(agent.id(), project.id(), app.id(), alias, "", role, null, null, T));
        return agent;
    }

    private static Principal bound(Agent agent) {
        return new Principal(agent.project(), Principal.AuthMode.BEARER, Principal.Type.KEY, UUID.randomUUID(), null,
                agent.id(), agent);
    }

    private static Principal unbound(ProjectId project) {
        return new Principal(project, Principal.AuthMode.BEARER, Principal.Type.KEY, UUID.randomUUID(), null, null, null);
    }

    private static WorkspaceLifecycle.Beat beat(AgentId id, String alias, CanonicalOrigin origin, String role) {
        return new WorkspaceLifecycle.Beat(id, alias, "https://" + origin.value(), origin, role, "main", "Europe/Madrid",
                "host", "/w", "Alice");
    }

    private static void assertRefused(Runnable call, Class<? extends DomainError> type, int status, String message) {
        assertThatThrownBy(call::run).isInstanceOf(type).hasMessage(message).satisfies(error -> {
            if (error instanceof DomainError.Invalid invalid) {
                assertThat(invalid.status()).isEqualTo(status);
            }
        });
    }

    @Test
    void anExistingWorkspaceIsCheckedInTheOrderOfTheSpecification() {
        Agent alice = withWorkspace("alice", "developer");
        // deleted beats every later check (also another project's and another alias)
        Agent foreign = agent(elsewhere, "zed");
        workspaces.insert(Workspace.ofAgent(foreign.id(), elsewhere.id(), new RepoId(UUID.randomUUID()), "zed", "", null,
                null, null, T));
        workspaces.softDelete(foreign.id(), T);
        assertRefused(() -> lifecycle.heartbeat(unbound(project.id()), beat(foreign.id(), "other", APP, null)),
                DomainError.Gone.class, 410, "Workspace was deleted. Run 'bdh :init' to re-register.");
        workspaces.restore(foreign.id(), T);
        assertRefused(() -> lifecycle.heartbeat(unbound(project.id()), beat(foreign.id(), "other", APP, null)),
                DomainError.Invalid.class, 400, "Workspace " + foreign.id() + " does not belong to this project. This may "
                        + "indicate a corrupted .beadhub file. Try running 'bdh :init' again.");
        repos.softDelete(project.id(), app.id(), T);
        assertRefused(() -> lifecycle.heartbeat(bound(alice), beat(alice.id(), "alicia", APP, null)),
                DomainError.Conflict.class, 409, "Alias mismatch for workspace " + alice.id()
                        + " (expected 'alice', got 'alicia'). Run 'bdh :init' to re-register.");
        assertRefused(() -> lifecycle.heartbeat(bound(alice), beat(alice.id(), "alice", new CanonicalOrigin("github.com/org/lib"), null)),
                DomainError.Gone.class, 410, "Workspace repository was deleted. Run 'bdh :init' to re-register.");
        repos.ensure(new Repo(new RepoId(UUID.randomUUID()), project.id(), APP_URL, APP, T, null));
        assertRefused(() -> lifecycle.heartbeat(bound(alice), beat(alice.id(), "alice", new CanonicalOrigin("github.com/org/lib"), null)),
                DomainError.Invalid.class, 400, "Repo mismatch: workspace is registered with a different repository. "
                        + "This may indicate a corrupted .beadhub file. Run 'bdh :init' again.");
        assertThat(workspaces.find(alice.id()).orElseThrow().updatedAt()).as("nothing written").isEqualTo(T);
        assertThat(presence.find(PresenceKind.WORKSPACE, alice.id().value(), clock.instant())).isEmpty();
    }

    @Test
    void aKeyBoundToAnotherAgentIsRefusedBeforeAnyLookup() {
        Agent alice = withWorkspace("alice", null);
        Agent bob = withWorkspace("bob", null);
        assertRefused(() -> lifecycle.heartbeat(bound(alice), beat(bob.id(), "bob", APP, null)), DomainError.Forbidden.class,
                403, "workspace_id does not match API key identity");
        assertRefused(() -> lifecycle.restore(bound(alice), bob.id(), bob.id().toString()), DomainError.Forbidden.class,
                403, "workspace_id does not match API key identity");
    }

    @Test
    void anUpdateKeepsTheStoredRoleWhenNoneIsGivenAndRefreshesBothPresenceRecords() {
        Agent alice = withWorkspace("alice", "developer");
        clock.set(T.plusSeconds(9));

        WorkspaceLifecycle.Beaten beaten = lifecycle.heartbeat(bound(alice), beat(alice.id(), "alice", APP, null));

        Workspace stored = workspaces.find(alice.id()).orElseThrow();
        assertThat(beaten.created()).isFalse();
        assertThat(beaten.presenceFailure()).isEmpty();
        assertThat(stored.role()).isEqualTo("developer");
        assertThat(stored.currentBranch()).isEqualTo("main");
        assertThat(stored.lastSeenAt()).isEqualTo(T.plusSeconds(9));
        PresenceRecord record = presence.find(PresenceKind.WORKSPACE, alice.id().value(), clock.instant()).orElseThrow();
        assertThat(record.attributes()).containsExactlyEntriesOf(new java.util.LinkedHashMap<>(Map.of()) {{
            put("human_name", "Alice");
            put("project_slug", "team");
            put("repo_id", app.id().toString());
            put("member_email", "");
            put("program", "bdh");
            put("current_branch", "main");
            put("canonical_origin", "github.com/org/app");
            put("role", "developer");
            put("timezone", "Europe/Madrid");
        }});
        assertThat(presence.find(PresenceKind.AGENT, alice.id().value(), clock.instant())).isPresent();

        lifecycle.heartbeat(bound(alice), beat(alice.id(), "alice", APP, "reviewer"));
        assertThat(workspaces.find(alice.id()).orElseThrow().role()).isEqualTo("reviewer");
    }

    @Test
    void aNewWorkspaceNeedsItsAgentAndAFreeAliasAndEnsuresItsRepo() {
        Agent carol = agent(project, "carol");
        CanonicalOrigin lib = new CanonicalOrigin("github.com/org/lib");
        presence.put(PresenceKind.WORKSPACE, new PresenceRecord(UUID.randomUUID(), project.id(), "carol", "active", T, null),
                TTL, T);
        String taken = "Alias 'carol' is already used by another workspace in this project. Please choose a different "
                + "alias and run 'bdh :init' again.";
        assertRefused(() -> lifecycle.heartbeat(bound(carol), beat(carol.id(), "carol", lib, null)),
                DomainError.Conflict.class, 409, taken);
        assertThat(repos.findByCanonicalOrigin(project.id(), lib)).as("no repo ensured").isEmpty();
        assertRefused(() -> lifecycle.heartbeat(unbound(project.id()), beat(new AgentId(UUID.randomUUID()), "nobody", lib, null)),
                DomainError.NotFound.class, 404, "Agent not found");

        Agent dave = agent(project, "dave");
        WorkspaceLifecycle.Beaten beaten = lifecycle.heartbeat(bound(dave), beat(dave.id(), "dave", lib, "lead"));

        assertThat(beaten.created()).isTrue();
        Repo ensured = repos.findByCanonicalOrigin(project.id(), lib).orElseThrow();
        assertThat(workspaces.find(dave.id())).contains(new Workspace(dave.id(), project.id(), ensured.id(), "dave", "Alice",
                "lead", "main", "Europe/Madrid", "host", "/w", Workspace.Focus.NONE, Workspace.Type.AGENT, T, T, T, null));
    }

    @Test
    void aPresenceFailureIsReportedNotThrown() {
        Agent alice = withWorkspace("alice", null);
        RuntimeException down = new IllegalStateException("presence down");
        PresenceIndex failing = new PresenceIndex() {
            @Override
            public void put(PresenceKind kind, PresenceRecord record, Duration ttl, Instant now) {
                throw down;
            }

            @Override
            public Optional<PresenceRecord> find(PresenceKind kind, UUID id, Instant now) {
                throw down;
            }

            @Override
            public Map<UUID, PresenceRecord> findAll(PresenceKind kind, Collection<UUID> ids, Instant now) {
                throw down;
            }

            @Override
            public List<PresenceRecord> listProject(PresenceKind kind, ProjectId project, Instant now) {
                throw down;
            }

            @Override
            public Optional<UUID> findByAlias(PresenceKind kind, ProjectId project, String alias, Instant now) {
                throw down;
            }

            @Override
            public void clear(PresenceKind kind, UUID id) {
                throw down;
            }
        };
        clock.set(T.plusSeconds(3));

        WorkspaceLifecycle.Beaten beaten = lifecycle(failing).heartbeat(bound(alice), beat(alice.id(), "alice", APP, null));

        assertThat(beaten.presenceFailure()).contains(down);
        assertThat(workspaces.find(alice.id()).orElseThrow().lastSeenAt()).isEqualTo(T.plusSeconds(3));
    }

    @Test
    void deleteTakesTheClaimsTheAgentAndItsKeysAndPublishesAfterCommit() {
        Agent alice = withWorkspace("alice", null);
        Agent bob = withWorkspace("bob", null);
        claimStore.claim(new Claim(project.id(), "bd-1", alice.id(), "alice", "", T, Claim.Apex.NONE));
        claimStore.claim(new Claim(project.id(), "bd-2", bob.id(), "bob", "", T, Claim.Apex.NONE));
        clock.set(T.plusSeconds(4));

        assertRefused(() -> lifecycle.delete(unbound(elsewhere.id()), alice.id(), "ALICE"), DomainError.NotFound.class, 404,
                "Workspace ALICE not found");
        WorkspaceLifecycle.Deleted deleted = lifecycle.delete(bound(bob), alice.id(), "text");

        assertThat(deleted.workspace().deletedAt()).isEqualTo(T.plusSeconds(4));
        assertThat(deleted.claimsRemoved()).extracting(Claim::beadId).containsExactly("bd-1");
        assertThat(unclaimed).containsExactly("bd-1");
        assertThat(claimStore.all()).extracting(Claim::beadId).containsExactly("bd-2");
        assertThat(agents.findAnyState(alice.id()).orElseThrow().deletedAt()).isEqualTo(T.plusSeconds(4));
        assertThat(keys.all()).filteredOn(key -> key.agent().equals(alice.id())).noneMatch(ApiKey::active);
        assertThat(keys.all()).filteredOn(key -> key.agent().equals(bob.id())).allMatch(ApiKey::active);
        assertRefused(() -> lifecycle.delete(bound(bob), alice.id(), "again"), DomainError.NotFound.class, 404,
                "Workspace again is already deleted");
    }

    @Test
    void restoreNeedsADeletedWorkspaceOfTheProjectWhoseAliasIsStillFree() {
        Agent alice = withWorkspace("alice", null);
        Principal anyone = unbound(project.id());
        assertRefused(() -> lifecycle.restore(anyone, alice.id(), "a"), DomainError.Conflict.class, 409,
                "Workspace a is already active (not deleted)");
        lifecycle.delete(anyone, alice.id(), "a");
        assertRefused(() -> lifecycle.restore(unbound(elsewhere.id()), alice.id(), "a"), DomainError.NotFound.class, 404,
                "Workspace a not found");
        clock.set(T.plusSeconds(8));

        Workspace restored = lifecycle.restore(anyone, alice.id(), "a");

        assertThat(restored.live()).isTrue();
        assertThat(restored.updatedAt()).isEqualTo(T.plusSeconds(8));
        assertThat(agents.find(project.id(), alice.id())).as("the agent stays deleted").isEmpty();

        lifecycle.delete(anyone, alice.id(), "a");
        withWorkspace("alice", null); // a new agent and workspace take the alias
        assertRefused(() -> lifecycle.restore(anyone, alice.id(), "a"), DomainError.Conflict.class, 409,
                "Cannot restore: alias 'alice' is now used by another workspace");
    }

    private static WorkspaceLifecycle.Registration registration(CanonicalOrigin origin, String role) {
        return new WorkspaceLifecycle.Registration("https://" + origin.value(), origin, role, "host", "/w");
    }

    @Test
    void registerCreatesTheAgentsWorkspaceThenUpdatesItKeepingTheRoleWhenNoneIsGiven() {
        Agent dora = agents.add(Fixtures.agent(project, "dora").id(new AgentId(UUID.randomUUID())).humanName("Dora")
                .build());
        CanonicalOrigin lib = new CanonicalOrigin("github.com/org/lib");

        WorkspaceLifecycle.Registered created = lifecycle.register(bound(dora), registration(lib, "developer"));

        assertThat(created.outcome().created()).isTrue();
        assertThat(created.project()).isEqualTo(project);
        assertThat(created.outcome().repo().canonicalOrigin()).isEqualTo(lib);
        Workspace stored = workspaces.find(dora.id()).orElseThrow();
        assertThat(stored.alias()).isEqualTo("dora");
        assertThat(stored.humanName()).isEqualTo("Dora");
        assertThat(stored.role()).isEqualTo("developer");
        assertThat(stored.hostname()).isEqualTo("host");
        assertThat(stored.workspacePath()).isEqualTo("/w");
        assertThat(stored.type()).isEqualTo(Workspace.Type.AGENT);

        workspaces.softDelete(dora.id(), T);
        clock.set(T.plusSeconds(5));
        WorkspaceLifecycle.Registered again = lifecycle.register(bound(dora),
                new WorkspaceLifecycle.Registration("https://" + lib.value(), lib, null, "", ""));
        assertThat(again.outcome().created()).isFalse();
        Workspace updated = workspaces.find(dora.id()).orElseThrow();
        assertThat(updated.live()).as("undeleted").isTrue();
        assertThat(updated.role()).as("§14 F3").isEqualTo("developer");
        assertThat(updated.hostname()).isNull();
        assertThat(updated.workspacePath()).isNull();
        assertThat(updated.updatedAt()).isEqualTo(T.plusSeconds(5));

        lifecycle.register(bound(dora), registration(lib, "reviewer"));
        assertThat(workspaces.find(dora.id()).orElseThrow().role()).isEqualTo("reviewer");
    }

    @Test
    void registerChecksAnExistingWorkspaceInTheOrderOfTheSpecification() {
        Agent alice = withWorkspace("alice", "developer");
        CanonicalOrigin lib = new CanonicalOrigin("github.com/org/lib");
        assertRefused(() -> lifecycle.register(bound(alice), registration(lib, null)), DomainError.Conflict.class, 409,
                "Workspace already registered for another repo");
        Agent renamed = Fixtures.agent(project, "alicia").id(alice.id()).build(); // the record as the key carries it
        assertRefused(() -> lifecycle.register(bound(renamed), registration(APP, null)), DomainError.Conflict.class,
                409, "Workspace already registered with a different alias");
        Agent zed = agent(project, "zed");
        workspaces.insert(Workspace.ofAgent(zed.id(), elsewhere.id(), new RepoId(UUID.randomUUID()), "other", "", null,
                null, null, T));
        assertRefused(() -> lifecycle.register(bound(zed), registration(lib, null)), DomainError.Conflict.class, 409,
                "Workspace already registered in another project");
        assertThat(workspaces.find(alice.id()).orElseThrow().updatedAt()).as("nothing written").isEqualTo(T);
    }

    @Test
    void registerRefusesAgentNamesOutsideTheBeadhubPatternsAndAliasesHeldByAnotherWorkspace() {
        Agent dotted = agents.add(Fixtures.agent(project, "dot.ted").id(new AgentId(UUID.randomUUID())).build());
        assertRefused(() -> lifecycle.register(bound(dotted), registration(APP, null)), DomainError.BadGateway.class,
                502, "aweb returned invalid alias format");
        Agent named = agents.add(Fixtures.agent(project, "named").id(new AgentId(UUID.randomUUID())).humanName("9 lives")
                .build());
        assertRefused(() -> lifecycle.register(bound(named), registration(APP, null)), DomainError.BadGateway.class,
                502, "aweb returned invalid human_name format");
        Agent holder = agent(project, "held");
        workspaces.insert(Workspace.ofAgent(holder.id(), project.id(), app.id(), "taken", "", null, null, null, T));
        Agent taker = agents.add(Fixtures.agent(project, "taken").id(new AgentId(UUID.randomUUID())).build());
        assertRefused(() -> lifecycle.register(bound(taker), registration(APP, null)), DomainError.Conflict.class, 409,
                "Alias 'taken' is already used in this project");
        assertThat(workspaces.find(dotted.id())).isEmpty();
        assertThat(workspaces.find(taker.id())).isEmpty();

        // a deleted workspace is not brought back onto an alias another live workspace holds now
        Agent back = withWorkspace("back", null);
        workspaces.softDelete(back.id(), T);
        Agent squatter = agent(project, "squatter");
        workspaces.insert(Workspace.ofAgent(squatter.id(), project.id(), app.id(), "back", "", null, null, null, T));
        assertRefused(() -> lifecycle.register(bound(back), registration(APP, null)), DomainError.Conflict.class, 409,
                "Alias 'back' is already used in this project");
        assertThat(workspaces.find(back.id()).orElseThrow().live()).isFalse();
    }
}
