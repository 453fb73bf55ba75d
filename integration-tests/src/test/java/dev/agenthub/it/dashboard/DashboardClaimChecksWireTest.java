package dev.agenthub.it.dashboard;

import dev.agenthub.it.support.V1HubTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.agenthub.it.dashboard.TenantTokens.bearer;
import static dev.agenthub.it.dashboard.TenantTokens.date;
import static dev.agenthub.it.dashboard.TenantTokens.sign;
import static dev.agenthub.it.support.V1Client.assertBody;
import static dev.agenthub.it.support.V1Client.json;
import static dev.agenthub.it.support.V1Client.ordered;

/**
 * The dashboard with an issuer and an audience configured (through their upstream aliases {@code JWT_ISSUER} and
 * {@code JWT_AUDIENCE}): a token must carry both, else 403 {@code AUTH_ERROR}.
 */
class DashboardClaimChecksWireTest extends V1HubTest {

    private static final String ISSUER = "https://auth.example.com";
    private static final String AUDIENCE = "agent-hub-dashboard";

    @Override
    protected Map<String, String> environment() {
        return Map.of("AGENT_HUB_DASHBOARD_ENABLED", "true", "AGENT_HUB_TENANT_JWT_SECRET", TenantTokens.SECRET,
                "JWT_ISSUER", ISSUER, "JWT_AUDIENCE", AUDIENCE);
    }

    private Object exp() {
        return date(clock.instant().plus(Duration.ofMinutes(5)));
    }

    private String me(Map<String, Object> claims) {
        return client.get("/dashboard/v1/me", bearer(sign(claims))).body();
    }

    @Test
    void theConfiguredIssuerAndAudienceAreRequired() {
        String ok = json(ordered("user_id", "u1", "session_id", null, "workspace_id", null, "email", null, "name", null));
        assertBody(client.get("/dashboard/v1/me", bearer(sign(Map.of("sub", "u1", "exp", exp(), "iss", ISSUER,
                "aud", AUDIENCE)))), 200, ok);
        assertBody(client.get("/dashboard/v1/me", bearer(sign(Map.of("sub", "u1", "exp", exp(), "iss", ISSUER,
                "aud", List.of("other", AUDIENCE))))), 200, ok);
        for (Map<String, Object> claims : List.<Map<String, Object>>of(
                Map.of("sub", "u1", "exp", exp(), "iss", "https://evil.example.com", "aud", AUDIENCE),
                Map.of("sub", "u1", "exp", exp(), "aud", AUDIENCE),
                Map.of("sub", "u1", "exp", exp(), "iss", ISSUER, "aud", "other"),
                Map.of("sub", "u1", "exp", exp(), "iss", ISSUER, "aud", List.of("other")),
                Map.of("sub", "u1", "exp", exp(), "iss", ISSUER))) {
            assertBody(client.get("/dashboard/v1/me", bearer(sign(claims))), 403, DashboardWireTest.AUTH_ERROR);
        }
        // expiry is decided before the configured checks, and a missing sub before both
        assertBody(client.get("/dashboard/v1/me", bearer(sign(Map.of("sub", "u1", "exp", date(clock.instant().minusSeconds(5)),
                "iss", "https://evil.example.com")))), 403, DashboardWireTest.TOKEN_EXPIRED);
        assertBody(client.get("/dashboard/v1/me", bearer(sign(Map.of("exp", exp(), "iss", "https://evil.example.com")))),
                403, DashboardWireTest.INVALID_TOKEN);
    }
}
