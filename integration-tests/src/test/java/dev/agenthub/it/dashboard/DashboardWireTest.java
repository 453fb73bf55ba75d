package dev.agenthub.it.dashboard;

import com.nimbusds.jose.JWSAlgorithm;
import dev.agenthub.it.support.HttpProbe.Response;
import dev.agenthub.it.support.HubSeeds;
import dev.agenthub.it.support.HubSeeds.Worktree;
import dev.agenthub.it.support.TestSql;
import dev.agenthub.it.support.V1HubTest;
import dev.agenthub.protocol.kernel.time.WireTime;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.BeforeAll;
import org.slf4j.LoggerFactory;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.agenthub.it.dashboard.TenantTokens.bearer;
import static dev.agenthub.it.dashboard.TenantTokens.date;
import static dev.agenthub.it.dashboard.TenantTokens.sign;
import static dev.agenthub.it.support.V1Client.assertBody;
import static dev.agenthub.it.support.V1Client.json;
import static dev.agenthub.it.support.V1Client.ordered;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tenant dashboard (docs/dashboard-api.md) on a real hub with the dashboard enabled and neither issuer nor
 * audience configured: every R-T1 outcome with its exact body, the pass-through claims, tenant scoping across two
 * coordination projects, responding as the token's user, and the coded error shape of the surface.
 */
class DashboardWireTest extends V1HubTest {

    static final String AUTH_REQUIRED = "{\"error\":{\"code\":\"AUTH_REQUIRED\",\"message\":\"Authentication required.\"}}";
    static final String INVALID_TOKEN = "{\"error\":{\"code\":\"INVALID_TOKEN\",\"message\":\"Invalid or malformed token.\"}}";
    static final String TOKEN_EXPIRED = "{\"error\":{\"code\":\"TOKEN_EXPIRED\",\"message\":\"Token has expired.\"}}";
    static final String AUTH_ERROR = "{\"error\":{\"code\":\"AUTH_ERROR\",\"message\":\"Token verification failed.\"}}";
    static final String NOT_FOUND = "{\"error\":{\"code\":\"NOT_FOUND\",\"message\":\"Escalation not found\"}}";

    private HubSeeds seeds;

    @Override
    protected Map<String, String> environment() {
        return Map.of("AGENT_HUB_DASHBOARD_ENABLED", "1", "BETTER_AUTH_SECRET", TenantTokens.SECRET);
    }

    @BeforeAll
    void seeds() {
        seeds = new HubSeeds(client, database.dataSource());
    }

    private Instant later() {
        return clock.instant().plus(Duration.ofHours(1));
    }

    /** A valid token for user {@code sub} in {@code workspaceId} (null for none). */
    private String token(String sub, String workspaceId) {
        Map<String, Object> claims = new HashMap<>();
        claims.put("sub", sub);
        claims.put("exp", date(later()));
        if (workspaceId != null) {
            claims.put("workspaceId", workspaceId);
        }
        return sign(claims);
    }

    private Response get(String path, String token) {
        return client.get(path, token == null ? Map.of() : bearer(token));
    }

    private String escalate(Worktree w, String subject) {
        Response response = client.post("/v1/escalations", json(ordered("workspace_id", w.workspaceId(), "alias",
                w.alias(), "subject", subject, "situation", "stuck on " + subject, "options", List.of("yes", "no"))),
                w.bearer());
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json().get("escalation_id").asText();
    }

    @Test
    void everyProtectedRouteAsksForAuthenticationWithoutABearer() {
        for (String path : List.of("/dashboard/v1/me", "/dashboard/v1/escalations", "/dashboard/v1/status",
                "/dashboard/v1/audit", "/dashboard/v1/escalations/" + UUID.randomUUID())) {
            assertBody(get(path, null), 401, AUTH_REQUIRED);
            assertBody(client.get(path, Map.of("Authorization", "Basic dXNlcjpwdw==")), 401, AUTH_REQUIRED);
            assertBody(client.get(path, Map.of("Authorization", "Bearer ")), 401, AUTH_REQUIRED);
        }
        assertBody(client.post("/dashboard/v1/escalations/" + UUID.randomUUID() + "/respond", "{}", Map.of()), 401,
                AUTH_REQUIRED);
    }

