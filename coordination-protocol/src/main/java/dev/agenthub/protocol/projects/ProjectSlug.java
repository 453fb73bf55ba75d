package dev.agenthub.protocol.projects;

import java.util.regex.Pattern;

/** The project slug rule of §2.2: 1..256 characters of {@code A-Z a-z 0-9 / _ . -}. */
public final class ProjectSlug {

    public static final int MAX_LENGTH = 256;
    private static final Pattern FORM = Pattern.compile("[A-Za-z0-9/_.\\-]+");

    private ProjectSlug() {
    }

    public static boolean valid(String slug) {
        return slug != null && !slug.isEmpty() && slug.length() <= MAX_LENGTH && FORM.matcher(slug).matches();
    }

    /** @throws IllegalArgumentException when {@code slug} breaks the rule (callers validate input first) */
    public static String require(String slug) {
        if (!valid(slug)) {
            throw new IllegalArgumentException("invalid project slug: " + slug);
        }
        return slug;
    }
}
