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
 */
public final class ErrorResponses {

    private static final Logger log = LoggerFactory.getLogger(ErrorResponses.class);

    private ErrorResponses() {
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
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("detail", error.detail() instanceof List<?> list ? violationBodies(list) : error.detail());
        body.putAll(error.extraFields());
        if (error instanceof DomainError.Unauthenticated unauthenticated && unauthenticated.bearerChallenge()) {
            ctx.header("WWW-Authenticate", "Bearer");
        }
        if (error instanceof DomainError.RateLimited limited) {
            ctx.header("Retry-After", Long.toString(limited.retryAfterSeconds()));
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
            ctx.status(status(known.get())).json(Map.of("detail", known.get().detail()));
            return;
        }
        String requestId = ctx.attribute(RequestContext.ATTRIBUTE) instanceof RequestContext rc ? rc.requestId() : "-";
        log.error("unhandled error on {} {} (request {})", ctx.method(), ctx.path(), requestId, exception);
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
