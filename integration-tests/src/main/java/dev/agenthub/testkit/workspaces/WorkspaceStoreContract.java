package dev.agenthub.testkit.workspaces;

import dev.agenthub.hub.repos.RepoId;
import dev.agenthub.hub.workspaces.Workspace;
import dev.agenthub.hub.workspaces.port.WorkspaceStore;
import dev.agenthub.protocol.kernel.id.AgentId;
import dev.agenthub.protocol.kernel.id.ProjectId;
import dev.agenthub.testkit.ConcurrentRuns;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@link WorkspaceStore} contract. Extend it with the store under test and ways to create the rows a
 * workspace refers to (project, agent, repo). Every check is scoped to fresh projects, so the store may hold
 * other tests' rows.
 */
public abstract class WorkspaceStoreContract {

    protected static final Instant T0 = Instant.parse("2026-03-01T12:00:00.123456Z");

    /** The store under test. */
    protected abstract WorkspaceStore store();

    /** A live project, fresh for each call. */
    protected abstract ProjectId newProject();

    /** A live agent of the project; its id is the id of the workspace made for it. */
    protected abstract AgentId newAgent(ProjectId project, String alias);

    /** A live repo of the project with a fresh origin. */
    protected abstract RepoId newRepo(ProjectId project);

    /** Removes a repo row for good (not a soft delete), as an operator might. */
    protected abstract void hardDeleteRepo(RepoId repo);

    private static String alias() {
        return "a-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private Workspace workspace(ProjectId project, RepoId repo, String alias) {
        return Workspace.ofAgent(newAgent(project, alias), project, repo, alias, "Ada", "developer", "host-1",
                "/home/ada/repo", T0);
    }

    @Nested
    class Insert {

        @Test
        void aNewWorkspaceIsStoredAsGiven() {
            ProjectId project = newProject();
            Workspace full = new Workspace(newAgent(project, "full"), project, newRepo(project), "full", "",
                    "reviewer", "main", "Europe/Berlin", null, null,
                    new Workspace.Focus("bd-1", "repo", "main", T0.plusSeconds(1)), Workspace.Type.AGENT, T0,
                    T0.plusSeconds(2), T0.plusSeconds(3), null);
            assertThat(store().insert(full)).isTrue();
            assertThat(store().find(full.id())).contains(full);
        }

        @Test
        void aDashboardHasNoRepo() {
            ProjectId project = newProject();
            Workspace dashboard = new Workspace(newAgent(project, "dash"), project, null, "dash", "", null, null,
                    null, null, null, Workspace.Focus.NONE, Workspace.Type.DASHBOARD, T0, T0, null, null);
            assertThat(store().insert(dashboard)).isTrue();
            assertThat(store().find(dashboard.id())).contains(dashboard);
        }

        @Test
        void aReusedIdIsRefused() {
            ProjectId project = newProject();
            Workspace first = workspace(project, newRepo(project), alias());
            assertThat(store().insert(first)).isTrue();
            Workspace again = new Workspace(first.id(), project, first.repo(), "other", "", null, null, null, null,
                    null, Workspace.Focus.NONE, Workspace.Type.AGENT, T0, T0, null, null);
            assertThat(store().insert(again)).isFalse();
            assertThat(store().find(first.id())).contains(first);
        }

        @Test
        void aLiveAliasIsTakenAndADeletedOneIsFree() {
            ProjectId project = newProject();
            RepoId repo = newRepo(project);
            String alias = alias();
            Workspace first = workspace(project, repo, alias);
            assertThat(store().insert(first)).isTrue();
            Workspace second = Workspace.ofAgent(newAgent(project, alias() /* the agent's own alias differs */),
                    project, repo, alias, "", null, null, null, T0);
            assertThat(store().insert(second)).isFalse();
            assertThat(store().find(second.id())).isEmpty();
            assertThat(store().softDelete(first.id(), T0.plusSeconds(1))).isTrue();
            assertThat(store().insert(second)).isTrue();
        }

        @Test
        void theSameAliasInAnotherProjectIsFree() {
            String alias = alias();
            ProjectId a = newProject();
            ProjectId b = newProject();
            assertThat(store().insert(workspace(a, newRepo(a), alias))).isTrue();
            assertThat(store().insert(workspace(b, newRepo(b), alias))).isTrue();
        }