    @Test
    void badTokensAreRejectedWithTheirCodes() {
        String valid = token("user-1", null);
        String[] parts = valid.split("\\.");
        String badSignature = parts[0] + "." + parts[1] + "." + sign("another-secret-of-at-least-32-bytes-long!!",
                JWSAlgorithm.HS256, Map.of("sub", "user-1", "exp", date(later()))).split("\\.")[2];
        assertBody(get("/dashboard/v1/me", badSignature), 403, INVALID_TOKEN);
        assertBody(get("/dashboard/v1/me", "not-a-jwt"), 403, INVALID_TOKEN);
        assertBody(get("/dashboard/v1/me", parts[0] + ".%%%." + parts[2]), 403, INVALID_TOKEN);
        assertBody(get("/dashboard/v1/me", sign(Map.of("exp", date(later()), "email", "a@example.com"))), 403, INVALID_TOKEN);
        assertBody(get("/dashboard/v1/me", sign(Map.of("sub", "", "exp", date(later())))), 403, INVALID_TOKEN);
        assertBody(get("/dashboard/v1/me", sign(Map.of("sub", "user-1"))), 403, INVALID_TOKEN); // exp is required
        assertBody(get("/dashboard/v1/me", sign(Map.of("sub", "user-1", "exp", "tomorrow"))), 403, INVALID_TOKEN);
        assertBody(get("/dashboard/v1/me", sign(Map.of("sub", "user-1", "exp", date(later()), "workspaceId", 7))), 403,
                INVALID_TOKEN);
        // the algorithm must be HS256: HS512 with the right secret, and an unsecured token, are invalid
        assertBody(get("/dashboard/v1/me", sign(TenantTokens.SECRET + TenantTokens.SECRET, JWSAlgorithm.HS512,
                Map.of("sub", "user-1", "exp", date(later())))), 403, INVALID_TOKEN);
        String none = TenantTokens.unsecured("{\"sub\":\"user-1\",\"exp\":" + later().getEpochSecond() + "}");
        assertBody(get("/dashboard/v1/me", none), 403, INVALID_TOKEN);
        assertBody(get("/dashboard/v1/me", none.substring(0, none.length() - 1)), 403, INVALID_TOKEN);
    }

    @Test
    void anExpiredTokenIsTokenExpiredAndANotYetValidOneAnAuthError() {
        Instant now = clock.instant();
        assertBody(get("/dashboard/v1/me", sign(Map.of("sub", "user-1", "exp", date(now.minusSeconds(1))))), 403,
                TOKEN_EXPIRED);
        // no leeway: exp at the current second has passed
        assertBody(get("/dashboard/v1/me", sign(Map.of("sub", "user-1", "exp", date(now)))), 403, TOKEN_EXPIRED);
        assertBody(get("/dashboard/v1/escalations", sign(Map.of("sub", "user-1", "exp", date(now.minusSeconds(60)),
                "workspaceId", UUID.randomUUID().toString()))), 403, TOKEN_EXPIRED);
        assertBody(get("/dashboard/v1/me", sign(Map.of("sub", "user-1", "exp", date(later()),
                "nbf", date(now.plusSeconds(60))))), 403, AUTH_ERROR);
    }

    @Test
    void issuerAndAudienceAreIgnoredWhenNotConfigured() {
        Response me = get("/dashboard/v1/me", sign(Map.of("sub", "user-1", "exp", date(later()), "iss", "https://elsewhere",
                "aud", List.of("someone-else"))));
        assertBody(me, 200, json(ordered("user_id", "user-1", "session_id", null, "workspace_id", null, "email", null,
                "name", null)));
    }

