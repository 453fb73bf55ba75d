package dev.agenthub.protocol.kernel.paging;

import dev.agenthub.protocol.kernel.error.DomainError;
import dev.agenthub.protocol.kernel.json.CompactJson;
import dev.agenthub.protocol.kernel.time.WireTime;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The sort key of the last row of a page, carried to the client as an opaque cursor: base64url
 * (no padding) of a compact JSON object. Decoding accepts the text with or without padding and turns
 * every malformation into a 422 {@code Invalid cursor: …}.
 */
public final class CursorKey {

    /** Maximum cursor text length and maximum decoded length, in characters and bytes. */
    public static final int MAX_LENGTH = 8192;

    private final Map<String, Object> values;

    private CursorKey(Map<String, Object> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    /** A cursor holding these sort-key values (strings, integers, decimals, booleans, null), in order. */
    public static CursorKey of(Map<String, ?> values) {
        values.forEach((name, value) -> {
            if (value instanceof Map<?, ?> || value instanceof List<?>) {
                throw new IllegalArgumentException("cursor value " + name + " must be a scalar");
            }
        });
        return new CursorKey(new LinkedHashMap<>(values));
    }

    /** Builder-style helper: a timestamp value in the canonical cursor form. */
    public static String timestamp(Instant instant) {
        return WireTime.offset(instant);
    }

    /** The opaque text clients send back. */
    public String encode() {
        byte[] json = CompactJson.write(values).getBytes(StandardCharsets.UTF_8);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json);
    }

    /**
     * Decodes a cursor from a client.
     *
     * @throws DomainError.Invalid (422, string detail starting {@code Invalid cursor:}) on oversize text,
     *                             bad base64, bad UTF-8/JSON, or a value that is not an object
     */
    public static CursorKey decode(String text) {
        Objects.requireNonNull(text, "text");
        if (text.length() > MAX_LENGTH) {
            throw invalid("too long");
        }
        String unpadded = text.strip();
        while (unpadded.endsWith("=")) {
            unpadded = unpadded.substring(0, unpadded.length() - 1);
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(unpadded);
        } catch (IllegalArgumentException e) {
            throw invalid("malformed base64");
        }
        if (bytes.length > MAX_LENGTH) {
            throw invalid("too long");
        }
        String json;
        try {
            json = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw invalid("malformed UTF-8");
        }
        Object parsed;
        try {
            parsed = CompactJson.parse(json);
        } catch (IllegalArgumentException e) {
            throw invalid("malformed JSON (" + e.getMessage() + ")");
        }
        if (!(parsed instanceof Map<?, ?> map)) {
            throw invalid("not a JSON object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> values = new LinkedHashMap<>((Map<String, Object>) map);
        return new CursorKey(values);
    }

    public Map<String, Object> values() {
        return values;
    }

    public boolean has(String key) {
        return values.containsKey(key) && values.get(key) != null;
    }

    /**
     * A timestamp field.
     *
     * @throws DomainError.Invalid {@code Invalid cursor timestamp: <value>} when absent, unparseable, or outside
     *                             years 1 to 9999
     */
    public Instant requireTimestamp(String key) {
        Object raw = values.get(key);
        if (raw instanceof String s) {
            Optional<Instant> parsed = WireTime.parse(s).filter(WireTime::storable);
            if (parsed.isPresent()) {
                return parsed.get();
            }
        }
        throw new DomainError.Invalid("Invalid cursor timestamp: " + raw);
    }

    /** A string field, or a 422 {@code Invalid cursor: missing <key>} when absent or not a string. */
    public String requireString(String key) {
        if (values.get(key) instanceof String s) {
            return s;
        }
        throw invalid("missing " + key);
    }

    /** An integer field that may be JSON null; a 422 when present with another type. */
    public Optional<Long> optionalLong(String key) {
        Object raw = values.get(key);
        if (raw == null) {
            return Optional.empty();
        }
        if (raw instanceof Long l) {
            return Optional.of(l);
        }
        if (raw instanceof BigDecimal d) {
            try {
                return Optional.of(d.longValueExact());
            } catch (ArithmeticException e) {
                throw invalid(key + " is not an integer");
            }
        }
        throw invalid(key + " is not an integer");
    }

    private static DomainError.Invalid invalid(String reason) {
        return new DomainError.Invalid("Invalid cursor: " + reason);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CursorKey that && values.equals(that.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return "CursorKey" + values;
    }
}
