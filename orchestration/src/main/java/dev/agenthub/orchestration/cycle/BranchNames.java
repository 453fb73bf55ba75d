package dev.agenthub.orchestration.cycle;

import java.util.Locale;

/** The branch a cycle commits a work item's change on (wire spec agenthub §6.3 step 3.3). */
public final class BranchNames {

    /** The slug keeps at most this many characters. */
    public static final int MAX_SLUG = 36;

    private BranchNames() {
    }

    /** {@code agent/<item id>-<slug of the title>}. */
    public static String forWorkItem(long workItemId, String title) {
        return "agent/" + workItemId + "-" + slug(title);
    }

    /**
     * The title lowercased, each run of characters other than {@code a-z} and {@code 0-9} replaced by one {@code -},
     * {@code -} trimmed from both ends, then cut to the first 36 characters; {@code change} when nothing is left.
     */
    public static String slug(String title) {
        String lower = title.toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(lower.length());
        boolean inRun = false;
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                out.append(c);
                inRun = false;
            } else if (!inRun) {
                out.append('-');
                inRun = true;
            }
        }
        int start = 0;
        int end = out.length();
        while (start < end && out.charAt(start) == '-') {
            start++;
        }
        while (end > start && out.charAt(end - 1) == '-') {
            end--;
        }
        String slug = out.substring(start, Math.min(end, start + MAX_SLUG));
        return slug.isEmpty() ? "change" : slug;
    }
}
