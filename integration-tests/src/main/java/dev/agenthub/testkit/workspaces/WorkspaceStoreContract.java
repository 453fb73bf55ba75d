package dev.agenthub.testkit.workspaces;

import dev.agenthub.hub.repos.RepoId;
import dev.agenthub.hub.workspaces.Workspace;
import dev.agenthub.hub.workspaces.port.WorkspaceStore;
import dev.agenthub.protocol.kernel.id.AgentId;
import dev.agenthub.hub.workspaces.port.WorkspaceStore.Filter;
import dev.agenthub.hub.workspaces.port.WorkspaceStore.Heartbeat;
import dev.agenthub.protocol.kernel.id.ProjectId;
import dev.agenthub.protocol.kernel.paging.CursorKey;
import dev.agenthub.protocol.kernel.paging.Page;
import dev.agenthub.protocol.kernel.paging.PageRequest;
import dev.agenthub.protocol.kernel.tx.TransactionRunner;
import dev.agenthub.testkit.ConcurrentRuns;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@link WorkspaceStore} contract. Extend it with the store under test and ways to create the rows a
 * workspace refers to (project, agent, repo), the transaction runner the store joins, and a way to record a
 * claim (for the team view). Every check is scoped to fresh projects, so the store may hold other tests' rows.
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

    /** The canonical origin of a repo made by {@link #newRepo}. */
    protected abstract String canonicalOrigin(RepoId repo);

    /** The runner whose transactions the store joins. */
    protected abstract TransactionRunner transactions();

    /** Records a claim of {@code beadId} by the workspace at {@code claimedAt} (the team view reads claims). */
    protected abstract void recordClaim(ProjectId project, AgentId workspace, String beadId, Instant claimedAt);

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

    /** A live agent workspace with every field chosen: seen at {@code lastSeenAt}, updated at {@code updatedAt}. */
    private Workspace seen(ProjectId project, RepoId repo, String alias, String humanName, String hostname,
                           Instant updatedAt, Instant lastSeenAt) {
        return new Workspace(newAgent(project, alias), project, repo, alias, humanName, null, null, null, hostname,
                null, Workspace.Focus.NONE, Workspace.Type.AGENT, T0, updatedAt, lastSeenAt, null);
    }

    /** A workspace holding {@code alias} for an agent of another alias (agent aliases are unique too). */
    private Workspace reusing(ProjectId project, RepoId repo, String alias) {
        return Workspace.ofAgent(newAgent(project, alias()), project, repo, alias, "Ada", "developer", "host-1",
                "/home/ada/repo", T0);
    }

    private static List<AgentId> ids(List<Workspace> workspaces) {
        return workspaces.stream().map(Workspace::id).toList();
    }

    @Nested
    class Lookups {

        @Test
        void findAllAnswersTheRowsInAnyStateAndSkipsUnknownIds() {
            ProjectId project = newProject();
            RepoId repo = newRepo(project);
            Workspace live = workspace(project, repo, alias());
            Workspace gone = workspace(project, repo, alias());
            List.of(live, gone).forEach(store()::insert);
            store().softDelete(gone.id(), T0.plusSeconds(1));
            Workspace goneNow = store().find(gone.id()).orElseThrow();
            assertThat(store().findAll(List.of(live.id(), gone.id(), new AgentId(UUID.randomUUID()), live.id())))
                    .containsExactlyInAnyOrder(live, goneNow);
            assertThat(store().findAll(List.of())).isEmpty();
        }

        @Test
        void findLiveByAliasIgnoresDeletedRowsAndOtherProjects() {
            ProjectId project = newProject();
            RepoId repo = newRepo(project);
            String alias = alias();
            Workspace old = workspace(project, repo, alias);
            store().insert(old);
            store().softDelete(old.id(), T0.plusSeconds(1));
            assertThat(store().findLiveByAlias(project, alias)).isEmpty();
            Workspace current = reusing(project, repo, alias);
            store().insert(current);
            assertThat(store().findLiveByAlias(project, alias)).contains(current);
            assertThat(store().findLiveByAlias(newProject(), alias)).isEmpty();
        }
    }

    @Nested
    class Updates {

        @Test
        void touchSetsSeenNameAndAGivenRole() {
            ProjectId project = newProject();
            Workspace first = workspace(project, newRepo(project), alias());
            store().insert(first);
            Instant now = T0.plusSeconds(7);
            Workspace touched = store().touch(project, first.id(), "Bea", "reviewer", now).orElseThrow();
            assertThat(touched).isEqualTo(new Workspace(first.id(), project, first.repo(), first.alias(), "Bea",
                    "reviewer", null, null, "host-1", "/home/ada/repo", Workspace.Focus.NONE, Workspace.Type.AGENT,
                    T0, now, now, null));
            assertThat(store().touch(project, first.id(), "", null, now.plusSeconds(1)).orElseThrow().role())
                    .isEqualTo("reviewer");
            assertThat(store().find(first.id()).orElseThrow().humanName()).isEmpty();
        }

        @Test
        void touchSkipsAWorkspaceOfAnotherProject() {
            ProjectId project = newProject();
            Workspace first = workspace(project, newRepo(project), alias());
            store().insert(first);
            assertThat(store().touch(newProject(), first.id(), "Mallory", "admin", T0.plusSeconds(2))).isEmpty();
            assertThat(store().find(first.id()).orElseThrow()).isEqualTo(first);
        }

        @Test
        void touchAndHeartbeatSkipADeletedOrUnknownWorkspace() {
            ProjectId project = newProject();
            Workspace first = workspace(project, newRepo(project), alias());
            store().insert(first);
            store().softDelete(first.id(), T0.plusSeconds(1));
            Heartbeat beat = new Heartbeat("Bea", null, null, null, null, null);
            assertThat(store().touch(project, first.id(), "Bea", null, T0.plusSeconds(2))).isEmpty();
            assertThat(store().heartbeat(first.id(), beat, T0.plusSeconds(2))).isEmpty();
            assertThat(store().touch(project, new AgentId(UUID.randomUUID()), "Bea", null, T0)).isEmpty();
            assertThat(store().heartbeat(new AgentId(UUID.randomUUID()), beat, T0)).isEmpty();
            assertThat(store().find(first.id()).orElseThrow().humanName()).isEqualTo("Ada");
        }

        @Test
        void heartbeatReplacesGivenFieldsAndFillsOnlyMissingHostAndPath() {
            ProjectId project = newProject();
            RepoId repo = newRepo(project);
            Workspace bare = Workspace.ofAgent(newAgent(project, "bare"), project, repo, "bare", "Ada", "developer",
                    null, null, T0);
            store().insert(bare);
            Instant now = T0.plusSeconds(3);
            Workspace beat = store().heartbeat(bare.id(), new Heartbeat("", "reviewer", "feature/x",
                    "Europe/Berlin", "host-9", "/w/9"), now).orElseThrow();
            assertThat(beat).isEqualTo(new Workspace(bare.id(), project, repo, "bare", "", "reviewer", "feature/x",
                    "Europe/Berlin", "host-9", "/w/9", Workspace.Focus.NONE, Workspace.Type.AGENT, T0, now, now,
                    null));
            Instant later = now.plusSeconds(1);
            Workspace again = store().heartbeat(bare.id(), new Heartbeat("Bea", null, null, null, "host-0", "/w/0"),
                    later).orElseThrow();
            assertThat(again).isEqualTo(new Workspace(bare.id(), project, repo, "bare", "Bea", "reviewer",
                    "feature/x", "Europe/Berlin", "host-9", "/w/9", Workspace.Focus.NONE, Workspace.Type.AGENT, T0,
                    later, later, null));
            assertThat(store().find(bare.id())).contains(again);
        }

        @Test
        void setFocusReplacesTheApexInAnyStateAndLeavesTheRest() {
            ProjectId project = newProject();
            Workspace first = workspace(project, newRepo(project), alias());
            store().insert(first);
            Workspace.Focus focus = new Workspace.Focus("bd-1", "github.com/org/r", "main", T0.plusSeconds(4));
            store().setFocus(first.id(), focus);
            Workspace focused = store().find(first.id()).orElseThrow();
            assertThat(focused.focus()).isEqualTo(focus);
            assertThat(focused.updatedAt()).isEqualTo(T0);
            store().softDelete(first.id(), T0.plusSeconds(5));
            store().setFocus(first.id(), Workspace.Focus.NONE);
            assertThat(store().find(first.id()).orElseThrow().focus()).isEqualTo(Workspace.Focus.NONE);
            store().setFocus(new AgentId(UUID.randomUUID()), focus);
        }
    }

    @Nested
    class Restore {

        @Test
        void restoresADeletedWorkspace() {
            ProjectId project = newProject();
            Workspace first = workspace(project, newRepo(project), alias());
            store().insert(first);
            store().softDelete(first.id(), T0.plusSeconds(1));
            Workspace back = store().restore(first.id(), T0.plusSeconds(2)).orElseThrow();
            assertThat(back).isEqualTo(new Workspace(first.id(), project, first.repo(), first.alias(), "Ada",
                    "developer", null, null, "host-1", "/home/ada/repo", Workspace.Focus.NONE, Workspace.Type.AGENT,
                    T0, T0.plusSeconds(2), null, null));
            assertThat(store().find(first.id())).contains(back);
        }

        @Test
        void aLiveOrUnknownWorkspaceIsNotRestored() {
            ProjectId project = newProject();
            Workspace first = workspace(project, newRepo(project), alias());
            store().insert(first);
            assertThat(store().restore(first.id(), T0.plusSeconds(1))).isEmpty();
            assertThat(store().find(first.id())).contains(first);
            assertThat(store().restore(new AgentId(UUID.randomUUID()), T0)).isEmpty();
        }

        @Test
        void aTakenAliasRefusesTheRestoreAndTheCallersTransactionGoesOn() {
            ProjectId project = newProject();
            RepoId repo = newRepo(project);
            String alias = alias();
            Workspace old = workspace(project, repo, alias);
            store().insert(old);
            store().softDelete(old.id(), T0.plusSeconds(1));
            Workspace taker = reusing(project, repo, alias);
            store().insert(taker);
            Workspace bystander = workspace(project, repo, alias());
            store().insert(bystander);
            transactions().inTransaction(() -> {
                assertThat(store().restore(old.id(), T0.plusSeconds(2))).isEmpty();
                assertThat(store().touch(project, bystander.id(), "Bea", null, T0.plusSeconds(3))).isPresent();
            });
            assertThat(store().find(old.id()).orElseThrow().deletedAt()).isEqualTo(T0.plusSeconds(1));
            assertThat(store().find(bystander.id()).orElseThrow().humanName()).isEqualTo("Bea");
        }

        /**
         * A taker inserts the alias in an open transaction; the restore runs meanwhile (it may wait on the taker's
         * uncommitted row, or run after its commit). Either way it answers empty, and the restoring caller's
         * transaction still commits its other writes.
         */
        @Test
        void aConcurrentTakerOfTheAliasRefusesTheRestoreWithoutAbortingTheCaller() throws Exception {
            ProjectId project = newProject();
            RepoId repo = newRepo(project);
            String alias = alias();
            Workspace old = workspace(project, repo, alias);
            store().insert(old);
            store().softDelete(old.id(), T0.plusSeconds(1));
            Workspace taker = reusing(project, repo, alias);
            Workspace bystander = workspace(project, repo, alias());
            store().insert(bystander);
            CountDownLatch inserted = new CountDownLatch(1);
            CompletableFuture<Void> taking = CompletableFuture.runAsync(() -> transactions().inTransaction(() -> {
                assertThat(store().insert(taker)).isTrue();
                inserted.countDown();
                try {
                    Thread.sleep(300); // let the restore meet the uncommitted row, if it can
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            assertThat(inserted.await(30, TimeUnit.SECONDS)).isTrue();
            Optional<Workspace> restored = transactions().inTransaction(() -> {
                Optional<Workspace> answer = store().restore(old.id(), T0.plusSeconds(2));
                store().touch(project, bystander.id(), "Bea", null, T0.plusSeconds(3));
                return answer;
            });
            taking.get(30, TimeUnit.SECONDS);
            assertThat(restored).isEmpty();
            assertThat(store().find(old.id()).orElseThrow().live()).isFalse();
            assertThat(store().findLiveByAlias(project, alias)).contains(taker);
            assertThat(store().find(bystander.id()).orElseThrow().humanName()).isEqualTo("Bea");
        }
    }

    @Nested
    class Listings {

        @Test
        void pagesWalkNewestUpdateFirstWithTiesByIdAcrossCursors() {
            ProjectId project = newProject();
            RepoId repo = newRepo(project);
            List<Workspace> rows = new ArrayList<>();
            for (int i = 0; i < 7; i++) {
                rows.add(seen(project, repo, alias(), "Ada", null, T0.plusSeconds(i % 3), null));
            }
            rows.forEach(store()::insert);
            ProjectId other = newProject();
            store().insert(seen(other, newRepo(other), alias(), "Ada", null, T0, null));
            List<AgentId> expected = rows.stream()
                    .sorted(Comparator.comparing(Workspace::updatedAt).reversed()
                            .thenComparing(w -> w.id().value().toString()))
                    .map(Workspace::id).toList();
            List<AgentId> walked = new ArrayList<>();
            Optional<CursorKey> after = Optional.empty();
            List<Integer> sizes = new ArrayList<>();
            while (true) {
                Page<Workspace> page = store().page(project, Filter.LIVE, new PageRequest(3, after));
                walked.addAll(ids(page.items()));
                sizes.add(page.items().size());
                if (!page.hasMore()) {
                    break;
                }
                after = Optional.of(CursorKey.decode(page.nextCursor().orElseThrow()));
            }
            assertThat(walked).isEqualTo(expected);
            assertThat(sizes).containsExactly(3, 3, 1);
        }

        @Test
        void filtersAndDeletedRows() {
            ProjectId project = newProject();
            RepoId repo = newRepo(project);
            RepoId otherRepo = newRepo(project);
            Workspace match = seen(project, repo, alias(), "Ada", "host-1", T0, null);
            Workspace otherName = seen(project, repo, alias(), "Bea", "host-1", T0, null);
            Workspace otherHost = seen(project, repo, alias(), "Ada", "host-2", T0, null);
            Workspace elsewhere = seen(project, otherRepo, alias(), "Ada", "host-1", T0, null);
            Workspace dashboard = new Workspace(newAgent(project, "dash"), project, null, "dash", "Ada", null, null,
                    null, "host-1", null, Workspace.Focus.NONE, Workspace.Type.DASHBOARD, T0, T0, null, null);
            Workspace deleted = seen(project, repo, alias(), "Ada", "host-1", T0, null);
            List.of(match, otherName, otherHost, elsewhere, dashboard, deleted).forEach(store()::insert);
            store().softDelete(deleted.id(), T0.plusSeconds(1));
            Filter all = new Filter(Optional.of("Ada"), Optional.of(canonicalOrigin(repo)), Optional.empty(),
                    Optional.of("host-1"), false);
            assertThat(ids(page(project, all))).containsExactly(match.id());
            Filter withDeleted = new Filter(Optional.of("Ada"), Optional.of(canonicalOrigin(repo)), Optional.empty(),
                    Optional.of("host-1"), true);
            assertThat(ids(page(project, withDeleted))).containsExactly(deleted.id(), match.id());
            Filter byAlias = new Filter(Optional.empty(), Optional.empty(), Optional.of(otherHost.alias()),
                    Optional.empty(), false);
            assertThat(ids(page(project, byAlias))).containsExactly(otherHost.id());
            assertThat(page(project, Filter.LIVE)).hasSize(5);
        }

        private List<Workspace> page(ProjectId project, Filter filter) {
            return store().page(project, filter, new PageRequest(50, Optional.empty())).items();
        }

        @Test
        void teamCandidatesOrderByClaimsSeenLastClaimAndAlias() {
            ProjectId project = newProject();
            RepoId repo = newRepo(project);
            Workspace claimedEarly = seen(project, repo, "m-claimed-early", "Ada", null, T0, T0.plusSeconds(10));
            Workspace claimedLate = seen(project, repo, "n-claimed-late", "Ada", null, T0, T0.plusSeconds(10));
            Workspace claimedUnseen = seen(project, repo, "a-claimed-unseen", "Ada", null, T0, null);
            Workspace recentB = seen(project, repo, "b-recent", "Ada", null, T0, T0.plusSeconds(20));
            Workspace recentA = seen(project, repo, "a-recent", "Ada", null, T0, T0.plusSeconds(20));
            Workspace never = seen(project, repo, "a-never", "Ada", null, T0, null);
            Workspace deleted = seen(project, repo, "a-deleted", "Ada", null, T0, T0.plusSeconds(30));
            Workspace otherName = seen(project, repo, "a-bea", "Bea", null, T0, T0.plusSeconds(30));
            List.of(claimedEarly, claimedLate, claimedUnseen, recentB, recentA, never, deleted, otherName)
                    .forEach(store()::insert);
            recordClaim(project, claimedEarly.id(), "bd-1", T0.plusSeconds(1));
            recordClaim(project, claimedEarly.id(), "bd-2", T0.plusSeconds(2));
            recordClaim(project, claimedLate.id(), "bd-3", T0.plusSeconds(3));
            recordClaim(project, claimedUnseen.id(), "bd-4", T0.plusSeconds(9));
            recordClaim(project, deleted.id(), "bd-5", T0.plusSeconds(9));
            recordClaim(project, otherName.id(), "bd-6", T0.plusSeconds(9));
            store().softDelete(deleted.id(), T0.plusSeconds(40));
            Filter ada = new Filter(Optional.of("Ada"), Optional.empty(), Optional.empty(), Optional.empty(), true);
            assertThat(ids(store().teamCandidates(project, ada, false, 10))).containsExactly(claimedLate.id(),
                    claimedEarly.id(), claimedUnseen.id(), recentA.id(), recentB.id(), never.id());
            assertThat(ids(store().teamCandidates(project, ada, true, 10)))
                    .containsExactly(claimedLate.id(), claimedEarly.id(), claimedUnseen.id());
            assertThat(ids(store().teamCandidates(project, ada, false, 2)))
                    .containsExactly(claimedLate.id(), claimedEarly.id());
            Filter origin = new Filter(Optional.empty(), Optional.of(canonicalOrigin(newRepo(project))),
                    Optional.empty(), Optional.empty(), false);
            assertThat(store().teamCandidates(project, origin, false, 10)).isEmpty();
        }

        @Test
        void liveIsNewestUpdateFirstPerProjectOrRepo() {
            ProjectId project = newProject();
            RepoId repo = newRepo(project);
            RepoId otherRepo = newRepo(project);
            Workspace older = seen(project, repo, alias(), "Ada", null, T0, null);
            Workspace newer = seen(project, repo, alias(), "Ada", null, T0.plusSeconds(2), null);
            Workspace elsewhere = seen(project, otherRepo, alias(), "Ada", null, T0.plusSeconds(1), null);
            Workspace deleted = seen(project, repo, alias(), "Ada", null, T0.plusSeconds(3), null);
            List.of(older, newer, elsewhere, deleted).forEach(store()::insert);
            store().softDelete(deleted.id(), T0.plusSeconds(3));
            assertThat(ids(store().live(project, Optional.empty(), 10)))
                    .containsExactly(newer.id(), elsewhere.id(), older.id());
            assertThat(ids(store().live(project, Optional.of(repo), 10))).containsExactly(newer.id(), older.id());
            assertThat(ids(store().live(project, Optional.empty(), 1))).containsExactly(newer.id());
        }
    }
}
