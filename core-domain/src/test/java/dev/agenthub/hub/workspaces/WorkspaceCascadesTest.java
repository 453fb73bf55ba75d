package dev.agenthub.hub.workspaces;

import dev.agenthub.hub.repos.CanonicalOrigin;
import dev.agenthub.hub.repos.Repo;
import dev.agenthub.hub.repos.RepoDeletion;
import dev.agenthub.hub.repos.RepoId;
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
    private final WorkspaceCascades cascades = new WorkspaceCascades(transactions, workspaces, agents, keys, presence, clock);

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

    @Test
    void deregistrationDeletesTheWorkspaceAtTheAgentsDeletionTime() {
        Agent agent = withWorkspace("alice", repo.id());
        Agent deregistered = agents.deregister(project.id(), agent.id(), LATER).orElseThrow();

        cascades.agentDeregistered(deregistered);

        assertThat(workspaces.find(agent.id()).orElseThrow().deletedAt()).isEqualTo(LATER);
    }

    @Test
    void repoDeletionTakesItsLiveWorkspacesTheirAgentsAndKeysAndClearsPresenceAfterCommit() {
        Agent one = withWorkspace("one", repo.id());
        Agent two = withWorkspace("two", repo.id());
        Agent elsewhere = withWorkspace("elsewhere", new RepoId(UUID.randomUUID()));
        presence.put(PresenceKind.WORKSPACE, new PresenceRecord(one.id().value(), project.id(), "one", "active", T0, null),
                Duration.ofSeconds(1800), T0);

        RepoDeletion deletion = transactions.inTransaction(() -> {
            RepoDeletion result = cascades.repoDeleted(repo, LATER);
            assertThat(presence.find(PresenceKind.WORKSPACE, one.id().value(), clock.instant())).as("before commit").isPresent();
            return result;
        });

        assertThat(deletion).isEqualTo(new RepoDeletion(2, 0, 1));
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
