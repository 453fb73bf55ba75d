package dev.agenthub.http.mcp;

import io.javalin.http.Context;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * One tool of the MCP endpoint: its {@code tools/list} entry and the call behind it. The call returns the value
 * that becomes the JSON text of the result; it throws {@link McpError} or a domain error.
 */
public record McpTool(String name, String description, Map<String, Object> inputSchema,
                      BiFunction<Context, McpArgs, Object> call) {

    public McpTool {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(inputSchema, "inputSchema");
        Objects.requireNonNull(call, "call");
    }

    /** The {@code tools/list} entry. */
    public Map<String, Object> listing() {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("name", name);
        entry.put("description", description);
        entry.put("inputSchema", inputSchema);
        return entry;
    }

    /** Builds a JSON Schema {@code object} for a tool's arguments, in declaration order. */
    public static final class Schema {
        private final Map<String, Object> properties = new LinkedHashMap<>();
        private final List<String> required = new ArrayList<>();

        public Schema required(String name, String type, String description) {
            required.add(name);
            return optional(name, type, description);
        }

        public Schema optional(String name, String type, String description) {
            Map<String, Object> property = new LinkedHashMap<>();
            property.put("type", type);
            if (type.equals("array")) {
                property.put("items", Map.of("type", "string"));
            }
            property.put("description", description);
            properties.put(name, property);
            return this;
        }

        public Map<String, Object> build() {
            Map<String, Object> schema = new LinkedHashMap<>();
            schema.put("type", "object");
            schema.put("properties", properties);
            schema.put("required", List.copyOf(required));
            return schema;
        }
    }
}
