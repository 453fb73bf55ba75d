package dev.agenthub.http.autopilot.auth;

import io.javalin.http.Context;

import java.util.Locale;
import java.util.Optional;

/**
 * The credentials a request presents to the Agent Hub gates: the trimmed {@code X-API-Key} and the bearer token of
 * {@code Authorization} (wire spec §3.4).
 *
 * @param apiKeyHeader the trimmed {@code X-API-Key}, empty when absent or blank
 * @param bearer       the bearer token, empty when there is none
 */
record Credentials(String apiKeyHeader, Optional<String> bearer) {

    static Credentials of(Context ctx) {
        String header = ctx.header("X-API-Key");
        return new Credentials(header == null ? "" : header.strip(), bearer(ctx.header("Authorization")));
    }

    /**
     * §3.4: trim the header and split it on the first space; the scheme is {@code bearer} in any case and the token
     * is non-empty after trimming. Anything else is no bearer.
     */
    static Optional<String> bearer(String authorization) {
        if (authorization == null) {
            return Optional.empty();
        }
        String value = authorization.strip();
        int space = value.indexOf(' ');
        if (space < 0) {
            return Optional.empty();
        }
        String scheme = value.substring(0, space).strip().toLowerCase(Locale.ROOT);
        String token = value.substring(space + 1).strip();
        return scheme.equals("bearer") && !token.isEmpty() ? Optional.of(token) : Optional.empty();
    }

    /** §3.1: the key is {@code X-API-Key} when non-empty, else the bearer token. */
    String presentedKey() {
        return !apiKeyHeader.isEmpty() ? apiKeyHeader : bearer.orElse("");
    }

    /** Whether the presented key is the bearer token rather than {@code X-API-Key}. */
    boolean keyFromBearer() {
        return apiKeyHeader.isEmpty() && bearer.isPresent();
    }
}