        @Test
        void racingInsertsForOneAliasStoreOne() throws Exception {
            ProjectId project = newProject();
            RepoId repo = newRepo(project);
            String alias = alias();
            int threads = 16;
            List<Workspace> candidates = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                candidates.add(Workspace.ofAgent(newAgent(project, alias + "-" + t), project, repo, alias, "", null,
                        null, null, T0));
            }
            AtomicInteger inserted = new AtomicInteger();
            ConcurrentRuns.run(threads, thread -> {
                if (store().insert(candidates.get(thread))) {
                    inserted.incrementAndGet();
                }
            });
            assertThat(inserted).hasValue(1);
            assertThat(candidates.stream().filter(c -> store().find(c.id()).isPresent())).hasSize(1);
        }
    }

    @Nested
    class Reinitialise {

        @Test
        void setsTheNamesAndPathsKeepsTheLinksAndBringsItBack() {
            ProjectId project = newProject();
            Workspace first = workspace(project, newRepo(project), alias());
            store().insert(first);
            store().softDelete(first.id(), T0.plusSeconds(1));
            Workspace back = store().reinitialise(first.id(), "Bea", "host-2", "/w/2", "reviewer", T0.plusSeconds(2))
                    .orElseThrow();
            assertThat(back).isEqualTo(new Workspace(first.id(), project, first.repo(), first.alias(), "Bea",
                    "reviewer", null, null, "host-2", "/w/2", Workspace.Focus.NONE, Workspace.Type.AGENT, T0,
                    T0.plusSeconds(2), null, null));
            assertThat(store().find(first.id())).contains(back);
        }

        @Test
        void aNullRoleKeepsTheStoredOne() {
            ProjectId project = newProject();
            Workspace first = workspace(project, newRepo(project), alias());
            store().insert(first);
            Workspace again = store().reinitialise(first.id(), "", null, null, null, T0.plusSeconds(1)).orElseThrow();
            assertThat(again.role()).isEqualTo("developer");
            assertThat(again.hostname()).isNull();
            assertThat(again.workspacePath()).isNull();
        }

        @Test
        void anUnknownIdIsEmpty() {
            assertThat(store().reinitialise(new AgentId(UUID.randomUUID()), "", null, null, null, T0)).isEmpty();
        }
    }

    @Nested
    class Delete {

        @Test
        void softDeleteOnlyALiveWorkspace() {
            ProjectId project = newProject();
            Workspace first = workspace(project, newRepo(project), alias());
            store().insert(first);
            assertThat(store().softDelete(first.id(), T0.plusSeconds(1))).isTrue();
            assertThat(store().softDelete(first.id(), T0.plusSeconds(2))).isFalse();
            assertThat(store().softDelete(new AgentId(UUID.randomUUID()), T0)).isFalse();
            Workspace gone = store().find(first.id()).orElseThrow();
            assertThat(gone.deletedAt()).isEqualTo(T0.plusSeconds(1));
            assertThat(gone.updatedAt()).isEqualTo(T0.plusSeconds(1));
        }

        @Test
        void ofARepoTakesItsLiveWorkspacesOnly() {
            ProjectId project = newProject();
            RepoId repo = newRepo(project);
            RepoId otherRepo = newRepo(project);
            Workspace a = workspace(project, repo, alias());
            Workspace b = workspace(project, repo, alias());
            Workspace earlier = workspace(project, repo, alias());
            Workspace elsewhere = workspace(project, otherRepo, alias());
            List.of(a, b, earlier, elsewhere).forEach(store()::insert);
            store().softDelete(earlier.id(), T0.plusSeconds(1));
            ProjectId foreign = newProject();
            assertThat(store().softDeleteOfRepo(foreign, repo, T0.plusSeconds(2))).isEmpty();
            assertThat(store().softDeleteOfRepo(project, repo, T0.plusSeconds(2)))
                    .extracting(Workspace::id).containsExactlyInAnyOrder(a.id(), b.id());
            assertThat(store().find(a.id()).orElseThrow().deletedAt()).isEqualTo(T0.plusSeconds(2));
            assertThat(store().find(earlier.id()).orElseThrow().deletedAt()).isEqualTo(T0.plusSeconds(1));
            assertThat(store().find(elsewhere.id()).orElseThrow().live()).isTrue();
        }

        @Test
        void aHardDeletedRepoLeavesItsWorkspacesDeleted() {
            ProjectId project = newProject();
            RepoId repo = newRepo(project);
            Workspace first = workspace(project, repo, alias());
            store().insert(first);
            hardDeleteRepo(repo);
            Workspace gone = store().find(first.id()).orElseThrow();
            assertThat(gone.repo()).isNull();
            assertThat(gone.live()).isFalse();
        }
    }

    @Test
    void liveCountsPerRepo() {
        ProjectId project = newProject();
        RepoId busy = newRepo(project);
        RepoId idle = newRepo(project);
        Workspace a = workspace(project, busy, alias());
        Workspace b = workspace(project, busy, alias());
        Workspace c = workspace(project, idle, alias());
        List.of(a, b, c).forEach(store()::insert);
        store().softDelete(c.id(), T0.plusSeconds(1));
        assertThat(store().liveCounts(List.of(busy, idle))).isEqualTo(Map.of(busy, 2, idle, 0));
        assertThat(store().liveCounts(List.of())).isEmpty();
    }
}
