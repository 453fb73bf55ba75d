package dev.agenthub.testkit.identity;

import dev.agenthub.protocol.agents.Agent;
import dev.agenthub.protocol.agents.port.AgentStore;
import dev.agenthub.protocol.identity.ApiKey;
import dev.agenthub.protocol.identity.ApiKeySecret;
import dev.agenthub.protocol.identity.port.ApiKeyStore;
import dev.agenthub.protocol.kernel.id.AgentId;
import dev.agenthub.protocol.kernel.id.ProjectId;
import dev.agenthub.protocol.projects.Project;
import dev.agenthub.protocol.projects.port.ProjectStore;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract of the identity stores ({@link ProjectStore}, {@link AgentStore}, {@link ApiKeyStore}), which
 * refer to each other (an agent belongs to a project, a key to a project and optionally an agent), so they
 * are verified together. The concurrency tests call the stores from several threads at once: each call
 * must be atomic on its own, as it is when every call runs on its own connection.
 */
public abstract class IdentityStoresContract {

    protected static final Instant T0 = Instant.parse("2026-03-01T12:00:00.123456Z");
    private static final int RACERS = 16;

    protected abstract ProjectStore projects();

    protected abstract AgentStore agents();

    protected abstract ApiKeyStore keys();

    /** Fresh keys per test: stores may be shared by the tests of a class. */
    private final SecureRandom random = new SecureRandom();

    private static String uniqueSlug(String stem) {
        return stem + "-" + UUID.randomUUID();
    }

    private Project project() {
        return projects().ensure(new Project(new ProjectId(UUID.randomUUID()), uniqueSlug("contract"), "Contract", null,
                "private", T0));
    }

    private static Agent agent(Project project, String alias, String type, Agent.Lifetime lifetime) {
        return new Agent(new AgentId(UUID.randomUUID()), project.id(), alias, "", type, Agent.AccessMode.OPEN, null, null,
                null, lifetime, Agent.Status.ACTIVE, null, "agent", null, null, T0, null);
    }

    private static Agent agent(Project project, String alias) {
        return agent(project, alias, "agent", Agent.Lifetime.EPHEMERAL);
    }

