package dev.agenthub.it.autopilot;

import static dev.agenthub.it.autopilot.AuthHubs.ADMIN_KEY;
import static dev.agenthub.it.autopilot.AuthHubs.CALLER_PROBE;
import static dev.agenthub.it.autopilot.AuthHubs.MAINTAINER_KEY;
import static dev.agenthub.it.autopilot.AuthHubs.ODD_KEY;
import static dev.agenthub.it.autopilot.AuthHubs.SECRET;
import static dev.agenthub.it.autopilot.AuthHubs.VIEWER_KEY;
import static dev.agenthub.it.autopilot.AuthHubs.token;
import static dev.agenthub.it.support.V1Client.assertBody;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agenthub.http.autopilot.auth.HmacJwtCodec;
import dev.agenthub.it.support.HttpProbe;
import dev.agenthub.it.support.HttpProbe.Response;
import dev.agenthub.orchestration.access.ApiKeyRing;
import dev.agenthub.orchestration.access.Role;
import dev.agenthub.persistence.testing.TestDatabase;
import dev.agenthub.persistence.testing.TestInfrastructure;
import dev.agenthub.server.AgentHub;
import dev.agenthub.testkit.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Agent Hub gates (wire spec §3, §14 D4) over real HTTP: every error text, the bearer challenge where the spec
 * puts it and its absence on the API-key 401, the request id on rejections, token minting and verification with
 * the hub's clock, the key ceiling, the read-only key, both credentials, and the caller the gates hand to the
 * {@code /projects…} handlers. Routes of §5 may not exist on a branch: a gate answers before routing, so a
 * rejected request never reaches the router's 404, and a request the gate lets through to an unknown path gets
 * the router's 404.
 */
