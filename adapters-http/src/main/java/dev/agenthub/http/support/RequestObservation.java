package dev.agenthub.http.support;

import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;

/**
 * The after-filter of every request: one access-log line (method, path, route template, status,
 * latency, request and trace ids) and the {@code http_server_requests_seconds} timer tagged by route
 * template, so metrics stay bounded however many distinct paths clients send.
 */
public final class RequestObservation {

    /** The route tag of requests that matched no route. */
    public static final String UNMATCHED = "unmatched";

    private static final Logger accessLog = LoggerFactory.getLogger("dev.agenthub.http.access");

    private final MeterRegistry registry;

    public RequestObservation(MeterRegistry registry) {
        this.registry = registry;
    }

    public void complete(Context ctx) {
        RequestContext request = ctx.attribute(RequestContext.ATTRIBUTE);
        if (request == null) {
            return;
        }
        long elapsed = System.nanoTime() - request.startedNanos();
        String route = routeTemplate(ctx);
        int status = ctx.statusCode();
        Timer.builder("http.server.requests")
                .description("HTTP requests handled, by method, route template and status")
                .tag("method", ctx.method().name())
                .tag("route", route)
                .tag("status", Integer.toString(status))
                .tag("outcome", outcome(status))
                .register(registry)
                .record(elapsed, TimeUnit.NANOSECONDS);
        if (accessLog.isInfoEnabled()) {
            accessLog.info("{} {} route={} status={} duration_ms={} request_id={} trace_id={}",
                    ctx.method().name(), ctx.path(), route, status,
                    String.format("%.1f", elapsed / 1_000_000.0), request.requestId(), request.traceId());
        }
    }

    private static String routeTemplate(Context ctx) {
        Endpoint endpoint = ctx.endpoints().lastHttpEndpoint();
        return endpoint == null || endpoint.path.isEmpty() ? UNMATCHED : endpoint.path;
    }

    private static String outcome(int status) {
        if (status >= 500) {
            return "SERVER_ERROR";
        }
        if (status >= 400) {
            return "CLIENT_ERROR";
        }
        return status >= 300 ? "REDIRECTION" : "SUCCESS";
    }
}
