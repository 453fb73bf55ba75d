package dev.agenthub.protocol.kernel.text;

import dev.agenthub.protocol.kernel.error.DomainError;

import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A query parameter that lists event types as CSV (the status stream's {@code event_types} of §13.1, the audit
 * log's {@code event_type}): entries trimmed and lowercased, empty entries skipped, every entry one of a known
 * set or a 422 naming the unknown ones and the valid ones.
 */
public final class EventTypeList {

    private EventTypeList() {
    }

    /**
     * Parses {@code csv} against {@code valid}.
     *
     * @param csv   the parameter's text, or null when absent
     * @param valid the known types, in the order the error message lists them
     * @return the types asked for; empty when {@code csv} is absent or lists nothing (the caller reads it as all)
     * @throws DomainError.Invalid 422 {@code Invalid event types: {'x', 'y'}. Valid types: ['a', 'b']}
     */
    public static Set<String> parse(String csv, Collection<String> valid) {
        if (csv == null) {
            return Set.of();
        }
        Set<String> asked = Arrays.stream(csv.split(",", -1)).map(t -> t.strip().toLowerCase(Locale.ROOT))
                .filter(t -> !t.isEmpty()).collect(Collectors.toCollection(LinkedHashSet::new));
        Set<String> invalid = new TreeSet<>(asked);
        invalid.removeAll(valid);
        if (!invalid.isEmpty()) {
            throw new DomainError.Invalid("Invalid event types: "
                    + invalid.stream().map(EventTypeList::pythonQuoted).collect(Collectors.joining(", ", "{", "}"))
                    + ". Valid types: "
                    + valid.stream().map(EventTypeList::pythonQuoted).collect(Collectors.joining(", ", "[", "]")));
        }
        return Set.copyOf(asked);
    }

    /** {@code text} as Python's {@code repr} of a str shows it (single quotes). */
    private static String pythonQuoted(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