@ExtendWith(TestInfrastructure.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AgentHubAuthWireTest {

    private static final Instant NOW = Instant.parse("2026-02-07T11:14:49.123456Z");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String UNKNOWN_WRITE = "/projects/1/no-such-action";
    private static final String JSON_TYPE = "application/json";

    private final MutableClock clock = new MutableClock(NOW);
    private final List<AgentHub> hubs = new ArrayList<>();
    /** Every gate on. */
    private HttpProbe gated;
    /** Only the key gate: role gate and read gate off. */
    private HttpProbe keyOnly;
    /** Every gate off, keys and secret configured. */
    private HttpProbe open;
    /** The key gate on with no keys. */
    private HttpProbe noKeys;
    /** Every gate on, keys, no secret. */
    private HttpProbe noSecret;

    @BeforeAll
    void startHubs(TestDatabase database) {
        gated = start(database, AuthHubs.allGates());
        keyOnly = start(database, Map.of("AGENT_HUB_REQUIRE_API_KEY", "yes", "AGENT_HUB_API_KEYS", AuthHubs.KEYS,
                "AGENT_HUB_JWT_SECRET", SECRET, "AGENT_HUB_JWT_TTL_SECONDS", "120"));
        open = start(database, Map.of("AGENT_HUB_API_KEYS", AuthHubs.KEYS, "AGENT_HUB_JWT_SECRET", SECRET,
                "AGENT_HUB_REQUIRE_API_KEY", "off", "AGENT_HUB_AUTH_REQUIRE_ROLES", "0", "AGENT_HUB_AUTH_REQUIRE_READS", "no"));
        noKeys = start(database, Map.of("AGENT_HUB_REQUIRE_API_KEY", "1", "AGENT_HUB_API_KEYS", " , ",
                "AGENT_HUB_JWT_SECRET", SECRET));
        Map<String, String> withoutSecret = new HashMap<>(AuthHubs.allGates());
        withoutSecret.remove("AGENT_HUB_JWT_SECRET");
        noSecret = start(database, withoutSecret);
    }

    @AfterAll
    void stopHubs() {
        hubs.forEach(AgentHub::close);
    }

    private HttpProbe start(TestDatabase database, Map<String, String> environment) {
        AgentHub hub = AuthHubs.start(database, clock, environment);
        hubs.add(hub);
        return new HttpProbe(hub.url());
    }

    // ---- the API-key check (§3.1)

    @Test
    void aWriteWithoutAConfiguredKeyIs401WithoutAChallengeAndKeepsTheRequestId() {
        for (Map<String, String> headers : List.of(Map.<String, String>of(), Map.of("X-API-Key", "wrong"),
                Map.of("Authorization", "Bearer wrong"), Map.of("X-API-Key", "   "),
                Map.of("X-API-Key", MAINTAINER_KEY + ":maintainer"), Map.of("X-API-Key", VIEWER_KEY + ":viewer"))) {
            Response response = send(gated, "POST", "/projects", "{\"name\":\"x\"}", with(headers, "X-Request-ID", "  req-key-401  "));
            assertBody(response, 401, "{\"detail\":\"Invalid or missing API key\"}");
            assertThat(response.header("WWW-Authenticate")).as("%s", headers).isNull();
            assertThat(response.header("X-Request-ID")).isEqualTo("req-key-401");
        }
    }

    @Test
    void theKeyIsCheckedForEveryWriteMethodBeforeRoutingAndBeforeTheBody() {
        for (String method : List.of("POST", "PATCH", "PUT", "DELETE")) {
            for (String path : List.of("/projects", "/projects/", "/projects/1/agents/2", "/projects/x/y/z")) {
                Response response = send(gated, method, path, "{not json", Map.of());
                assertBody(response, 401, "{\"detail\":\"Invalid or missing API key\"}");
            }
        }
    }

    @Test
    void theKeyComesFromXApiKeyTrimmedElseFromTheBearer() {
        String maintainer = token(gated, MAINTAINER_KEY, "kim", null);
        // X-API-Key wins over the bearer: with a JWT as bearer, the key must come in X-API-Key
        assertThat(send(gated, "POST", UNKNOWN_WRITE, null,
                Map.of("X-API-Key", "  " + MAINTAINER_KEY + "\t", "Authorization", "Bearer " + maintainer)).status())
                .isEqualTo(404);
        // a key in the bearer alone passes the key check; the role gate then finds no JWT in it
        Response keyAsBearer = send(gated, "POST", UNKNOWN_WRITE, null, Map.of("Authorization", "bearer " + MAINTAINER_KEY));
        assertBody(keyAsBearer, 401, "{\"detail\":\"Malformed bearer token\"}");
        assertThat(keyAsBearer.header("WWW-Authenticate")).isEqualTo("Bearer");
        // a JWT alone is not a key
        assertBody(send(gated, "POST", UNKNOWN_WRITE, null, Map.of("Authorization", "Bearer " + maintainer)),
                401, "{\"detail\":\"Invalid or missing API key\"}");
        // an entry whose suffix is not a role is a key as a whole
        assertThat(send(keyOnly, "POST", UNKNOWN_WRITE, null, Map.of("X-API-Key", ODD_KEY)).status()).isEqualTo(404);
    }

    @Test
    void theKeyGateWithNoKeysConfiguredIs500() {
        assertBody(send(noKeys, "POST", "/projects", "{}", Map.of("X-API-Key", MAINTAINER_KEY)),
                500, "{\"detail\":\"API key auth enabled but no keys configured\"}");
        assertBody(send(noKeys, "POST", "/auth/token", "{\"subject\":\"s\"}", Map.of()),
                500, "{\"detail\":\"API key auth enabled but no keys configured\"}");
        // reads are not key-gated
        assertThat(send(noKeys, "GET", "/projects/0/no-such-read", null, Map.of()).status()).isEqualTo(404);
    }

    // ---- the role gate (§3.2)

    @Test
    void theRoleGateNeedsAMaintainerJwtWithEveryErrorChallenged() {
        Map<String, String> key = Map.of("X-API-Key", MAINTAINER_KEY, "X-Request-ID", "req-role");
        Response missing = send(gated, "POST", "/projects", "{}", key);
        assertBody(missing, 401, "{\"detail\":\"Missing bearer token\"}");
        assertThat(missing.header("WWW-Authenticate")).isEqualTo("Bearer");
        assertThat(missing.header("X-Request-ID")).isEqualTo("req-role");

        for (String authorization : List.of("Bearer", "Bearer    ", "Basic abc", "Token abc", "bearer")) {
            assertBody(send(gated, "POST", "/projects", "{}", with(key, "Authorization", authorization)),
                    401, "{\"detail\":\"Missing bearer token\"}");
        }
        for (String authorization : List.of("Bearer abc", "BEARER a.b.c", "  Bearer   not-a-jwt  ",
                "Bearer " + foreignToken("mallory", Role.ADMIN))) {
            Response malformed = send(gated, "POST", "/projects", "{}", with(key, "Authorization", authorization));
            assertBody(malformed, 401, "{\"detail\":\"Malformed bearer token\"}");
            assertThat(malformed.header("WWW-Authenticate")).isEqualTo("Bearer");
        }

        String viewer = token(gated, ADMIN_KEY, "vera", "viewer");
        Response forbidden = send(gated, "PATCH", "/projects/1/policy", "{}", with(key, "Authorization", "Bearer " + viewer));
        assertBody(forbidden, 403, "{\"detail\":\"Insufficient role. Requires one of: maintainer, admin\"}");
        assertThat(forbidden.header("WWW-Authenticate")).isNull();
        assertThat(forbidden.header("X-Request-ID")).isEqualTo("req-role");

        for (String role : List.of("maintainer", "admin")) {
            String jwt = token(gated, ADMIN_KEY, "mia", role);
            assertBody(send(gated, "POST", UNKNOWN_WRITE, "{not json", with(key, "Authorization", "Bearer " + jwt)),
                    404, "{\"detail\":\"Not Found\"}");
        }
    }

    @Test
    void aTokenExpiresWhenTheHubsClockPassesItsExpiry() {
        Response minted = send(gated, "POST", "/auth/token", "{\"subject\":\"eve\",\"expires_in_seconds\":30}",
                Map.of("X-API-Key", MAINTAINER_KEY));
        String jwt = minted.json().path("access_token").asText();
        Map<String, String> both = Map.of("X-API-Key", MAINTAINER_KEY, "Authorization", "Bearer " + jwt);
        assertBody(send(gated, "GET", "/auth/me", null, both), 200, "{\"subject\":\"eve\",\"role\":\"maintainer\"}");
        clock.advance(Duration.ofSeconds(29));
        assertThat(send(gated, "POST", UNKNOWN_WRITE, null, both).status()).isEqualTo(404);
        clock.advance(Duration.ofSeconds(1));
        for (Response expired : List.of(send(gated, "POST", UNKNOWN_WRITE, null, both), send(gated, "GET", "/projects", null, both),
                send(gated, "GET", "/auth/me", null, both))) {
            assertBody(expired, 401, "{\"detail\":\"Token expired\"}");
            assertThat(expired.header("WWW-Authenticate")).isEqualTo("Bearer");
        }
    }

    @Test
    void theRoleGateWithoutASecretIs500OnceABearerCame() {
        Map<String, String> key = Map.of("X-API-Key", MAINTAINER_KEY);
        assertBody(send(noSecret, "POST", "/projects", "{}", key), 401, "{\"detail\":\"Missing bearer token\"}");
        String jwt = foreignToken("sam", Role.ADMIN);
        assertBody(send(noSecret, "POST", "/projects", "{}", with(key, "Authorization", "Bearer " + jwt)),
                500, "{\"detail\":\"Missing JWT secret in AGENT_HUB_JWT_SECRET\"}");
        assertBody(send(noSecret, "GET", "/projects", null, Map.of("Authorization", "Bearer " + jwt)),
                500, "{\"detail\":\"Missing JWT secret in AGENT_HUB_JWT_SECRET\"}");
        assertBody(send(noSecret, "GET", "/auth/me", null, Map.of("Authorization", "Bearer " + jwt)),
                500, "{\"detail\":\"Missing JWT secret in AGENT_HUB_JWT_SECRET\"}");
        assertBody(send(noSecret, "POST", "/auth/token", "{\"subject\":\"sam\"}", key),
                500, "{\"detail\":\"Missing JWT secret in AGENT_HUB_JWT_SECRET\"}");
    }

    // ---- the read-only key (§14 D4)

    @Test
    void withTheRoleGateOffAViewerKeyCannotWrite() {
        for (String method : List.of("POST", "PATCH", "PUT", "DELETE")) {
            Response response = send(keyOnly, method, "/projects/1/agents", "{}", Map.of("X-API-Key", VIEWER_KEY, "X-Request-ID", "ro"));
            assertBody(response, 403, "{\"detail\":\"API key is read-only\"}");
            assertThat(response.header("X-Request-ID")).isEqualTo("ro");
        }
        assertBody(send(keyOnly, "POST", "/projects", "{}", Map.of("Authorization", "Bearer " + VIEWER_KEY)),
                403, "{\"detail\":\"API key is read-only\"}");
        for (String writer : List.of(MAINTAINER_KEY, ADMIN_KEY)) {
            assertThat(send(keyOnly, "POST", UNKNOWN_WRITE, null, Map.of("X-API-Key", writer)).status()).isEqualTo(404);
        }
        // reads are open with the read gate off
        assertThat(send(keyOnly, "GET", "/projects/0/no-such-read", null, Map.of()).status()).isEqualTo(404);
        // with the role gate on, the JWT's role decides, not the key's ceiling
        String maintainer = token(gated, MAINTAINER_KEY, "vic", "maintainer");
        assertThat(send(gated, "POST", UNKNOWN_WRITE, null,
                Map.of("X-API-Key", VIEWER_KEY, "Authorization", "Bearer " + maintainer)).status()).isEqualTo(404);
    }

    // ---- the read gate (§3.3)

    @Test
    void theReadGateCoversProjectsAndAuthMeWithAChallenge() {
        for (String method : List.of("GET", "HEAD")) {
            for (String path : List.of("/projects", "/projects/1/agents", "/projects/1/no-such-read")) {
                Response response = send(gated, method, path, null, Map.of("X-Request-ID", "req-read"));
                assertThat(response.status()).as(method + " " + path).isEqualTo(401);
                if (method.equals("GET")) {
                    assertBody(response, 401, "{\"detail\":\"Missing bearer token\"}");
                }
                assertThat(response.header("WWW-Authenticate")).isEqualTo("Bearer");
                assertThat(response.header("X-Request-ID")).isEqualTo("req-read");
            }
        }
        Response malformed = send(gated, "GET", "/projects", null, Map.of("Authorization", "Bearer nope"));
        assertBody(malformed, 401, "{\"detail\":\"Malformed bearer token\"}");
        assertThat(malformed.header("WWW-Authenticate")).isEqualTo("Bearer");
        // an API key is no read credential
        assertBody(send(gated, "GET", "/projects", null, Map.of("X-API-Key", MAINTAINER_KEY)),
                401, "{\"detail\":\"Missing bearer token\"}");
        // any role reads, without a key
        String viewer = token(gated, VIEWER_KEY, "vera", "viewer");
        assertBody(send(gated, "GET", "/projects/1/no-such-read", null, Map.of("Authorization", "Bearer " + viewer)),
                404, "{\"detail\":\"Not Found\"}");
    }

    @Test
    void theReadGateLeavesEverythingElseAlone() {
        assertThat(send(gated, "GET", "/health", null, Map.of()).status()).isEqualTo(200);
        assertThat(send(gated, "GET", "/openapi.json", null, Map.of()).status()).isEqualTo(200);
        assertBody(send(gated, "GET", "/projectsx", null, Map.of()), 404, "{\"detail\":\"Not Found\"}");
        // the /v1 API answers with its own authentication
        Response v1 = send(gated, "GET", "/v1/agents", null, Map.of());
        assertThat(v1.status()).isEqualTo(401);
        assertThat(v1.body()).doesNotContain("Missing bearer token");
    }

    @Test
    void noSpellingOfAProjectsPathSlipsPastTheGates() {
        for (String path : List.of(CALLER_PROBE, CALLER_PROBE + "/", "/%70rojects/0/caller-probe", "//projects/0/caller-probe",
                "/projects/0/./caller-probe", "/projects/1/../0/caller-probe", "/projects;x=1/0/caller-probe",
                "/projects/0/caller-probe;x=1", "/projects/0/caller%2Dprobe", "/projects/0%2Fcaller-probe")) {
            for (String method : List.of("GET", "POST")) {
                Response response = send(gated, method, path, null, Map.of());
                assertThat(response.status()).as(method + " " + path + " " + response.body()).isIn(400, 401, 404);
            }
        }
    }

    // ---- POST /auth/token (§3.6, §14 D4)

    @Test
    void aMintedTokenCarriesSubjectRoleLifetimeAndTheKeysAuditHash() throws Exception {
        Response minted = send(gated, "POST", "/auth/token", "{\"subject\":\"ann\",\"role\":\"admin\",\"unknown\":1}",
                Map.of("X-API-Key", ADMIN_KEY));
        assertThat(minted.status()).as(minted.body()).isEqualTo(200);
        JsonNode body = minted.json();
        assertThat(body.properties()).extracting(Map.Entry::getKey).containsExactly("access_token", "token_type");
        assertThat(body.path("token_type").asText()).isEqualTo("bearer");
        JsonNode claims = payload(body.path("access_token").asText());
        assertThat(claims.path("sub").asText()).isEqualTo("ann");
        assertThat(claims.path("role").asText()).isEqualTo("admin");
        assertThat(claims.path("iat").asLong()).isEqualTo(clock.instant().getEpochSecond());
        assertThat(claims.path("exp").asLong() - claims.path("iat").asLong()).as("AGENT_HUB_JWT_TTL_SECONDS default").isEqualTo(3600);
        assertThat(claims.path("akh").asText()).isEqualTo(ApiKeyRing.akh(ADMIN_KEY)).hasSize(12);
        assertBody(send(gated, "GET", "/auth/me", null, Map.of("Authorization", "Bearer " + body.path("access_token").asText())),
                200, "{\"subject\":\"ann\",\"role\":\"admin\"}");

        // the configured TTL, an explicit lifetime and null
        JsonNode configured = payload(token(keyOnly, MAINTAINER_KEY, "ttl", null));
        assertThat(configured.path("exp").asLong() - configured.path("iat").asLong()).isEqualTo(120);
        assertThat(configured.path("role").asText()).as("default role").isEqualTo("maintainer");
        for (String lifetime : List.of("2592000", "1", "null")) {
            Response response = send(keyOnly, "POST", "/auth/token", "{\"subject\":\"t\",\"expires_in_seconds\":" + lifetime + "}",
                    Map.of("X-API-Key", MAINTAINER_KEY));
            JsonNode c = payload(response.json().path("access_token").asText());
            assertThat(c.path("exp").asLong() - c.path("iat").asLong()).isEqualTo(lifetime.equals("null") ? 120 : Long.parseLong(lifetime));
        }
    }

    @Test
    void tokenIssuanceNeedsTheKeyGateAndAKeyButNoBearer() {
        Response off = send(open, "POST", "/auth/token", "{\"subject\":\"x\"}", Map.of("X-API-Key", ADMIN_KEY, "X-Request-ID", "boot"));
        assertBody(off, 403, "{\"detail\":\"Token issuance requires AGENT_HUB_REQUIRE_API_KEY=1 for bootstrap safety\"}");
        assertThat(off.header("X-Request-ID")).isEqualTo("boot");
        assertBody(send(open, "POST", "/auth/token", null, Map.of()),
                403, "{\"detail\":\"Token issuance requires AGENT_HUB_REQUIRE_API_KEY=1 for bootstrap safety\"}");

        Response noKey = send(gated, "POST", "/auth/token", "{\"subject\":\"x\"}", Map.of());
        assertBody(noKey, 401, "{\"detail\":\"Invalid or missing API key\"}");
        assertThat(noKey.header("WWW-Authenticate")).isNull();
        // the key check runs before body validation
        assertBody(send(gated, "POST", "/auth/token", "{not json", Map.of("X-API-Key", "wrong")),
                401, "{\"detail\":\"Invalid or missing API key\"}");
        // the key may come as the bearer
        assertThat(send(gated, "POST", "/auth/token", "{\"subject\":\"x\"}", Map.of("Authorization", "Bearer " + MAINTAINER_KEY))
                .status()).isEqualTo(200);
    }

    @Test
    void theKeysMaximumRoleCapsTheRequestedRole() {
        assertBody(send(gated, "POST", "/auth/token", "{\"subject\":\"x\",\"role\":\"admin\"}", Map.of("X-API-Key", MAINTAINER_KEY)),
                403, "{\"detail\":\"Requested role 'admin' exceeds the maximum role 'maintainer' allowed for this API key\"}");
        assertBody(send(gated, "POST", "/auth/token", "{\"subject\":\"x\"}", Map.of("X-API-Key", VIEWER_KEY)),
                403, "{\"detail\":\"Requested role 'maintainer' exceeds the maximum role 'viewer' allowed for this API key\"}");
        assertBody(send(gated, "POST", "/auth/token", "{\"subject\":\"x\",\"role\":\"admin\"}", Map.of("X-API-Key", VIEWER_KEY)),
                403, "{\"detail\":\"Requested role 'admin' exceeds the maximum role 'viewer' allowed for this API key\"}");
        assertBody(send(gated, "POST", "/auth/token", "{\"subject\":\"x\",\"role\":\"admin\"}", Map.of("X-API-Key", ODD_KEY)),
                403, "{\"detail\":\"Requested role 'admin' exceeds the maximum role 'maintainer' allowed for this API key\"}");
        assertThat(payload(token(gated, VIEWER_KEY, "x", "viewer")).path("role").asText()).isEqualTo("viewer");
        assertThat(payload(token(gated, MAINTAINER_KEY, "x", "viewer")).path("role").asText()).isEqualTo("viewer");
        assertThat(payload(token(gated, ADMIN_KEY, "x", "maintainer")).path("role").asText()).isEqualTo("maintainer");
    }

    @Test
    void theTokenBodyIsValidated() {
        Map<String, String> key = Map.of("X-API-Key", ADMIN_KEY);
        assertBody(send(gated, "POST", "/auth/token", "{\"subject\":\"x\",\"role\":\"owner\"}", key),
                422, "{\"detail\":\"'owner' is not a valid Role\"}");
        assertBody(send(gated, "POST", "/auth/token", "{\"subject\":\"x\",\"role\":\"Admin\"}", key),
                422, "{\"detail\":\"'Admin' is not a valid Role\"}");
        assertBody(send(gated, "POST", "/auth/token", "{\"subject\":\"x\",\"role\":\"\"}", key),
                422, "{\"detail\":\"'' is not a valid Role\"}");
        assertBody(send(gated, "POST", "/auth/token", "{}", key),
                422, "{\"detail\":[{\"type\":\"missing\",\"loc\":[\"body\",\"subject\"],\"msg\":\"Field required\",\"input\":{}}]}");
        assertThat(listDetail(send(gated, "POST", "/auth/token", "{\"subject\":\"\"}", key))).containsExactly("string_too_short subject");
        assertThat(listDetail(send(gated, "POST", "/auth/token", "{\"subject\":\"" + "s".repeat(121) + "\"}", key)))
                .containsExactly("string_too_long subject");
        assertThat(send(gated, "POST", "/auth/token", "{\"subject\":\"" + "s".repeat(120) + "\"}", key).status()).isEqualTo(200);
        assertThat(listDetail(send(gated, "POST", "/auth/token", "{\"subject\":\"x\",\"expires_in_seconds\":0}", key)))
                .containsExactly("greater_than_equal expires_in_seconds");
        assertThat(listDetail(send(gated, "POST", "/auth/token", "{\"subject\":\"x\",\"expires_in_seconds\":2592001}", key)))
                .containsExactly("less_than_equal expires_in_seconds");
        assertThat(listDetail(send(gated, "POST", "/auth/token", "{\"subject\":7,\"role\":3,\"expires_in_seconds\":\"soon\"}", key)))
                .containsExactly("string_type subject", "string_type role", "int_parsing expires_in_seconds");
        // list-shaped errors come before the role's string detail
        assertThat(listDetail(send(gated, "POST", "/auth/token", "{\"role\":\"owner\"}", key))).containsExactly("missing subject");
    }

    // ---- GET /auth/me (§3.7)

    @Test
    void authMeNeedsAValidJwtWhateverTheGates() {
        for (HttpProbe hub : List.of(open, keyOnly, gated)) {
            Response missing = send(hub, "GET", "/auth/me", null, Map.of("X-API-Key", ADMIN_KEY));
            assertBody(missing, 401, "{\"detail\":\"Missing bearer token\"}");
            assertThat(missing.header("WWW-Authenticate")).isEqualTo("Bearer");
            Response malformed = send(hub, "GET", "/auth/me", null, Map.of("Authorization", "Bearer " + ADMIN_KEY));
            assertBody(malformed, 401, "{\"detail\":\"Malformed bearer token\"}");
            assertThat(malformed.header("WWW-Authenticate")).isEqualTo("Bearer");
        }
        String jwt = new HmacJwtCodec(SECRET, clock).mint("outsider", Role.VIEWER, Duration.ofSeconds(60), Optional.empty());
        assertBody(send(open, "GET", "/auth/me", null, Map.of("Authorization", "Bearer " + jwt)),
                200, "{\"subject\":\"outsider\",\"role\":\"viewer\"}");
    }

    // ---- the caller handed to the handlers

    @Test
    void theCallerIsSetOnProjectsRequestsWithTheGatesOff() {
        String jwt = new HmacJwtCodec(SECRET, clock).mint("pat", Role.VIEWER, Duration.ofSeconds(60), Optional.empty());
        for (String method : List.of("GET", "POST")) {
            assertBody(send(open, method, CALLER_PROBE, null, Map.of()),
                    200, "{\"actor\":\"anonymous\",\"changed_by\":\"system:api\",\"role\":\"admin\"}");
            assertBody(send(open, method, CALLER_PROBE, null, Map.of("Authorization", "Bearer " + jwt)),
                    200, "{\"actor\":\"principal:pat\",\"changed_by\":\"principal:pat\",\"role\":\"viewer\"}");
            assertBody(send(open, method, CALLER_PROBE, null, Map.of("X-API-Key", VIEWER_KEY)),
                    200, "{\"actor\":\"api-key\",\"changed_by\":\"system:api\",\"role\":\"viewer\"}");
            // error-path hardening: a bearer that is an API key rather than a JWT is tolerated and recorded as api-key
            assertBody(send(open, method, CALLER_PROBE, null, Map.of("Authorization", "Bearer " + ADMIN_KEY)),
                    200, "{\"actor\":\"api-key\",\"changed_by\":\"api-key\",\"role\":\"admin\"}");
            assertBody(send(open, method, CALLER_PROBE, null, Map.of("X-API-Key", "not-configured", "Authorization", "Bearer junk")),
                    200, "{\"actor\":\"anonymous\",\"changed_by\":\"system:api\",\"role\":\"admin\"}");
            // a JWT wins over a key
            assertBody(send(open, method, CALLER_PROBE, null, Map.of("X-API-Key", ADMIN_KEY, "Authorization", "Bearer " + jwt)),
                    200, "{\"actor\":\"principal:pat\",\"changed_by\":\"principal:pat\",\"role\":\"viewer\"}");
        }
    }

    @Test
    void theCallerIsTheJwtsPrincipalBehindTheGatesAndTheKeyHolderBehindTheKeyGate() {
        String admin = token(gated, ADMIN_KEY, "ada", "admin");
        assertBody(send(gated, "POST", CALLER_PROBE, null, Map.of("X-API-Key", VIEWER_KEY, "Authorization", "Bearer " + admin)),
                200, "{\"actor\":\"principal:ada\",\"changed_by\":\"principal:ada\",\"role\":\"admin\"}");
        String viewer = token(gated, VIEWER_KEY, "vic", "viewer");
        assertBody(send(gated, "GET", CALLER_PROBE, null, Map.of("Authorization", "Bearer " + viewer)),
                200, "{\"actor\":\"principal:vic\",\"changed_by\":\"principal:vic\",\"role\":\"viewer\"}");
        assertBody(send(keyOnly, "POST", CALLER_PROBE, null, Map.of("Authorization", "Bearer " + MAINTAINER_KEY)),
                200, "{\"actor\":\"api-key\",\"changed_by\":\"api-key\",\"role\":\"maintainer\"}");
        assertBody(send(keyOnly, "POST", CALLER_PROBE, null, Map.of("X-API-Key", ADMIN_KEY)),
                200, "{\"actor\":\"api-key\",\"changed_by\":\"system:api\",\"role\":\"admin\"}");
    }

    // ---- helpers

    private static Response send(HttpProbe hub, String method, String path, String body, Map<String, String> headers) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        if (body != null) {
            all.putIfAbsent("Content-Type", JSON_TYPE);
        }
        return hub.send(method, path, body, all);
    }

    private static Map<String, String> with(Map<String, String> headers, String name, String value) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put(name, value);
        return all;
    }

    /** A well-formed token signed with another secret. */
    private String foreignToken(String subject, Role role) {
        return new HmacJwtCodec("some-other-secret-0123456789abcdef", clock).mint(subject, role, Duration.ofSeconds(600), Optional.empty());
    }

    private static JsonNode payload(String jwt) {
        try {
            return JSON.readTree(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new AssertionError("not a JWT: " + jwt, e);
        }
    }

    /** "type field" of every element of a list-shaped 422. */
    private static List<String> listDetail(Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(422);
        List<String> found = new ArrayList<>();
        response.json().path("detail").forEach(e -> found.add(e.path("type").asText() + " " + e.path("loc").path(1).asText()));
        return found;
    }
}
