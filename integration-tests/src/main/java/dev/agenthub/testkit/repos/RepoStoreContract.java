package dev.agenthub.testkit.repos;

import dev.agenthub.hub.repos.CanonicalOrigin;
import dev.agenthub.hub.repos.Repo;
import dev.agenthub.hub.repos.RepoId;
import dev.agenthub.hub.repos.port.RepoStore;
import dev.agenthub.hub.repos.port.RepoStore.Ensured;
import dev.agenthub.hub.repos.port.RepoStore.Located;
import dev.agenthub.protocol.kernel.id.ProjectId;
import dev.agenthub.testkit.ConcurrentRuns;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@link RepoStore} contract. Extend it with the store under test and ways to create and soft-delete
 * projects (repos belong to existing projects, and a deleted project's repos are never live). The store may
 * hold other tests' rows: every check is scoped to fresh projects and origins, or to a time range of its own.
 */
public abstract class RepoStoreContract {

    protected static final Instant T0 = Instant.parse("2026-03-01T12:00:00.123456Z");

    /** The store under test. */
    protected abstract RepoStore store();

    /** A live standalone project with this slug, fresh for each call. */
    protected abstract ProjectId newProject(String slug);

    /** Soft-deletes a project created by {@link #newProject}. */
    protected abstract void deleteProject(ProjectId project);

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private static CanonicalOrigin origin() {
        return new CanonicalOrigin("github.com/org-" + unique() + "/repo");
    }

    private static Repo candidate(ProjectId project, CanonicalOrigin origin, String originUrl, Instant at) {
        return new Repo(new RepoId(UUID.randomUUID()), project, originUrl, origin, at, null);
    }

    private static Repo candidate(ProjectId project, CanonicalOrigin origin, Instant at) {
        return candidate(project, origin, "https://" + origin.value() + ".git", at);
    }

    @Nested
    class Ensure {

        @Test
        void aNewPairIsInsertedAsGiven() {
            ProjectId project = newProject("p-" + unique());
            Repo candidate = candidate(project, origin(), T0);
            Ensured ensured = store().ensure(candidate);
            assertThat(ensured.created()).isTrue();
            assertThat(ensured.repo()).isEqualTo(candidate);
            assertThat(store().find(project, candidate.id())).contains(candidate);
            assertThat(store().findByCanonicalOrigin(project, candidate.canonicalOrigin())).contains(candidate);
        }

        @Test
        void anExistingPairKeepsItsRowAndTakesTheNewOriginUrl() {
            ProjectId project = newProject("p-" + unique());
            CanonicalOrigin origin = origin();
            Repo first = store().ensure(candidate(project, origin, "git@github.com:x.git", T0)).repo();
            Ensured again = store().ensure(candidate(project, origin, "https://changed.example/x", T0.plusSeconds(60)));
            assertThat(again.created()).isFalse();
            assertThat(again.repo()).isEqualTo(new Repo(first.id(), project, "https://changed.example/x", origin,
                    first.createdAt(), null));
            assertThat(store().find(project, first.id())).contains(again.repo());
        }

        @Test
        void aDeletedRepoIsBroughtBackOnTheSameRow() {
            ProjectId project = newProject("p-" + unique());
            CanonicalOrigin origin = origin();
            Repo first = store().ensure(candidate(project, origin, T0)).repo();
            assertThat(store().softDelete(project, first.id(), T0.plusSeconds(1))).isTrue();
            assertThat(store().find(project, first.id())).isEmpty();
            Ensured back = store().ensure(candidate(project, origin, "https://again.example/r", T0.plusSeconds(2)));
            assertThat(back.created()).isFalse();
            assertThat(back.repo().id()).isEqualTo(first.id());
            assertThat(back.repo().createdAt()).isEqualTo(first.createdAt());
            assertThat(back.repo().deletedAt()).isNull();
            assertThat(back.repo().originUrl()).isEqualTo("https://again.example/r");
            assertThat(store().find(project, first.id())).contains(back.repo());
        }

        @Test
        void theSameOriginInTwoProjectsIsTwoRepos() {
            CanonicalOrigin origin = origin();
            Repo a = store().ensure(candidate(newProject("p-" + unique()), origin, T0)).repo();
            Repo b = store().ensure(candidate(newProject("p-" + unique()), origin, T0)).repo();
            assertThat(a.id()).isNotEqualTo(b.id());
        }

        @Test
        void racingCallersOnOnePairGetOneRow() throws Exception {
            ProjectId project = newProject("p-" + unique());
            CanonicalOrigin origin = origin();
            int threads = 16;
            Set<RepoId> ids = ConcurrentHashMap.newKeySet();
            AtomicInteger created = new AtomicInteger();
            ConcurrentRuns.run(threads, thread -> {
                Ensured ensured = store().ensure(candidate(project, origin, "https://" + origin.value() + "/" + thread, T0));
                ids.add(ensured.repo().id());
                if (ensured.created()) {
                    created.incrementAndGet();
                }
            });
            assertThat(ids).hasSize(1);
            assertThat(created).hasValue(1);
            assertThat(store().list(project, null, null, 100)).extracting(Repo::id).containsExactlyElementsOf(ids);
        }
    }

    @Nested
    class Find {

        @Test
        void byOriginAcrossLiveProjectsWithTheirSlugs() {
            CanonicalOrigin origin = origin();
            String slugA = "a-" + unique();
            String slugB = "b-" + unique();
            ProjectId a = newProject(slugA);
            ProjectId b = newProject(slugB);
            Repo inA = store().ensure(candidate(a, origin, T0)).repo();
            Repo inB = store().ensure(candidate(b, origin, T0)).repo();
            assertThat(store().findByCanonicalOrigin(origin))
                    .containsExactlyInAnyOrder(new Located(inA, slugA), new Located(inB, slugB));
            assertThat(store().findByCanonicalOrigin(origin())).isEmpty();
        }

        @Test
        void deletedReposAndReposOfDeletedProjectsAreNotLive() {
            CanonicalOrigin origin = origin();
            ProjectId a = newProject("a-" + unique());
            ProjectId b = newProject("b-" + unique());
            Repo inA = store().ensure(candidate(a, origin, T0)).repo();
            Repo inB = store().ensure(candidate(b, origin, T0)).repo();
            store().softDelete(a, inA.id(), T0.plusSeconds(1));
            deleteProject(b);
            assertThat(store().findByCanonicalOrigin(origin)).isEmpty();
            assertThat(store().findByCanonicalOrigin(a, origin)).isEmpty();
            assertThat(store().findByCanonicalOrigin(b, origin)).isEmpty();
            assertThat(store().find(b, inB.id())).isEmpty();
            assertThat(store().list(b, null, null, 10)).isEmpty();
        }

        @Test
        void inAnyStateById() {
            ProjectId project = newProject("p-" + unique());
            Repo repo = store().ensure(candidate(project, origin(), T0)).repo();
            store().softDelete(project, repo.id(), T0.plusSeconds(1));
            assertThat(store().findAnyState(repo.id())).contains(new Repo(repo.id(), project, repo.originUrl(),
                    repo.canonicalOrigin(), repo.createdAt(), T0.plusSeconds(1)));
            deleteProject(project);
            assertThat(store().findAnyState(repo.id())).isPresent();
            assertThat(store().findAnyState(new RepoId(UUID.randomUUID()))).isEmpty();
        }

        @Test
        void byIdOnlyInItsOwnProject() {
            ProjectId mine = newProject("p-" + unique());
            ProjectId other = newProject("p-" + unique());
            Repo repo = store().ensure(candidate(mine, origin(), T0)).repo();
            assertThat(store().find(other, repo.id())).isEmpty();
            assertThat(store().find(mine, new RepoId(UUID.randomUUID()))).isEmpty();
            assertThat(store().findByCanonicalOrigin(other, repo.canonicalOrigin())).isEmpty();
        }
    }

    @Nested
    class ListAndDelete {

        @Test
        void inCreationThenIdOrderAfterTheKey() {
            ProjectId project = newProject("p-" + unique());
            Repo r1 = store().ensure(candidate(project, origin(), T0)).repo();
            Repo tieA = store().ensure(candidate(project, origin(), T0.plusSeconds(1))).repo();
            Repo tieB = store().ensure(candidate(project, origin(), T0.plusSeconds(1))).repo();
            Repo r4 = store().ensure(candidate(project, origin(), T0.plusSeconds(2))).repo();
            List<Repo> ties = tieA.id().toString().compareTo(tieB.id().toString()) < 0 ? List.of(tieA, tieB) : List.of(tieB, tieA);
            assertThat(store().list(project, null, null, 10)).containsExactly(r1, ties.get(0), ties.get(1), r4);
            assertThat(store().list(project, null, null, 2)).containsExactly(r1, ties.get(0));
            assertThat(store().list(project, ties.get(0).createdAt(), ties.get(0).id(), 10))
                    .containsExactly(ties.get(1), r4);
            assertThat(store().list(project, r4.createdAt(), r4.id(), 10)).isEmpty();
        }

        @Test
        void withoutAProjectEveryLiveProjectsRepos() {
            // a time range no other test writes to, so the store's other rows stay out of the page
            Instant base = Instant.parse("2100-01-01T00:00:00Z")
                    .plus(ThreadLocalRandom.current().nextLong(1, 1_000_000_000L), ChronoUnit.MICROS);
            ProjectId a = newProject("p-" + unique());
            ProjectId b = newProject("p-" + unique());
            ProjectId gone = newProject("p-" + unique());
            Repo first = store().ensure(candidate(a, origin(), base.plusSeconds(1))).repo();
            store().ensure(candidate(gone, origin(), base.plusSeconds(2)));
            Repo second = store().ensure(candidate(b, origin(), base.plusSeconds(3))).repo();
            Repo deleted = store().ensure(candidate(a, origin(), base.plusSeconds(4))).repo();
            deleteProject(gone);
            store().softDelete(a, deleted.id(), base.plusSeconds(5));
            assertThat(store().list(null, base, new RepoId(new UUID(0, 0)), 3)).containsExactly(first, second);
        }

        @Test
        void softDeleteOnlyALiveRepoOfTheProject() {
            ProjectId mine = newProject("p-" + unique());
            ProjectId other = newProject("p-" + unique());
            Repo repo = store().ensure(candidate(mine, origin(), T0)).repo();
            assertThat(store().softDelete(other, repo.id(), T0)).isFalse();
            assertThat(store().softDelete(mine, new RepoId(UUID.randomUUID()), T0)).isFalse();
            assertThat(store().softDelete(mine, repo.id(), T0.plusSeconds(1))).isTrue();
            assertThat(store().softDelete(mine, repo.id(), T0.plusSeconds(2))).isFalse();
            assertThat(store().list(mine, null, null, 10)).isEmpty();
        }
    }
}
