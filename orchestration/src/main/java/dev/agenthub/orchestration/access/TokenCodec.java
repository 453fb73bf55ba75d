package dev.agenthub.orchestration.access;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Mints and verifies the bearer tokens of wire spec §3.5: signed tokens carrying a subject, a {@link Role}, the
 * issue time and the expiry. An implementation is keyed with the hub's secret and reads time from the hub's clock,
 * so that {@code iat}, {@code exp} and the expiry check all follow the same clock.
 */
public interface TokenCodec {

    /**
     * A signed token for {@code subject} acting as {@code role}, issued now and expiring {@code ttl} later.
     *
     * @param subject the {@code sub} claim; non-empty
     * @param role    the {@code role} claim
     * @param ttl     a positive whole number of seconds: {@code exp = iat + ttl}
     * @param akh     the optional audit claim of §14 D4 (see {@link ApiKeyRing#akh(String)}); absent: no such claim
     * @return the compact token text
     * @throws IllegalArgumentException for an empty subject or a ttl that is not a positive whole number of seconds
     */
    String mint(String subject, Role role, Duration ttl, Optional<String> akh);

    /**
     * What {@code token} proves. Never throws for bad input: anything that is not a token this codec signed,
     * with every required claim well-formed and a known role, is {@link Malformed}; a token that is otherwise
     * valid but whose expiry is at or before now (no leeway) is {@link Expired}. Unknown extra claims are ignored.
     */
    Verification verify(String token);

    /** The outcome of {@link #verify}. */
    sealed interface Verification {
    }

    /** A token this codec signed, unexpired, naming {@code subject} with {@code role}. */
    record Valid(String subject, Role role) implements Verification {
        public Valid {
            Objects.requireNonNull(subject, "subject");
            Objects.requireNonNull(role, "role");
        }
    }

    /** Correctly signed and complete, but expired (§3.2 {@code Token expired}). */
    record Expired() implements Verification {
    }

    /** Anything else (§3.2 {@code Malformed bearer token}). */
    record Malformed() implements Verification {
    }
}
