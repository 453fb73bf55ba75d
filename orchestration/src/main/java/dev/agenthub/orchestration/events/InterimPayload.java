package dev.agenthub.orchestration.events;

import java.util.Map;

/** INTERIM until catalog-a's PayloadJson is merged: a minimal json.dumps-style object writer. */
public final class InterimPayload {

    private InterimPayload() {
    }

    public static String of(Map<String, ?> fields) {
        StringBuilder out = new StringBuilder("{");
        boolean first = true;
        for (Map.Entry<String, ?> e : fields.entrySet()) {
            if (!first) {
                out.append(", ");
            }
            first = false;
            string(out, e.getKey());
            out.append(": ");
            Object v = e.getValue();
            if (v == null) {
                out.append("null");
            } else if (v instanceof Number || v instanceof Boolean) {
                out.append(v);
            } else {
                string(out, v.toString());
            }
        }
        return out.append('}').toString();
    }

    private static void string(StringBuilder out, String s) {
        out.append('"');
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                default -> out.append(c);
            }
        }
        out.append('"');
    }
}
