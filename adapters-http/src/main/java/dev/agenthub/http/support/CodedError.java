package dev.agenthub.http.support;

import java.util.Objects;

/**
 * A failure of a coded-error surface (the tenant dashboard, seeds R-T1) that has its own wire code, e.g. 401
 * {@code AUTH_REQUIRED} or 403 {@code INVALID_TOKEN}: {@link ErrorResponses} renders it as
 * {@code {"error":{"code","message"}}}. The message is a fixed text chosen by the thrower, never a library's or a
 * token's text. Control flow for an anticipated outcome, so it carries no stack trace.
 */
public final class CodedError extends RuntimeException {

    private final int status;
    private final String code;

    public CodedError(int status, String code, String message) {
        super(Objects.requireNonNull(message, "message"), null, false, false);
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("an error status is 4xx or 5xx: " + status);
        }
        this.status = status;
        this.code = Objects.requireNonNull(code, "code");
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
