/**
 * Tenant-scoped human surfaces (seeds R-T1): the request context a verified identity-provider token yields
 * ({@link dev.agenthub.hub.tenants.TenantContext}), the verifier port that decides a token's outcome, and
 * {@link dev.agenthub.hub.tenants.TenantScopes}, which turns the token's {@code workspaceId} into the scope of a
 * coordination project, so every use case behind the surface reads only that project (foreign ids behave as
 * unknown, exactly as under {@code /v1} project scoping). Depends on {@code protocol.projects} and
 * {@code protocol.identity}; nothing depends on it.
 */
package dev.agenthub.hub.tenants;
