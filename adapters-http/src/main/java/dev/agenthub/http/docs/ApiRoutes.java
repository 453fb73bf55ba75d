package dev.agenthub.http.docs;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;

/**
 * The only way routes are added: each registration puts the handler on the router and its
 * {@link Operation} in the {@link OpenApiDocument} in one step.
 */
public final class ApiRoutes {

    private final RoutesConfig routes;
    private final OpenApiDocument document;
    private final Handler gate;

    private ApiRoutes(RoutesConfig routes, OpenApiDocument document, Handler gate) {
        this.routes = routes;
        this.document = document;
        this.gate = gate;
    }

    /** Routes that always answer (health, metrics, documentation). */
    public static ApiRoutes ungated(RoutesConfig routes, OpenApiDocument document) {
        return new ApiRoutes(routes, document, null);
    }

    /** Routes that run {@code gate} first (e.g. 503 while the hub is starting); host routes are never gated. */
    public static ApiRoutes gated(RoutesConfig routes, OpenApiDocument document, Handler gate) {
        return new ApiRoutes(routes, document, java.util.Objects.requireNonNull(gate, "gate"));
    }

    public ApiRoutes get(String path, Operation operation, Handler handler) {
        return add(HandlerType.GET, path, operation, handler);
    }

    public ApiRoutes post(String path, Operation operation, Handler handler) {
        return add(HandlerType.POST, path, operation, handler);
    }

    public ApiRoutes patch(String path, Operation operation, Handler handler) {
        return add(HandlerType.PATCH, path, operation, handler);
    }

    public ApiRoutes put(String path, Operation operation, Handler handler) {
        return add(HandlerType.PUT, path, operation, handler);
    }

    public ApiRoutes delete(String path, Operation operation, Handler handler) {
        return add(HandlerType.DELETE, path, operation, handler);
    }

    /** A route served but deliberately left out of the document (static assets of the docs UI). */
    public ApiRoutes undocumentedGet(String path, Handler handler) {
        routes.get(path, handler);
        return this;
    }

    private ApiRoutes add(HandlerType method, String path, Operation operation, Handler handler) {
        document.add(method.name(), path, operation);
        routes.addHttpHandler(method, path, gate == null ? handler : ctx -> {
            gate.handle(ctx);
            handler.handle(ctx);
        });
        return this;
    }
}
