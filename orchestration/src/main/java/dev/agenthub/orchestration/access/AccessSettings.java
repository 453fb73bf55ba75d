package dev.agenthub.orchestration.access;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How the Agent Hub gates of wire spec §3 are configured. All gates are off by default.
 *
 * @param requireApiKey {@code AGENT_HUB_REQUIRE_API_KEY}: writes and {@code POST /auth/token} need a configured key
 * @param keys          {@code AGENT_HUB_API_KEYS}, with their maximum roles (§14 D4)
 * @param requireRoles  {@code AGENT_HUB_AUTH_REQUIRE_ROLES}: writes need a bearer JWT of role maintainer or above
 * @param requireReads  {@code AGENT_HUB_AUTH_REQUIRE_READS}: reads need a bearer JWT of any role
 * @param jwtSecret     {@code AGENT_HUB_JWT_SECRET}, trimmed; empty when not configured
 * @param jwtTtl        {@code AGENT_HUB_JWT_TTL_SECONDS}: the lifetime of a minted token that asks for none
 */
public record AccessSettings(boolean requireApiKey, ApiKeyRing keys, boolean requireRoles, boolean requireReads,
                             Optional<String> jwtSecret, Duration jwtTtl) {

    /** §3.5: 3600 seconds. */
    public static final Duration DEFAULT_JWT_TTL = Duration.ofHours(1);

    public AccessSettings {
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(jwtSecret, "jwtSecret");
        Objects.requireNonNull(jwtTtl, "jwtTtl");
        jwtSecret = jwtSecret.map(String::strip).filter(secret -> !secret.isEmpty());
        if (jwtTtl.isNegative() || jwtTtl.isZero() || jwtTtl.getNano() != 0) {
            throw new IllegalArgumentException("jwtTtl must be a positive whole number of seconds, not " + jwtTtl);
        }
    }

    /** Every gate off, no keys, no secret: the default. */
    public static AccessSettings open() {
        return new AccessSettings(false, ApiKeyRing.empty(), false, false, Optional.empty(), DEFAULT_JWT_TTL);
    }

    /** Whether any of the three gates is on. */
    public boolean anyGate() {
        return requireApiKey || requireRoles || requireReads;
    }

    /** Never shows the secret. */
    @Override
    public String toString() {
        return "AccessSettings[requireApiKey=" + requireApiKey + ", keys=" + keys + ", requireRoles=" + requireRoles
                + ", requireReads=" + requireReads + ", jwtSecret=" + (jwtSecret.isPresent() ? "***" : "none")
                + ", jwtTtl=" + jwtTtl.toSeconds() + "s]";
    }
}
