package dev.agenthub.hub.init;

import dev.agenthub.hub.repos.InMemoryRepoStore;
import dev.agenthub.hub.workspaces.InMemoryWorkspaceStore;
import dev.agenthub.hub.workspaces.Workspace;
import dev.agenthub.hub.workspaces.Workspaces;
import dev.agenthub.protocol.agents.Agent;
import dev.agenthub.protocol.agents.ClassicNames;
import dev.agenthub.protocol.fakes.FakeRateLimiter;
import dev.agenthub.protocol.fakes.FakeTransactionRunner;
import dev.agenthub.protocol.fakes.Fixtures;
import dev.agenthub.protocol.fakes.Fixtures.IssuedKey;
import dev.agenthub.protocol.fakes.InMemoryAgentStore;
import dev.agenthub.protocol.fakes.InMemoryApiKeyStore;
import dev.agenthub.protocol.fakes.InMemoryPresenceIndex;
import dev.agenthub.protocol.fakes.InMemoryProjectStore;
import dev.agenthub.protocol.fakes.MutableClock;
import dev.agenthub.protocol.fakes.SequentialIds;
import dev.agenthub.protocol.identity.ApiKey;
import dev.agenthub.protocol.identity.Authenticator;
import dev.agenthub.protocol.kernel.error.DomainError;
import dev.agenthub.protocol.kernel.id.AgentId;
import dev.agenthub.protocol.projects.Project;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Random;
import java.util.UUID;

