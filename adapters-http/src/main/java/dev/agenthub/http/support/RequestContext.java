package dev.agenthub.http.support;

import io.javalin.http.Context;

/**
 * Per-request facts every handler, log line and error body may need: the request id echoed in
 * {@code X-Request-ID}, the W3C trace context, and when the request started.
 */
public record RequestContext(String requestId, String traceId, String spanId, String traceFlags, long startedNanos) {

    static final String ATTRIBUTE = "agent-hub.request-context";

    /** The context of {@code ctx}; present for every request that passed the plugin's first filter. */
    public static RequestContext of(Context ctx) {
        RequestContext context = ctx.attribute(ATTRIBUTE);
        if (context == null) {
            throw new IllegalStateException("request context missing: is AgentHubHttpPlugin installed?");
        }
        return context;
    }

    /** The {@code traceparent} this server answers with. */
    public String traceparent() {
        return "00-" + traceId + "-" + spanId + "-" + traceFlags;
    }
}
