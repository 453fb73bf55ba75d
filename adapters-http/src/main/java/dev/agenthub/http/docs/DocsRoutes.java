package dev.agenthub.http.docs;

import io.javalin.http.Context;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * {@code /openapi.json} and the interactive docs at {@code /docs}: Swagger UI served from its webjar
 * (no CDN), pointed at the document.
 */
public final class DocsRoutes {

    private static final Map<String, String> ASSETS = Map.of(
            "swagger-ui.css", "text/css; charset=utf-8",
            "swagger-ui-bundle.js", "text/javascript; charset=utf-8",
            "favicon-32x32.png", "image/png");

    private final OpenApiDocument document;
    private final String assetRoot;

    public DocsRoutes(OpenApiDocument document, String swaggerUiVersion) {
        this.document = document;
        this.assetRoot = "META-INF/resources/webjars/swagger-ui/" + swaggerUiVersion + "/";
    }

    public void register(ApiRoutes routes) {
        routes.get("/openapi.json", Operation.of("documentation", "This API's OpenAPI 3.1 document"),
                ctx -> ctx.json(document.toTree()));
        routes.get("/docs", Operation.of("documentation", "Interactive API documentation (Swagger UI)").produces("text/html"),
                this::page);
        routes.undocumentedGet("/docs/assets/{asset}", this::asset);
    }

    private void page(Context ctx) {
        ctx.contentType("text/html; charset=utf-8").result("""
                <!DOCTYPE html>
                <html lang="en">
                <head>
                  <meta charset="utf-8">
                  <title>Agent Hub API</title>
                  <link rel="icon" type="image/png" href="/docs/assets/favicon-32x32.png">
                  <link rel="stylesheet" href="/docs/assets/swagger-ui.css">
                </head>
                <body>
                  <div id="swagger-ui"></div>
                  <script src="/docs/assets/swagger-ui-bundle.js"></script>
                  <script>
                    window.ui = SwaggerUIBundle({ url: "/openapi.json", dom_id: "#swagger-ui", deepLinking: true });
                  </script>
                </body>
                </html>
                """);
    }

    private void asset(Context ctx) {
        String name = ctx.pathParam("asset");
        String contentType = ASSETS.get(name);
        InputStream stream = contentType == null ? null : DocsRoutes.class.getClassLoader().getResourceAsStream(assetRoot + name);
        if (stream == null) {
            ctx.status(404).json(Map.of("detail", "Not Found"));
            return;
        }
        try (stream) {
            ctx.header("Cache-Control", "public, max-age=86400").contentType(contentType).result(stream.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
