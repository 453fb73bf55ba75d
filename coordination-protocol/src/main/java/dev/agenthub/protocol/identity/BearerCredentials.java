package dev.agenthub.protocol.identity;

import dev.agenthub.protocol.kernel.error.DomainError;

/**
 * Reads the {@code Authorization} header of the coordination API (wire spec §3.1). It must be exactly
 * {@code Bearer <key>}: the scheme is case-sensitive and followed by one space. Every 401 carries
 * {@code WWW-Authenticate: Bearer}.
 */
public final class BearerCredentials {

    private static final String SCHEME = "Bearer ";

    private BearerCredentials() {
    }

    /**
     * The presented key.
     *
     * @param header the raw header value, or null when the request has none
     * @throws DomainError.Unauthenticated {@code Authentication required} without a header, or
     *                                     {@code Invalid Authorization header. Expected: Bearer <token>}
     *                                     for any other form
     */
    public static ApiKeySecret parse(String header) {
        if (header == null) {
            throw new DomainError.Unauthenticated("Authentication required", true);
        }
        if (!header.startsWith(SCHEME) || header.length() == SCHEME.length()
                || header.indexOf(' ', SCHEME.length()) >= 0 || Character.isWhitespace(header.charAt(SCHEME.length()))) {
            throw new DomainError.Unauthenticated("Invalid Authorization header. Expected: Bearer <token>", true);
        }
        return ApiKeySecret.presented(header.substring(SCHEME.length()));
    }

    /** The 401 for a well-formed header whose key is unknown or deactivated. */
    public static DomainError.Unauthenticated invalidKey() {
        return new DomainError.Unauthenticated("Invalid API key", true);
    }
}
