package dev.agenthub.protocol.identity;

import dev.agenthub.protocol.agents.Agent;
import dev.agenthub.protocol.fakes.Fixtures;
import dev.agenthub.protocol.fakes.Fixtures.IssuedKey;
import dev.agenthub.protocol.fakes.InMemoryAgentStore;
import dev.agenthub.protocol.fakes.InMemoryApiKeyStore;
import dev.agenthub.protocol.fakes.InMemoryProjectStore;
import dev.agenthub.protocol.fakes.MutableClock;
import dev.agenthub.protocol.kernel.error.DomainError;
import dev.agenthub.protocol.kernel.id.AgentId;
import dev.agenthub.protocol.projects.Project;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Random;
import java.util.UUID;

import static dev.agenthub.protocol.fakes.Fixtures.T0;
import static dev.agenthub.protocol.fakes.Fixtures.agent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AuthenticatorTest {

    private static final String SECRET = "proxy-secret";

    private final Random random = new Random(7);
    private final MutableClock clock = new MutableClock(T0);
    private final InMemoryProjectStore projects = new InMemoryProjectStore();
    private final InMemoryAgentStore agents = new InMemoryAgentStore();
    private final InMemoryApiKeyStore keys = new InMemoryApiKeyStore(projects, agents);
    private final Project demo = projects.add(Fixtures.project("demo"));
    private final Agent alice = agents.add(agent(demo, "alice").build());
    private final IssuedKey aliceKey = store(Fixtures.key(demo.id(), alice.id(), random));

    private final Authenticator bearerOnly = new Authenticator(keys, clock, null);
    private final Authenticator proxyMode = new Authenticator(keys, clock, new ProxySignature(SECRET));

    private IssuedKey store(IssuedKey issued) {
        keys.insert(issued.key());
        return issued;
    }

    private static void assertUnauthenticated(Runnable call, String detail) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(DomainError.Unauthenticated.class, e -> {
            assertThat(e.detail()).isEqualTo(detail);
            assertThat(e.bearerChallenge()).isTrue();
        });
    }

    private RequestCredentials proxyHeaders(String authorization) {
        String message = "v2:" + demo.id() + ":u:" + Fixtures.uuid("user") + ":" + alice.id();
        return new RequestCredentials(authorization, new ProxySignature(SECRET).headerFor(message), demo.id().toString(),
                Fixtures.uuid("user").toString(), null, alice.id().toString());
    }

    @Nested
    class Bearer {

        @Test
        void aValidKeyYieldsItsProjectKeyAndBoundAgent() {
            Principal principal = bearerOnly.bearer(aliceKey.header());

            assertThat(principal).isEqualTo(new Principal(demo.id(), Principal.AuthMode.BEARER, Principal.Type.KEY,
                    aliceKey.key().id(), null, alice.id(), alice));
        }

        @Test
        void anUnboundKeyHasNoActor() {
            IssuedKey projectKey = store(Fixtures.key(demo.id(), null, random));

            Principal principal = bearerOnly.bearer(projectKey.header());

            assertThat(principal.actor()).isNull();
            assertThat(principal.bound()).isEmpty();
            assertThat(principal.apiKeyId()).isEqualTo(projectKey.key().id());
        }

        @Test
        void aUserBoundKeyCarriesTheUser() {
            ApiKeySecret secret = ApiKeySecret.mint(random);
            UUID user = Fixtures.uuid("wrapper-user");
            keys.insert(ApiKey.mint(Fixtures.uuid("user-key"), demo.id(), null, user, secret, T0));

            assertThat(bearerOnly.bearer("Bearer " + secret.reveal()).userId()).isEqualTo(user);
        }

        @Test
        void noHeaderIsAuthenticationRequired() {
            assertUnauthenticated(() -> bearerOnly.bearer(null), "Authentication required");
        }

        @Test
        void aMalformedHeaderIsAnInvalidHeader() {
            assertUnauthenticated(() -> bearerOnly.bearer("bearer " + aliceKey.plaintext()),
                    "Invalid Authorization header. Expected: Bearer <token>");
        }

        @Test
        void anUnknownKeyIsInvalid() {
            assertUnauthenticated(() -> bearerOnly.bearer("Bearer aw_sk_" + "0".repeat(64)), "Invalid API key");
        }

        @Test
        void anInactiveKeyIsInvalidAndNotRecordedAsUsed() {
            keys.deactivateAllOf(alice.id());

            assertUnauthenticated(() -> bearerOnly.bearer(aliceKey.header()), "Invalid API key");
            assertThat(keys.recordedUses()).isEmpty();
        }

        @Test
        void aKeyOfADeletedProjectIsInvalid() {
            projects.delete(demo.id());

            assertUnauthenticated(() -> bearerOnly.bearer(aliceKey.header()), "Invalid API key");
        }

        @Test
        void authenticateWithoutProxyModeIsBearer() {
            Principal principal = bearerOnly.authenticate(RequestCredentials.bearer(aliceKey.header()));

            assertThat(principal.mode()).isEqualTo(Principal.AuthMode.BEARER);
            assertThat(principal.actor()).isEqualTo(alice.id());
        }
    }

    @Nested
    class LastUsedDebounce {

        @Test
        void aNeverUsedKeyIsRecordedAtOnce() {
            bearerOnly.bearer(aliceKey.header());

            assertThat(keys.recordedUses()).containsExactly(
                    new InMemoryApiKeyStore.RecordedUse(aliceKey.key().id(), T0, T0.minusSeconds(60)));
            assertThat(keys.get(aliceKey.key().id()).lastUsedAt()).isEqualTo(T0);
        }

        @Test
        void aFreshlyUsedKeyIsNotWrittenAgainWithinTheMinute() {
            bearerOnly.bearer(aliceKey.header());
            clock.advance(Duration.ofSeconds(30));
            bearerOnly.bearer(aliceKey.header());
            clock.advance(Duration.ofSeconds(30));
            bearerOnly.bearer(aliceKey.header()); // exactly 60 s: not older than the resolution yet

            assertThat(keys.recordedUses()).hasSize(1);
        }

        @Test
        void aStaleKeyIsWrittenAgainWithTheStalenessBound() {
            bearerOnly.bearer(aliceKey.header());
            clock.advance(Duration.ofSeconds(60).plusNanos(1));

            bearerOnly.bearer(aliceKey.header());

            assertThat(keys.recordedUses()).hasSize(2);
            assertThat(keys.recordedUses().get(1)).isEqualTo(new InMemoryApiKeyStore.RecordedUse(aliceKey.key().id(),
                    T0.plusSeconds(60).plusNanos(1), T0.plusNanos(1)));
            assertThat(keys.get(aliceKey.key().id()).lastUsedAt()).isEqualTo(T0.plusSeconds(60).plusNanos(1));
        }

        @Test
        void theResolutionIsOneMinute() {
            assertThat(Authenticator.LAST_USED_RESOLUTION).isEqualTo(Duration.ofMinutes(1));
        }
    }

    @Nested
    class ProxyMode {

        @Test
        void proxyModeIsOffWithoutAVerifier() {
            assertThat(bearerOnly.proxyMode()).isFalse();
            assertThat(proxyMode.proxyMode()).isTrue();
        }

        @Test
        void aSignedContextWinsOverABearerKey() {
            Principal principal = proxyMode.authenticate(proxyHeaders(aliceKey.header()));

            assertThat(principal.mode()).isEqualTo(Principal.AuthMode.PROXY);
            assertThat(principal.type()).isEqualTo(Principal.Type.USER);
            assertThat(keys.recordedUses()).as("the bearer key was not even looked at").isEmpty();
        }

        @Test
        void aBadSignedContextIsNotRescuedByAValidBearerKey() {
            RequestCredentials good = proxyHeaders(aliceKey.header());
            RequestCredentials tampered = new RequestCredentials(good.authorization(), good.proxyAuth(), good.projectId(),
                    Fixtures.uuid("someone else").toString(), null, good.actorId());

            assertThatThrownBy(() -> proxyMode.authenticate(tampered))
                    .isInstanceOfSatisfying(DomainError.Unauthenticated.class, e -> {
                        assertThat(e.detail()).isEqualTo("Authentication required");
                        assertThat(e.bearerChallenge()).isFalse();
                    });
        }

        @Test
        void withoutASignedContextProxyModeFallsBackToBearer() {
            Principal principal = proxyMode.authenticate(RequestCredentials.bearer(aliceKey.header()));

            assertThat(principal.mode()).isEqualTo(Principal.AuthMode.BEARER);
        }

        @Test
        void withProxyModeOffTheProxyHeadersAreIgnored() {
            assertThat(bearerOnly.authenticate(proxyHeaders(aliceKey.header())).mode())
                    .isEqualTo(Principal.AuthMode.BEARER);
            assertUnauthenticated(() -> bearerOnly.authenticate(proxyHeaders(null)), "Authentication required");
        }

        @Test
        void presentedCredentialsAreTheOnesThisModeLooksAt() {
            RequestCredentials nothing = new RequestCredentials(null, null, null, null, null, null);

            assertThat(bearerOnly.presentsCredentials(nothing)).isFalse();
            assertThat(proxyMode.presentsCredentials(nothing)).isFalse();
            assertThat(bearerOnly.presentsCredentials(RequestCredentials.bearer("anything"))).isTrue();
            assertThat(bearerOnly.presentsCredentials(proxyHeaders(null))).isFalse();
            assertThat(proxyMode.presentsCredentials(proxyHeaders(null))).isTrue();
        }
    }

    @Nested
    class RegisteredIdentity {

        private IssuedKey keyFor(Agent agent) {
            agents.add(agent);
            return store(Fixtures.key(demo.id(), agent.id(), random));
        }

        @Test
        void aKeyBoundToALiveActiveAgentPasses() {
            assertThat(bearerOnly.registered(aliceKey.header()).bound()).contains(alice);
        }

        @Test
        void aSoftDeletedAgentIsGoneAsDeregistered() {
            IssuedKey key = keyFor(agent(demo, "bob").deletedAt(T0).build());

            assertThatThrownBy(() -> bearerOnly.registered(key.header()))
                    .isInstanceOfSatisfying(DomainError.Gone.class,
                            e -> assertThat(e.detail()).isEqualTo("Agent has been deregistered"));
        }

        @Test
        void aRetiredAgentIsGoneAsRetired() {
            IssuedKey key = keyFor(agent(demo, "bob").persistent().status(Agent.Status.RETIRED).build());

            assertThatThrownBy(() -> bearerOnly.registered(key.header()))
                    .isInstanceOfSatisfying(DomainError.Gone.class,
                            e -> assertThat(e.detail()).isEqualTo("Agent is retired"));
        }

        @Test
        void aLiveAgentWithStatusDeregisteredIsGoneWithThatStatus() {
            IssuedKey key = keyFor(agent(demo, "bob").status(Agent.Status.DEREGISTERED).build());

            assertThatThrownBy(() -> bearerOnly.registered(key.header()))
                    .isInstanceOfSatisfying(DomainError.Gone.class,
                            e -> assertThat(e.detail()).isEqualTo("Agent is deregistered"));
        }

        @Test
        void aKeyWhoseAgentRowIsMissingIsInvalid() {
            IssuedKey orphan = store(Fixtures.key(demo.id(), new AgentId(Fixtures.uuid("vanished")), random));

            assertUnauthenticated(() -> bearerOnly.registered(orphan.header()), "Invalid API key");
        }

        @Test
        void anUnboundKeyIsInvalid() {
            IssuedKey projectKey = store(Fixtures.key(demo.id(), null, random));

            assertUnauthenticated(() -> bearerOnly.registered(projectKey.header()), "Invalid API key");
        }

        @Test
        void aDeletedProjectIsInvalid() {
            projects.delete(demo.id());

            assertUnauthenticated(() -> bearerOnly.registered(aliceKey.header()), "Invalid API key");
        }

        @Test
        void everyBearerFailureComesFirst() {
            assertUnauthenticated(() -> bearerOnly.registered(null), "Authentication required");
        }
    }

    @Nested
    class ActorAndBinding {

        private final AgentId bob = new AgentId(Fixtures.uuid("bob"));

        private Principal bearer(AgentId actor) {
            return new Principal(demo.id(), Principal.AuthMode.BEARER, Principal.Type.KEY, Fixtures.uuid("k"), null, actor, null);
        }

        private Principal proxy(Principal.Type type, AgentId actor) {
            return new Principal(demo.id(), Principal.AuthMode.PROXY, type, null, null, actor, null);
        }

        @Test
        void theActorIsTheBoundAgentOrTheProxyActor() {
            assertThat(Authenticator.requireActor(bearer(alice.id()))).isEqualTo(alice.id());
            assertThat(Authenticator.requireActor(proxy(Principal.Type.USER, bob))).isEqualTo(bob);
        }

        @Test
        void anUnboundKeyOrAnActorlessReaderIsForbidden() {
            for (Principal principal : new Principal[] {bearer(null), proxy(Principal.Type.PUBLIC_READER, null)}) {
                assertThatThrownBy(() -> Authenticator.requireActor(principal))
                        .isInstanceOfSatisfying(DomainError.Forbidden.class,
                                e -> assertThat(e.detail()).isEqualTo("API key is not bound to an agent"));
            }
        }

        @Test
        void aBoundBearerKeyMayActOnlyForItsOwnWorkspace() {
            assertThatCode(() -> Authenticator.requireBinding(bearer(alice.id()), alice.id(), "m"))
                    .doesNotThrowAnyException();
            assertThatThrownBy(() -> Authenticator.requireBinding(bearer(alice.id()), bob,
                    "workspace_id does not match API key identity"))
                    .isInstanceOfSatisfying(DomainError.Forbidden.class,
                            e -> assertThat(e.detail()).isEqualTo("workspace_id does not match API key identity"));
        }

        @Test
        void unboundKeysAndProxyContextsPassTheBinding() {
            assertThatCode(() -> Authenticator.requireBinding(bearer(null), bob, "m")).doesNotThrowAnyException();
            assertThatCode(() -> Authenticator.requireBinding(proxy(Principal.Type.USER, alice.id()), bob, "m"))
                    .doesNotThrowAnyException();
        }
    }
}
