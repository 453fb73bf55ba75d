package dev.agenthub.http.support;

import io.javalin.http.Context;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Assigns each request its id and trace context (Agent Hub spec §2.1–2.2) and sets the response headers
 * {@code X-Request-ID}, {@code X-Trace-ID} and {@code traceparent} before anything else runs, so every
 * response carries them, errors included.
 */
public final class RequestTracing {

    public static final String REQUEST_ID = "X-Request-ID";
    public static final String TRACE_ID = "X-Trace-ID";
    public static final String TRACEPARENT = "traceparent";

    /** Longest client-supplied request id echoed; longer ones are replaced by a generated id. */
    private static final int MAX_REQUEST_ID_LENGTH = 200;

    private final SecureRandom random = new SecureRandom();

    /** The before-filter: establishes the {@link RequestContext} and its headers. */
    public void begin(Context ctx) {
        long started = System.nanoTime();
        String requestId = requestId(ctx.header(REQUEST_ID));
        String[] parent = parseTraceparent(ctx.header(TRACEPARENT));
        String traceId = parent != null ? parent[0] : randomHex(16);
        String flags = parent != null ? parent[1] : "01";
        RequestContext context = new RequestContext(requestId, traceId, randomHex(8), flags, started);
        ctx.attribute(RequestContext.ATTRIBUTE, context);
        ctx.header(REQUEST_ID, requestId);
        ctx.header(TRACE_ID, traceId);
        ctx.header(TRACEPARENT, context.traceparent());
    }

    private String requestId(String header) {
        String trimmed = header == null ? "" : header.strip();
        boolean printable = trimmed.chars().allMatch(c -> c > 0x20 && c < 0x7f);
        if (trimmed.isEmpty() || trimmed.length() > MAX_REQUEST_ID_LENGTH || !printable) {
            return randomHex(16);
        }
        return trimmed;
    }

    /**
     * Parses a {@code traceparent}: lowercased and trimmed, exactly four {@code -}-separated parts, version
     * {@code 00}, a 32-hex non-zero trace id, a 16-hex non-zero parent id and 2-hex flags.
     *
     * @return {trace id, flags}, or null when absent or invalid
     */
    static String[] parseTraceparent(String header) {
        if (header == null) {
            return null;
        }
        String[] parts = header.strip().toLowerCase(Locale.ROOT).split("-", -1);
        if (parts.length != 4 || !parts[0].equals("00")) {
            return null;
        }
        if (!isHex(parts[1], 32) || isAllZero(parts[1]) || !isHex(parts[2], 16) || isAllZero(parts[2]) || !isHex(parts[3], 2)) {
            return null;
        }
        return new String[]{parts[1], parts[3]};
    }

    private static boolean isHex(String text, int length) {
        return text.length() == length && text.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
    }

    private static boolean isAllZero(String text) {
        return text.chars().allMatch(c -> c == '0');
    }

    private String randomHex(int bytes) {
        byte[] buffer = new byte[bytes];
        random.nextBytes(buffer);
        return HexFormat.of().formatHex(buffer);
    }
}
