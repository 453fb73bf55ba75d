package dev.agenthub.http.dashboard;

import dev.agenthub.http.support.CodedError;
import dev.agenthub.hub.tenants.TenantContext;
import dev.agenthub.hub.tenants.TenantScopes;
import dev.agenthub.hub.tenants.port.TenantTokenVerifier;
import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The tenant middleware of seeds R-T1 for the dashboard routes: reads {@code Authorization: Bearer <jwt>}, verifies
 * it through the {@link TenantTokenVerifier} port, keeps the {@link TenantContext} on the request, and resolves
 * the tenant's project. A rejection is logged with its fixed reason only: the token and any verifier text never
 * reach a log or a response.
 */
public final class TenantFilter {

    static final String AUTH_REQUIRED = "Authentication required.";
    static final String INVALID_TOKEN = "Invalid or malformed token.";
    static final String TOKEN_EXPIRED = "Token has expired.";
    static final String AUTH_ERROR = "Token verification failed.";
    static final String WORKSPACE_REQUIRED = "This route needs a token with a workspaceId claim.";
    static final String WORKSPACE_NOT_FOUND = "Workspace not found.";

    private static final Logger log = LoggerFactory.getLogger(TenantFilter.class);
    private static final String ATTRIBUTE = "agenthub.tenantContext";
    private static final String BEARER = "bearer ";

    private final TenantTokenVerifier verifier;
    private final Supplier<TenantScopes> scopes;

    /** @param scopes read per request (the hub builds the use cases when it starts) */
    public TenantFilter(TenantTokenVerifier verifier, Supplier<TenantScopes> scopes) {
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.scopes = Objects.requireNonNull(scopes, "scopes");
    }

    /**
     * A protected route's authentication: the verified context, also kept on the request.
     *
     * @throws CodedError 401 {@code AUTH_REQUIRED} without a bearer credential (no header, another scheme, or an
     *                    empty credential); 403 {@code INVALID_TOKEN}, {@code TOKEN_EXPIRED} or {@code AUTH_ERROR}
     */
    public TenantContext authenticate(Context ctx) {
        String header = ctx.header("Authorization");
        String token = header == null ? "" : header.strip();
        if (!token.regionMatches(true, 0, BEARER, 0, BEARER.length()) || token.substring(BEARER.length()).isBlank()) {
            throw new CodedError(401, "AUTH_REQUIRED", AUTH_REQUIRED);
        }
        switch (verifier.verify(token.substring(BEARER.length()).strip())) {
            case TenantTokenVerifier.Verified verified -> {
                ctx.attribute(ATTRIBUTE, verified.context());
                return verified.context();
            }
            case TenantTokenVerifier.Rejected rejected -> {
                log.info("tenant token rejected on {} {}: {}", ctx.method(), ctx.path(),
                        rejected.reason().name().toLowerCase(Locale.ROOT));
                throw switch (rejected.outcome()) {
                    case INVALID_TOKEN -> new CodedError(403, "INVALID_TOKEN", INVALID_TOKEN);
                    case TOKEN_EXPIRED -> new CodedError(403, "TOKEN_EXPIRED", TOKEN_EXPIRED);
                    case AUTH_ERROR -> new CodedError(403, "AUTH_ERROR", AUTH_ERROR);
                };
            }
        }
    }

    /**
     * A tenant route's authentication and scope.
     *
     * @throws CodedError as {@link #authenticate(Context)}; 403 {@code WORKSPACE_REQUIRED} for a token without
     *                    {@code workspaceId}; 404 {@code WORKSPACE_NOT_FOUND} when it names no live project
     */
    public TenantScopes.Scoped scoped(Context ctx) {
        TenantContext context = authenticate(ctx);
        return switch (scopes.get().resolve(context)) {
            case TenantScopes.Scoped scoped -> scoped;
            case TenantScopes.WorkspaceRequired required -> throw new CodedError(403, "WORKSPACE_REQUIRED", WORKSPACE_REQUIRED);
            case TenantScopes.UnknownWorkspace unknown -> throw new CodedError(404, "WORKSPACE_NOT_FOUND", WORKSPACE_NOT_FOUND);
        };
    }

    /** The request's context: the verified one, or {@link TenantContext#anonymous()} before or without a token. */
    public static TenantContext context(Context ctx) {
        return ctx.attribute(ATTRIBUTE) instanceof TenantContext context ? context : TenantContext.anonymous();
    }
}
