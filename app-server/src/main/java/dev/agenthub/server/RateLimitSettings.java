package dev.agenthub.server;

import dev.agenthub.http.ratelimit.IpLiterals;
import dev.agenthub.http.ratelimit.WriteRateLimitSettings;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The write rate limiter's settings (wire spec agenthub §2.3, §12; per-key window after R-K2).
 *
 * @param enabled           {@code AGENT_HUB_RATE_LIMIT_ENABLED} (default off)
 * @param perIpLimit        {@code AGENT_HUB_RATE_LIMIT_REQUESTS_PER_MINUTE} (1..10000, default 120)
 * @param perKeyLimit       {@code AGENT_HUB_RATE_LIMIT_PER_KEY_REQUESTS_PER_MINUTE} (ours; 0..10000, default 0 = off)
 * @param trustProxyHeaders {@code AGENT_HUB_RATE_LIMIT_TRUST_PROXY_HEADERS} (default off): take the client IP from
 *                          {@code X-Forwarded-For} / {@code X-Real-IP} of a trusted proxy. Not the same as
 *                          {@code AGENT_HUB_TRUST_PROXY_HEADERS}, the signed proxy headers of {@code /v1}.
 * @param trustedProxies    {@code AGENT_HUB_TRUSTED_PROXY_IPS}: comma list of IP literals, matched exactly
 */
public record RateLimitSettings(boolean enabled, int perIpLimit, int perKeyLimit, boolean trustProxyHeaders,
                                Set<String> trustedProxies) {

    public RateLimitSettings {
        trustedProxies = Set.copyOf(trustedProxies);
    }

    public static RateLimitSettings defaults() {
        return new RateLimitSettings(false, WriteRateLimitSettings.DEFAULT_PER_IP_LIMIT, 0, false, Set.of());
    }

    static RateLimitSettings parse(HubConfig.Reader reader) {
        boolean enabled = reader.flag("AGENT_HUB_RATE_LIMIT_ENABLED");
        long perIp = reader.integer(WriteRateLimitSettings.DEFAULT_PER_IP_LIMIT, 1, WriteRateLimitSettings.MAX_LIMIT,
                "AGENT_HUB_RATE_LIMIT_REQUESTS_PER_MINUTE");
        long perKey = reader.integer(0, 0, WriteRateLimitSettings.MAX_LIMIT,
                "AGENT_HUB_RATE_LIMIT_PER_KEY_REQUESTS_PER_MINUTE");
        boolean trustProxy = reader.flag("AGENT_HUB_RATE_LIMIT_TRUST_PROXY_HEADERS");
        Set<String> proxies = new LinkedHashSet<>();
        for (String entry : reader.string("", "AGENT_HUB_TRUSTED_PROXY_IPS").split(",", -1)) {
            String ip = entry.strip();
            if (ip.isEmpty()) {
                continue;
            }
            if (!IpLiterals.isValid(ip)) {
                reader.problem("AGENT_HUB_TRUSTED_PROXY_IPS: '" + ip + "' is not an IPv4 or IPv6 address");
            } else {
                proxies.add(ip);
            }
        }
        return new RateLimitSettings(enabled, (int) perIp, (int) perKey, trustProxy, proxies);
    }

    /** The HTTP adapter's form. */
    public WriteRateLimitSettings toHttp() {
        return new WriteRateLimitSettings(enabled, perIpLimit, perKeyLimit, trustProxyHeaders, trustedProxies);
    }
}
