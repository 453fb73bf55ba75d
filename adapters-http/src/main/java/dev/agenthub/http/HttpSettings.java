package dev.agenthub.http;

/**
 * Settings of the HTTP adapter.
 *
 * @param maxRequestBytes largest request body accepted; larger ones get 413 with a JSON detail
 */
public record HttpSettings(long maxRequestBytes) {

    /** 16 MiB: room for bdh's 10 MiB JSONL sync payloads once JSON-escaped. */
    public static final long DEFAULT_MAX_REQUEST_BYTES = 16L * 1024 * 1024;

    public HttpSettings {
        if (maxRequestBytes < 1024) {
            throw new IllegalArgumentException("maxRequestBytes must be at least 1024");
        }
    }

    public static HttpSettings defaults() {
        return new HttpSettings(DEFAULT_MAX_REQUEST_BYTES);
    }
}
