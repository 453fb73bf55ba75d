package dev.agenthub.http.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agenthub.http.docs.ApiRoutes;
import dev.agenthub.http.docs.Operation;
import dev.agenthub.http.support.ErrorResponses;
import dev.agenthub.protocol.kernel.error.DomainError;
import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code POST /mcp} (wire spec §4.19): JSON-RPC 2.0 over a plain POST, which is also the MCP Streamable HTTP
 * transport with JSON responses only. It is stateless: no {@code Mcp-Session-Id}, no server stream (GET answers
 * 405), no batches. Every request is answered with HTTP 200 and a JSON-RPC response (errors included), every
 * notification or client response with 202 and no body; only an unsupported {@code MCP-Protocol-Version} header
 * is refused with HTTP 400. Auth B is checked per request, after the envelope; its failure is a JSON-RPC error whose
 * code is the HTTP status (401, 403, …).
 */
public final class McpEndpoint {

    /** Newest first; {@code initialize} answers the client's version when it is one of these, else the newest. */
    public static final List<String> PROTOCOL_VERSIONS = List.of("2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05");
    public static final String STATUS_URI = "beadhub://status";

    private static final Logger log = LoggerFactory.getLogger(McpEndpoint.class);

    private final McpToolbox toolbox;
    private final ObjectMapper mapper;
    private final String version;

    public McpEndpoint(McpToolbox toolbox, ObjectMapper mapper, String version) {
        this.toolbox = Objects.requireNonNull(toolbox, "toolbox");
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.version = Objects.requireNonNull(version, "version");
    }

    public void register(ApiRoutes routes) {
        routes.post("/mcp", Operation.of("mcp", "MCP (JSON-RPC 2.0; Streamable HTTP with JSON responses)"), this::handle);
    }

    private void handle(Context ctx) throws JsonProcessingException {
        String requested = ctx.header("MCP-Protocol-Version");
        if (requested != null && !PROTOCOL_VERSIONS.contains(requested.strip())) {
            respond(ctx.status(400), null, error(McpError.INVALID_REQUEST, "Unsupported MCP-Protocol-Version: " + requested));
            return;
        }
        JsonNode message;
        try {
            message = mapper.readTree(ctx.body());
        } catch (JsonProcessingException e) {
            message = null;
        }
        if (message == null || message.isMissingNode()) {
            respond(ctx, null, error(McpError.PARSE_ERROR, "Parse error"));
            return;
        }
        if (message.isArray()) {
            respond(ctx, null, error(McpError.INVALID_REQUEST, "Invalid Request: batches are not supported"));
            return;
        }
        JsonNode id = message.isObject() ? message.get("id") : null;
        if (id != null && !(id.isTextual() || id.isIntegralNumber() || id.isNull())) {
            respond(ctx, null, error(McpError.INVALID_REQUEST, "Invalid Request: id must be a string or an integer"));
            return;
        }
        if (!message.isObject() || !"2.0".equals(message.path("jsonrpc").asText(null))) {
            respond(ctx, id, error(McpError.INVALID_REQUEST, "Invalid Request: jsonrpc must be \"2.0\""));
            return;
        }
        JsonNode method = message.get("method");
        if (method == null && (message.has("result") || message.has("error"))) {
            ctx.status(202); // a response to a server request; this server sends none, so there is nothing to match
            return;
        }
        if (method == null || !method.isTextual()) {
            respond(ctx, id, error(McpError.INVALID_REQUEST, "Invalid Request: method must be a string"));
            return;
        }
        if (id == null) {
            ctx.status(202); // a notification (notifications/initialized, …): nothing to answer
            return;
        }
        JsonNode params = message.get("params");
        if (params != null && !params.isNull() && !params.isObject()) {
            respond(ctx, id, error(McpError.INVALID_PARAMS, "Invalid params: params must be an object"));
            return;
        }
        ObjectNode paramsObject = params instanceof ObjectNode object ? object : mapper.createObjectNode();
        try {
            toolbox.authenticate(ctx);
            respond(ctx, id, Map.of("result", dispatch(ctx, method.asText(), paramsObject)));
        } catch (McpError e) {
            respond(ctx, id, error(e.code(), e.getMessage()));
        } catch (DomainError e) {
            respond(ctx, id, domainError(e));
        } catch (RuntimeException e) {
            Optional<DomainError> known = ErrorResponses.knownFailure(e);
            if (known.isEmpty()) {
                log.error("MCP {} failed", method.asText(), e);
            }
            respond(ctx, id, known.map(McpEndpoint::domainError).orElseGet(() -> error(McpError.INTERNAL, "Internal error")));
        }
    }

