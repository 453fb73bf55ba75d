/**
 * The tenant dashboard surface ({@code /dashboard/v1/...}, seeds R-T1): the HS256 verifier of the identity
 * provider's tokens ({@link dev.agenthub.hub.tenants.port.TenantTokenVerifier} on Nimbus JOSE), the tenant filter,
 * and the routes, which reuse the {@code /v1} use cases, query parsing and bodies under the tenant's project scope.
 * Mounted only when the hub enables it; its errors are in the coded shape of
 * {@link dev.agenthub.http.support.ErrorResponses}.
 */
package dev.agenthub.http.dashboard;
