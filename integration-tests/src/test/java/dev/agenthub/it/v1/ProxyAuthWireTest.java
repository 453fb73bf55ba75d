package dev.agenthub.it.v1;

import dev.agenthub.it.support.HttpProbe.Response;
import dev.agenthub.it.support.SignedContext;
import dev.agenthub.it.support.TestSql;
import dev.agenthub.it.support.V1Client;
import dev.agenthub.it.support.V1Client.Identity;
import dev.agenthub.it.support.V1Hubs;
import dev.agenthub.persistence.testing.TestDatabase;
import dev.agenthub.persistence.testing.TestInfrastructure;
import dev.agenthub.server.AgentHub;
import dev.agenthub.server.ConfigException;
import dev.agenthub.server.HubConfig;
import dev.agenthub.testkit.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static dev.agenthub.it.support.V1Client.assertBody;
import static dev.agenthub.it.support.V1Client.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Proxy mode (wire spec §3.3, §3.4): a trusted wrapper's signed context {@code X-BH-Auth:
 * v2:{project}:{type}:{principal}:{actor}:<hex HMAC-SHA256>} with {@code X-Project-ID}, {@code X-User-ID} or
 * {@code X-API-Key}, and {@code X-Aweb-Actor-ID}. The HMACs are computed here with {@code javax.crypto}
 * ({@link SignedContext}), independently of the server's verifier. One hub has proxy mode on; a second, on the
 * same database, has it off (the default) and must ignore the proxy headers entirely.
 */
