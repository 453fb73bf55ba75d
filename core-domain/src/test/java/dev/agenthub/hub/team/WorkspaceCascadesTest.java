package dev.agenthub.hub.team;

import dev.agenthub.hub.claims.Claim;
import dev.agenthub.hub.claims.Claims;
import dev.agenthub.hub.claims.port.ClaimEvents;
import dev.agenthub.hub.repos.CanonicalOrigin;
import dev.agenthub.hub.repos.Repo;
import dev.agenthub.hub.repos.RepoDeletion;
import dev.agenthub.hub.repos.RepoId;
import dev.agenthub.hub.workspaces.InMemoryWorkspaceStore;
import dev.agenthub.hub.workspaces.Workspace;
import dev.agenthub.protocol.agents.Agent;
import dev.agenthub.protocol.fakes.FakeTransactionRunner;
import dev.agenthub.protocol.fakes.Fixtures;
import dev.agenthub.protocol.fakes.InMemoryAgentStore;
import dev.agenthub.protocol.fakes.InMemoryApiKeyStore;
import dev.agenthub.protocol.fakes.InMemoryPresenceIndex;
import dev.agenthub.protocol.fakes.InMemoryProjectStore;
import dev.agenthub.protocol.fakes.MutableClock;
import dev.agenthub.protocol.identity.ApiKey;
import dev.agenthub.protocol.presence.PresenceKind;
import dev.agenthub.protocol.presence.PresenceRecord;
import dev.agenthub.protocol.projects.Project;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import static dev.agenthub.protocol.fakes.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

class WorkspaceCascadesTest {

    private static final Instant LATER = T0.plusSeconds(60);

    private final MutableClock clock = new MutableClock(T0);
    private final FakeTransactionRunner transactions = new FakeTransactionRunner();
    private final InMemoryProjectStore projects = new InMemoryProjectStore();
    private final InMemoryAgentStore agents = new InMemoryAgentStore();
    private final InMemoryApiKeyStore keys = new InMemoryApiKeyStore(projects, agents);
    private final InMemoryWorkspaceStore workspaces = new InMemoryWorkspaceStore();
    private final InMemoryPresenceIndex presence = new InMemoryPresenceIndex();
    private final InMemoryClaimStore claimStore = new InMemoryClaimStore();
    private final List<String> unclaimed = new ArrayList<>();
    private final ClaimEvents events = new ClaimEvents() {
        @Override
        public void claimed(Claim claim, String title) {
            throw new AssertionError("no claim is made by a cascade");
        }

        @Override
        public void unclaimed(Claim claim, String title) {
            unclaimed.add(claim.alias() + ":" + claim.beadId());
        }
    };
    private final Claims claims = new Claims(transactions, claimStore, workspaces, new InMemoryBeadStore(), events);
    private final WorkspaceCascades cascades = new WorkspaceCascades(transactions, workspaces, agents, keys, presence,
            claims, clock);

    private final Project project = projects.add(Fixtures.project("demo"));
    private final Repo repo = new Repo(new RepoId(UUID.randomUUID()), project.id(), "git@github.com:org/app.git",
            new CanonicalOrigin("github.com/org/app"), T0, null);
    private final Random random = new Random(7);

    private Agent withWorkspace(String alias, RepoId repoId) {
        Agent agent = agents.add(Fixtures.agent(project, alias).build());
        workspaces.insert(Workspace.ofAgent(agent.id(), project.id(), repoId, alias, "", "developer", null, null, T0));
        keys.insert(Fixtures.key(project.id(), agent.id(), random).key());
        return agent;
    }

    private void claim(Agent agent, String beadId, Instant at) {
        claimStore.claim(new Claim(project.id(), beadId, agent.id(), agent.alias(), "", at, Claim.Apex.NONE));
    }

    @Test
    void deregistrationDeletesTheWorkspaceAtTheAgentsDeletionTimeAndItsClaimsWithEventsAfterCommit() {
        Agent agent = withWorkspace("alice", repo.id());
        Agent other = withWorkspace("bob", repo.id());
        claim(agent, "bd-1", T0);
        claim(agent, "bd-2", T0.plusSeconds(1));
        claim(other, "bd-3", T0);
        Agent deregistered = agents.deregister(project.id(), agent.id(), LATER).orElseThrow();

        transactions.inTransaction(() -> {
            cascades.agentDeregistered(deregistered);
            assertThat(unclaimed).as("before commit").isEmpty();
        });

        assertThat(workspaces.find(agent.id()).orElseThrow().deletedAt()).isEqualTo(LATER);
        assertThat(claimStore.all()).extracting(Claim::beadId).containsExactly("bd-3");
        assertThat(unclaimed).containsExactly("alice:bd-2", "alice:bd-1");
    }

    @Test
    void repoDeletionTakesItsLiveWorkspacesTheirAgentsAndKeysAndClearsPresenceAfterCommit() {
        Agent one = withWorkspace("one", repo.id());
        Agent two = withWorkspace("two", repo.id());
        Agent elsewhere = withWorkspace("elsewhere", new RepoId(UUID.randomUUID()));
        presence.put(PresenceKind.WORKSPACE, new PresenceRecord(one.id().value(), project.id(), "one", "active", T0, null),
                Duration.ofSeconds(1800), T0);
        claim(one, "bd-1", T0);
        claim(two, "bd-2", T0);
        claim(elsewhere, "bd-3", T0);

        RepoDeletion deletion = transactions.inTransaction(() -> {
            RepoDeletion result = cascades.repoDeleted(repo, LATER);
            assertThat(presence.find(PresenceKind.WORKSPACE, one.id().value(), clock.instant())).as("before commit").isPresent();
            return result;
        });

        assertThat(deletion).isEqualTo(new RepoDeletion(2, 2, 1));
        assertThat(claimStore.all()).extracting(Claim::beadId).containsExactly("bd-3");
        assertThat(unclaimed).containsExactlyInAnyOrder("one:bd-1", "two:bd-2");
        for (Agent gone : new Agent[] {one, two}) {
            assertThat(workspaces.find(gone.id()).orElseThrow().deletedAt()).isEqualTo(LATER);
            assertThat(agents.findAnyState(gone.id()).orElseThrow().deletedAt()).isEqualTo(LATER);
        }
        assertThat(keys.all()).filteredOn(key -> !key.agent().equals(elsewhere.id())).noneMatch(ApiKey::active);
        assertThat(keys.all()).filteredOn(key -> key.agent().equals(elsewhere.id())).allMatch(ApiKey::active);
        assertThat(workspaces.find(elsewhere.id()).orElseThrow().live()).isTrue();
        assertThat(presence.find(PresenceKind.WORKSPACE, one.id().value(), clock.instant())).isEmpty();
    }

    @Test
    void aRepoWithoutWorkspacesTakesNothingElse() {
        assertThat(cascades.repoDeleted(repo, LATER)).isEqualTo(RepoDeletion.NOTHING);
    }
}