    @Test
    void meReturnsThePassThroughClaims() {
        String token = sign(Map.of("sub", "user-42", "exp", date(later()), "sessionId", "sess-9",
                "workspaceId", "not-even-a-project", "email", "ada@example.com", "name", "Ada Lovelace", "role", "ignored"));
        assertBody(get("/dashboard/v1/me", token), 200, json(ordered("user_id", "user-42", "session_id", "sess-9",
                "workspace_id", "not-even-a-project", "email", "ada@example.com", "name", "Ada Lovelace")));
        assertBody(client.get("/dashboard/v1/me", Map.of("Authorization", "bearer " + token)), 200,
                json(ordered("user_id", "user-42", "session_id", "sess-9", "workspace_id", "not-even-a-project",
                        "email", "ada@example.com", "name", "Ada Lovelace")));
    }

    @Test
    void tenantRoutesNeedAWorkspaceThatIsAProject() {
        String required = "{\"error\":{\"code\":\"WORKSPACE_REQUIRED\",\"message\":\"This route needs a token with a "
                + "workspaceId claim.\"}}";
        String unknown = "{\"error\":{\"code\":\"WORKSPACE_NOT_FOUND\",\"message\":\"Workspace not found.\"}}";
        for (String path : List.of("/dashboard/v1/escalations", "/dashboard/v1/status", "/dashboard/v1/audit",
                "/dashboard/v1/escalations/" + UUID.randomUUID())) {
            assertBody(get(path, token("user-1", null)), 403, required);
            assertBody(get(path, token("user-1", UUID.randomUUID().toString())), 404, unknown);
            assertBody(get(path, token("user-1", "not-a-uuid")), 404, unknown);
        }
        assertBody(client.post("/dashboard/v1/escalations/" + UUID.randomUUID() + "/respond", "{\"response\":\"x\"}",
                bearer(token("user-1", null))), 403, required);
    }

    @Test
    void aTenantSeesOnlyItsOwnProject() {
        clock.set(NOW);
        Worktree a = seeds.worktree("dash-a", "git@github.com:dash-a/app.git", "alice", "Ada");
        Worktree b = seeds.worktree("dash-b", "git@github.com:dash-b/app.git", "bob", "Bo");
        String ofA = escalate(a, "Deploy A?");
        String ofB = escalate(b, "Deploy B?");
        String tokenA = token("user-a", a.projectId());
        Instant expires = NOW.plus(Duration.ofHours(4));

        assertBody(get("/dashboard/v1/escalations", tokenA), 200, json(ordered("escalations", List.of(ordered(
                "escalation_id", ofA, "alias", "alice", "subject", "Deploy A?", "status", "pending",
                "created_at", WireTime.offset(NOW), "expires_at", WireTime.offset(expires))),
                "has_more", false, "next_cursor", null)));
        assertBody(get("/dashboard/v1/escalations/" + ofB, tokenA), 404, NOT_FOUND);
        assertBody(client.post("/dashboard/v1/escalations/" + ofB + "/respond", "{\"response\":\"yes\"}", bearer(tokenA)),
                404, NOT_FOUND);
        assertThat(client.get("/v1/escalations/" + ofB, b.bearer()).json().get("status").asText()).isEqualTo("pending");
        assertThat(get("/dashboard/v1/escalations/" + ofA, tokenA).json().get("subject").asText()).isEqualTo("Deploy A?");

        Response status = get("/dashboard/v1/status", tokenA);
        assertThat(status.status()).as(status.body()).isEqualTo(200);
        assertThat(status.json().get("workspace").get("project_id").asText()).isEqualTo(a.projectId());
        assertThat(status.json().get("escalations_pending").asInt()).isEqualTo(1);
        assertThat(status.body()).isEqualTo(client.get("/v1/status", a.bearer()).body());

        Response audit = get("/dashboard/v1/audit?event_type=escalation_created", tokenA);
        assertThat(audit.status()).as(audit.body()).isEqualTo(200);
        assertThat(audit.body()).isEqualTo(client.get("/v1/audit?event_type=escalation_created", a.bearer()).body());
        assertThat(audit.json().get("entries")).hasSize(1);
        assertThat(audit.json().get("entries").get(0).get("details").get("escalation_id").asText()).isEqualTo(ofA);
    }

