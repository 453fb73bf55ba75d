package dev.agenthub.hub.tenants;

import java.util.Objects;
import java.util.Optional;

/**
 * The request context of a tenant-scoped request (seeds R-T1): who the identity provider's token says the caller
 * is. Every field but {@code userId} is passed through from an optional claim as given.
 *
 * @param userId      the token's {@code sub}; null only in {@link #anonymous()}
 * @param sessionId   the {@code sessionId} claim, or null
 * @param workspaceId the {@code workspaceId} claim (the tenant: a coordination project id), or null
 * @param email       the {@code email} claim, or null
 * @param name        the {@code name} claim, or null
 */
public record TenantContext(String userId, String sessionId, String workspaceId, String email, String name) {

    private static final TenantContext ANONYMOUS = new TenantContext(null, null, null, null, null);

    public TenantContext {
        if (userId != null && userId.isEmpty()) {
            throw new IllegalArgumentException("userId is a non-empty sub or null");
        }
    }

    /** A verified caller: {@code sub} is required and non-empty. */
    public static TenantContext verified(String userId, String sessionId, String workspaceId, String email,
                                         String name) {
        Objects.requireNonNull(userId, "userId");
        return new TenantContext(userId, sessionId, workspaceId, email, name);
    }

    /** The context of a request without a token on a public route: every field null. */
    public static TenantContext anonymous() {
        return ANONYMOUS;
    }

    public boolean authenticated() {
        return userId != null;
    }

    public Optional<String> workspace() {
        return Optional.ofNullable(workspaceId);
    }
}
