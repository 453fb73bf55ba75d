package dev.agenthub.http.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agenthub.protocol.kernel.error.DomainError;
import dev.agenthub.protocol.kernel.error.Violation;
import dev.agenthub.protocol.kernel.id.Uuids;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Reads the fields of one JSON request body and collects every rule it breaks, in the list-shaped 422 of
 * wire spec §1.4 (the codes and texts FastAPI/pydantic clients know: {@code missing},
 * {@code string_type}, {@code string_too_long}, {@code int_type}, {@code literal_error}, {@code value_error},
 * …). Handlers read all fields first and then call {@link #validate()}, so one response reports every
 * problem, field by field in the order the handler reads them (the model's field order) and unknown keys
 * last; absent optional fields come back as the given default.
 */
public final class BodyFields {

    private final ObjectNode body;
    private final ObjectMapper mapper;
    private final List<Violation> violations = new ArrayList<>();
    /** The order in which the handler first read each field: violations are reported in it, unknown keys last. */
    private final Map<String, Integer> fieldOrder = new HashMap<>();

    public BodyFields(ObjectNode body, ObjectMapper mapper) {
        this.body = body;
        this.mapper = mapper;
    }

    /**
     * A required string of {@code minLength..maxLength} characters.
     *
     * @return the string, or null when it broke a rule (recorded)
     */
    public String requiredString(String name, int minLength, int maxLength) {
        fieldOrder.putIfAbsent(name, fieldOrder.size());
        if (!body.has(name)) {
            violations.add(Violation.missing(loc(name), plain(body)));
            return null;
        }
        return checkedString(name, body.get(name), minLength, maxLength);
    }

    /** An optional string that may also be JSON null: absent or null gives {@code fallback}. */
    public String nullableString(String name, int maxLength, String fallback) {
        fieldOrder.putIfAbsent(name, fieldOrder.size());
        JsonNode value = body.get(name);
        if (value == null || value.isNull()) {
            return fallback;
        }
        return checkedString(name, value, 0, maxLength);
    }

    /** An optional string whose model type is not nullable: absent gives {@code fallback}, null is a 422. */
    public String string(String name, int maxLength, String fallback) {
        fieldOrder.putIfAbsent(name, fieldOrder.size());
        JsonNode value = body.get(name);
        if (value == null) {
            return fallback;
        }
        String text = checkedString(name, value, 0, maxLength);
        return text == null ? fallback : text;
    }

    /** An optional integer in {@code min..max}: absent gives {@code fallback}. */
    public long integer(String name, long min, long max, long fallback) {
        fieldOrder.putIfAbsent(name, fieldOrder.size());
        JsonNode value = body.get(name);
        if (value == null) {
            return fallback;
        }
        Long number = integral(value);
        if (number == null) {
            violations.add(new Violation(value.isTextual() ? "int_parsing" : "int_type", loc(name),
                    value.isTextual() ? "Input should be a valid integer, unable to parse string as an integer"
                            : "Input should be a valid integer", plain(value)));
            return fallback;
        }
        if (number < min) {
            violations.add(new Violation("greater_than_equal", loc(name), "Input should be greater than or equal to " + min,
                    plain(value), Map.of("ge", min)));
            return fallback;
        }
        if (number > max) {
            violations.add(new Violation("less_than_equal", loc(name), "Input should be less than or equal to " + max,
                    plain(value), Map.of("le", max)));
            return fallback;
        }
        return number;
    }

    /**
     * A required integer in {@code min..max} (pydantic's lax {@code int}: integral numbers, integral floats and
     * integer strings).
     *
     * @return the integer, or {@code fallback} when it is absent or broke a rule (recorded)
     */
    public long requiredInteger(String name, long min, long max, long fallback) {
        fieldOrder.putIfAbsent(name, fieldOrder.size());
        if (!body.has(name)) {
            violations.add(Violation.missing(loc(name), plain(body)));
            return fallback;
        }
        return integer(name, min, max, fallback);
    }

    /**
     * An optional integer greater than {@code exclusiveMin} and at most {@code max}: absent gives
     * {@code fallback}; one not above {@code exclusiveMin} records {@code greater_than}.
     */
    public long integerAbove(String name, long exclusiveMin, long max, long fallback) {
        long number = integer(name, Long.MIN_VALUE, max, fallback);
        if (body.has(name) && number <= exclusiveMin) {
            violations.add(new Violation("greater_than", loc(name), "Input should be greater than " + exclusiveMin,
                    plain(body.get(name)), Map.of("gt", exclusiveMin)));
            return fallback;
        }
        return number;
    }

    /** An optional boolean: absent gives {@code fallback}; {@code true}/{@code false} only (JSON null is a 422). */
    public boolean bool(String name, boolean fallback) {
        fieldOrder.putIfAbsent(name, fieldOrder.size());
        JsonNode value = body.get(name);
        if (value == null) {
            return fallback;
        }
        if (value.isBoolean()) {
            return value.asBoolean();
        }
        violations.add(new Violation("bool_type", loc(name), "Input should be a valid boolean", plain(value)));
        return fallback;
    }

    /** A required JSON array of strings; null when absent or invalid (recorded). */
    public List<String> requiredStringList(String name) {
        return requiredList(name, element -> element.isTextual() ? element.asText() : null,
                "string_type", "Input should be a valid string");
    }

    /** A required JSON array of objects; null when absent or invalid (recorded). */
    public List<ObjectNode> requiredObjectList(String name) {
        return requiredList(name, element -> element instanceof ObjectNode object ? object : null,
                "dict_type", "Input should be a valid dictionary");
    }

    /**
     * A required JSON array whose every element {@code read} accepts (a null from it rejects the element with
     * {@code type} and {@code message} at {@code ["body", name, index]}); null when absent or invalid (recorded).
     */
    private <T> List<T> requiredList(String name, java.util.function.Function<JsonNode, T> read, String type,
                                     String message) {
        fieldOrder.putIfAbsent(name, fieldOrder.size());
        JsonNode value = body.get(name);
        if (value == null) {
            violations.add(Violation.missing(loc(name), plain(body)));
            return null;
        }
        if (!value.isArray()) {
            violations.add(new Violation("list_type", loc(name), "Input should be a valid list", plain(value)));
            return null;
        }
        List<T> elements = new ArrayList<>();
        boolean valid = true;
        for (int i = 0; i < value.size(); i++) {
            T element = read.apply(value.get(i));
            if (element != null) {
                elements.add(element);
            } else {
                violations.add(new Violation(type, List.of("body", name, i), message, plain(value.get(i))));
                valid = false;
            }
        }
        return valid ? elements : null;
    }

    /** A required UUID in any RFC 4122 text form; null when absent or invalid (recorded). */
    public UUID requiredUuid(String name) {
        if (!body.has(name)) {
            fieldOrder.putIfAbsent(name, fieldOrder.size());
            violations.add(Violation.missing(loc(name), plain(body)));
            return null;
        }
        return uuid(name);
    }

    /** An optional UUID in any RFC 4122 text form, or JSON null: absent or null gives null. */
    public UUID uuid(String name) {
        fieldOrder.putIfAbsent(name, fieldOrder.size());
        JsonNode value = body.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        Optional<UUID> parsed = value.isTextual() ? Uuids.parse(value.asText()) : Optional.empty();
        if (parsed.isEmpty()) {
            violations.add(new Violation(value.isTextual() ? "uuid_parsing" : "uuid_type", loc(name),
                    value.isTextual() ? "Input should be a valid UUID" : "UUID input should be a string, bytes or UUID object",
                    plain(value)));
            return null;
        }
        return parsed.get();
    }

    /** An optional JSON object: absent gives null; {@code nullable} says whether JSON null is accepted. */
    public ObjectNode object(String name, boolean nullable) {
        fieldOrder.putIfAbsent(name, fieldOrder.size());
        JsonNode value = body.get(name);
        if (value == null || (nullable && value.isNull())) {
            return null;
        }
        if (value instanceof ObjectNode object) {
            return object;
        }
        violations.add(new Violation("dict_type", loc(name), "Input should be a valid dictionary", plain(value)));
        return null;
    }

    /**
     * An optional string restricted to {@code allowed}: absent gives {@code fallback}; JSON null gives
     * {@code fallback} only when {@code nullable}.
     */
    public String literal(String name, List<String> allowed, boolean nullable, String fallback) {
        fieldOrder.putIfAbsent(name, fieldOrder.size());
        JsonNode value = body.get(name);
        if (value == null || (nullable && value.isNull())) {
            return fallback;
        }
        if (value.isTextual() && allowed.contains(value.asText())) {
            return value.asText();
        }
        String expected = expectedList(allowed);
        violations.add(new Violation("literal_error", loc(name), "Input should be " + expected, plain(value),
                Map.of("expected", expected)));
        return fallback;
    }

    /**
     * An optional string that may also be JSON null, of {@code minLength..maxLength} characters: absent or null gives
     * {@code fallback}.
     */
    public String nullableString(String name, int minLength, int maxLength, String fallback) {
        fieldOrder.putIfAbsent(name, fieldOrder.size());
        JsonNode value = body.get(name);
        if (value == null || value.isNull()) {
            return fallback;
        }
        String text = checkedString(name, value, minLength, maxLength);
        return text == null ? fallback : text;
    }

    /** An optional integer in {@code min..max} that may also be JSON null: absent or null gives empty. */
    public Optional<Long> nullableInteger(String name, long min, long max) {
        JsonNode value = body.get(name);
        if (value == null || value.isNull()) {
            fieldOrder.putIfAbsent(name, fieldOrder.size());
            return Optional.empty();
        }
        int before = violations.size();
        long number = integer(name, min, max, 0);
        return violations.size() == before ? Optional.of(number) : Optional.empty();
    }

    /** An optional boolean that may also be JSON null: absent or null gives empty. */
    public Optional<Boolean> nullableBool(String name) {
        JsonNode value = body.get(name);
        if (value == null || value.isNull()) {
            fieldOrder.putIfAbsent(name, fieldOrder.size());
            return Optional.empty();
        }
        int before = violations.size();
        boolean flag = bool(name, false);
        return violations.size() == before ? Optional.of(flag) : Optional.empty();
    }

    /**
     * A string-valued enum field, as pydantic checks a {@code str} Enum: a value outside {@code allowed} (or not a
     * string) records type {@code enum}, {@code Input should be 'a', 'b' or 'c'}. Absent gives {@code fallback}, as does
     * JSON null when {@code nullable}; a required field ({@code required}) that is absent records {@code missing}.
     */
    public String enumeration(String name, List<String> allowed, boolean required, boolean nullable, String fallback) {
        fieldOrder.putIfAbsent(name, fieldOrder.size());
        JsonNode value = body.get(name);
        if (value == null) {
            if (required) {
                violations.add(Violation.missing(loc(name), plain(body)));
            }
            return fallback;
        }
        if (nullable && value.isNull()) {
            return fallback;
        }
        if (value.isTextual() && allowed.contains(value.asText())) {
            return value.asText();
        }
        String expected = expectedList(allowed);
        violations.add(new Violation("enum", loc(name), "Input should be " + expected, plain(value),
                Map.of("expected", expected)));
        return fallback;
    }

    /** Records a custom rule failure on {@code name}: {@code Value error, <reason>}. */
    public void reject(String name, String reason) {
        violations.add(Violation.valueError(loc(name), reason, plain(body.get(name))));
    }

    /** A 422 {@code extra_forbidden} for every key outside {@code allowed} (strict bodies). */
    public void forbidUnknownKeys(java.util.Set<String> allowed) {
        body.fieldNames().forEachRemaining(name -> {
            if (!allowed.contains(name)) {
                violations.add(Violation.extraForbidden(loc(name), plain(body.get(name))));
            }
        });
    }

    /** @throws DomainError.Invalid the list-shaped 422 with every violation recorded, if any */
    public void validate() {
        if (!violations.isEmpty()) {
            List<Violation> ordered = new ArrayList<>(violations);
            ordered.sort(Comparator.comparingInt(this::position)); // stable: a field's own violations keep their order
            throw new DomainError.Invalid(ordered);
        }
    }

    private int position(Violation violation) {
        Object field = violation.loc().size() > 1 ? violation.loc().get(1) : null;
        return violation.type().equals("extra_forbidden") ? Integer.MAX_VALUE
                : fieldOrder.getOrDefault(String.valueOf(field), Integer.MAX_VALUE - 1);
    }

    /** The field's value as plain Java (maps, lists, strings, numbers), as a violation's {@code input}. */
    public Object plain(JsonNode node) {
        return node == null ? null : mapper.convertValue(node, Object.class);
    }

    private String checkedString(String name, JsonNode value, int minLength, int maxLength) {
        if (!value.isTextual()) {
            violations.add(new Violation("string_type", loc(name), "Input should be a valid string", plain(value)));
            return null;
        }
        String text = value.asText();
        if (text.indexOf('\u0000') >= 0) { // PostgreSQL text cannot hold it
            violations.add(Violation.valueError(loc(name), "NUL characters are not allowed", text));
            return null;
        }
        int length = text.codePointCount(0, text.length());
        if (length < minLength) {
            violations.add(new Violation("string_too_short", loc(name),
                    "String should have at least " + minLength + (minLength == 1 ? " character" : " characters"), text,
                    Map.of("min_length", minLength)));
            return null;
        }
        if (length > maxLength) {
            violations.add(new Violation("string_too_long", loc(name),
                    "String should have at most " + maxLength + (maxLength == 1 ? " character" : " characters"), text,
                    Map.of("max_length", maxLength)));
            return null;
        }
        return text;
    }

    private static Long integral(JsonNode value) {
        if (value.isIntegralNumber()) {
            return value.canConvertToLong() ? value.asLong() : null;
        }
        if (value.isFloatingPointNumber() && value.asDouble() == Math.rint(value.asDouble())
                && Math.abs(value.asDouble()) < 9.0e15) {
            return (long) value.asDouble();
        }
        if (value.isTextual()) {
            try {
                BigInteger parsed = new BigInteger(value.asText().strip());
                return parsed.bitLength() < 64 ? parsed.longValue() : null;
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    /**
     * The allowed values as the 422 texts list them: each in single quotes, the last joined with {@code or}
     * ({@code 'a', 'b' or 'c'}).
     */
    public static String expectedList(List<String> allowed) {
        List<String> quoted = allowed.stream().map(a -> "'" + a + "'").toList();
        if (quoted.size() == 1) {
            return quoted.get(0);
        }
        return String.join(", ", quoted.subList(0, quoted.size() - 1)) + " or " + quoted.getLast();
    }

    private static List<Object> loc(String name) {
        return List.of("body", name);
    }

    /** For handlers that need the raw tree (e.g. to re-serialise an object field exactly). */
    public ObjectNode body() {
        return body;
    }
}
