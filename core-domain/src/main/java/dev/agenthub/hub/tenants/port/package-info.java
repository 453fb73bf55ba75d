/** The tenant capability's port: verifying an identity provider's token ({@code TenantTokenVerifier}). */
package dev.agenthub.hub.tenants.port;
