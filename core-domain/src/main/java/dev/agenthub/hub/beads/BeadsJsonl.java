package dev.agenthub.hub.beads;

import dev.agenthub.protocol.kernel.error.DomainError;
import dev.agenthub.protocol.kernel.json.CompactJson;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The JSONL reader of wire spec §5.3, applied to {@code issues_jsonl}, {@code changed_issues} and the
 * {@code upload-jsonl} body. Every rejection is a string-detail <strong>400</strong>:
 * <ul>
 *   <li>more than {@value #MAX_RECORDS} records: {@code Too many issues: exceeds limit of 10000}, raised before
 *       the 10 001st non-blank line is parsed;</li>
 *   <li>a line that is not JSON: {@code Invalid JSON on line <n>: <parser message>};</li>
 *   <li>a line nesting past the JSON reader's own limit (CompactJson's 32 levels):
 *       {@code JSON nesting too deep on line <n>: exceeds recursion limit};</li>
 *   <li>a line that is not an object: {@code JSON on line <n> must be an object};</li>
 *   <li>an object nesting {@value #MAX_DEPTH} or more levels deep (the object is level 0, each nested object or
 *       array adds 1): {@code JSON nesting depth exceeds limit (10) on line <n>}.</li>
 * </ul>
 * Lines are split at {@code \n}, {@code \r\n} or {@code \r}, numbered from 1 (blank lines count), trimmed, and
 * skipped when empty.
 *
 * <p>The size limit of {@value #MAX_CHARS} characters is not one of these 400s: for {@code /v1/bdh/sync} it is a
 * field rule of the request body ({@code issues_jsonl}, {@code changed_issues} ≤ 10 MiB, §4.5), checked with the
 * other body rules before authentication and reported as a list-shaped 422 (§1.4); {@code upload-jsonl}'s body
 * limit (§4.6) is likewise the HTTP layer's. The spec gives no 413 anywhere. This reader only insists that the
 * caller has applied the limit.
 */
public final class BeadsJsonl {

    /** The most characters a payload may have: 10 MiB (10 485 760). */
    public static final int MAX_CHARS = 10 * 1024 * 1024;
    /** The most records one payload may hold. */
    public static final int MAX_RECORDS = 10_000;
    /** The first nesting depth that is rejected. */
    public static final int MAX_DEPTH = 10;

    private static final int BAD_REQUEST = 400;
    private static final Pattern LINE_BREAK = Pattern.compile("\r\n|\r|\n");

    private BeadsJsonl() {
    }

    /**
     * Parses a payload into its records, in line order.
     *
     * @throws DomainError.Invalid      400 with one of the details listed on the class
     * @throws IllegalArgumentException when the payload is longer than {@value #MAX_CHARS} characters, which the
     *                                  request validation must have rejected already
     */
    public static List<Map<String, Object>> parse(String payload) {
        if (payload.length() > MAX_CHARS && payload.codePointCount(0, payload.length()) > MAX_CHARS) {
            throw new IllegalArgumentException("payload exceeds " + MAX_CHARS + " characters; validate it first");
        }
        List<Map<String, Object>> records = new ArrayList<>();
        String[] lines = LINE_BREAK.split(payload, -1);
        for (int index = 0; index < lines.length; index++) {
            String line = lines[index].strip();
            if (line.isEmpty()) {
                continue;
            }
            int number = index + 1;
            if (records.size() >= MAX_RECORDS) {
                throw badRequest("Too many issues: exceeds limit of " + MAX_RECORDS);
            }
            Object value;
            try {
                value = CompactJson.parse(line);
            } catch (IllegalArgumentException e) {
                if (e.getMessage() != null && e.getMessage().startsWith("nesting too deep")) {
                    throw badRequest("JSON nesting too deep on line " + number + ": exceeds recursion limit");
                }
                throw badRequest("Invalid JSON on line " + number + ": " + e.getMessage());
            }
            if (!(value instanceof Map<?, ?> object)) {
                throw badRequest("JSON on line " + number + " must be an object");
            }
            if (depth(object, 0) >= MAX_DEPTH) {
                throw badRequest("JSON nesting depth exceeds limit (" + MAX_DEPTH + ") on line " + number);
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> record = (Map<String, Object>) object;
            records.add(Collections.unmodifiableMap(record));
        }
        return Collections.unmodifiableList(records);
    }

    /** The deepest container level inside {@code value}, which sits at {@code level}; -1 for a scalar. */
    static int depth(Object value, int level) {
        int deepest = -1;
        if (value instanceof Map<?, ?> map) {
            deepest = level;
            for (Object child : map.values()) {
                deepest = Math.max(deepest, depth(child, level + 1));
            }
        } else if (value instanceof List<?> list) {
            deepest = level;
            for (Object child : list) {
                deepest = Math.max(deepest, depth(child, level + 1));
            }
        }
        return deepest;
    }

    private static DomainError.Invalid badRequest(String message) {
        return new DomainError.Invalid(message, BAD_REQUEST);
    }
}
