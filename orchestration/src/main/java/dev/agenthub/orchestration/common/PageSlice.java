package dev.agenthub.orchestration.common;

/**
 * One page of an Agent Hub list (wire spec agenthub §1): at most {@code limit} rows after skipping {@code offset}.
 * The HTTP layer computes the effective limit ({@code min(limit or default, max)}); stores apply it as given.
 */
public record PageSlice(int limit, int offset) {

    public PageSlice {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1: " + limit);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative: " + offset);
        }
    }
}
