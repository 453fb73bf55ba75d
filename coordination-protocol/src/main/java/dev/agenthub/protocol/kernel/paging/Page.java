package dev.agenthub.protocol.kernel.paging;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * One page of a keyset-paginated listing. {@code hasMore} is true exactly when a further row exists;
 * {@code nextCursor} is present exactly when {@code hasMore} is.
 */
public record Page<T>(List<T> items, boolean hasMore, Optional<String> nextCursor) {

    public Page {
        items = List.copyOf(items);
        nextCursor = nextCursor == null ? Optional.empty() : nextCursor;
        if (hasMore != nextCursor.isPresent()) {
            throw new IllegalArgumentException("nextCursor must be present exactly when hasMore is true");
        }
    }

    /**
     * Builds a page from rows fetched with {@link PageRequest#fetchSize()}: the extra row, if any, is
     * dropped and the cursor is the sort key of the last row kept.
     */
    public static <T> Page<T> fromOverfetch(List<T> rows, PageRequest request, Function<T, CursorKey> sortKey) {
        if (rows.size() <= request.limit()) {
            return new Page<>(rows, false, Optional.empty());
        }
        List<T> kept = rows.subList(0, request.limit());
        return new Page<>(kept, true, Optional.of(sortKey.apply(kept.get(kept.size() - 1)).encode()));
    }

    /** A bounded listing that is never paginated. */
    public static <T> Page<T> complete(List<T> items) {
        return new Page<>(items, false, Optional.empty());
    }

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), hasMore, nextCursor);
    }
}
