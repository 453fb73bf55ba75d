package dev.agenthub.orchestration.forge;

import java.util.Locale;
import java.util.Optional;

/** The commit a forge status is posted for (wire spec agenthub §10.1 step 3). */
public final class CommitShas {

    private CommitShas() {
    }

    /**
     * The value after the first trimmed description line that starts, ignoring case, with {@code - merged_sha:};
     * failing that, {@code - commit:}. Empty when neither line is there or its value is blank.
     */
    public static Optional<String> of(String description) {
        Optional<String> merged = value(description, "- merged_sha:");
        return merged.isPresent() ? merged : value(description, "- commit:");
    }

    private static Optional<String> value(String description, String prefix) {
        for (String line : description.split("\\R", -1)) {
            String trimmed = line.strip();
            if (trimmed.toLowerCase(Locale.ROOT).startsWith(prefix)) {
                String value = trimmed.substring(prefix.length()).strip();
                return value.isEmpty() ? Optional.empty() : Optional.of(value);
            }
        }
        return Optional.empty();
    }
}
