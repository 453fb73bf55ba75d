package dev.agenthub.http.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The {@code arguments} of a {@code tools/call}. Every accessor fails with a JSON-RPC -32602 naming the argument,
 * so bad input never reaches a use case as a 500. Unknown arguments are ignored.
 */
public final class McpArgs {

    private final ObjectNode arguments;

    public McpArgs(ObjectNode arguments) {
        this.arguments = arguments == null ? JsonNodeFactory.instance.objectNode() : arguments;
    }

    private JsonNode present(String name) {
        JsonNode value = arguments.get(name);
        return value == null || value.isNull() ? null : value;
    }

    public String requiredString(String name) {
        return optionalString(name).filter(s -> !s.isBlank())
                .orElseThrow(() -> McpError.invalidParams("Invalid params: '" + name + "' is required (a non-empty string)"));
    }

    public Optional<String> optionalString(String name) {
        JsonNode value = present(name);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw McpError.invalidParams("Invalid params: '" + name + "' must be a string");
        }
        return Optional.of(value.asText());
    }

    /** A string of at most {@code maxLength} characters (code points), when present. */
    public Optional<String> optionalString(String name, int maxLength) {
        return optionalString(name).map(text -> checkLength(name, text, maxLength));
    }

    /** A non-empty string of at most {@code maxLength} characters (code points). */
    public String requiredString(String name, int maxLength) {
        return checkLength(name, requiredString(name), maxLength);
    }

    private static String checkLength(String name, String text, int maxLength) {
        if (text.codePointCount(0, text.length()) > maxLength) {
            throw McpError.invalidParams("Invalid params: '" + name + "' must have at most " + maxLength + " characters");
        }
        return text;
    }

    public UUID requiredUuid(String name) {
        return uuid(name, requiredString(name));
    }

    public Optional<UUID> optionalUuid(String name) {
        return optionalString(name).map(text -> uuid(name, text));
    }

    private static UUID uuid(String name, String text) {
        try {
            if (text.length() == 36) {
                return UUID.fromString(text);
            }
        } catch (IllegalArgumentException ignored) {
            // reported below
        }
        throw McpError.invalidParams("Invalid params: '" + name + "' must be a UUID");
    }

    public int integer(String name, int fallback, int min, int max) {
        JsonNode value = present(name);
        if (value == null) {
            return fallback;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.asInt() < min || value.asInt() > max) {
            throw McpError.invalidParams("Invalid params: '" + name + "' must be an integer from " + min + " to " + max);
        }
        return value.asInt();
    }

    public boolean bool(String name, boolean fallback) {
        JsonNode value = present(name);
        if (value == null) {
            return fallback;
        }
        if (!value.isBoolean()) {
            throw McpError.invalidParams("Invalid params: '" + name + "' must be a boolean");
        }
        return value.asBoolean();
    }

    /** A non-empty array of non-empty strings. */
    public List<String> requiredStringList(String name) {
        return optionalStringList(name).filter(list -> !list.isEmpty())
                .orElseThrow(() -> McpError.invalidParams("Invalid params: '" + name + "' is required (a non-empty array of strings)"));
    }

    public Optional<List<String>> optionalStringList(String name) {
        JsonNode value = present(name);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isArray()) {
            throw McpError.invalidParams("Invalid params: '" + name + "' must be an array of strings");
        }
        List<String> items = new ArrayList<>();
        for (JsonNode item : value) {
            if (!item.isTextual() || item.asText().isBlank()) {
                throw McpError.invalidParams("Invalid params: '" + name + "' must be an array of non-empty strings");
            }
            items.add(item.asText());
        }
        return Optional.of(List.copyOf(items));
    }

    public String literal(String name, List<String> allowed, String fallback) {
        String value = optionalString(name).orElse(fallback);
        if (!allowed.contains(value)) {
            throw McpError.invalidParams("Invalid params: '" + name + "' must be one of " + String.join(", ", allowed));
        }
        return value;
    }

    /** An ISO-8601 timestamp with an offset ({@code 2026-01-01T00:00:00Z}). */
    public Optional<Instant> optionalTimestamp(String name) {
        return optionalString(name).map(text -> {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e) {
                throw McpError.invalidParams("Invalid params: '" + name + "' must be an ISO-8601 timestamp with an offset");
            }
        });
    }
}
