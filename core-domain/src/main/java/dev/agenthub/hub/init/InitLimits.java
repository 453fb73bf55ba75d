package dev.agenthub.hub.init;

import java.time.Duration;
import java.util.Objects;

/**
 * The {@code /v1/init} rate limit: {@code limit} requests per client IP in a fixed window
 * ({@code BEADHUB_INIT_RATE_LIMIT}, {@code BEADHUB_INIT_RATE_WINDOW}; 10 per 60 s by default).
 */
public record InitLimits(int limit, Duration window) {

    public static final InitLimits DEFAULT = new InitLimits(10, Duration.ofSeconds(60));

    public InitLimits {
        Objects.requireNonNull(window, "window");
        if (limit < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("a rate limit allows at least one request in a positive window");
        }
    }
}
