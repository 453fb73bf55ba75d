package dev.agenthub.http.ratelimit;

import java.util.Objects;
import java.util.Set;

/**
 * Settings of the write rate limiter (wire spec agenthub §2.3, plus a per-API-key window of ours).
 *
 * @param enabled           {@code AGENT_HUB_RATE_LIMIT_ENABLED}
 * @param perIpLimit        {@code AGENT_HUB_RATE_LIMIT_REQUESTS_PER_MINUTE} (1..10000)
 * @param perKeyLimit       {@code AGENT_HUB_RATE_LIMIT_PER_KEY_REQUESTS_PER_MINUTE} (0 = off, else 1..10000)
 * @param trustProxyHeaders {@code AGENT_HUB_RATE_LIMIT_TRUST_PROXY_HEADERS}
 * @param trustedProxies    {@code AGENT_HUB_TRUSTED_PROXY_IPS}: peer addresses whose forwarding headers count
 */
public record WriteRateLimitSettings(boolean enabled, int perIpLimit, int perKeyLimit, boolean trustProxyHeaders,
                                     Set<String> trustedProxies) {

    public static final int DEFAULT_PER_IP_LIMIT = 120;
    public static final int MAX_LIMIT = 10_000;

    public WriteRateLimitSettings {
        if (perIpLimit < 1 || perIpLimit > MAX_LIMIT) {
            throw new IllegalArgumentException("perIpLimit must be 1.." + MAX_LIMIT);
        }
        if (perKeyLimit < 0 || perKeyLimit > MAX_LIMIT) {
            throw new IllegalArgumentException("perKeyLimit must be 0.." + MAX_LIMIT);
        }
        trustedProxies = Set.copyOf(Objects.requireNonNull(trustedProxies, "trustedProxies"));
    }

    public static WriteRateLimitSettings off() {
        return new WriteRateLimitSettings(false, DEFAULT_PER_IP_LIMIT, 0, false, Set.of());
    }
}
