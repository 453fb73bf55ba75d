package dev.agenthub.http;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the HTTP adapter.
 *
 * @param maxRequestBytes largest request body accepted; larger ones get 413 with a JSON detail
 * @param statusKeepalive silence after which {@code GET /v1/status/stream} writes a keepalive comment (§13.1: 30 s)
 */
public record HttpSettings(long maxRequestBytes, Duration statusKeepalive) {

    /** 16 MiB: room for bdh's 10 MiB JSONL sync payloads once JSON-escaped. */
    public static final long DEFAULT_MAX_REQUEST_BYTES = 16L * 1024 * 1024;
    /** §13.1. */
    public static final Duration DEFAULT_STATUS_KEEPALIVE = Duration.ofSeconds(30);

    public HttpSettings {
        if (maxRequestBytes < 1024) {
            throw new IllegalArgumentException("maxRequestBytes must be at least 1024");
        }
        Objects.requireNonNull(statusKeepalive, "statusKeepalive");
        if (statusKeepalive.isNegative() || statusKeepalive.isZero()) {
            throw new IllegalArgumentException("statusKeepalive must be positive");
        }
    }

    public HttpSettings(long maxRequestBytes) {
        this(maxRequestBytes, DEFAULT_STATUS_KEEPALIVE);
    }

    public static HttpSettings defaults() {
        return new HttpSettings(DEFAULT_MAX_REQUEST_BYTES);
    }
}
