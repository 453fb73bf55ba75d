package dev.agenthub.it.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agenthub.it.support.HttpProbe;
import dev.agenthub.it.support.HttpProbe.Response;
import dev.agenthub.persistence.testing.TestDatabase;
import dev.agenthub.persistence.testing.TestInfrastructure;
import dev.agenthub.server.AgentHub;
import dev.agenthub.server.HubConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The cross-cutting HTTP behaviour of a real hub on a random port, through a real HTTP client. */
@ExtendWith(TestInfrastructure.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpFoundationTest {

    private AgentHub hub;
    private HttpProbe http;

    /** Configuration beyond the defaults ({@link DashboardEnabledHttpFoundationTest} mounts the dashboard). */
    protected Map<String, String> environment() {
        return Map.of();
    }

    /** Whether the class's hub mounts the tenant dashboard. */
    protected boolean dashboard() {
        return false;
    }

    @BeforeAll
    void start(TestDatabase database) {
        Map<String, String> variables = new java.util.HashMap<>(environment());
        variables.put("AGENT_HUB_PORT", "0");
        variables.put("AGENT_HUB_MAX_REQUEST_BYTES", "4096");
        hub = AgentHub.builder()
                .config(HubConfig.fromEnvironment(variables))
                .dataSource(database.dataSource())
                .build()
                .start();
        http = new HttpProbe(hub.url());
    }

    @AfterAll
    void stop() {
        hub.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET", "POST", "PUT", "PATCH", "DELETE"})
    void unknownPathsUnderV1AreJson404ForEveryMethod(String method) {
        Response response = http.send(method, "/v1/anything-unknown", method.equals("GET") ? null : "{}", Map.of());
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.header("Content-Type")).startsWith("application/json");
        assertThat(response.body()).isEqualTo("{\"detail\":\"Not Found\"}");
    }

    @Test
    void unknownPathsOutsideV1AreJson404Too() {
        Response response = http.get("/no/such/page.html");
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.body()).isEqualTo("{\"detail\":\"Not Found\"}");
    }

    @Test
    void aKnownPathWithAnotherMethodIs405() {
        Response response = http.send("DELETE", "/health", null, Map.of());
        assertThat(response.status()).isEqualTo(405);
        assertThat(response.body()).isEqualTo("{\"detail\":\"Method Not Allowed\"}");
        assertThat(response.header("Allow")).contains("GET");
    }

    @Test
    void theRequestIdIsEchoedTrimmed() {
        Response response = http.send("GET", "/health/live", null, Map.of("X-Request-ID", "  req-42  "));
        assertThat(response.header("X-Request-ID")).isEqualTo("req-42");
    }

    @Test
    void aMissingRequestIdIsGeneratedAs32Hex() {
        String first = http.get("/health/live").header("X-Request-ID");
        String second = http.get("/health/live").header("X-Request-ID");
        assertThat(first).matches("[0-9a-f]{32}");
        assertThat(second).matches("[0-9a-f]{32}").isNotEqualTo(first);
    }

    @Test
    void errorResponsesCarryTheRequestIdAndTraceHeadersToo() {
        Response response = http.send("GET", "/v1/unknown", null, Map.of("X-Request-ID", "err-1"));
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.header("X-Request-ID")).isEqualTo("err-1");
        assertThat(response.header("X-Trace-ID")).matches("[0-9a-f]{32}");
        assertThat(response.header("traceparent")).startsWith("00-" + response.header("X-Trace-ID") + "-");
    }

    @Test
    void aValidTraceparentKeepsItsTraceIdAndFlagsWithANewSpan() {
        String incoming = "00-4BF92F3577B34DA6A3CE929D0E0E4736-00F067AA0BA902B7-00";
        Response response = http.send("GET", "/health/live", null, Map.of("traceparent", incoming));
        assertThat(response.header("X-Trace-ID")).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(response.header("traceparent"))
                .matches("00-4bf92f3577b34da6a3ce929d0e0e4736-[0-9a-f]{16}-00")
                .doesNotContain("00f067aa0ba902b7");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
            "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",
            "00-4bf92f3577b34da6a3ce929d0e0e473-00f067aa0ba902b7-01",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7",
            "garbage"})
    void anInvalidTraceparentStartsANewTrace(String incoming) {
        Response response = http.send("GET", "/health/live", null, Map.of("traceparent", incoming));
        String traceId = response.header("X-Trace-ID");
        assertThat(traceId).matches("[0-9a-f]{32}").isNotEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(response.header("traceparent")).matches("00-" + traceId + "-[0-9a-f]{16}-01");
    }

    @Test
    void healthReportsEveryDependency() {
        Response response = http.get("/health");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"status\":\"ok\",\"checks\":{\"database\":\"ok\",\"redis\":\"ok\"}}");
    }

    @Test
    void livenessAndReadiness() {
        assertThat(http.get("/health/live").body()).isEqualTo("{\"status\":\"live\"}");
        Response ready = http.get("/health/ready");
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.body()).isEqualTo("{\"status\":\"ready\"}");
    }

    @Test
    void metricsExposeJvmPoolAndHttpSeriesByRouteTemplate() {
        http.get("/health/live");
        http.get("/docs/assets/swagger-ui.css");
        http.get("/v1/some/unknown/path");
        Response metrics = http.get("/metrics");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.header("Content-Type")).startsWith("text/plain");
        assertThat(metrics.body())
                .contains("# TYPE jvm_memory_used_bytes gauge")
                .contains("jvm_threads_live_threads")
                .contains("http_server_requests_seconds_count{method=\"GET\",outcome=\"SUCCESS\",route=\"/health/live\",status=\"200\"}")
                .contains("route=\"/docs/assets/{asset}\"")
                .contains("route=\"unmatched\",status=\"404\"")
                .doesNotContain("/v1/some/unknown/path")
                .endsWith("\n");
    }

    @Test
    void oversizeBodiesGetAJson413() {
        Response response = http.send("POST", "/health", "x".repeat(5000), Map.of("Content-Type", "application/json"));
        assertThat(response.status()).isEqualTo(413);
        assertThat(response.body()).isEqualTo("{\"detail\":\"Request body too large\"}");
    }

    @Test
    void theOpenApiDocumentDescribesEveryRoute() {
        Response response = http.get("/openapi.json");
        assertThat(response.status()).isEqualTo(200);
        JsonNode document = response.json();
        assertThat(document.path("openapi").asText()).isEqualTo("3.1.0");
        assertThat(document.path("info").path("title").asText()).isEqualTo("Agent Hub");
        List<String> documented = new ArrayList<>();
        document.path("paths").properties().forEach(path -> path.getValue().properties()
                .forEach(op -> documented.add(op.getKey().toUpperCase() + " " + path.getKey())));
        assertThat(documented).containsExactlyInAnyOrderElementsOf(hub.httpPlugin().openApi().routes());
        assertThat(documented).contains("GET /health", "GET /health/live", "GET /health/ready", "GET /metrics",
                "GET /openapi.json", "GET /docs");
        // every documented route is served: without credentials or a body, a route answers 200, or 401/422
        // from its own handler, never the router's 404/405 or a 5xx. The one documented exception: with the key
        // gate off (the default), POST /auth/token refuses to mint at all (wire spec §3.6).
        // The console's env prefill is off by default (wire spec §11.3): 404 UI env prefill is disabled.
        Map<String, Integer> documentedExceptions = Map.of("POST /auth/token", 403, "GET /ui/prefill", 404);
        for (String route : documented) {
            String method = route.substring(0, route.indexOf(' '));
            String path = route.substring(route.indexOf(' ') + 1).replaceAll("\\{[^}]+}", "sample");
            Response served = http.send(method, path, null, Map.of());
            if (path.startsWith("/dashboard/")) { // the tenant middleware answers first (seeds R-T1)
                assertThat(served.status()).as(route + " " + served.body()).isEqualTo(401);
                assertThat(served.body()).isEqualTo(
                        "{\"error\":{\"code\":\"AUTH_REQUIRED\",\"message\":\"Authentication required.\"}}");
            } else if (documentedExceptions.containsKey(route)) {
                assertThat(served.status()).as(route + " " + served.body()).isEqualTo(documentedExceptions.get(route));
            } else {
                assertThat(served.status()).as(route + " " + served.body()).isIn(200, 401, 422);
            }
        }
        assertThat(documented).containsAll(documentedExceptions.keySet());
        List<String> dashboardRoutes = documented.stream().filter(route -> route.contains(" /dashboard/")).toList();
        if (dashboard()) {
            assertThat(dashboardRoutes).contains("GET /dashboard/v1/me", "GET /dashboard/v1/escalations",
                    "GET /dashboard/v1/escalations/{escalation_id}", "POST /dashboard/v1/escalations/{escalation_id}/respond",
                    "GET /dashboard/v1/status", "GET /dashboard/v1/audit");
            assertThat(document.path("paths").path("/dashboard/v1/me").path("get").path("responses").path("401")
                    .path("content").path("application/json").path("schema").path("$ref").asText())
                    .isEqualTo("#/components/schemas/CodedError");
        } else {
            assertThat(dashboardRoutes).isEmpty();
            assertThat(http.get("/dashboard/v1/me").body()).isEqualTo("{\"detail\":\"Not Found\"}");
            assertThat(http.get("/dashboard/v1/me").status()).isEqualTo(404);
        }
        assertThat(document.path("paths").path("/health/ready").path("get").path("responses").path("503")
                .path("content").path("application/json").path("schema").path("$ref").asText())
                .isEqualTo("#/components/schemas/Error");
    }

    @Test
    void theInteractiveDocsAreServedWithoutACdn() {
        Response page = http.get("/docs");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.body()).contains("SwaggerUIBundle").contains("/openapi.json").doesNotContain("https://");
        Response bundle = http.get("/docs/assets/swagger-ui-bundle.js");
        assertThat(bundle.status()).isEqualTo(200);
        assertThat(bundle.body().length()).isGreaterThan(100_000);
        assertThat(http.get("/docs/assets/..%2F..%2Fetc%2Fpasswd").status()).isEqualTo(404);
        assertThat(http.get("/docs/assets/index.html").status()).isEqualTo(404);
    }
}