    private Object dispatch(Context ctx, String method, ObjectNode params) throws JsonProcessingException {
        return switch (method) {
            case "initialize" -> initialize(params);
            case "ping" -> Map.of();
            case "tools/list" -> Map.of("tools", toolbox.tools().stream().map(McpTool::listing).toList());
            case "tools/call" -> call(ctx, params);
            case "resources/list" -> Map.of("resources", List.of(statusResource()));
            case "resources/read" -> read(ctx, params);
            default -> throw new McpError(McpError.METHOD_NOT_FOUND, "Method not found: " + method);
        };
    }

    private Map<String, Object> initialize(ObjectNode params) {
        JsonNode requested = params.get("protocolVersion");
        if (requested == null || !requested.isTextual()) {
            throw McpError.invalidParams("Invalid params: 'protocolVersion' is required (a string)");
        }
        String negotiated = PROTOCOL_VERSIONS.contains(requested.asText()) ? requested.asText() : PROTOCOL_VERSIONS.getFirst();
        Map<String, Object> capabilities = new LinkedHashMap<>();
        capabilities.put("tools", Map.of("listChanged", false));
        Map<String, Object> resources = new LinkedHashMap<>();
        resources.put("subscribe", false);
        resources.put("listChanged", false);
        capabilities.put("resources", resources);
        Map<String, Object> serverInfo = new LinkedHashMap<>();
        serverInfo.put("name", "agent-hub");
        serverInfo.put("version", version);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("protocolVersion", negotiated);
        result.put("capabilities", capabilities);
        result.put("serverInfo", serverInfo);
        return result;
    }

    private Map<String, Object> call(Context ctx, ObjectNode params) throws JsonProcessingException {
        JsonNode name = params.get("name");
        if (name == null || !name.isTextual()) {
            throw McpError.invalidParams("Invalid params: 'name' is required (a string)");
        }
        JsonNode arguments = params.get("arguments");
        if (arguments != null && !arguments.isNull() && !arguments.isObject()) {
            throw McpError.invalidParams("Invalid params: 'arguments' must be an object");
        }
        Optional<McpTool> tool = toolbox.tools().stream().filter(t -> t.name().equals(name.asText())).findFirst();
        if (tool.isEmpty()) {
            throw new McpError(McpError.METHOD_NOT_FOUND, "Unknown tool: " + name.asText());
        }
        Object value = tool.get().call().apply(ctx, new McpArgs(arguments instanceof ObjectNode object ? object : null));
        return Map.of("content", List.of(text(mapper.writeValueAsString(value))));
    }

    private Map<String, Object> read(Context ctx, ObjectNode params) throws JsonProcessingException {
        JsonNode uri = params.get("uri");
        if (uri == null || !uri.isTextual()) {
            throw McpError.invalidParams("Invalid params: 'uri' is required (a string)");
        }
        if (!uri.asText().equals(STATUS_URI)) {
            throw McpError.invalidParams("Unknown resource: " + uri.asText());
        }
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("uri", STATUS_URI);
        content.put("mimeType", "application/json");
        content.put("text", mapper.writeValueAsString(toolbox.status(ctx)));
        return Map.of("contents", List.of(content));
    }

    private static Map<String, Object> statusResource() {
        Map<String, Object> resource = new LinkedHashMap<>();
        resource.put("uri", STATUS_URI);
        resource.put("name", "status");
        resource.put("description", "The caller's project status: live agents, claims, conflicts, pending escalations");
        resource.put("mimeType", "application/json");
        return resource;
    }

    private static Map<String, Object> text(String json) {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("type", "text");
        content.put("text", json);
        return content;
    }

    /** A 422 is bad params (-32602); every other domain error keeps its HTTP status as the code. */
    private static Map<String, Object> domainError(DomainError e) {
        int status = ErrorResponses.status(e);
        String message = e.detail() instanceof String detail ? detail : e.getMessage();
        return status == 422 ? error(McpError.INVALID_PARAMS, message) : error(status, message);
    }

    private static Map<String, Object> error(int code, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", message);
        return Map.of("error", error);
    }

    private void respond(Context ctx, JsonNode id, Map<String, Object> outcome) throws JsonProcessingException {
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("jsonrpc", "2.0");
        response.put("id", id);
        response.putAll(outcome);
        ctx.contentType("application/json").result(mapper.writeValueAsString(response));
    }
}
