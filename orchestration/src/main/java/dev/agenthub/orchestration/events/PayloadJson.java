package dev.agenthub.orchestration.events;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SequencedMap;

/**
 * Writes an event's {@code payload_json} (wire spec agenthub §4 EventRead, §6.5) exactly as the reference writes it
 * with Python's {@code json.dumps} and its defaults: separators {@code ", "} and {@code ": "} ({@code {"a": 1,
 * "b": "x"}}), keys in insertion order, and {@code ensure_ascii}: every character outside ASCII is escaped as
 * {@code &#92;uXXXX} (lowercase hex; a supplementary character as its two UTF-16 surrogates), control characters (and DEL) as
 * {@code \n}, {@code \r}, {@code \t}, {@code \b}, {@code \f} or {@code &#92;u00XX}.
 *
 * <p>Values may be {@link String}, {@link Integer}, {@link Long}, {@link Boolean}, null, or a {@link List} of those
 * (e.g. a list of ids, {@code [3, 4]}). Anything else is a programming error ({@link IllegalArgumentException}).
 */
public final class PayloadJson {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private PayloadJson() {
    }

    /** The payload object of the given keys and values, in that order. */
    public static String write(SequencedMap<String, ?> payload) {
        Objects.requireNonNull(payload, "payload");
        StringBuilder out = new StringBuilder();
        out.append('{');
        Iterator<? extends Map.Entry<String, ?>> entries = payload.entrySet().iterator();
        while (entries.hasNext()) {
            Map.Entry<String, ?> entry = entries.next();
            string(out, Objects.requireNonNull(entry.getKey(), "payload key"));
            out.append(": ");
            value(out, entry.getValue());
            if (entries.hasNext()) {
                out.append(", ");
            }
        }
        return out.append('}').toString();
    }

    /**
     * The payload object of alternating keys and values: {@code of("work_item_id", 7, "reason", "no agent")}.
     *
     * @throws IllegalArgumentException for an odd number of arguments or a key that is not a string
     */
    public static String of(Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("keys and values come in pairs");
        }
        SequencedMap<String, Object> payload = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            if (!(keysAndValues[i] instanceof String key)) {
                throw new IllegalArgumentException("payload keys are strings: " + keysAndValues[i]);
            }
            payload.put(key, keysAndValues[i + 1]);
        }
        return write(payload);
    }

    private static void value(StringBuilder out, Object value) {
        switch (value) {
            case null -> out.append("null");
            case String text -> string(out, text);
            case Integer number -> out.append(number.intValue());
            case Long number -> out.append(number.longValue());
            case Boolean flag -> out.append(flag ? "true" : "false");
            case List<?> list -> {
                out.append('[');
                for (int i = 0; i < list.size(); i++) {
                    if (i > 0) {
                        out.append(", ");
                    }
                    Object element = list.get(i);
                    if (element instanceof List<?>) {
                        throw new IllegalArgumentException("nested lists are not payload values");
                    }
                    value(out, element);
                }
                out.append(']');
            }
            default -> throw new IllegalArgumentException("not a payload value: " + value.getClass().getName());
        }
    }

    private static void string(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        out.append("\\u").append(HEX[c >> 12 & 0xf]).append(HEX[c >> 8 & 0xf])
                                .append(HEX[c >> 4 & 0xf]).append(HEX[c & 0xf]);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
