package dev.agenthub.hub.repos;

import dev.agenthub.hub.repos.port.RepoStore;
import dev.agenthub.protocol.agents.ClassicNames;
import dev.agenthub.protocol.fakes.FakeTransactionRunner;
import dev.agenthub.protocol.fakes.Fixtures;
import dev.agenthub.protocol.fakes.InMemoryAgentStore;
import dev.agenthub.protocol.fakes.InMemoryProjectStore;
import dev.agenthub.protocol.fakes.MutableClock;
import dev.agenthub.protocol.fakes.SequentialIds;
import dev.agenthub.protocol.identity.Principal;
import dev.agenthub.protocol.kernel.error.DomainError;
import dev.agenthub.protocol.kernel.paging.Page;
import dev.agenthub.protocol.kernel.paging.PageRequest;
import dev.agenthub.protocol.projects.Project;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static dev.agenthub.protocol.fakes.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReposTest {

    private static final String ORIGIN = "git@github.com:org/repo.git";

    private final MutableClock clock = new MutableClock(T0);
    private final SequentialIds ids = new SequentialIds();
    private final InMemoryProjectStore projects = new InMemoryProjectStore();
    private final InMemoryAgentStore agents = new InMemoryAgentStore();
    private final InMemoryRepoStore store = new InMemoryRepoStore(projects);
    private final List<Repo> cascaded = new ArrayList<>();
    private final Repos repos = new Repos(new FakeTransactionRunner(), projects, agents, store, (repo, now) -> {
        cascaded.add(repo);
        return new RepoDeletion(1, 2, 3);
    }, ReposTest::workspaceCounts, clock, ids);

    /** Two workspaces per repo, so a listing shows the counts it was given. */
    private static Map<RepoId, Integer> workspaceCounts(Collection<RepoId> ids) {
        Map<RepoId, Integer> counts = new HashMap<>();
        ids.forEach(id -> counts.put(id, 2));
        return counts;
    }

    private final Project alpha = projects.add(Fixtures.project("alpha"));
    private final Project beta = projects.add(Fixtures.project("beta"));

    private static Principal principal(Project project) {
        return new Principal(project.id(), Principal.AuthMode.BEARER, Principal.Type.KEY, UUID.randomUUID(), null, null, null);
    }

    private Repo ensure(Project project, String origin) {
        return repos.ensure(principal(project), project.id().value(), origin).repo();
    }

    @Nested
    class Ensure {
        @Test
        void createsThenUpdatesTheSameRow() {
            RepoStore.Ensured first = repos.ensure(principal(alpha), alpha.id().value(), ORIGIN);
            assertThat(first.created()).isTrue();
            assertThat(first.repo().canonicalOrigin().value()).isEqualTo("github.com/org/repo");
            assertThat(first.repo().name()).isEqualTo("repo");
            assertThat(first.repo().createdAt()).isEqualTo(T0.truncatedTo(java.time.temporal.ChronoUnit.MICROS));
            clock.advance(Duration.ofSeconds(5));
            RepoStore.Ensured again = repos.ensure(principal(alpha), alpha.id().value(), "https://github.com/org/repo");
            assertThat(again.created()).isFalse();
            assertThat(again.repo().id()).isEqualTo(first.repo().id());
            assertThat(again.repo().originUrl()).isEqualTo("https://github.com/org/repo");
            assertThat(again.repo().createdAt()).isEqualTo(first.repo().createdAt());
        }

        @Test
        void undeletesADeletedRepo() {
            Repo repo = ensure(alpha, ORIGIN);
            repos.delete(principal(alpha), repo.id());
            RepoStore.Ensured back = repos.ensure(principal(alpha), alpha.id().value(), ORIGIN);
            assertThat(back.repo().id()).isEqualTo(repo.id());
            assertThat(back.repo().live()).isTrue();
            assertThat(store.find(alpha.id(), repo.id())).isPresent();
        }

        @Test
        void anotherProjectIdIsForbidden() {
            assertThatThrownBy(() -> repos.ensure(principal(alpha), beta.id().value(), ORIGIN))
                    .isInstanceOf(DomainError.Forbidden.class).hasMessage("project_id does not match authenticated project");
            assertThatThrownBy(() -> repos.ensure(principal(alpha), UUID.randomUUID(), ORIGIN))
                    .isInstanceOf(DomainError.Forbidden.class);
            assertThat(store.all()).isEmpty();
        }

        @Test
        void aCallerWhoseProjectWentAwayGets404() {
            projects.delete(alpha.id());
            assertThatThrownBy(() -> repos.ensure(principal(alpha), alpha.id().value(), ORIGIN))
                    .isInstanceOf(DomainError.NotFound.class).hasMessage("Project not found");
        }

        @Test
        void aBadOriginIs422AfterTheBindingCheck() {
            assertThatThrownBy(() -> repos.ensure(principal(alpha), alpha.id().value(), "   "))
                    .isInstanceOf(DomainError.Invalid.class).hasMessage("Invalid origin_url: Empty origin URL");
            assertThatThrownBy(() -> repos.ensure(principal(alpha), alpha.id().value(), "https://github.com/"))
                    .hasMessage("Invalid origin_url: Invalid git URL (no path): https://github.com/");
            assertThatThrownBy(() -> repos.ensure(principal(alpha), beta.id().value(), "   "))
                    .isInstanceOf(DomainError.Forbidden.class);
        }
    }

    @Nested
    class Lookup {
        @Test
        void findsTheOneRepoWithItsProjectSlug() {
            Repo repo = ensure(alpha, ORIGIN);
            RepoStore.Located found = repos.lookup("https://github.com/org/repo.git");
            assertThat(found.repo().id()).isEqualTo(repo.id());
            assertThat(found.projectSlug()).isEqualTo("alpha");
        }

        @Test
        void unknownDeletedOrInADeletedProjectIsNotFound() {
            assertThatThrownBy(() -> repos.lookup(ORIGIN)).isInstanceOf(DomainError.NotFound.class)
                    .hasMessage("Repo not found: github.com/org/repo");
            Repo repo = ensure(alpha, ORIGIN);
            repos.delete(principal(alpha), repo.id());
            assertThatThrownBy(() -> repos.lookup(ORIGIN)).isInstanceOf(DomainError.NotFound.class);
            ensure(beta, ORIGIN);
            projects.delete(beta.id());
            assertThatThrownBy(() -> repos.lookup(ORIGIN)).isInstanceOf(DomainError.NotFound.class);
        }

        @Test
        void severalProjectsAreAConflictWithCandidatesBySlug() {
            Repo inBeta = ensure(beta, ORIGIN);
            Repo inAlpha = ensure(alpha, ORIGIN);
            assertThatThrownBy(() -> repos.lookup(ORIGIN)).isInstanceOfSatisfying(DomainError.Conflict.class, e -> {
                String message = "Repo github.com/org/repo exists in multiple projects: alpha, beta. Choose a project slug and run"
                        + " 'bdh :init --project <slug>' (or authenticate with the correct project API key).";
                assertThat(e.getMessage()).isEqualTo(message);
                assertThat(e.detail()).isEqualTo(Map.of("message", message, "canonical_origin", "github.com/org/repo",
                        "candidates", List.of(
                                Map.of("repo_id", inAlpha.id().toString(), "project_id", alpha.id().toString(), "project_slug", "alpha"),
                                Map.of("repo_id", inBeta.id().toString(), "project_id", beta.id().toString(), "project_slug", "beta"))));
                assertThat(((Map<?, ?>) e.detail()).keySet().stream().map(String::valueOf).toList()).containsExactly("message", "canonical_origin", "candidates");
            });
        }

        @Test
        void aBadOriginIs422() {
            assertThatThrownBy(() -> repos.lookup("not a url")).isInstanceOf(DomainError.Invalid.class)
                    .hasMessage("Invalid origin_url: Invalid git URL: not a url");
        }
    }

    @Nested
    class ListAndDelete {
        @Test
        void pagesInCreationOrderWithACursor() {
            List<Repo> created = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                created.add(ensure(i % 2 == 0 ? alpha : beta, "https://github.com/org/r" + i));
                clock.advance(Duration.ofMillis(1));
            }
            Page<Repos.Listed> first = repos.list(Optional.empty(), Repos.listRequest(2, null));
            assertThat(first.items()).extracting(l -> l.repo().id()).containsExactly(created.get(0).id(), created.get(1).id());
            assertThat(first.items()).allMatch(l -> l.workspaceCount() == 2);
            assertThat(first.hasMore()).isTrue();
            Page<Repos.Listed> second = repos.list(Optional.empty(), Repos.listRequest(2, first.nextCursor().orElseThrow()));
            assertThat(second.items()).extracting(l -> l.repo().id()).containsExactly(created.get(2).id(), created.get(3).id());
            Page<Repos.Listed> last = repos.list(Optional.empty(), Repos.listRequest(2, second.nextCursor().orElseThrow()));
            assertThat(last.items()).extracting(l -> l.repo().id()).containsExactly(created.get(4).id());
            assertThat(last.hasMore()).isFalse();
            assertThat(last.nextCursor()).isEmpty();
            assertThat(repos.list(Optional.of(beta.id()), Repos.listRequest(null, null)).items())
                    .extracting(l -> l.repo().id()).containsExactly(created.get(1).id(), created.get(3).id());
        }

        @Test
        void cursorsWithoutAValidKeyAre422() {
            String noId = dev.agenthub.protocol.kernel.paging.CursorKey.of(Map.of("created_at", "2026-01-01T00:00:00+00:00")).encode();
            assertThatThrownBy(() -> repos.list(Optional.empty(), Repos.listRequest(null, noId)))
                    .hasMessage("Invalid cursor: missing id");
            String badTime = dev.agenthub.protocol.kernel.paging.CursorKey.of(Map.of("created_at", "x", "id", "y")).encode();
            assertThatThrownBy(() -> repos.list(Optional.empty(), Repos.listRequest(null, badTime)))
                    .hasMessage("Invalid cursor timestamp: x");
            String badId = dev.agenthub.protocol.kernel.paging.CursorKey.of(Map.of("created_at", "2026-01-01T00:00:00Z", "id", "y")).encode();
            assertThatThrownBy(() -> repos.list(Optional.empty(), Repos.listRequest(null, badId)))
                    .hasMessage("Invalid cursor: bad id");
            assertThatThrownBy(() -> repos.list(Optional.empty(), PageRequest.of(201, null)))
                    .isInstanceOf(DomainError.Invalid.class);
        }

        @Test
        void deleteSoftDeletesAndRunsTheCascade() {
            Repo repo = ensure(alpha, ORIGIN);
            Repos.Deleted deleted = repos.delete(principal(alpha), repo.id());
            assertThat(deleted.id()).isEqualTo(repo.id());
            assertThat(deleted.cascade()).isEqualTo(new RepoDeletion(1, 2, 3));
            assertThat(cascaded).containsExactly(repo);
            assertThat(repos.list(Optional.empty(), Repos.listRequest(null, null)).items()).isEmpty();
            assertThatThrownBy(() -> repos.delete(principal(alpha), repo.id()))
                    .isInstanceOf(DomainError.NotFound.class).hasMessage("Repo not found");
        }

        @Test
        void aForeignOrUnknownRepoIsNotFound() {
            Repo repo = ensure(alpha, ORIGIN);
            assertThatThrownBy(() -> repos.delete(principal(beta), repo.id()))
                    .isInstanceOf(DomainError.NotFound.class).hasMessage("Repo not found");
            assertThatThrownBy(() -> repos.delete(principal(beta), new RepoId(UUID.randomUUID())))
                    .isInstanceOf(DomainError.NotFound.class);
            assertThat(store.find(alpha.id(), repo.id())).isPresent();
            assertThat(cascaded).isEmpty();
        }
    }

    @Nested
    class SuggestNamePrefix {
        @Test
        void publicTakesTheRepoProjectAndCountsEveryLiveAgent() {
            Repo repo = ensure(alpha, ORIGIN);
            agents.add(Fixtures.agent(alpha, "alice").build());
            agents.add(Fixtures.agent(alpha, "bob-reviewer").system().build());
            Repos.NamePrefix suggestion = repos.suggestNamePrefix(Optional.empty(), "https://github.com/org/repo");
            assertThat(suggestion.namePrefix()).isEqualTo("charlie");
            assertThat(suggestion.project()).isEqualTo(alpha);
            assertThat(suggestion.repoId()).contains(repo.id());
            assertThat(suggestion.canonicalOrigin().value()).isEqualTo("github.com/org/repo");
        }

        @Test
        void publicUnknownOrAmbiguousOrigin() {
            assertThatThrownBy(() -> repos.suggestNamePrefix(Optional.empty(), ORIGIN)).isInstanceOf(DomainError.NotFound.class)
                    .hasMessage("Repo not registered: github.com/org/repo. Run 'bdh :init' to register.");
            ensure(beta, ORIGIN);
            ensure(alpha, ORIGIN);
            assertThatThrownBy(() -> repos.suggestNamePrefix(Optional.empty(), ORIGIN)).isInstanceOf(DomainError.Conflict.class)
                    .hasMessage("Repo exists in multiple projects: alpha, beta. Specify project with BEADHUB_PROJECT or --project.");
        }

        @Test
        void authenticatedUsesTheCallersProjectAndItsRepoIfAny() {
            ensure(beta, ORIGIN);
            Repos.NamePrefix none = repos.suggestNamePrefix(Optional.of(principal(alpha)), ORIGIN);
            assertThat(none.project()).isEqualTo(alpha);
            assertThat(none.repoId()).isEmpty();
            assertThat(none.namePrefix()).isEqualTo("alice");
            Repo mine = ensure(alpha, ORIGIN);
            assertThat(repos.suggestNamePrefix(Optional.of(principal(alpha)), ORIGIN).repoId()).contains(mine.id());
            projects.delete(alpha.id());
            assertThatThrownBy(() -> repos.suggestNamePrefix(Optional.of(principal(alpha)), ORIGIN))
                    .isInstanceOf(DomainError.NotFound.class).hasMessage("Project not found");
        }

        @Test
        void exhaustion() {
            ensure(alpha, ORIGIN);
            for (String prefix : ClassicNames.candidates()) {
                agents.add(Fixtures.agent(alpha, prefix).build());
            }
            assertThatThrownBy(() -> repos.suggestNamePrefix(Optional.empty(), ORIGIN)).isInstanceOf(DomainError.Conflict.class)
                    .hasMessage("All name prefixes are taken (tried 26 names × 100 variants). Use --alias to specify a custom alias.");
        }

        @Test
        void badOrigin() {
            assertThatThrownBy(() -> repos.suggestNamePrefix(Optional.empty(), "ftp:"))
                    .isInstanceOf(DomainError.Invalid.class).hasMessageStartingWith("Invalid origin_url: ");
        }
    }
}
