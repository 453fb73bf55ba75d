package dev.agenthub.server;

import dev.agenthub.http.dashboard.HmacTenantTokenVerifier;
import dev.agenthub.hub.tenants.port.TenantTokenVerifier;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The tenant dashboard and its token verification (seeds R-T1; docs/dashboard-api.md).
 *
 * @param dashboardEnabled {@code AGENT_HUB_DASHBOARD_ENABLED} (default off): mounts {@code /dashboard/v1/...}
 * @param secret           {@code AGENT_HUB_TENANT_JWT_SECRET} (alias {@code BETTER_AUTH_SECRET}): the identity
 *                         provider's HS256 secret, at least {@value #MIN_SECRET_BYTES} bytes when the dashboard is
 *                         enabled (else startup stops); unused while it is off; never printed
 * @param issuer           {@code AGENT_HUB_TENANT_JWT_ISSUER} (alias {@code JWT_ISSUER}): the required {@code iss},
 *                         empty to ignore {@code iss}
 * @param audience         {@code AGENT_HUB_TENANT_JWT_AUDIENCE} (alias {@code JWT_AUDIENCE}): the audience
 *                         {@code aud} must name, empty to ignore {@code aud}
 */
public record TenantAuthSettings(boolean dashboardEnabled, Optional<String> secret, Optional<String> issuer,
                                 Optional<String> audience) {

    public static final int MIN_SECRET_BYTES = HmacTenantTokenVerifier.MIN_SECRET_BYTES;
    static final String SECRET = "AGENT_HUB_TENANT_JWT_SECRET";
    static final String SECRET_ALIAS = "BETTER_AUTH_SECRET";

    public TenantAuthSettings {
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(audience, "audience");
        if (!problems(dashboardEnabled, secret).isEmpty()) {
            throw new IllegalArgumentException(problems(dashboardEnabled, secret).getFirst());
        }
    }

    /** The dashboard off. */
    public static TenantAuthSettings disabled() {
        return new TenantAuthSettings(false, Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** What stops startup for these values: an enabled dashboard needs a secret of {@value #MIN_SECRET_BYTES} bytes. */
    static List<String> problems(boolean dashboardEnabled, Optional<String> secret) {
        List<String> problems = new ArrayList<>();
        if (!dashboardEnabled) {
            return problems;
        }
        if (secret.isEmpty()) {
            problems.add("AGENT_HUB_DASHBOARD_ENABLED is on, so a tenant token secret is required: set " + SECRET
                    + " (or " + SECRET_ALIAS + ")");
        } else if (secret.get().getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
            problems.add(SECRET + " (" + SECRET_ALIAS + ") must be at least " + MIN_SECRET_BYTES
                    + " bytes (HS256 needs a 256-bit key), got " + secret.get().getBytes(StandardCharsets.UTF_8).length);
        }
        return problems;
    }

    /** The verifier of the dashboard's tokens on {@code clock}; empty while the dashboard is off. */
    public Optional<TenantTokenVerifier> verifier(Clock clock) {
        if (!dashboardEnabled) {
            return Optional.empty();
        }
        return Optional.of(new HmacTenantTokenVerifier(secret.orElseThrow(), issuer, audience, clock));
    }

    /** Never prints the secret. */
    @Override
    public String toString() {
        return "TenantAuthSettings[dashboardEnabled=" + dashboardEnabled + ", secret="
                + (secret.isPresent() ? "***" : "unset") + ", issuer=" + issuer + ", audience=" + audience + "]";
    }
}
