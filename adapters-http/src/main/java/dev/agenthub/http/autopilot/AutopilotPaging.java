package dev.agenthub.http.autopilot;

import dev.agenthub.http.support.QueryParams;
import dev.agenthub.orchestration.common.PageSlice;
import io.javalin.http.Context;

/**
 * The {@code limit}/{@code offset} query of every Agent Hub list (wire spec agenthub §1): {@code limit} optional,
 * 1..5000; {@code offset} ≥ 0, default 0; the page size is {@code min(limit or defaultSize, maxSize)}. Out-of-range
 * or non-integer values are list-shaped 422s at {@code ["query", name]}.
 *
 * @param defaultSize {@code AGENT_HUB_DEFAULT_PAGE_SIZE} (1..500, default 50)
 * @param maxSize     {@code AGENT_HUB_MAX_PAGE_SIZE} (1..2000, default 200)
 */
public record AutopilotPaging(int defaultSize, int maxSize) {

    public static final int DEFAULT_PAGE_SIZE = 50;
    public static final int MAX_PAGE_SIZE = 200;
    /** The largest {@code limit} a request may ask for (the effective size is still capped at {@link #maxSize}). */
    public static final int MAX_LIMIT = 5000;

    public AutopilotPaging {
        if (defaultSize < 1 || defaultSize > 500) {
            throw new IllegalArgumentException("defaultSize must be 1..500: " + defaultSize);
        }
        if (maxSize < 1 || maxSize > 2000) {
            throw new IllegalArgumentException("maxSize must be 1..2000: " + maxSize);
        }
    }

    public static AutopilotPaging defaults() {
        return new AutopilotPaging(DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
    }

    /**
     * Reads {@code limit} and {@code offset} into {@code query}, recording violations there; the result is only
     * meaningful once {@code query.validate()} passed. Lets a route report a bad {@code status} filter and a bad
     * {@code limit} in one 422.
     */
    public PageSlice read(QueryParams query) {
        int limit = query.integer("limit", 0, 1, MAX_LIMIT);
        int offset = beyondIntRange(query.ctx().queryParam("offset")) ? Integer.MAX_VALUE
                : query.integer("offset", 0, 0, Integer.MAX_VALUE);
        return new PageSlice(Math.min(limit == 0 ? defaultSize : limit, maxSize), offset);
    }

    /** An offset too large for an int is still a valid one (pydantic's ints are unbounded): it skips every row. */
    private static boolean beyondIntRange(String raw) {
        if (raw == null) {
            return false;
        }
        try {
            return new java.math.BigInteger(raw.strip()).compareTo(java.math.BigInteger.valueOf(Integer.MAX_VALUE)) > 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /**
     * The page a list request asks for.
     *
     * @throws dev.agenthub.protocol.kernel.error.DomainError.Invalid the list-shaped 422 for a bad limit or offset
     */
    public PageSlice page(Context ctx) {
        QueryParams query = new QueryParams(ctx);
        PageSlice slice = read(query);
        query.validate();
        return slice;
    }
}