    @Test
    void aHumanRespondsAndTheAgentSeesItUnderV1() {
        clock.set(NOW);
        Worktree a = seeds.worktree("dash-respond", "git@github.com:dash-respond/app.git", "alice", "Ada");
        String id = escalate(a, "Ship it?");
        clock.set(NOW.plusSeconds(90));
        Instant answered = NOW.plusSeconds(90);
        String token = sign(Map.of("sub", "user-7", "exp", date(later()), "workspaceId", a.projectId(),
                "email", "lead@example.com"));

        assertBody(client.post("/dashboard/v1/escalations/" + id + "/respond",
                "{\"response\":\"yes\",\"note\":\"after lunch\",\"extra\":1}", bearer(token)), 200,
                json(ordered("escalation_id", id, "status", "responded", "response", "yes", "response_note", "after lunch",
                        "responded_at", WireTime.offset(answered), "responded_by", "user-7")));
        Response seen = client.get("/v1/escalations/" + id, a.bearer());
        assertThat(seen.json().get("status").asText()).isEqualTo("responded");
        assertThat(seen.json().get("response").asText()).isEqualTo("yes");
        assertThat(seen.json().get("response_note").asText()).isEqualTo("after lunch");
        assertThat(seen.json().get("responded_at").asText()).isEqualTo(WireTime.offset(answered));
        assertThat(TestSql.rows(database.dataSource(), """
                SELECT actor_id::text, details->>'responded_by' FROM hub.audit_log
                WHERE project_id = ? AND event_type = 'escalation_responded'""", UUID.fromString(a.projectId())))
                .containsExactly(java.util.Arrays.asList(null, "user-7"));
        assertBody(client.post("/dashboard/v1/escalations/" + id + "/respond", "{\"response\":\"no\"}", bearer(token)), 200,
                json(ordered("escalation_id", id, "status", "responded", "response", "no", "response_note", null,
                        "responded_at", WireTime.offset(answered), "responded_by", "user-7")));
    }

    @Test
    void anExpiredEscalationCannotBeAnswered() {
        clock.set(NOW);
        Worktree a = seeds.worktree("dash-expired", "git@github.com:dash-expired/app.git", "alice", "Ada");
        String id = escalate(a, "Too late?");
        clock.set(NOW.plus(Duration.ofHours(5)));
        try {
            assertBody(client.post("/dashboard/v1/escalations/" + id + "/respond", "{\"response\":\"yes\"}",
                    bearer(token("user-1", a.projectId()))), 409,
                    "{\"error\":{\"code\":\"CONFLICT\",\"message\":\"Escalation has expired\"}}");
        } finally {
            clock.set(NOW);
        }
    }

