package dev.agenthub.http.docs;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What the OpenAPI document says about one route: its group, a one-line summary, and the documented
 * responses (status → description). Every route is registered together with its {@code Operation}, so
 * the document cannot fall behind the router.
 */
public record Operation(String tag, String summary, Map<Integer, String> responses, String responseContentType) {

    public Operation {
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(summary, "summary");
        responses = Map.copyOf(responses);
        Objects.requireNonNull(responseContentType, "responseContentType");
    }

    public static Operation of(String tag, String summary) {
        return new Operation(tag, summary, Map.of(200, "OK"), "application/json");
    }

    /** Adds a documented response. */
    public Operation respond(int status, String description) {
        Map<Integer, String> merged = new LinkedHashMap<>(responses);
        merged.put(status, description);
        return new Operation(tag, summary, merged, responseContentType);
    }

    /** The content type of the success response (default {@code application/json}). */
    public Operation produces(String contentType) {
        return new Operation(tag, summary, responses, contentType);
    }
}
