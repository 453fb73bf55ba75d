package dev.agenthub.protocol.kernel.error;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One element of a list-shaped validation detail: {@code {"type","loc","msg","input","ctx"?}}.
 *
 * @param type  machine code such as {@code missing}, {@code extra_forbidden}, {@code json_invalid}
 * @param loc   where: first {@code body}, {@code query}, {@code path} or {@code header}, then the field path
 *              (strings and array indexes)
 * @param msg   human text; custom rule failures start with {@code "Value error, "}
 * @param input the offending value as received (may be null)
 * @param ctx   optional extra facts, e.g. {@code {"max_length": 64}}; empty when none
 */
public record Violation(String type, List<Object> loc, String msg, Object input, Map<String, Object> ctx) {

    public Violation {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(msg, "msg");
        loc = List.copyOf(loc);
        if (loc.isEmpty()) {
            throw new IllegalArgumentException("loc must name at least the request part");
        }
        ctx = ctx == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(ctx));
    }

    public Violation(String type, List<Object> loc, String msg, Object input) {
        this(type, loc, msg, input, Map.of());
    }

    /** A custom rule failure: the message gets the conventional {@code "Value error, "} prefix. */
    public static Violation valueError(List<Object> loc, String reason, Object input) {
        return new Violation("value_error", loc, "Value error, " + reason, input);
    }

    /** A required field that is absent. */
    public static Violation missing(List<Object> loc, Object input) {
        return new Violation("missing", loc, "Field required", input);
    }

    /** A key the strict body model does not know. */
    public static Violation extraForbidden(List<Object> loc, Object input) {
        return new Violation("extra_forbidden", loc, "Extra inputs are not permitted", input);
    }
}
