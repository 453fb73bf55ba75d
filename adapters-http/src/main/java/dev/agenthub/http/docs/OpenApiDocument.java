package dev.agenthub.http.docs;

import dev.agenthub.http.support.ErrorResponses;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The OpenAPI 3.1 description of every route registered through {@link ApiRoutes}, served at
 * {@code /openapi.json}. Error responses reference the shared {@code Error} and {@code ValidationError}
 * schemas of both specs.
 */
public final class OpenApiDocument {

    private static final Pattern PATH_PARAMETER = Pattern.compile("\\{([^}]+)}");
    private static final Pattern SLASH_PARAMETER = Pattern.compile("<([^>]+)>");

    private final String title;
    private final String version;
    private final Map<String, Map<String, Operation>> paths = new TreeMap<>();

    public OpenApiDocument(String title, String version) {
        this.title = title;
        this.version = version;
    }

    /**
     * Documents a route; a Javalin path parameter that may span slashes ({@code <address>}) is documented as an
     * ordinary OpenAPI one ({@code {address}}).
     */
    synchronized void add(String method, String path, Operation operation) {
        String documentedPath = SLASH_PARAMETER.matcher(path).replaceAll("{$1}");
        Map<String, Operation> methods = paths.computeIfAbsent(documentedPath, p -> new LinkedHashMap<>());
        if (methods.putIfAbsent(method.toLowerCase(Locale.ROOT), operation) != null) {
            throw new IllegalStateException("route registered twice: " + method + " " + path);
        }
    }

    /** Every documented (method, path) pair, e.g. {@code GET /health}. */
    public synchronized List<String> routes() {
        List<String> routes = new ArrayList<>();
        paths.forEach((path, methods) -> methods.keySet()
                .forEach(method -> routes.add(method.toUpperCase(Locale.ROOT) + " " + path)));
        return routes;
    }

    /** The document as a JSON-ready tree. */
    public synchronized Map<String, Object> toTree() {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("openapi", "3.1.0");
        document.put("info", Map.of("title", title, "version", version,
                "description", "Coordination API (/v1, wire-compatible with beadhub bdh and aweb aw) and the Agent Hub autopilot API."));
        Map<String, Object> pathItems = new LinkedHashMap<>();
        paths.forEach((path, methods) -> {
            Map<String, Object> item = new LinkedHashMap<>();
            methods.forEach((method, operation) -> item.put(method, operationTree(method, path, operation)));
            pathItems.put(path, item);
        });
        document.put("paths", pathItems);
        document.put("components", Map.of("schemas", schemas()));
        return document;
    }

    private static Map<String, Object> operationTree(String method, String path, Operation operation) {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("tags", List.of(operation.tag()));
        tree.put("summary", operation.summary());
        tree.put("operationId", operationId(method, path));
        List<Map<String, Object>> parameters = new ArrayList<>();
        Matcher matcher = PATH_PARAMETER.matcher(path);
        while (matcher.find()) {
            parameters.add(Map.of("name", matcher.group(1), "in", "path", "required", true, "schema", Map.of("type", "string")));
        }
        if (!parameters.isEmpty()) {
            tree.put("parameters", parameters);
        }
        Map<String, Object> responses = new LinkedHashMap<>();
        new TreeMap<>(operation.responses()).forEach((status, description) -> {
            Map<String, Object> response = new LinkedHashMap<>();
            response.put("description", description);
            if (status < 300) {
                response.put("content", Map.of(operation.responseContentType(), Map.of("schema", Map.of())));
            } else {
                String schema = ErrorResponses.codedPath(path) ? "CodedError"
                        : status == 422 ? "ValidationError" : "Error";
                response.put("content", Map.of("application/json",
                        Map.of("schema", Map.of("$ref", "#/components/schemas/" + schema))));
            }
            responses.put(Integer.toString(status), response);
        });
        tree.put("responses", responses);
        return tree;
    }

    private static String operationId(String method, String path) {
        StringBuilder id = new StringBuilder(method.toLowerCase(Locale.ROOT));
        for (String segment : path.split("[/{}.\\-]+")) {
            if (!segment.isEmpty()) {
                id.append(Character.toUpperCase(segment.charAt(0))).append(segment.substring(1));
            }
        }
        return id.toString();
    }

    private static Map<String, Object> schemas() {
        Map<String, Object> schemas = new LinkedHashMap<>();
        schemas.put("Error", Map.of(
                "type", "object",
                "required", List.of("detail"),
                "properties", Map.of("detail", Map.of("description", "A message, or an object for structured errors")),
                "additionalProperties", true));
        schemas.put("ValidationError", Map.of(
                "type", "object",
                "required", List.of("detail"),
                "properties", Map.of("detail", Map.of(
                        "oneOf", List.of(Map.of("type", "string"), Map.of("type", "array", "items", Map.of(
                                "type", "object",
                                "required", List.of("type", "loc", "msg"),
                                "properties", Map.of(
                                        "type", Map.of("type", "string"),
                                        "loc", Map.of("type", "array", "items", Map.of("oneOf", List.of(Map.of("type", "string"), Map.of("type", "integer")))),
                                        "msg", Map.of("type", "string"),
                                        "input", Map.of(),
                                        "ctx", Map.of("type", "object")))))))));
        schemas.put("CodedError", Map.of(
                "type", "object",
                "required", List.of("error"),
                "properties", Map.of("error", Map.of(
                        "type", "object",
                        "required", List.of("code", "message"),
                        "properties", Map.of(
                                "code", Map.of("type", "string"),
                                "message", Map.of("type", "string"),
                                "details", Map.of("type", "array", "description",
                                        "VALIDATION_ERROR only: the field problems (type, loc, msg, input)"))))));
        return schemas;
    }
}