import static dev.agenthub.protocol.fakes.Fixtures.T0;
import static dev.agenthub.protocol.fakes.Fixtures.agent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InitServiceTest {

    private static final long KEY_SEED = 42;
    private static final String IP = "203.0.113.7";
    private static final Instant NOW = T0.truncatedTo(ChronoUnit.MICROS);

    private final MutableClock clock = new MutableClock(T0);
    private final SequentialIds ids = new SequentialIds();
    private final FakeTransactionRunner transactions = new FakeTransactionRunner();
    private final InMemoryProjectStore projects = new InMemoryProjectStore();
    private final InMemoryAgentStore agents = new InMemoryAgentStore();
    private final InMemoryApiKeyStore keys = new InMemoryApiKeyStore(projects, agents);
    private final InMemoryRepoStore repos = new InMemoryRepoStore(projects);
    private final InMemoryWorkspaceStore workspaces = new InMemoryWorkspaceStore();
    private final FakeRateLimiter limiter = new FakeRateLimiter();
    private final Random otherKeys = new Random(99);
    private final Random keyRandom = new Random(KEY_SEED);
    private InitLimits limits = InitLimits.DEFAULT;

    private InitService service() {
        return new InitService(transactions, projects, agents, keys, repos, new Workspaces(projects, repos, workspaces,
                new InMemoryPresenceIndex(), Duration.ofSeconds(1800), clock, ids),
                new Authenticator(keys, clock, null), limiter,
                limits, clock, ids, keyRandom);
    }

    /** A request with the §4.1 defaults for project {@code demo}, no alias, no repo, no credentials. */
    private static Req req() {
        return new Req();
    }

    private static final class Req {
        String projectSlug = "demo";
        String projectName = "";
        String alias;
        String humanName = "";
        String agentType = "agent";
        Agent.Lifetime lifetime = Agent.Lifetime.EPHEMERAL;
        String custody;
        UUID projectId;
        String repoOrigin;
        String role = "agent";
        boolean roleGiven;
        String clientIp = IP;
        String authorization;

        Req slug(String slug) { this.projectSlug = slug; return this; }
        Req name(String name) { this.projectName = name; return this; }
        Req alias(String alias) { this.alias = alias; return this; }
        Req humanName(String humanName) { this.humanName = humanName; return this; }
        Req projectId(UUID projectId) { this.projectId = projectId; return this; }
        Req repo(String repoOrigin) { this.repoOrigin = repoOrigin; return this; }
        Req role(String role) { this.role = role; this.roleGiven = true; return this; }
        Req ip(String clientIp) { this.clientIp = clientIp; return this; }
        Req persistent() { this.lifetime = Agent.Lifetime.PERSISTENT; return this; }
        Req custody(String custody) { this.custody = custody; return this; }
        Req auth(String authorization) { this.authorization = authorization; return this; }

        InitRequest build() {
            return new InitRequest(projectSlug, projectName, alias, humanName, agentType, lifetime, custody, projectId,
                    repoOrigin, role, roleGiven, "", "", clientIp, authorization);
        }
    }

    private InitResult init(Req request) {
        return service().init(request.build());
    }

    private IssuedKey keyFor(Agent agent) {
        IssuedKey issued = Fixtures.key(agent.project(), agent.id(), otherKeys);
        keys.insert(issued.key());
        return issued;
    }

    private static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private static String aliasExists(String alias, String slug) {
        return "alias_exists: alias '" + alias + "' is already registered in project '" + slug
                + "'. Choose another alias or re-run with that agent's API key.";
    }

    private static final String EXHAUSTED = "All name prefixes are taken (tried 26 names × 100 variants).";

    @Nested
    class RateLimit {

        @Test
        void everyRequestIsCountedPerClientIpWithTheConfiguredLimits() {
            limits = new InitLimits(5, Duration.ofSeconds(90));

            init(req());

            assertThat(limiter.hits()).containsExactly(
                    new FakeRateLimiter.Hit("init:" + IP, 5, Duration.ofSeconds(90), T0));
        }

        @Test
        void overTheLimitIs429WithRetryAfterRoundedUp() {
            limits = new InitLimits(2, Duration.ofSeconds(60));
            init(req());
            init(req().ip(IP));
            clock.advance(Duration.ofMillis(10_500));

            assertThatThrownBy(() -> init(req()))
                    .isInstanceOfSatisfying(DomainError.RateLimited.class, e -> {
                        assertThat(e.detail()).isEqualTo("Rate limit exceeded. Too many initialization requests.");
                        assertThat(e.retryAfterSeconds()).isEqualTo(50); // 49.5 s left
                    });
        }

        @Test
        void aWholeNumberOfSecondsLeftIsNotRoundedFurther() {
            limits = new InitLimits(1, Duration.ofSeconds(60));
            init(req());
            clock.advance(Duration.ofSeconds(30));

            assertThatThrownBy(() -> init(req()))
                    .isInstanceOfSatisfying(DomainError.RateLimited.class, e -> assertThat(e.retryAfterSeconds()).isEqualTo(30));
        }

        @Test
        void aRefusedRequestWritesNothing() {
            limits = new InitLimits(1, Duration.ofSeconds(60));
            init(req());
            int agentsBefore = agents.all().size();

            assertThatThrownBy(() -> init(req().slug("fresh"))).isInstanceOf(DomainError.RateLimited.class);

            assertThat(projects.findBySlug("fresh")).isEmpty();
            assertThat(agents.all()).hasSize(agentsBefore);
            assertThat(keys.all()).hasSize(1);
            assertThat(transactions.commits() + transactions.rollbacks()).isEqualTo(1);
        }

        @Test
        void eachClientIpHasItsOwnBucket() {
            limits = new InitLimits(1, Duration.ofSeconds(60));
            init(req().ip("198.51.100.1"));

            assertThat(init(req().ip("198.51.100.2")).agent().alias()).isEqualTo("bob");
        }

        @Test
        void aRequestThatFailsLaterStillCounts() {
            limits = new InitLimits(1, Duration.ofSeconds(60));
            assertThatThrownBy(() -> init(req().slug(""))).isInstanceOf(DomainError.Invalid.class);

            assertThatThrownBy(() -> init(req())).isInstanceOf(DomainError.RateLimited.class);
        }

        @Test
        void anUnreachableLimiterFailsClosedWith503() {
            limiter.failWith(new IllegalStateException("redis down"));

            assertThatThrownBy(() -> init(req()))
                    .isInstanceOfSatisfying(DomainError.Unavailable.class,
                            e -> assertThat(e.detail()).isEqualTo("Service temporarily unavailable. Please retry."));
            assertThat(projects.all()).isEmpty();
            assertThat(agents.all()).isEmpty();
            assertThat(keys.all()).isEmpty();
        }
    }

    @Nested
    class ProjectResolution {

        @Test
        void anUnknownSlugCreatesTheProjectNamedAfterTheSlug() {
            InitResult result = init(req().slug("demo"));

            Project project = result.project();
            assertThat(project.slug()).isEqualTo("demo");
            assertThat(project.name()).isEqualTo("demo");
            assertThat(project.tenantId()).isNull();
            assertThat(project.createdAt()).isEqualTo(NOW);
            assertThat(projects.findBySlug("demo")).contains(project);
        }

        @Test
        void aProjectNameIsUsedWhenTheProjectIsCreated() {
            assertThat(init(req().slug("demo").name("The Demo")).project().name()).isEqualTo("The Demo");
        }

        @Test
        void aKnownSlugReusesTheProjectAndIgnoresTheName() {
            Project existing = projects.add(Fixtures.project("demo"));

            InitResult result = init(req().slug("demo").name("Renamed"));

            assertThat(result.project()).isEqualTo(existing);
            assertThat(projects.all()).containsExactly(existing);
        }

        @Test
        void anEmptySlugWithoutRepoIs422SlugRequired() {
            assertThatThrownBy(() -> init(req().slug("")))
                    .isInstanceOfSatisfying(DomainError.Invalid.class, e -> {
                        assertThat(e.detail()).isEqualTo("project_slug is required");
                        assertThat(e.status()).isEqualTo(422);
                    });
            assertThat(projects.all()).isEmpty();
        }

        @Test
        void anEmptySlugWithAnUnregisteredRepoIsProjectNotFound() {
            assertThatThrownBy(() -> init(req().slug("").repo("git@github.com:org/repo.git")))
                    .isInstanceOfSatisfying(DomainError.Invalid.class, e -> {
                        assertThat(e.detail()).isEqualTo("project_not_found: repo not registered");
                        assertThat(e.status()).isEqualTo(422);
                    });
        }

        @Test
        void anUncanonicalisableRepoOriginIs422() {
            assertThatThrownBy(() -> init(req().repo("not a url")))
                    .isInstanceOfSatisfying(DomainError.Invalid.class,
                            e -> assertThat(e.detail()).isEqualTo("Invalid repo_origin: Invalid git URL: not a url"));
            assertThat(projects.all()).isEmpty();
        }

        @Test
        void aProjectIdNamesTheProjectAndItsSlugOverridesTheBodys() {
            Project hosted = projects.add(Fixtures.project("hosted"));

            InitResult result = init(req().slug("demo").projectId(hosted.id().value()));

            assertThat(result.project()).isEqualTo(hosted);
            assertThat(result.agent().project()).isEqualTo(hosted.id());
            assertThat(projects.findBySlug("demo")).isEmpty();
        }

        @Test
        void anUnknownOrDeletedProjectIdIs404ProjectNotFound() {
            Project gone = projects.add(Fixtures.project("gone"));
            projects.delete(gone.id());

            for (UUID id : new UUID[] {Fixtures.uuid("nowhere"), gone.id().value()}) {
                assertThatThrownBy(() -> init(req().projectId(id)))
                        .isInstanceOfSatisfying(DomainError.NotFound.class,
                                e -> assertThat(e.detail()).isEqualTo("project_not_found: unknown project_id"));
            }
            assertThat(agents.all()).isEmpty();
        }

        @Test
        void theSlugRuleComesBeforeHostedMode() {
            Project hosted = projects.add(Fixtures.project("hosted"));

            assertThatThrownBy(() -> init(req().slug("").projectId(hosted.id().value())))
                    .isInstanceOfSatisfying(DomainError.Invalid.class,
                            e -> assertThat(e.detail()).isEqualTo("project_slug is required"));
            assertThat(agents.all()).isEmpty();
        }

        @Test
        void theResultCarriesTheCanonicalOriginOfTheRepo() {
            InitResult result = init(req().repo("https://github.com/org/repo.git"));

            assertThat(result.canonicalOrigin().value()).isEqualTo("github.com/org/repo");
            assertThat(init(req()).canonicalOrigin()).isNull();
        }
    }

    @Nested
    class AliasAllocation {

        @Test
        void withoutAliasOrRepoTheBareClassicNamesAreAllocatedInOrder() {
            assertThat(init(req()).agent().alias()).isEqualTo("alice");
            assertThat(init(req()).agent().alias()).isEqualTo("bob");
            assertThat(init(req()).agent().alias()).isEqualTo("charlie");
        }

        @Test
        void theNewAgentCarriesTheRequestsIdentityFields() {
            InitResult result = init(req().humanName("Ada Lovelace").role("code reviewer").persistent().custody("self"));

            Agent agent = result.agent();
            assertThat(result.created()).isTrue();
            assertThat(result.createdAt()).isEqualTo(NOW);
            assertThat(agent.project()).isEqualTo(result.project().id());
            assertThat(agent.humanName()).isEqualTo("Ada Lovelace");
            assertThat(agent.agentType()).isEqualTo("agent");
            assertThat(agent.role()).isEqualTo("code reviewer");
            assertThat(agent.lifetime()).isEqualTo(Agent.Lifetime.PERSISTENT);
            assertThat(agent.custody()).isEqualTo("self");
            assertThat(agent.status()).isEqualTo(Agent.Status.ACTIVE);
            assertThat(agent.accessMode()).isEqualTo(Agent.AccessMode.OPEN);
            assertThat(agent.createdAt()).isEqualTo(NOW);
            assertThat(agent.live()).isTrue();
            assertThat(agents.find(agent.project(), agent.id())).contains(agent);
        }

        @Test
        void withARepoTheAliasIsTheNextPrefixAndTheRole() {
            Project demo = projects.add(Fixtures.project("demo"));
            agents.add(agent(demo, "alice-reviewer").build());

            InitResult result = init(req().repo("git@github.com:org/repo.git").role("developer"));

            assertThat(result.agent().alias()).isEqualTo("bob-developer");
        }

        @Test
        void spacesOfATwoWordRoleBecomeHyphens() {
            assertThat(init(req().repo("git@github.com:org/repo.git").role("senior dev")).agent().alias())
                    .isEqualTo("alice-senior-dev");
        }

        @Test
        void theDefaultRoleGivesAliceAgent() {
            assertThat(init(req().repo("git@github.com:org/repo.git")).agent().alias()).isEqualTo("alice-agent");
        }

        @Test
        void aDeregisteredAgentFreesItsPrefix() {
            Project demo = projects.add(Fixtures.project("demo"));
            agents.add(agent(demo, "alice").deletedAt(T0).status(Agent.Status.DEREGISTERED).build());
            agents.add(agent(demo, "bob").build());

            assertThat(init(req()).agent().alias()).isEqualTo("alice");
        }

        @Test
        void onlyTheProjectsOwnAgentsOccupyPrefixes() {
            Project other = projects.add(Fixtures.project("other"));
            agents.add(agent(other, "alice").build());

            assertThat(init(req().slug("demo")).agent().alias()).isEqualTo("alice");
        }

        @Test
        void aCandidateTakenByAConcurrentInitIsSkipped() {
            Project demo = projects.add(Fixtures.project("demo"));
            Agent rival = agent(demo, "alice").id(new AgentId(Fixtures.uuid("rival"))).build();
            agents.beforeNextInsert(() -> assertThat(agents.insert(rival)).isTrue());

            InitResult result = init(req());

            assertThat(result.agent().alias()).isEqualTo("bob");
            assertThat(result.created()).isTrue();
            assertThat(agents.findByAlias(demo.id(), "alice")).contains(rival);
            assertThat(keys.all()).singleElement().extracting(ApiKey::agent).isEqualTo(result.agent().id());
        }

        @Test
        void aRoleAliasTakenByAConcurrentInitIsSkipped() {
            Project demo = projects.add(Fixtures.project("demo"));
            agents.beforeNextInsert(() -> agents.insert(agent(demo, "alice-agent").id(new AgentId(Fixtures.uuid("rival"))).build()));

            assertThat(init(req().repo("git@github.com:org/repo.git")).agent().alias()).isEqualTo("bob-agent");
        }

        @Test
        void aTakenRoleAliasWhosePrefixIsNotAClassicOneDoesNotBlockAllocation() {
            // "alice-01" (from role "01") occupies the prefix alice-01, not alice: the candidate alice
            // composes the taken alias again, and allocation must move on rather than report exhaustion
            Project demo = projects.add(Fixtures.project("demo"));
            agents.add(agent(demo, "alice-01").build());

            assertThat(init(req().repo("git@github.com:org/repo.git").role("01")).agent().alias()).isEqualTo("bob-01");
        }

        @Test
        void manyTakenRoleAliasesWithNumericRoleWordsAreSkippedWithoutRetrying() {
            Project demo = projects.add(Fixtures.project("demo"));
            ClassicNames.NAMES.subList(0, 25).forEach(name -> agents.add(agent(demo, name + "-2-dev").build()));
            int attemptsBefore = agents.insertAttempts();

            assertThat(init(req().repo("git@github.com:org/repo.git").role("2 dev")).agent().alias()).isEqualTo("zoe-2-dev");
            assertThat(agents.insertAttempts() - attemptsBefore).isEqualTo(1);
        }

        @Test
        void aNumericRoleAliasTakenConcurrentlyIsSkipped() {
            Project demo = projects.add(Fixtures.project("demo"));
            agents.beforeNextInsert(() -> agents.insert(agent(demo, "alice-01").id(new AgentId(Fixtures.uuid("rival"))).build()));

            assertThat(init(req().repo("git@github.com:org/repo.git").role("01")).agent().alias()).isEqualTo("bob-01");
        }

        @Test
        void allPrefixesTakenIs409Exhausted() {
            Project demo = projects.add(Fixtures.project("demo"));
            ClassicNames.candidates().forEach(prefix -> agents.add(agent(demo, prefix + "-x").build()));

            for (Req request : new Req[] {req(), req().repo("git@github.com:org/repo.git")}) {
                assertThatThrownBy(() -> init(request))
                        .isInstanceOfSatisfying(DomainError.Conflict.class, e -> assertThat(e.detail()).isEqualTo(EXHAUSTED));
            }
            assertThat(keys.all()).isEmpty();
        }

        @Test
        void endlessConcurrentTheftEndsInARetryable503RatherThanALoop() {
            Project demo = projects.add(Fixtures.project("demo"));
            Runnable[] thief = new Runnable[1];
            thief[0] = () -> {
                String next = ClassicNames.nextPrefix(agents.liveAliases(demo.id(), true)).orElseThrow();
                agents.insert(agent(demo, next).build());
                agents.beforeNextInsert(thief[0]);
            };
            agents.beforeNextInsert(thief[0]);

            assertThatThrownBy(() -> init(req())).isInstanceOfSatisfying(DomainError.Unavailable.class,
                    e -> assertThat(e.detail()).isEqualTo(
                            "Could not allocate an alias: concurrent initializations took every candidate. Please retry."));
            assertThat(keys.all()).isEmpty();
        }
    }

    @Nested
    class ExplicitAliasAndOwnership {

        private Project demo;
        private Agent alice;

        private void aliceExists() {
            demo = projects.add(Fixtures.project("demo"));
            alice = agents.add(agent(demo, "alice").build());
        }

        @Test
        void aFreeAliasIsTakenAsGiven() {
            InitResult result = init(req().alias("Builder_7"));

            assertThat(result.agent().alias()).isEqualTo("Builder_7");
            assertThat(result.created()).isTrue();
        }

        @Test
        void anExistingAliasWithoutCredentialsIs409AliasExists() {
            aliceExists();

            assertThatThrownBy(() -> init(req().alias("alice")))
                    .isInstanceOfSatisfying(DomainError.Conflict.class,
                            e -> assertThat(e.detail()).isEqualTo(aliasExists("alice", "demo")));
            assertThat(keys.all()).isEmpty();
            assertThat(agents.all()).containsExactly(alice);
        }

        @Test
        void theOwnersKeyReusesTheAgentAndMintsAnotherKey() {
            aliceExists();
            IssuedKey oldKey = keyFor(alice);

            InitResult result = init(req().alias("alice").auth(oldKey.header()));

            assertThat(result.created()).isFalse();
            assertThat(result.agent()).isEqualTo(alice);
            assertThat(agents.all()).containsExactly(alice);
            assertThat(result.apiKey()).isNotEqualTo(oldKey.plaintext());
            Authenticator authenticator = new Authenticator(keys, clock, null);
            assertThat(authenticator.bearer("Bearer " + result.apiKey()).actor()).isEqualTo(alice.id());
            assertThat(authenticator.bearer(oldKey.header()).actor()).as("older keys stay active").isEqualTo(alice.id());
        }

        @Test
        void anotherAgentsValidKeyIs409AliasExists() {
            aliceExists();
            Agent bob = agents.add(agent(demo, "bob").build());
            IssuedKey bobsKey = keyFor(bob);

            assertThatThrownBy(() -> init(req().alias("alice").auth(bobsKey.header())))
                    .isInstanceOfSatisfying(DomainError.Conflict.class,
                            e -> assertThat(e.detail()).isEqualTo(aliasExists("alice", "demo")));
            assertThat(keys.all()).hasSize(1);
        }

        @Test
        void aProjectKeyBoundToNoAgentIs409AliasExists() {
            aliceExists();
            IssuedKey projectKey = Fixtures.key(demo.id(), null, otherKeys);
            keys.insert(projectKey.key());

            assertThatThrownBy(() -> init(req().alias("alice").auth(projectKey.header())))
                    .isInstanceOfSatisfying(DomainError.Conflict.class,
                            e -> assertThat(e.detail()).isEqualTo(aliasExists("alice", "demo")));
        }

        @Test
        void anInvalidKeyIs401InvalidApiKey() {
            aliceExists();

            assertThatThrownBy(() -> init(req().alias("alice").auth("Bearer aw_sk_" + "f".repeat(64))))
                    .isInstanceOfSatisfying(DomainError.Unauthenticated.class,
                            e -> assertThat(e.detail()).isEqualTo("Invalid API key"));
            assertThat(keys.all()).isEmpty();
        }

        @Test
        void theOwnersDeactivatedKeyIs401() {
            aliceExists();
            IssuedKey oldKey = keyFor(alice);
            keys.deactivateAllOf(alice.id());

            assertThatThrownBy(() -> init(req().alias("alice").auth(oldKey.header())))
                    .isInstanceOfSatisfying(DomainError.Unauthenticated.class,
                            e -> assertThat(e.detail()).isEqualTo("Invalid API key"));
        }

        @Test
        void theSlugInTheConflictIsTheResolvedProjects() {
            Project hosted = projects.add(Fixtures.project("hosted"));
            agents.add(agent(hosted, "alice").build());

            assertThatThrownBy(() -> init(req().slug("demo").alias("alice").projectId(hosted.id().value())))
                    .isInstanceOfSatisfying(DomainError.Conflict.class,
                            e -> assertThat(e.detail()).isEqualTo(aliasExists("alice", "hosted")));
        }

        @Test
        void anAliasTakenConcurrentlyAtInsertIsAnAliasConflictToo() {
            Project project = projects.add(Fixtures.project("demo"));
            agents.beforeNextInsert(() -> agents.insert(agent(project, "alice").id(new AgentId(Fixtures.uuid("rival"))).build()));

            assertThatThrownBy(() -> init(req().alias("alice")))
                    .isInstanceOfSatisfying(DomainError.Conflict.class,
                            e -> assertThat(e.detail()).isEqualTo(aliasExists("alice", "demo")));
            assertThat(keys.all()).isEmpty();
        }

        @Test
        void afterLosingTheInsertRaceOwnershipIsJudgedAgainstTheAgentThatWon() {
            Project project = projects.add(Fixtures.project("demo"));
            Agent winner = agent(project, "alice").id(new AgentId(Fixtures.uuid("winner"))).build();
            IssuedKey winnersKey = Fixtures.key(project.id(), winner.id(), otherKeys);
            keys.insert(winnersKey.key());
            agents.beforeNextInsert(() -> agents.insert(winner));

            InitResult result = init(req().alias("alice").auth(winnersKey.header()));

            assertThat(result.created()).isFalse();
            assertThat(result.agent()).isEqualTo(winner);
        }

        @Test
        void aDeregisteredAgentsAliasMayBeTakenByANewAgent() {
            demo = projects.add(Fixtures.project("demo"));
            Agent old = agents.add(agent(demo, "alice").deletedAt(T0).status(Agent.Status.DEREGISTERED).build());

            InitResult result = init(req().alias("alice"));

            assertThat(result.created()).isTrue();
            assertThat(result.agent().id()).isNotEqualTo(old.id());
        }

        @Test
        void theSameAliasInAnotherProjectIsNoConflict() {
            Project other = projects.add(Fixtures.project("other"));
            agents.add(agent(other, "alice").build());

            assertThat(init(req().slug("demo").alias("alice")).created()).isTrue();
        }
    }

    @Nested
    class Key {

        @Test
        void oneKeyIsMintedFromTheInjectedRandomAndBoundToTheAgent() {
            byte[] expectedBytes = new byte[32];
            new Random(KEY_SEED).nextBytes(expectedBytes);
            String expectedKey = "aw_sk_" + HexFormat.of().formatHex(expectedBytes);

            InitResult result = init(req());

            assertThat(result.apiKey()).isEqualTo(expectedKey).matches("aw_sk_[0-9a-f]{64}");
            assertThat(keys.all()).singleElement().satisfies(key -> {
                assertThat(key.keyHash()).isEqualTo(sha256Hex(expectedKey));
                assertThat(key.keyPrefix()).isEqualTo(expectedKey.substring(0, 12));
                assertThat(key.project()).isEqualTo(result.project().id());
                assertThat(key.agent()).isEqualTo(result.agent().id());
                assertThat(key.userId()).isNull();
                assertThat(key.active()).isTrue();
                assertThat(key.createdAt()).isEqualTo(NOW);
                assertThat(key.lastUsedAt()).isNull();
            });
        }

        @Test
        void idsComeFromTheInjectedGenerator() {
            InitResult result = init(req());

            assertThat(ids.issued()).contains(result.project().id().value(), result.agent().id().value(),
                    keys.all().get(0).id());
        }

        @Test
        void theWholeIdentityIsCreatedInOneTransaction() {
            init(req());

            assertThat(transactions.commits()).isEqualTo(1);
            assertThat(transactions.rollbacks()).isZero();
        }
    }

    @Nested
    class WorkspacePart {

        private static final String ORIGIN = "git@github.com:org/repo.git";

        private InitResult reinit(InitResult first, Req request) {
            return init(request.alias(first.agent().alias()).auth("Bearer " + first.apiKey()));
        }

        @Test
        void aRepoOriginEnsuresTheRepoAndCreatesTheAgentsWorkspace() {
            InitResult result = init(req().repo(ORIGIN).role("developer").humanName("Ada"));

            assertThat(result.workspaceCreated()).isTrue();
            assertThat(result.repo().canonicalOrigin().value()).isEqualTo("github.com/org/repo");
            assertThat(result.repo().originUrl()).isEqualTo(ORIGIN);
            assertThat(repos.all()).containsExactly(result.repo());
            Workspace workspace = workspaces.find(result.agent().id()).orElseThrow();
            assertThat(workspace).isEqualTo(Workspace.ofAgent(result.agent().id(), result.project().id(),
                    result.repo().id(), "alice-developer", "Ada", "developer", null, null, NOW));
            assertThat(transactions.commits()).isEqualTo(1);
        }

        @Test
        void withoutARepoOriginNoRepoOrWorkspace() {
            InitResult result = init(req());

            assertThat(result.repo()).isNull();
            assertThat(result.workspaceCreated()).isFalse();
            assertThat(workspaces.all()).isEmpty();
            assertThat(repos.all()).isEmpty();
        }

        @Test
        void reInitFromTheSameRepoUpdatesTheWorkspaceAndKeepsAnOmittedRole() {
            InitResult first = init(req().repo(ORIGIN).role("developer"));
            clock.advance(Duration.ofSeconds(5));

            InitResult again = reinit(first, req().repo("https://github.com/org/repo").humanName("Bea"));

            assertThat(again.created()).isFalse();
            assertThat(again.workspaceCreated()).isFalse();
            assertThat(again.repo().id()).isEqualTo(first.repo().id());
            Workspace workspace = workspaces.find(first.agent().id()).orElseThrow();
            assertThat(workspace.role()).isEqualTo("developer");
            assertThat(workspace.humanName()).isEqualTo("Bea");
            assertThat(workspace.updatedAt()).isEqualTo(NOW.plusSeconds(5));
            assertThat(repos.all().getFirst().originUrl()).isEqualTo("https://github.com/org/repo");

            reinit(first, req().repo(ORIGIN).role("reviewer"));
            assertThat(workspaces.find(first.agent().id()).orElseThrow().role()).isEqualTo("reviewer");
        }

        @Test
        void aDeletedWorkspaceIsBroughtBack() {
            InitResult first = init(req().repo(ORIGIN));
            workspaces.softDelete(first.agent().id(), NOW);

            reinit(first, req().repo(ORIGIN));

            assertThat(workspaces.find(first.agent().id()).orElseThrow().live()).isTrue();
        }

        @Test
        void reInitFromAnotherRepoIs409AndChangesNothing() {
            InitResult first = init(req().repo(ORIGIN));

            assertThatThrownBy(() -> reinit(first, req().repo("https://gitlab.com/other/thing.git")))
                    .isInstanceOfSatisfying(DomainError.Conflict.class, e -> assertThat(e.detail()).isEqualTo(
                            "workspace_repo_mismatch: alias 'alice-agent' (workspace_id=" + first.agent().id()
                                    + ") is already registered for repo 'github.com/org/repo'. Cannot initialize the same"
                                    + " agent for repo 'gitlab.com/other/thing'. Choose a different alias (new"
                                    + " agent/worktree) or initialize from the original repo."));
            assertThat(transactions.rollbacks()).isEqualTo(1);
        }

        @Test
        void anEmptySlugTakesTheProjectOfTheRegisteredRepo() {
            InitResult first = init(req().slug("owner").repo(ORIGIN));

            InitResult second = init(req().slug("").repo("https://github.com/org/repo.git"));

            assertThat(second.project()).isEqualTo(first.project());
            assertThat(second.agent().alias()).isEqualTo("bob-agent");
        }

        @Test
        void anEmptySlugWithTheRepoInTwoProjectsIs409() {
            init(req().slug("zeta").repo(ORIGIN));
            init(req().slug("alpha").repo(ORIGIN));

            assertThatThrownBy(() -> init(req().slug("").repo(ORIGIN)))
                    .isInstanceOfSatisfying(DomainError.Conflict.class, e -> assertThat(e.detail()).isEqualTo(
                            "Repo exists in multiple projects: alpha, zeta. Specify project with BEADHUB_PROJECT or --project."));
        }
    }
}