    private static <T> List<T> race(int threads, Callable<T> work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return work.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(30, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    @Nested
    class Projects {

        @Test
        void ensureInsertsOnceAndThenReturnsTheStoredProject() {
            String slug = uniqueSlug("ensure");
            Project candidate = new Project(new ProjectId(UUID.randomUUID()), slug, "First", null, "private", T0);
            assertThat(projects().ensure(candidate)).isEqualTo(candidate);
            Project second = projects().ensure(new Project(new ProjectId(UUID.randomUUID()), slug, "Second", null, "public", T0.plusSeconds(1)));
            assertThat(second).isEqualTo(candidate);
            assertThat(projects().find(candidate.id())).contains(candidate);
            assertThat(projects().findBySlug(slug)).contains(candidate);
        }

        @Test
        void unknownProjectsAreEmpty() {
            assertThat(projects().find(new ProjectId(UUID.randomUUID()))).isEmpty();
            assertThat(projects().findBySlug(uniqueSlug("nobody"))).isEmpty();
        }

        @Test
        void aSoftDeletedProjectIsGoneFreesItsSlugAndItsKeysReportIt() {
            Project project = project();
            ApiKey key = ApiKey.mint(UUID.randomUUID(), project.id(), null, null, ApiKeySecret.mint(random), T0);
            keys().insert(key);
            assertThat(projects().softDelete(project.id(), T0.plusSeconds(1))).isTrue();
            assertThat(projects().softDelete(project.id(), T0.plusSeconds(2))).as("only once").isFalse();
            assertThat(projects().find(project.id())).isEmpty();
            assertThat(projects().findBySlug(project.slug())).isEmpty();
            assertThat(keys().findByHash(key.keyHash()).orElseThrow().projectLive()).isFalse();

            Project successor = projects().ensure(new Project(new ProjectId(UUID.randomUUID()), project.slug(), "Again", null,
                    "private", T0.plusSeconds(3)));
            assertThat(successor.id()).isNotEqualTo(project.id());
            assertThat(projects().findBySlug(project.slug())).contains(successor);
        }

        @Test
        void racingEnsuresOfOneSlugAllReturnTheSameProject() throws Exception {
            String slug = uniqueSlug("race");
            List<Project> results = race(RACERS, () -> projects().ensure(
                    new Project(new ProjectId(UUID.randomUUID()), slug, "Racer", null, "private", T0)));
            assertThat(results.stream().map(Project::id).collect(Collectors.toSet())).hasSize(1);
            assertThat(projects().findBySlug(slug)).contains(results.get(0));
        }
    }

    @Nested
    class Agents {

        @Test
        void anAgentIsStoredAsGiven() {
            Project project = project();
            Agent agent = new Agent(new AgentId(UUID.randomUUID()), project.id(), "Zoë-ish_1", "Ada Lovelace", "reviewer",
                    Agent.AccessMode.CONTACTS_ONLY, "did:key:z6Mk", "cHVibGlj", "self", Agent.Lifetime.PERSISTENT,
                    Agent.Status.ACTIVE, null, "lead dev", "claude-code", "{\"b\": [1, 2.50], \"a\": \"ü\"}", T0, null);
            assertThat(agents().insert(agent)).isTrue();
            assertThat(agents().find(project.id(), agent.id())).contains(agent);
            assertThat(agents().findByAlias(project.id(), "Zoë-ish_1")).contains(agent);
            assertThat(agents().findAnyState(agent.id())).contains(agent);
        }

        @Test
        void anAliasIsUniqueAmongTheLiveAgentsOfAProjectOnly() {
            Project project = project();
            Project other = project();
            Agent first = agent(project, "alice");
            assertThat(agents().insert(first)).isTrue();
            assertThat(agents().insert(agent(project, "alice"))).isFalse();
            assertThat(agents().insert(agent(other, "alice"))).as("another project").isTrue();
            assertThat(agents().insert(agent(project, "Alice"))).as("aliases are case-sensitive").isTrue();
            assertThat(agents().listLive(project.id()).stream().map(Agent::alias)).containsExactly("Alice", "alice");

            assertThat(agents().deregister(project.id(), first.id(), T0.plusSeconds(5))).hasValueSatisfying(gone -> {
                assertThat(gone.status()).isEqualTo(Agent.Status.DEREGISTERED);
                assertThat(gone.deletedAt()).isEqualTo(T0.plusSeconds(5));
            });
            assertThat(agents().find(project.id(), first.id())).isEmpty();
            assertThat(agents().findAnyState(first.id())).hasValueSatisfying(row -> assertThat(row.live()).isFalse());
            assertThat(agents().deregister(project.id(), first.id(), T0.plusSeconds(6))).as("only once").isEmpty();
            assertThat(agents().insert(agent(project, "alice"))).as("a deleted agent frees its alias").isTrue();
        }

        @Test
        void lookupsAreScopedToTheProject() {
            Project project = project();
            Project other = project();
            Agent agent = agent(project, "bob");
            agents().insert(agent);
            assertThat(agents().find(other.id(), agent.id())).isEmpty();
            assertThat(agents().findByAlias(other.id(), "bob")).isEmpty();
            assertThat(agents().listLive(other.id())).isEmpty();
            assertThat(agents().updateSettings(other.id(), agent.id(), Agent.AccessMode.CONTACTS_ONLY, null, null, null)).isEmpty();
            assertThat(agents().deregister(other.id(), agent.id(), T0)).isEmpty();
            assertThat(agents().find(project.id(), agent.id())).contains(agent);
        }

        @Test
        void theListingIsInByteOrderOfAliasesAndLiveAliasesCanLeaveOutSystemAgents() {
            Project project = project();
            for (String alias : List.of("bob", "Bob", "alice-01", "alice", "_x", "0zed")) {
                agents().insert(agent(project, alias));
            }
            agents().insert(agent(project, "notifier", Agent.SYSTEM_TYPE, Agent.Lifetime.PERSISTENT));
            assertThat(agents().listLive(project.id()).stream().map(Agent::alias))
                    .containsExactly("0zed", "Bob", "_x", "alice", "alice-01", "bob", "notifier");
            assertThat(agents().liveAliases(project.id(), true)).hasSize(7).contains("notifier");
            assertThat(agents().liveAliases(project.id(), false)).hasSize(6).doesNotContain("notifier");
        }

        @Test
        void settingsChangeOnlyWhereGiven() {
            Project project = project();
            Agent agent = agent(project, "carol");
            agents().insert(agent);
            Agent changed = agents().updateSettings(project.id(), agent.id(), Agent.AccessMode.CONTACTS_ONLY, null, "aider", null).orElseThrow();
            assertThat(changed.accessMode()).isEqualTo(Agent.AccessMode.CONTACTS_ONLY);
            assertThat(changed.role()).isEqualTo("agent");
            assertThat(changed.program()).isEqualTo("aider");
            Agent again = agents().updateSettings(project.id(), agent.id(), null, "reviewer", null, "{\"k\":{}}").orElseThrow();
            assertThat(again.accessMode()).isEqualTo(Agent.AccessMode.CONTACTS_ONLY);
            assertThat(again.role()).isEqualTo("reviewer");
            assertThat(again.program()).isEqualTo("aider");
            assertThat(again.contextJson()).isEqualTo("{\"k\":{}}");
            assertThat(agents().updateSettings(project.id(), agent.id(), null, null, null, null)).contains(again);
        }

        @Test
        void ofRacingInsertsOfOneAliasExactlyOneWins() throws Exception {
            Project project = project();
            List<Boolean> results = race(RACERS, () -> agents().insert(agent(project, "contested")));
            assertThat(results.stream().filter(Boolean::booleanValue).count()).isEqualTo(1);
            assertThat(agents().listLive(project.id())).hasSize(1);
        }
    }

    @Nested
    class Keys {

        private ApiKey key(Project project, Agent agent) {
            ApiKeySecret secret = ApiKeySecret.mint(random);
            return ApiKey.mint(UUID.randomUUID(), project.id(), agent == null ? null : agent.id(), null, secret, T0);
        }

        @Test
        void aKeyIsFoundByItsHashWithItsProjectAndBoundAgent() {
            Project project = project();
            Agent agent = agent(project, "dave");
            agents().insert(agent);
            ApiKey bound = key(project, agent);
            ApiKey unbound = new ApiKey(UUID.randomUUID(), project.id(), null, UUID.randomUUID(), "aw_sk_123456",
                    ApiKeySecret.mint(random).hash(),
                    true, T0, null);
            keys().insert(bound);
            keys().insert(unbound);

            ApiKeyStore.Credential found = keys().findByHash(bound.keyHash()).orElseThrow();
            assertThat(found.key()).isEqualTo(bound);
            assertThat(found.projectLive()).isTrue();
            assertThat(found.boundAgent()).contains(agent);
            ApiKeyStore.Credential projectOnly = keys().findByHash(unbound.keyHash()).orElseThrow();
            assertThat(projectOnly.key()).isEqualTo(unbound);
            assertThat(projectOnly.boundAgent()).isEmpty();
            assertThat(keys().findByHash("f".repeat(64))).isEmpty();
        }

        @Test
        void aDeregisteredAgentIsStillReportedWithItsKeySoCallersCanTellGoneFromUnknown() {
            Project project = project();
            Agent agent = agent(project, "eve");
            agents().insert(agent);
            ApiKey key = key(project, agent);
            keys().insert(key);
            agents().deregister(project.id(), agent.id(), T0.plusSeconds(1));
            assertThat(keys().findByHash(key.keyHash()).orElseThrow().boundAgent())
                    .hasValueSatisfying(row -> assertThat(row.live()).isFalse());
        }

        @Test
        void recordUseWritesOnlyWhenTheStoredValueIsStale() {
            Project project = project();
            ApiKey key = key(project, null);
            keys().insert(key);
            keys().recordUse(key.id(), T0.plusSeconds(100), T0.plusSeconds(40));
            assertThat(lastUsed(key)).contains(T0.plusSeconds(100));
            keys().recordUse(key.id(), T0.plusSeconds(130), T0.plusSeconds(70));
            assertThat(lastUsed(key)).as("100 is not before 70: fresh enough").contains(T0.plusSeconds(100));
            keys().recordUse(key.id(), T0.plusSeconds(200), T0.plusSeconds(140));
            assertThat(lastUsed(key)).contains(T0.plusSeconds(200));
        }

        @Test
        void deactivationTakesEveryKeyOfTheAgentAndNoOther() {
            Project project = project();
            Agent agent = agent(project, "frank");
            Agent neighbour = agent(project, "grace");
            agents().insert(agent);
            agents().insert(neighbour);
            ApiKey first = key(project, agent);
            ApiKey second = key(project, agent);
            ApiKey other = key(project, neighbour);
            Set.of(first, second, other).forEach(keys()::insert);

            assertThat(keys().deactivateAllOf(agent.id())).isEqualTo(2);
            assertThat(keys().deactivateAllOf(agent.id())).as("already inactive").isZero();
            assertThat(keys().findByHash(first.keyHash()).orElseThrow().key().active()).isFalse();
            assertThat(keys().findByHash(second.keyHash()).orElseThrow().key().active()).isFalse();
            assertThat(keys().findByHash(other.keyHash()).orElseThrow().key().active()).isTrue();
        }

        private Optional<Instant> lastUsed(ApiKey key) {
            return Optional.ofNullable(keys().findByHash(key.keyHash()).orElseThrow().key().lastUsedAt());
        }
    }
}
