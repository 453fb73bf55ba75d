package dev.agenthub.protocol.kernel.text;

/** Text lengths as the wire counts them: in Unicode code points, so a surrogate pair is never cut in half. */
public final class CodePoints {

    private CodePoints() {
    }

    /** The first {@code length} code points of {@code text} (all of it when it is not longer). */
    public static String prefix(String text, int length) {
        if (text.codePointCount(0, text.length()) <= length) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, length));
    }
}
