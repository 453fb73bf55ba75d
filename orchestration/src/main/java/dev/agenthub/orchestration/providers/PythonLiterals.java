package dev.agenthub.orchestration.providers;

/**
 * Writes Java strings as Python 3 string literals. Every character outside printable ASCII, and the quote and the
 * backslash, is escaped, so any input (quotes, backslashes, newlines, triple quotes, control characters, lone
 * surrogates) yields one valid double-quoted literal on one line.
 */
final class PythonLiterals {

    private PythonLiterals() {
    }

    static String quoted(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        text.codePoints().forEach(cp -> {
            switch (cp) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (cp >= 0x20 && cp < 0x7f) {
                        out.append((char) cp);
                    } else if (cp <= 0xffff) {
                        out.append(String.format("\\u%04x", cp));
                    } else {
                        out.append(String.format("\\U%08x", cp));
                    }
                }
            }
        });
        return out.append('"').toString();
    }
}