    @Test
    void errorsOfTheSurfaceAreCoded() {
        clock.set(NOW);
        Worktree a = seeds.worktree("dash-errors", "git@github.com:dash-errors/app.git", "alice", "Ada");
        String token = token("user-1", a.projectId());
        Response invalid = client.post("/dashboard/v1/escalations/" + UUID.randomUUID() + "/respond", "{\"note\":5}",
                bearer(token));
        assertThat(invalid.status()).as(invalid.body()).isEqualTo(422);
        assertThat(invalid.json().get("error").get("code").asText()).isEqualTo("VALIDATION_ERROR");
        assertThat(invalid.json().get("error").get("message").asText()).isEqualTo("Validation failed");
        assertThat(invalid.json().get("error").get("details").findValuesAsText("msg")).isNotEmpty();
        assertThat(invalid.json().get("error").get("details").get(0).get("loc").toString()).isEqualTo("[\"body\",\"response\"]");
        assertBody(get("/dashboard/v1/escalations?status=open", token), 422, "{\"error\":{\"code\":\"VALIDATION_ERROR\","
                + "\"message\":\"Invalid status: must be one of ['expired', 'pending', 'responded']\"}}");
        assertBody(get("/dashboard/v1/escalations/not-a-uuid", token), 422,
                "{\"error\":{\"code\":\"VALIDATION_ERROR\",\"message\":\"Invalid escalation_id: must be a UUID\"}}");
        Response badLimit = get("/dashboard/v1/audit?limit=0", token);
        assertThat(badLimit.status()).isEqualTo(422);
        assertThat(badLimit.json().get("error").get("details").get(0).get("loc").toString()).isEqualTo("[\"query\",\"limit\"]");
        Response badJson = client.post("/dashboard/v1/escalations/" + UUID.randomUUID() + "/respond", "{oops",
                bearer(token));
        assertThat(badJson.status()).isEqualTo(422);
        assertThat(badJson.json().get("error").get("code").asText()).isEqualTo("VALIDATION_ERROR");
        assertBody(get("/dashboard/v1/no-such-route", token), 404,
                "{\"error\":{\"code\":\"NOT_FOUND\",\"message\":\"Not Found\"}}");
        Response wrongMethod = client.send("DELETE", "/dashboard/v1/me", null, bearer(token));
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.json().get("error").get("code").asText()).isEqualTo("METHOD_NOT_ALLOWED");
        // the /v1 paths keep their own shapes
        assertBody(client.get("/v1/escalations/not-a-uuid", a.bearer()), 422,
                "{\"detail\":\"Invalid escalation_id: must be a UUID\"}");
    }

    @Test
    void rawTokensAndVerifierTextNeverReachTheLog() {
        clock.set(NOW);
        Worktree a = seeds.worktree("dash-log", "git@github.com:dash-log/app.git", "alice", "Ada");
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Logger dashboard = (Logger) LoggerFactory.getLogger("dev.agenthub");
        Level previous = dashboard.getLevel();
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        root.addAppender(appender);
        dashboard.setLevel(Level.TRACE);
        List<String> tokens = List.of(
                token("user-log", a.projectId()),
                sign(Map.of("sub", "user-log", "exp", date(NOW.minusSeconds(10)))),
                sign("another-secret-of-at-least-32-bytes-long!!", JWSAlgorithm.HS256,
                        Map.of("sub", "user-log", "exp", date(later()))),
                TenantTokens.unsecured("{\"sub\":\"user-log\"}"),
                "garbage.tok\u00e9n.value");
        try {
            for (String token : tokens) {
                get("/dashboard/v1/escalations", token);
                get("/dashboard/v1/me", token);
                client.post("/dashboard/v1/escalations/" + UUID.randomUUID() + "/respond", "{\"response\":1}", bearer(token));
            }
        } finally {
            root.detachAppender(appender);
            dashboard.setLevel(previous);
        }
        List<String> logged = appender.list.stream().map(DashboardWireTest::everything).toList();
        // the rejections are logged (so this appender does see the dashboard's lines), by reason only
        assertThat(logged).anyMatch(line -> line.contains("tenant token rejected") && line.contains("bad_signature"));
        assertThat(logged).anyMatch(line -> line.contains("tenant token rejected") && line.contains("expired"));
        for (String token : tokens) {
            String signature = token.substring(token.lastIndexOf('.') + 1);
            String header = token.substring(0, token.indexOf('.'));
            assertThat(logged).noneMatch(line -> line.contains(token) || line.contains(header)
                    || (!signature.isEmpty() && line.contains(signature)));
        }
        assertThat(logged).noneMatch(line -> line.contains(TenantTokens.SECRET));
    }

    /** An event's message, arguments and throwable chain as text. */
    private static String everything(ILoggingEvent event) {
        StringBuilder text = new StringBuilder(event.getFormattedMessage()).append(' ').append(event.getLoggerName());
        if (event.getArgumentArray() != null) {
            for (Object argument : event.getArgumentArray()) {
                text.append(' ').append(argument);
            }
        }
        for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
            text.append(' ').append(t.getClassName()).append(' ').append(t.getMessage());
        }
        event.getMDCPropertyMap().forEach((key, value) -> text.append(' ').append(key).append('=').append(value));
        return text.toString();
    }
}
