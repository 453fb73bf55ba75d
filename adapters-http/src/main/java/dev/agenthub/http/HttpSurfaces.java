package dev.agenthub.http;

import dev.agenthub.hub.tenants.port.TenantTokenVerifier;

import java.util.Objects;
import java.util.Optional;

/**
 * The optional surfaces of the HTTP adapter.
 *
 * @param dashboard    the verifier of the identity provider's tokens, which mounts the tenant dashboard
 *                     ({@code /dashboard/v1/...}, seeds R-T1); empty leaves its paths unknown and undocumented
 * @param uiEnvPrefill whether {@code GET /ui/prefill} answers loopback clients (wire spec §11.3); off: 404
 */
public record HttpSurfaces(Optional<TenantTokenVerifier> dashboard, boolean uiEnvPrefill) {

    public HttpSurfaces {
        Objects.requireNonNull(dashboard, "dashboard");
    }

    /** No dashboard, no prefill. */
    public static HttpSurfaces none() {
        return new HttpSurfaces(Optional.empty(), false);
    }
}
