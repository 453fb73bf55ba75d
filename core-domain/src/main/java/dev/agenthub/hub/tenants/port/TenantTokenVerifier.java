package dev.agenthub.hub.tenants.port;

import dev.agenthub.hub.tenants.TenantContext;

import java.util.Objects;

/**
 * Port: verifies an identity provider's bearer token for the tenant-scoped surfaces (seeds R-T1).
 *
 * <p>Contract: {@link #verify(String)} never throws for any input (null, blank, garbage, huge) and never returns
 * null; every outcome is a {@link Verification} value. A rejection carries only a fixed {@link Reason}, never the
 * token, its claims or an underlying library's message, so callers may log a rejection's reason freely and must
 * not need anything else. Time comes from the implementation's injected clock. Implementations are immutable and
 * safe for concurrent use.
 */
public interface TenantTokenVerifier {

    /** The outcome for {@code token} (the credential after {@code Bearer }). */
    Verification verify(String token);

    /** What a token verified as. */
    sealed interface Verification permits Verified, Rejected {
    }

    /** A valid token: its subject and pass-through claims. */
    record Verified(TenantContext context) implements Verification {
        public Verified {
            Objects.requireNonNull(context, "context");
            if (!context.authenticated()) {
                throw new IllegalArgumentException("a verified context has a subject");
            }
        }
    }

    /** A rejected token and why, as a fixed reason. */
    record Rejected(Reason reason) implements Verification {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
        }

        public Outcome outcome() {
            return reason.outcome();
        }
    }

    /** The three rejection outcomes of R-T1, each a 403 with its own code. */
    enum Outcome {
        /** Bad signature, malformed token, wrong algorithm, or a required claim missing or of the wrong type. */
        INVALID_TOKEN,
        /** {@code exp} has passed. */
        TOKEN_EXPIRED,
        /** Any other failure of a well-formed, correctly signed, unexpired token (issuer, audience, not yet valid). */
        AUTH_ERROR
    }

    /** Why a token was rejected; safe to log. */
    enum Reason {
        MALFORMED(Outcome.INVALID_TOKEN),
        WRONG_ALGORITHM(Outcome.INVALID_TOKEN),
        BAD_SIGNATURE(Outcome.INVALID_TOKEN),
        MISSING_SUBJECT(Outcome.INVALID_TOKEN),
        MISSING_EXPIRY(Outcome.INVALID_TOKEN),
        ILL_TYPED_CLAIM(Outcome.INVALID_TOKEN),
        EXPIRED(Outcome.TOKEN_EXPIRED),
        NOT_YET_VALID(Outcome.AUTH_ERROR),
        WRONG_ISSUER(Outcome.AUTH_ERROR),
        WRONG_AUDIENCE(Outcome.AUTH_ERROR);

        private final Outcome outcome;

        Reason(Outcome outcome) {
            this.outcome = outcome;
        }

        public Outcome outcome() {
            return outcome;
        }
    }
}
