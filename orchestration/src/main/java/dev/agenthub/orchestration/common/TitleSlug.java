package dev.agenthub.orchestration.common;

import java.util.Locale;

/**
 * The slug of a work item title (wire spec agenthub §6.3 step 3): lowercased, each run of characters other than
 * ASCII letters and digits replaced by {@code -}, {@code -} trimmed from both ends, the first 36 characters kept;
 * {@code change} when nothing is left.
 */
public final class TitleSlug {

    public static final int MAX_LENGTH = 36;

    private TitleSlug() {
    }

    public static String of(String title) {
        String slug = title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (slug.length() > MAX_LENGTH) {
            slug = slug.substring(0, MAX_LENGTH);
        }
        return slug.isEmpty() ? "change" : slug;
    }
}
