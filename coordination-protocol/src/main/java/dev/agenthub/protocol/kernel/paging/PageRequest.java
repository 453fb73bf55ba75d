package dev.agenthub.protocol.kernel.paging;

import dev.agenthub.protocol.kernel.error.DomainError;
import dev.agenthub.protocol.kernel.error.Violation;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A keyset page request: how many rows, and after which sort key.
 *
 * @param limit  rows per page (default {@value #DEFAULT_LIMIT}, range 1..{@value #MAX_LIMIT} unless the
 *               endpoint says otherwise)
 * @param after  the decoded cursor, empty for the first page
 */
public record PageRequest(int limit, Optional<CursorKey> after) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    public PageRequest {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive");
        }
        after = after == null ? Optional.empty() : after;
    }

    /** Validates client input with the default bounds. */
    public static PageRequest of(Integer limit, String cursor) {
        return of(limit, cursor, DEFAULT_LIMIT, MAX_LIMIT);
    }

    /**
     * Validates client input: an out-of-range limit is a list-shaped 422 at {@code ["query","limit"]};
     * a malformed cursor is a 422 {@code Invalid cursor: …}.
     */
    public static PageRequest of(Integer limit, String cursor, int defaultLimit, int maxLimit) {
        int effective = limit == null ? defaultLimit : limit;
        if (effective < 1) {
            throw DomainError.Invalid.of(new Violation("greater_than_equal", List.of("query", "limit"),
                    "Input should be greater than or equal to 1", limit, Map.of("ge", 1)));
        }
        if (effective > maxLimit) {
            throw DomainError.Invalid.of(new Violation("less_than_equal", List.of("query", "limit"),
                    "Input should be less than or equal to " + maxLimit, limit, Map.of("le", maxLimit)));
        }
        Optional<CursorKey> after = cursor == null || cursor.isEmpty()
                ? Optional.empty()
                : Optional.of(CursorKey.decode(cursor));
        return new PageRequest(effective, after);
    }

    /** Stores fetch this many rows: one more than the limit tells whether another page exists. */
    public int fetchSize() {
        return limit + 1;
    }
}