@ExtendWith(TestInfrastructure.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProxyAuthWireTest {

    private static final Instant NOW = Instant.parse("2026-02-07T11:14:49.123456Z");
    private static final DateTimeFormatter WIRE_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'+00:00'").withZone(ZoneOffset.UTC);
    private static final String SECRET = "proxy-wire-secret-7f3a";
    private static final String AUTHENTICATION_REQUIRED = "{\"detail\":\"Authentication required\"}";
    private static final String NOT_BOUND = "{\"detail\":\"API key is not bound to an agent\"}";
    private static final String AGENT_NOT_FOUND = "{\"detail\":\"Agent not found\"}";

    private final MutableClock clock = new MutableClock(NOW);
    private TestDatabase database;
    private AgentHub proxyHub;
    private AgentHub plainHub;
    private V1Client proxy;
    private V1Client plain;
    private String project;
    private Identity alice;
    private String aliceKeyId;
    private Identity bob;
    private String bobKeyId;
    private Identity outsider;

    @BeforeAll
    void start(TestDatabase database) throws SQLException {
        this.database = database;
        proxyHub = V1Hubs.start(database, clock, Map.of("AGENT_HUB_TRUST_PROXY_HEADERS", "1",
                "AGENT_HUB_INTERNAL_AUTH_SECRET", SECRET));
        plainHub = V1Hubs.start(database, clock, Map.of());
        proxy = new V1Client(proxyHub.url());
        plain = new V1Client(plainHub.url());

        alice = proxy.initWith(fields("project_slug", "proxy-alpha", "alias", "alice-proxy", "human_name", "Alice Proxy",
                "lifetime", "persistent"));
        bob = proxy.init("proxy-alpha", "bob-proxy");
        outsider = proxy.init("proxy-bravo", "zed-bravo");
        project = alice.projectId();
        aliceKeyId = apiKeyId(alice.agentId());
        bobKeyId = apiKeyId(bob.agentId());
        Response held = proxy.post("/v1/reservations", "{\"resource_key\":\"docs/guide.md\",\"ttl_seconds\":120}", bob.bearer());
        assertThat(held.status()).as(held.body()).isEqualTo(200);
    }

    @AfterAll
    void stop() {
        if (plainHub != null) {
            plainHub.close();
        }
        if (proxyHub != null) {
            proxyHub.close();
        }
    }

    // signed contexts that verify -------------------------------------------------------------------------

    @Test
    void aSignedApiKeyContextIsItsProjectActorAndKey() {
        assertBody(proxy.get("/v1/auth/introspect", keyContext(project, aliceKeyId, alice.agentId())), 200,
                json(fields("project_id", project, "api_key_id", aliceKeyId, "agent_id", alice.agentId(),
                        "alias", "alice-proxy", "human_name", "Alice Proxy", "agent_type", "agent")));
    }

    @Test
    void aSignedUserContextIsItsProjectActorAndUser() {
        String user = UUID.randomUUID().toString();
        assertBody(proxy.get("/v1/auth/introspect", userContext(project, user, bob.agentId())), 200,
                json(fields("project_id", project, "agent_id", bob.agentId(),
                "alias", "bob-proxy", "human_name", "", "agent_type", "agent", "user_id", user)));
    }

    static Stream<Arguments> uuidForms() {
        return Stream.of(
                Arguments.of("uppercase", (UnaryOperator<String>) id -> id.toUpperCase(Locale.ROOT), true),
                Arguments.of("without hyphens", (UnaryOperator<String>) id -> id.replace("-", ""), true),
                Arguments.of("uppercase without hyphens", (UnaryOperator<String>) id -> id.replace("-", "").toUpperCase(Locale.ROOT), true),
                Arguments.of("mixed case", (UnaryOperator<String>) ProxyAuthWireTest::mixedCase, true),
                Arguments.of("in braces", (UnaryOperator<String>) id -> "{" + id.toUpperCase(Locale.ROOT) + "}", false),
                Arguments.of("urn:uuid:", (UnaryOperator<String>) id -> "urn:uuid:" + id, false));
    }

    /**
     * The signature is over the normalised message (lowercase, hyphenated UUIDs) however the headers spell the
     * UUIDs, so every accepted spelling verifies; the answer always spells them normalised.
     */
    @ParameterizedTest(name = "UUIDs {0}")
    @MethodSource("uuidForms")
    void uuidsVerifyInAnyAcceptedSpelling(String label, UnaryOperator<String> form, boolean alsoInTheMessage) {
        String user = UUID.randomUUID().toString();
        String normalised = SignedContext.message(project, "u", user, alice.agentId());
        String signature = SignedContext.hmacHex(SECRET, normalised);
        Map<String, String> headers = headers(normalised + ":" + signature, form.apply(project), form.apply(user), null,
                form.apply(alice.agentId()));
        Map<String, Object> expected = fields("project_id", project, "agent_id", alice.agentId(),
                "alias", "alice-proxy", "human_name", "Alice Proxy", "agent_type", "agent", "user_id", user);
        assertBody(proxy.get("/v1/auth/introspect", headers), 200, json(expected));

        Map<String, String> keyHeaders = headers(SignedContext.header(SECRET, SignedContext.message(project, "k", aliceKeyId,
                alice.agentId())), form.apply(project), null, form.apply(aliceKeyId), form.apply(alice.agentId()));
        assertBody(proxy.post("/v1/agents/heartbeat", null, keyHeaders), 200,
                json(fields("agent_id", alice.agentId(), "last_seen", at(0), "ttl_seconds", 1800)));

        if (alsoInTheMessage) { // the message text as sent may spell them so too: it is normalised before verifying
            String spelled = SignedContext.message(form.apply(project), "u", form.apply(user), form.apply(alice.agentId()));
            assertBody(proxy.get("/v1/auth/introspect", headers(spelled + ":" + signature, form.apply(project),
                    form.apply(user), null, form.apply(alice.agentId()))), 200, json(expected));
        }
    }

    @Test
    void aSignedContextActsOnActorRoutes() {
        Map<String, String> asAlice = userContext(project, UUID.randomUUID().toString(), alice.agentId());
        assertBody(proxy.post("/v1/reservations", "{\"resource_key\":\"src/proxy.go\",\"ttl_seconds\":300}", asAlice), 200,
                json(fields("status", "acquired", "project_id", project, "resource_key", "src/proxy.go",
                        "holder_agent_id", alice.agentId(), "holder_alias", "alice-proxy", "acquired_at", at(0),
                        "expires_at", at(300))));
        // the same holder through its bearer key: the identities are one
        assertBody(proxy.post("/v1/reservations/renew", "{\"resource_key\":\"src/proxy.go\",\"ttl_seconds\":600}", alice.bearer()),
                200, json(fields("status", "renewed", "resource_key", "src/proxy.go", "expires_at", at(600))));
        assertBody(proxy.post("/v1/reservations/release", "{\"resource_key\":\"src/proxy.go\"}",
                keyContext(project, aliceKeyId, alice.agentId())), 200,
                json(fields("status", "released", "resource_key", "src/proxy.go")));
        assertBody(proxy.patch("/v1/agents/me", "{\"program\":\"wrapper\"}", asAlice), 200,
                json(fields("agent_id", alice.agentId(), "access_mode", "open", "role", "agent", "program", "wrapper",
                        "context", null)));
    }

    // signed contexts that do not verify ------------------------------------------------------------------

    static Stream<Arguments> rejectedContexts() {
        return Stream.of(
                rejected("a tampered signature", t -> {
                    String good = t.keySigned(t.project, t.aliceKeyId, t.alice.agentId());
                    char last = good.charAt(good.length() - 1);
                    return t.keyHeaders(good.substring(0, good.length() - 1) + (last == '0' ? '1' : '0'));
                }),
                rejected("a signature made with another secret", t -> t.keyHeaders(SignedContext.header("not-the-secret",
                        SignedContext.message(t.project, "k", t.aliceKeyId, t.alice.agentId())))),
                rejected("a signature one byte short", t -> {
                    String good = t.keySigned(t.project, t.aliceKeyId, t.alice.agentId());
                    return t.keyHeaders(good.substring(0, good.length() - 2));
                }),
                rejected("a signature that is not hex", t -> t.keyHeaders(
                        SignedContext.message(t.project, "k", t.aliceKeyId, t.alice.agentId()) + ":" + "zz".repeat(32))),
                rejected("no signature", t -> t.keyHeaders(SignedContext.message(t.project, "k", t.aliceKeyId, t.alice.agentId()))),
                rejected("an X-BH-Auth of just a colon", t -> t.keyHeaders(":")),
                rejected("version v1", t -> t.keyHeaders(SignedContext.header(SECRET,
                        String.join(":", "v1", t.project, "k", t.aliceKeyId, t.alice.agentId())))),
                rejected("a message with a sixth field", t -> t.keyHeaders(SignedContext.header(SECRET,
                        SignedContext.message(t.project, "k", t.aliceKeyId, t.alice.agentId()) + ":extra"))),
                rejected("no X-Project-ID", t -> headers(t.keySigned(t.project, t.aliceKeyId, t.alice.agentId()), null, null,
                        t.aliceKeyId, t.alice.agentId())),
                rejected("an X-Project-ID that is not a UUID", t -> headers(t.keySigned(t.project, t.aliceKeyId, t.alice.agentId()),
                        "proxy-alpha", null, t.aliceKeyId, t.alice.agentId())),
                rejected("a context signed for another project", t -> headers(
                        t.keySigned(t.outsider.projectId(), t.aliceKeyId, t.alice.agentId()), t.project, null, t.aliceKeyId,
                        t.alice.agentId())),
                rejected("a context signed for another actor", t -> headers(t.keySigned(t.project, t.aliceKeyId, t.bob.agentId()),
                        t.project, null, t.aliceKeyId, t.alice.agentId())),
                rejected("a context signed for another key", t -> headers(t.keySigned(t.project, t.bobKeyId, t.alice.agentId()),
                        t.project, null, t.aliceKeyId, t.alice.agentId())),
                rejected("no X-Aweb-Actor-ID for a key principal", t -> headers(
                        SignedContext.header(SECRET, SignedContext.message(t.project, "k", t.aliceKeyId, "")), t.project, null,
                        t.aliceKeyId, null)),
                rejected("an X-Aweb-Actor-ID that is not a UUID", t -> headers(t.keySigned(t.project, t.aliceKeyId, t.alice.agentId()),
                        t.project, null, t.aliceKeyId, "alice-proxy")),
                rejected("an X-API-Key that is not a UUID", t -> headers(t.keySigned(t.project, t.aliceKeyId, t.alice.agentId()),
                        t.project, null, "aw_sk_" + "0".repeat(64), t.alice.agentId())),
                rejected("signed as a user, sent as a key", t -> headers(SignedContext.header(SECRET,
                        SignedContext.message(t.project, "u", t.aliceKeyId, t.alice.agentId())), t.project, null, t.aliceKeyId,
                        t.alice.agentId())),
                rejected("a key principal without X-API-Key", t -> headers(t.keySigned(t.project, t.aliceKeyId, t.alice.agentId()),
                        t.project, null, null, t.alice.agentId())),
                rejected("a public reader with an unsigned actor added", t -> headers(SignedContext.header(SECRET,
                        SignedContext.message(t.project, "p", UUID.randomUUID().toString(), "")), t.project, null, null,
                        t.alice.agentId())),
                rejected("a signature over the message as spelled, not normalised", t -> {
                    String upper = SignedContext.message(t.project.toUpperCase(Locale.ROOT), "k",
                            t.aliceKeyId.toUpperCase(Locale.ROOT), t.alice.agentId().toUpperCase(Locale.ROOT));
                    return headers(SignedContext.header(SECRET, upper), t.project.toUpperCase(Locale.ROOT), null,
                            t.aliceKeyId.toUpperCase(Locale.ROOT), t.alice.agentId().toUpperCase(Locale.ROOT));
                }));
    }

    private static Arguments rejected(String label, Function<ProxyAuthWireTest, Map<String, String>> headers) {
        return Arguments.of(label, headers);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejectedContexts")
    void anUnverifiableContextIs401AuthenticationRequired(String label, Function<ProxyAuthWireTest, Map<String, String>> context) {
        Map<String, String> headers = context.apply(this);
        assertBody(proxy.get("/v1/auth/introspect", headers), 401, AUTHENTICATION_REQUIRED);
        assertBody(proxy.post("/v1/agents/heartbeat", null, headers), 401, AUTHENTICATION_REQUIRED);
        assertBody(proxy.get("/v1/agents", headers), 401, AUTHENTICATION_REQUIRED);
    }

    // proxy and bearer together ---------------------------------------------------------------------------

    @Test
    void aSignedContextWinsOverABearerHeader() {
        String user = UUID.randomUUID().toString();
        Map<String, String> asAlice = new LinkedHashMap<>(userContext(project, user, alice.agentId()));
        asAlice.put("Authorization", "Bearer " + bob.apiKey());
        assertBody(proxy.get("/v1/auth/introspect", asAlice), 200,
                json(fields("project_id", project, "agent_id", alice.agentId(),
                "alias", "alice-proxy", "human_name", "Alice Proxy", "agent_type", "agent", "user_id", user)));

        // a bearer header that would be rejected on its own is not even read
        asAlice.put("Authorization", "Basic x");
        assertThat(proxy.get("/v1/auth/introspect", asAlice).status()).isEqualTo(200);

        // and a bad signature is not rescued by a valid key: no fallback once X-BH-Auth is present
        Map<String, String> tampered = new LinkedHashMap<>(asAlice);
        tampered.put("X-BH-Auth", tampered.get("X-BH-Auth").replaceAll(".$", "x"));
        tampered.put("Authorization", "Bearer " + bob.apiKey());
        assertBody(proxy.get("/v1/auth/introspect", tampered), 401, AUTHENTICATION_REQUIRED);
    }

    @Test
    void withoutXbhAuthTheBearerKeyDecidesAndCompanionHeadersAreIgnored() {
        String bobIntrospection = json(fields("project_id", project, "api_key_id", bobKeyId, "agent_id", bob.agentId(),
                "alias", "bob-proxy", "human_name", "", "agent_type", "agent"));
        assertBody(proxy.get("/v1/auth/introspect", bob.bearer()), 200, bobIntrospection);

        Map<String, String> claims = new LinkedHashMap<>(bob.bearer());
        claims.putAll(Map.of("X-Project-ID", outsider.projectId(), "X-User-ID", UUID.randomUUID().toString(),
                "X-Aweb-Actor-ID", alice.agentId()));
        assertBody(proxy.get("/v1/auth/introspect", claims), 200, bobIntrospection);

        claims.remove("Authorization");
        Response unsigned = proxy.get("/v1/auth/introspect", claims);
        assertBody(unsigned, 401, AUTHENTICATION_REQUIRED);
        assertThat(unsigned.header("WWW-Authenticate")).isEqualTo("Bearer");
        Response none = proxy.get("/v1/agents", Map.of());
        assertBody(none, 401, AUTHENTICATION_REQUIRED);
        assertThat(none.header("WWW-Authenticate")).isEqualTo("Bearer");
    }

    // the public reader -----------------------------------------------------------------------------------

    static Stream<Arguments> readerReads() {
        return Stream.of(Arguments.of("GET", "/v1/auth/introspect"), Arguments.of("GET", "/v1/agents"),
                Arguments.of("GET", "/v1/reservations"), Arguments.of("GET", "/v1/projects/current"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("readerReads")
    void aPublicReaderReadsTheProject(String method, String path) {
        Map<String, Object> expected = switch (path) {
            case "/v1/auth/introspect" -> fields("project_id", project);
            case "/v1/agents" -> fields("project_id", project, "agents", List.of(
                    agentView(alice.agentId(), "alice-proxy", "Alice Proxy", "persistent"),
                    agentView(bob.agentId(), "bob-proxy", null, "ephemeral")));
            case "/v1/reservations" -> fields("reservations", List.of(fields("project_id", project,
                    "resource_key", "docs/guide.md", "holder_agent_id", bob.agentId(), "holder_alias", "bob-proxy",
                    "acquired_at", at(0), "expires_at", at(120), "metadata", Map.of())));
            case "/v1/projects/current" -> fields("project_id", project, "slug", "proxy-alpha", "name", "proxy-alpha");
            default -> throw new AssertionError(path);
        };
        Response response = proxy.send(method, path, null, readerContext(project, UUID.randomUUID().toString()));
        assertBody(response, 200, json(expected));
        assertThat(response.body()).doesNotContain(outsider.projectId(), outsider.agentId(), "zed-bravo");
    }

    static Stream<Arguments> readerWrites() {
        return Stream.of(Arguments.of("POST", "/v1/agents/heartbeat", null),
                Arguments.of("PATCH", "/v1/agents/me", "{\"program\":\"reader\"}"),
                Arguments.of("DELETE", "/v1/agents/me", null),
                Arguments.of("POST", "/v1/reservations", "{\"resource_key\":\"docs/reader.md\"}"),
                Arguments.of("POST", "/v1/reservations/renew", "{\"resource_key\":\"docs/guide.md\"}"),
                Arguments.of("POST", "/v1/reservations/release", "{\"resource_key\":\"docs/guide.md\"}"),
                Arguments.of("POST", "/v1/reservations/revoke", "{}"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("readerWrites")
    void aPublicReaderHasNoActor(String method, String path, String body) {
        assertBody(proxy.send(method, path, body, readerContext(project, UUID.randomUUID().toString())), 403, NOT_BOUND);
        // bob's reservation is untouched
        assertBody(proxy.post("/v1/reservations/renew", "{\"resource_key\":\"docs/guide.md\",\"ttl_seconds\":120}", bob.bearer()),
                200, json(fields("status", "renewed", "resource_key", "docs/guide.md", "expires_at", at(120))));
    }

    // actors that are not agents of the project ------------------------------------------------------------

    @Test
    void anActorOutsideTheProjectIsAgentNotFoundAndNeverDescribed() {
        Map<String, String> foreignActor = keyContext(project, aliceKeyId, outsider.agentId());
        assertBody(proxy.post("/v1/agents/heartbeat", null, foreignActor), 404, AGENT_NOT_FOUND);
        assertBody(proxy.post("/v1/reservations", "{\"resource_key\":\"docs/foreign.md\"}", foreignActor), 404, AGENT_NOT_FOUND);
        assertBody(proxy.patch("/v1/agents/me", "{\"program\":\"x\"}", foreignActor), 404, AGENT_NOT_FOUND);
        // introspect echoes the signed context but describes no agent of another project
        assertBody(proxy.get("/v1/auth/introspect", foreignActor), 200,
                json(fields("project_id", project, "api_key_id", aliceKeyId, "agent_id", outsider.agentId())));

        Map<String, String> unknownActor = keyContext(project, aliceKeyId, UUID.randomUUID().toString());
        assertBody(proxy.post("/v1/agents/heartbeat", null, unknownActor), 404, AGENT_NOT_FOUND);
    }

    @Test
    void aDeregisteredActorIsAgentNotFound() {
        Identity gone = proxy.init("proxy-alpha", "gone-proxy");
        Map<String, String> asGone = userContext(project, UUID.randomUUID().toString(), gone.agentId());
        assertBody(proxy.delete("/v1/agents/me", asGone), 200,
                json(fields("agent_id", gone.agentId(), "status", "deregistered")));
        assertBody(proxy.post("/v1/agents/heartbeat", null, asGone), 404, AGENT_NOT_FOUND);
        assertBody(proxy.delete("/v1/agents/me", asGone), 404, AGENT_NOT_FOUND);
        assertBody(proxy.get("/v1/auth/introspect", gone.bearer()), 401, "{\"detail\":\"Invalid API key\"}");
    }

    // proxy mode off -------------------------------------------------------------------------------------

    @Test
    void withProxyModeOffTheProxyHeadersAreIgnoredEntirely() {
        Map<String, String> signed = userContext(project, UUID.randomUUID().toString(), alice.agentId());
        Response response = plain.get("/v1/auth/introspect", signed);
        assertBody(response, 401, AUTHENTICATION_REQUIRED);
        assertThat(response.header("WWW-Authenticate")).isEqualTo("Bearer");
        assertBody(plain.post("/v1/agents/heartbeat", null, signed), 401, AUTHENTICATION_REQUIRED);

        String bobIntrospection = json(fields("project_id", project, "api_key_id", bobKeyId, "agent_id", bob.agentId(),
                "alias", "bob-proxy", "human_name", "", "agent_type", "agent"));
        Map<String, String> both = new LinkedHashMap<>(signed);
        both.putAll(bob.bearer());
        assertBody(plain.get("/v1/auth/introspect", both), 200, bobIntrospection);
        both.put("X-BH-Auth", "garbage");
        assertBody(plain.get("/v1/auth/introspect", both), 200, bobIntrospection);
        assertBody(plain.get("/v1/auth/introspect", readerContext(project, UUID.randomUUID().toString())), 401,
                AUTHENTICATION_REQUIRED);
    }

    // configuration --------------------------------------------------------------------------------------

    @Test
    void proxyModeWithoutASecretRefusesToStart() {
        for (Map<String, String> environment : List.of(Map.of("AGENT_HUB_TRUST_PROXY_HEADERS", "1"),
                Map.of("AWEB_TRUST_PROXY_HEADERS", "true"),
                Map.of("AGENT_HUB_TRUST_PROXY_HEADERS", "yes", "AGENT_HUB_INTERNAL_AUTH_SECRET", "   "))) {
            assertThatThrownBy(() -> HubConfig.fromEnvironment(environment)).as("%s", environment)
                    .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).anySatisfy(problem ->
                            assertThat(problem).contains("AGENT_HUB_TRUST_PROXY_HEADERS", "AWEB_TRUST_PROXY_HEADERS",
                                    "AGENT_HUB_INTERNAL_AUTH_SECRET", "AWEB_INTERNAL_AUTH_SECRET", "BEADHUB_INTERNAL_AUTH_SECRET")));
        }
        assertThatThrownBy(() -> V1Hubs.start(database, clock, Map.of("AGENT_HUB_TRUST_PROXY_HEADERS", "1")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("AGENT_HUB_INTERNAL_AUTH_SECRET");
    }

    @Test
    void theCompatibilityNamesConfigureProxyMode() {
        HubConfig compat = HubConfig.fromEnvironment(Map.of("AWEB_TRUST_PROXY_HEADERS", "1",
                "BEADHUB_INTERNAL_AUTH_SECRET", "beadhub-secret-91c2"));
        assertThat(compat.proxySecret()).contains("beadhub-secret-91c2");
        assertThat(compat.toString()).doesNotContain("beadhub-secret-91c2").contains("proxyMode=true");
        assertThat(HubConfig.fromEnvironment(Map.of("AWEB_TRUST_PROXY_HEADERS", "on", "AWEB_INTERNAL_AUTH_SECRET", "aweb-one",
                "BEADHUB_INTERNAL_AUTH_SECRET", "beadhub-two")).proxySecret()).contains("aweb-one");
        assertThat(HubConfig.fromEnvironment(Map.of("AGENT_HUB_INTERNAL_AUTH_SECRET", "unused")).proxySecret())
                .as("a secret alone does not turn proxy mode on").isEmpty();
    }

    // helpers ------------------------------------------------------------------------------------------------

    private String keySigned(String signedProject, String keyId, String actor) {
        return SignedContext.header(SECRET, SignedContext.message(signedProject, "k", keyId, actor));
    }

    /** Alice's key context with {@code signed} as X-BH-Auth. */
    private Map<String, String> keyHeaders(String signed) {
        return headers(signed, project, null, aliceKeyId, alice.agentId());
    }

    private Map<String, String> keyContext(String signedProject, String keyId, String actor) {
        return headers(keySigned(signedProject, keyId, actor), signedProject, null, keyId, actor);
    }

    private static Map<String, String> userContext(String signedProject, String user, String actor) {
        return headers(SignedContext.header(SECRET, SignedContext.message(signedProject, "u", user, actor)), signedProject,
                user, null, actor);
    }

    private static Map<String, String> readerContext(String signedProject, String reader) {
        return headers(SignedContext.header(SECRET, SignedContext.message(signedProject, "p", reader, "")), signedProject,
                null, null, null);
    }

    /** The proxy headers, leaving out those given as null. */
    private static Map<String, String> headers(String signed, String projectId, String userId, String apiKeyId, String actorId) {
        Map<String, String> headers = new LinkedHashMap<>();
        putIfPresent(headers, "X-BH-Auth", signed);
        putIfPresent(headers, "X-Project-ID", projectId);
        putIfPresent(headers, "X-User-ID", userId);
        putIfPresent(headers, "X-API-Key", apiKeyId);
        putIfPresent(headers, "X-Aweb-Actor-ID", actorId);
        return headers;
    }

    private static void putIfPresent(Map<String, String> headers, String name, String value) {
        if (value != null) {
            headers.put(name, value);
        }
    }

    private static Map<String, Object> agentView(String id, String alias, String humanName, String lifetime) {
        return fields("agent_id", id, "alias", alias, "human_name", humanName, "agent_type", "agent", "status", "offline",
                "last_seen", null, "online", false, "did", null, "custody", null, "lifetime", lifetime,
                "identity_status", "active", "access_mode", "open");
    }

    private static String mixedCase(String id) {
        StringBuilder mixed = new StringBuilder();
        for (int i = 0; i < id.length(); i++) {
            mixed.append(i % 2 == 0 ? Character.toUpperCase(id.charAt(i)) : id.charAt(i));
        }
        return mixed.toString();
    }

    private static String at(long secondsAfterNow) {
        return WIRE_TIME.format(NOW.plusSeconds(secondsAfterNow));
    }

    private static Map<String, Object> fields(Object... keysAndValues) {
        return V1Client.ordered(keysAndValues);
    }

    private String apiKeyId(String agentId) throws SQLException {
        return TestSql.firstApiKeyIdOf(database.dataSource(), agentId);
    }
}
