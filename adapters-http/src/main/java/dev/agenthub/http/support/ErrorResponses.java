package dev.agenthub.http.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.agenthub.protocol.kernel.error.DomainError;
import dev.agenthub.protocol.kernel.error.Violation;
import dev.agenthub.protocol.kernel.tx.TransactionConflict;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one place where failures become HTTP responses, in the wire formats of both specs:
 * {@code {"detail": "…"}} for handler errors, the list-shaped 422 for validation and invalid JSON, extra
 * top-level keys where a format defines them, JSON 404/405/413 from the router, and an opaque 500.
 *
 * <p>Requests under {@link #CODED_PREFIX} on a mounted coded surface (the tenant dashboard, seeds R-T1; its
 * filter calls {@link #useCodedErrors(Context)}) get every one of these failures in the other shape instead,
 * {@code {"error":{"code","message"}}} (validation failures add {@code details}, the field problems). When the
 * surface is not mounted its paths are unknown paths like any other.
 */
public final class ErrorResponses {

    private static final Logger log = LoggerFactory.getLogger(ErrorResponses.class);

    /** The path prefix of the coded-error surface. */
    public static final String CODED_PREFIX = "/dashboard/";
    private static final String CODED_ATTRIBUTE = "agenthub.codedErrors";

    private ErrorResponses() {
    }

    /**
     * A before-handler of a mounted coded surface: a request whose path lies under {@link #CODED_PREFIX} gets its
     * errors in the coded shape.
     */
    public static void useCodedErrors(Context ctx) {
        if (codedPath(ctx.path())) {
            ctx.attribute(CODED_ATTRIBUTE, Boolean.TRUE);
        }
    }

    /** Whether a route path belongs to the coded-error surface (the OpenAPI document picks its schema by this). */
    public static boolean codedPath(String path) {
        return path.startsWith(CODED_PREFIX);
    }

    private static boolean coded(Context ctx) {
        return Boolean.TRUE.equals(ctx.attribute(CODED_ATTRIBUTE));
    }

    /** A {@link CodedError}: its status, code and message (in the coded shape wherever it is thrown). */
    public static void codedError(CodedError error, Context ctx) {
        coded(ctx, error.status(), error.code(), error.getMessage(), null);
    }

    /** The wire code of a domain error on the coded surface. */
    static String code(DomainError error) {
        return switch (error) {
            case DomainError.Unauthenticated e -> "AUTH_REQUIRED";
            case DomainError.Forbidden e -> "FORBIDDEN";
            case DomainError.NotFound e -> "NOT_FOUND";
            case DomainError.Conflict e -> "CONFLICT";
            case DomainError.Gone e -> "GONE";
            case DomainError.Invalid e -> "VALIDATION_ERROR";
            case DomainError.RateLimited e -> "RATE_LIMITED";
            case DomainError.Internal e -> "INTERNAL_ERROR";
            case DomainError.BadGateway e -> "BAD_GATEWAY";
            case DomainError.Unavailable e -> "SERVICE_UNAVAILABLE";
        };
    }

    private static void coded(Context ctx, int status, String code, String message, List<?> details) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", message);
        if (details != null) {
            error.put("details", details);
        }
        ctx.status(status).json(Map.of("error", error));
    }

    private static void codedDomainError(DomainError error, Context ctx) {
        if (error.detail() instanceof List<?> list) {
            coded(ctx, status(error), code(error), "Validation failed", violationBodies(list));
        } else {
            coded(ctx, status(error), code(error),
                    error.detail() instanceof String text ? text : error.getMessage(), null);
        }
    }

    /** The status code a domain error maps to. */
    public static int status(DomainError error) {
        return switch (error) {
            case DomainError.Unauthenticated e -> 401;
            case DomainError.Forbidden e -> 403;
            case DomainError.NotFound e -> 404;
            case DomainError.Conflict e -> 409;
            case DomainError.Gone e -> 410;
            case DomainError.Invalid e -> e.status();
            case DomainError.RateLimited e -> 429;
            case DomainError.Internal e -> 500;
            case DomainError.BadGateway e -> 502;
            case DomainError.Unavailable e -> 503;
        };
    }

    public static void domainError(DomainError error, Context ctx) {
        if (error instanceof DomainError.RateLimited limited) {
            ctx.header("Retry-After", Long.toString(limited.retryAfterSeconds()));
        }
        if (coded(ctx)) {
            codedDomainError(error, ctx);
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("detail", error.detail() instanceof List<?> list ? violationBodies(list) : error.detail());
        body.putAll(error.extraFields());
        if (error instanceof DomainError.Unauthenticated unauthenticated && unauthenticated.bearerChallenge()) {
            ctx.header("WWW-Authenticate", "Bearer");
        }
        ctx.status(status(error)).json(body);
    }

    /** Router-level outcomes: unknown path, wrong method, oversize body, and other Javalin responses. */
    public static void httpResponse(HttpResponseException exception, Context ctx) {
        int status = exception.getStatus();
        String detail = switch (status) {
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 413 -> "Request body too large";
            default -> exception.getMessage() == null || exception.getMessage().isBlank()
                    ? "HTTP " + status : exception.getMessage();
        };
        if (status == 405 && exception.getDetails() != null) {
            // Javalin names the detail differently when the client accepts HTML
            String methods = exception.getDetails().getOrDefault("availableMethods", exception.getDetails().get("Available methods"));
            if (methods != null) {
                ctx.header("Allow", methods.replaceAll("[\\[\\] ]", ""));
            }
        }
        if (coded(ctx)) {
            coded(ctx, status, switch (status) {
                case 404 -> "NOT_FOUND";
                case 405 -> "METHOD_NOT_ALLOWED";
                case 413 -> "PAYLOAD_TOO_LARGE";
                default -> "HTTP_" + status;
            }, detail, null);
            return;
        }
        ctx.status(status).json(Map.of("detail", detail));
    }

    /** A request body that is not JSON: 422, list-shaped, type {@code json_invalid}. */
    public static void invalidJson(JsonProcessingException exception, Context ctx) {
        long offset = exception.getLocation() == null ? 0 : Math.max(0, exception.getLocation().getCharOffset());
        Map<String, Object> element = new LinkedHashMap<>();
        element.put("type", "json_invalid");
        element.put("loc", List.of("body", offset));
        element.put("msg", "JSON decode error");
        element.put("input", Map.of());
        element.put("ctx", Map.of("error", exception.getOriginalMessage() == null ? "invalid JSON" : exception.getOriginalMessage()));
        if (coded(ctx)) {
            coded(ctx, 422, "VALIDATION_ERROR", "Invalid JSON body", List.of(element));
            return;
        }
        ctx.status(422).json(Map.of("detail", List.of(element)));
    }

    /**
     * The unexpected failures that have a client-facing meaning: text PostgreSQL cannot store is a 422
     * {@code Invalid text: NUL characters are not allowed}, a {@link TransactionConflict} a retryable 503.
     */
    public static java.util.Optional<DomainError> knownFailure(Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.sql.SQLException sql && UNSTORABLE_TEXT.contains(sql.getSQLState())) {
                return java.util.Optional.of(new DomainError.Invalid("Invalid text: NUL characters are not allowed"));
            }
            if (cause instanceof TransactionConflict) { // a lost race nothing retried: safe for the client to retry
                return java.util.Optional.of(new DomainError.Unavailable("The request collided with a concurrent one. Please retry."));
            }
        }
        return java.util.Optional.empty();
    }

    /** SQLSTATEs of text PostgreSQL cannot store (a NUL character, or bytes not valid in the encoding). */
    private static final java.util.Set<String> UNSTORABLE_TEXT = java.util.Set.of("22021", "22P05");

    /**
     * Anything unexpected: logged with the request id, answered without internals. The one database failure
     * that is the client's doing, text PostgreSQL cannot store (a NUL character in a query or path value),
     * is a 422 instead, and a {@link TransactionConflict} (a deadlock or a lost race the use case did not
     * retry) a retryable 503.
     */
    public static void unexpected(Exception exception, Context ctx) {
        java.util.Optional<DomainError> known = knownFailure(exception);
        if (known.isPresent()) {
            if (coded(ctx)) {
                codedDomainError(known.get(), ctx);
                return;
            }
            ctx.status(status(known.get())).json(Map.of("detail", known.get().detail()));
            return;
        }
        String requestId = ctx.attribute(RequestContext.ATTRIBUTE) instanceof RequestContext rc ? rc.requestId() : "-";
        log.error("unhandled error on {} {} (request {})", ctx.method(), ctx.path(), requestId, exception);
        if (coded(ctx)) {
            coded(ctx, 500, "INTERNAL_ERROR", "Internal server error", null);
            return;
        }
        ctx.status(500).json(Map.of("detail", "Internal server error"));
    }

    private static List<Map<String, Object>> violationBodies(List<?> violations) {
        return violations.stream().map(v -> violationBody((Violation) v)).toList();
    }

    private static Map<String, Object> violationBody(Violation violation) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", violation.type());
        body.put("loc", violation.loc());
        body.put("msg", violation.msg());
        body.put("input", violation.input());
        if (!violation.ctx().isEmpty()) {
            body.put("ctx", violation.ctx());
        }
        return body;
    }
}
