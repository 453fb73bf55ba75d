package dev.agenthub.http.support;

import dev.agenthub.protocol.kernel.error.DomainError;
import dev.agenthub.protocol.kernel.error.Violation;
import dev.agenthub.protocol.kernel.id.Uuids;
import io.javalin.http.Context;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Reads query parameters with the list-shaped 422 of wire spec §1.4 ({@code loc} {@code ["query", name]}),
 * collecting every problem before {@link #validate()}. Unknown parameters are ignored.
 */
public final class QueryParams {

    private static final Set<String> TRUE = Set.of("true", "1", "yes", "on", "t", "y");
    private static final Set<String> FALSE = Set.of("false", "0", "no", "off", "f", "n");

    private final Context ctx;
    private final List<Violation> violations = new ArrayList<>();

    public QueryParams(Context ctx) {
        this.ctx = ctx;
    }

    /** The request the parameters come from. */
    public Context ctx() {
        return ctx;
    }

    /** An integer in {@code min..max}; absent gives {@code fallback}. */
    public int integer(String name, int fallback, int min, int max) {
        String raw = ctx.queryParam(name);
        if (raw == null) {
            return fallback;
        }
        long value;
        try {
            value = Long.parseLong(raw.strip());
        } catch (NumberFormatException e) {
            violations.add(new Violation("int_parsing", List.of("query", name),
                    "Input should be a valid integer, unable to parse string as an integer", raw));
            return fallback;
        }
        if (value < min) {
            violations.add(new Violation("greater_than_equal", List.of("query", name),
                    "Input should be greater than or equal to " + min, raw, Map.of("ge", min)));
            return fallback;
        }
        if (value > max) {
            violations.add(new Violation("less_than_equal", List.of("query", name),
                    "Input should be less than or equal to " + max, raw, Map.of("le", max)));
            return fallback;
        }
        return (int) value;
    }

    /** A boolean in the spellings pydantic accepts ({@code true}/{@code false}, {@code 1}/{@code 0}, …). */
    public boolean bool(String name, boolean fallback) {
        String raw = ctx.queryParam(name);
        if (raw == null) {
            return fallback;
        }
        String value = raw.strip().toLowerCase(Locale.ROOT);
        if (TRUE.contains(value)) {
            return true;
        }
        if (FALSE.contains(value)) {
            return false;
        }
        violations.add(new Violation("bool_parsing", List.of("query", name),
                "Input should be a valid boolean, unable to interpret input", raw));
        return fallback;
    }

    /** An optional UUID; a value that is not one records a {@code uuid_parsing} violation and gives empty. */
    public Optional<UUID> uuid(String name) {
        String raw = ctx.queryParam(name);
        if (raw == null) {
            return Optional.empty();
        }
        Optional<UUID> parsed = Uuids.parse(raw);
        if (parsed.isEmpty()) {
            violations.add(new Violation("uuid_parsing", List.of("query", name), "Input should be a valid UUID", raw));
        }
        return parsed;
    }

    /**
     * An optional text parameter of at most {@code maxLength} characters (code points); absent or empty gives
     * empty, a longer one records a {@code string_too_long} violation and gives empty.
     */
    public Optional<String> string(String name, int maxLength) {
        String raw = ctx.queryParam(name);
        if (raw == null || raw.isEmpty()) {
            return Optional.empty();
        }
        if (raw.codePointCount(0, raw.length()) > maxLength) {
            violations.add(new Violation("string_too_long", List.of("query", name),
                    "String should have at most " + maxLength + (maxLength == 1 ? " character" : " characters"), raw,
                    Map.of("max_length", maxLength)));
            return Optional.empty();
        }
        return Optional.of(raw);
    }

    /** A parameter that must be present (any text); absent records a {@code missing} violation and gives null. */
    public String requiredString(String name) {
        String raw = ctx.queryParam(name);
        if (raw == null) {
            violations.add(Violation.missing(List.of("query", name), null));
        }
        return raw;
    }

    /** Records a violation of a custom rule ({@code value_error}, {@code Value error, <reason>}) at this parameter. */
    public void reject(Violation violation) {
        violations.add(violation);
    }

    /** @throws DomainError.Invalid the list-shaped 422 with every violation recorded, if any */
    public void validate() {
        if (!violations.isEmpty()) {
            throw new DomainError.Invalid(violations);
        }
    }
}
