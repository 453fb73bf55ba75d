package dev.agenthub.protocol.kernel.error;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SequencedMap;

/**
 * Expected failures of a use case, mapped to HTTP status codes in exactly one place (adapters-http).
 *
 * <p>The {@link #detail()} is what clients see: usually a string, sometimes a structured object (the
 * ambiguous-repo 409) or the list-shaped validation detail ({@link Invalid#violations()}). Some wire
 * formats add keys beside {@code detail} at the top level of the body (the reservation 409 holder
 * fields, the 410 successor fields): those are {@link #extraFields()}.
 *
 * <p>These are control flow for anticipated outcomes, so they carry no stack trace.
 */
public abstract sealed class DomainError extends RuntimeException {

    private final transient Object detail;
    private final transient Map<String, Object> extraFields;

    private DomainError(String message, Object detail, Map<String, Object> extraFields) {
        super(message, null, false, false);
        this.detail = Objects.requireNonNull(detail, "detail");
        this.extraFields = extraFields == null || extraFields.isEmpty()
                ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(extraFields));
    }

    /** The {@code detail} value of the error body: a String, a Map, or a List of {@link Violation}s. */
    public Object detail() {
        return detail;
    }

    /** Keys emitted beside {@code detail} at the top level of the error body, in order. */
    public Map<String, Object> extraFields() {
        return extraFields;
    }

    /** 401: missing, malformed or unknown credentials. */
    public static final class Unauthenticated extends DomainError {
        private final boolean bearerChallenge;

        public Unauthenticated(String message, boolean bearerChallenge) {
            super(message, message, Map.of());
            this.bearerChallenge = bearerChallenge;
        }

        /** Whether the response carries {@code WWW-Authenticate: Bearer}. */
        public boolean bearerChallenge() {
            return bearerChallenge;
        }
    }

    /** 403: authenticated, but not allowed to do this. */
    public static final class Forbidden extends DomainError {
        public Forbidden(String message) {
            super(message, message, Map.of());
        }
    }

    /** 404: absent, or belongs to another tenant (which must look the same). */
    public static final class NotFound extends DomainError {
        public NotFound(String message) {
            super(message, message, Map.of());
        }
    }

    /** 409: the request conflicts with current state. */
    public static final class Conflict extends DomainError {
        public Conflict(String message) {
            super(message, message, Map.of());
        }

        /**
         * A conflict whose body carries extra top-level keys (e.g. the reservation holder), emitted in the map's
         * order: a sequenced map, because wire bodies must not depend on hash order.
         */
        public Conflict(String message, SequencedMap<String, Object> extraFields) {
            super(message, message, extraFields);
        }

        /** A conflict whose {@code detail} is an object rather than a string. */
        public static Conflict withStructuredDetail(String message, SequencedMap<String, Object> detail) {
            return new Conflict(message, Collections.unmodifiableMap(new LinkedHashMap<>(detail)), true);
        }

        private Conflict(String message, Map<String, Object> detail, boolean structured) {
            super(message, detail, Map.of());
        }
    }

    /** 410: existed once, now retired or deleted. */
    public static final class Gone extends DomainError {
        public Gone(String message) {
            super(message, message, Map.of());
        }

        /** A 410 with extra top-level keys (e.g. the successor fields), emitted in the map's order. */
        public Gone(String message, SequencedMap<String, Object> extraFields) {
            super(message, message, extraFields);
        }
    }

    /** 422 (or the status the endpoint documents): the input breaks a rule. */
    public static final class Invalid extends DomainError {
        private final transient List<Violation> violations;
        private final int status;

        /** A string-detail 422, e.g. {@code Invalid cursor: bad base64}. */
        public Invalid(String message) {
            this(message, 422);
        }

        /** A string-detail rejection with another documented 4xx status (400, 413). */
        public Invalid(String message, int status) {
            super(message, message, Map.of());
            if (status < 400 || status > 499) {
                throw new IllegalArgumentException("a client error status is 4xx: " + status);
            }
            this.violations = List.of();
            this.status = status;
        }

        /** A list-shaped 422. */
        public Invalid(List<Violation> violations) {
            super(summary(violations), List.copyOf(violations), Map.of());
            this.violations = List.copyOf(violations);
            this.status = 422;
        }

        public static Invalid of(Violation violation) {
            return new Invalid(List.of(violation));
        }

        /** The violations of a list-shaped error; empty for a string detail. */
        public List<Violation> violations() {
            return violations;
        }

        public int status() {
            return status;
        }

        private static String summary(List<Violation> violations) {
            if (violations.isEmpty()) {
                throw new IllegalArgumentException("a list-shaped error needs at least one violation");
            }
            Violation first = violations.get(0);
            return first.loc() + ": " + first.msg() + (violations.size() > 1 ? " (+" + (violations.size() - 1) + " more)" : "");
        }
    }

    /** 429: too many requests; the client may retry after {@link #retryAfterSeconds()}. */
    public static final class RateLimited extends DomainError {
        private final long retryAfterSeconds;

        public RateLimited(String message, long retryAfterSeconds) {
            super(message, message, Map.of());
            this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
        }

        public long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }

    /**
     * 502: a record another layer supplied breaks this layer's rules, e.g. an agent whose alias does not pass the
     * beadhub pattern when a workspace is registered for it (§4.1 {@code POST /v1/workspaces/register}), or an
     * upstream service that failed, e.g. a forge API call of the Agent Hub PR sync (agenthub §10).
     */
    public static final class BadGateway extends DomainError {
        public BadGateway(String message) {
            super(message, message, Map.of());
        }
    }

    /**
     * 500 with a documented detail, where the wire spec names one, e.g. {@code Failed to reload default policy
     * bundle: <reason>} (§11.3). Anything else unexpected stays the opaque {@code Internal server error}.
     */
    public static final class Internal extends DomainError {
        public Internal(String message) {
            super(message, message, Map.of());
        }
    }

    /** 503: a dependency the operation needs is down; safe to retry later. */
    public static final class Unavailable extends DomainError {
        public Unavailable(String message) {
            super(message, message, Map.of());
        }
    }
}
