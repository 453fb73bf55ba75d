package dev.agenthub.protocol.kernel.paging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PageTest {

    record Row(int id, String createdAt) {
    }

    private static final Function<Row, CursorKey> SORT_KEY =
            row -> CursorKey.of(Map.of("created_at", row.createdAt(), "id", (long) row.id()));

    private static List<Row> rows(int count) {
        return IntStream.rangeClosed(1, count)
                .mapToObj(i -> new Row(i, String.format("2026-02-07T11:14:%02d.000000+00:00", i % 60)))
                .toList();
    }

    private static PageRequest limit(int limit) {
        return new PageRequest(limit, Optional.empty());
    }

    @Test
    void extraRowMeansHasMoreAndIsDropped() {
        List<Row> fetched = rows(4);

        Page<Row> page = Page.fromOverfetch(fetched, limit(3), SORT_KEY);

        assertThat(page.items()).containsExactlyElementsOf(fetched.subList(0, 3));
        assertThat(page.hasMore()).isTrue();
        assertThat(page.nextCursor()).contains(SORT_KEY.apply(fetched.get(2)).encode());
        assertThat(CursorKey.decode(page.nextCursor().orElseThrow()))
                .isEqualTo(CursorKey.of(Map.of("created_at", fetched.get(2).createdAt(), "id", 3L)));
    }

    @Test
    void exactlyLimitRowsIsTheLastPage() {
        List<Row> fetched = rows(3);

        Page<Row> page = Page.fromOverfetch(fetched, limit(3), SORT_KEY);

        assertThat(page.items()).containsExactlyElementsOf(fetched);
        assertThat(page.hasMore()).isFalse();
        assertThat(page.nextCursor()).isEmpty();
    }

    @Test
    void fewerRowsIsTheLastPage() {
        Page<Row> page = Page.fromOverfetch(rows(1), limit(3), SORT_KEY);
        assertThat(page.items()).hasSize(1);
        assertThat(page.hasMore()).isFalse();
        assertThat(page.nextCursor()).isEmpty();
    }

    @Test
    void noRowsIsAnEmptyLastPage() {
        Page<Row> page = Page.fromOverfetch(List.of(), limit(50), SORT_KEY);
        assertThat(page.items()).isEmpty();
        assertThat(page.hasMore()).isFalse();
        assertThat(page.nextCursor()).isEmpty();
    }

    @Test
    void limitOfOne() {
        Page<Row> page = Page.fromOverfetch(rows(2), limit(1), SORT_KEY);
        assertThat(page.items()).extracting(Row::id).containsExactly(1);
        assertThat(page.hasMore()).isTrue();
        assertThat(CursorKey.decode(page.nextCursor().orElseThrow()).optionalLong("id")).contains(1L);
    }

    @Test
    void cursorIsTheKeyOfTheLastKeptRowNotOfTheExtraRow() {
        List<Row> fetched = rows(51);

        Page<Row> page = Page.fromOverfetch(fetched, PageRequest.of(null, null), SORT_KEY);

        assertThat(page.items()).hasSize(50).last().isEqualTo(fetched.get(49));
        CursorKey next = CursorKey.decode(page.nextCursor().orElseThrow());
        assertThat(next).isEqualTo(CursorKey.decode(SORT_KEY.apply(fetched.get(49)).encode()));
        assertThat(next.optionalLong("id")).contains(50L);
    }

    @Test
    void pageDoesNotChangeWhenTheFetchedListDoes() {
        List<Row> fetched = new ArrayList<>(rows(4));
        Page<Row> page = Page.fromOverfetch(fetched, limit(3), SORT_KEY);
        List<Row> snapshot = List.copyOf(page.items());

        fetched.clear();

        assertThat(page.items()).isEqualTo(snapshot).hasSize(3);
        assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> page.items().clear());
    }

    @Test
    void completeIsNeverPaginated() {
        List<Row> all = rows(300);
        Page<Row> page = Page.complete(all);
        assertThat(page.items()).containsExactlyElementsOf(all);
        assertThat(page.hasMore()).isFalse();
        assertThat(page.nextCursor()).isEmpty();
        assertThat(Page.complete(List.of()).items()).isEmpty();
    }

    @Test
    void mapTransformsItemsAndKeepsPaging() {
        Page<Row> page = Page.fromOverfetch(rows(3), limit(2), SORT_KEY);

        Page<String> mapped = page.map(row -> "row-" + row.id());

        assertThat(mapped.items()).containsExactly("row-1", "row-2");
        assertThat(mapped.hasMore()).isTrue();
        assertThat(mapped.nextCursor()).isEqualTo(page.nextCursor());

        Page<Integer> last = Page.complete(List.of("a", "bb")).map(String::length);
        assertThat(last.items()).containsExactly(1, 2);
        assertThat(last.hasMore()).isFalse();
        assertThat(last.nextCursor()).isEmpty();
    }

    @Test
    void cursorPresentExactlyWhenHasMore() {
        assertThatIllegalArgumentException().isThrownBy(() -> new Page<>(List.of(1), true, Optional.empty()));
        assertThatIllegalArgumentException().isThrownBy(() -> new Page<>(List.of(1), true, null));
        assertThatIllegalArgumentException().isThrownBy(() -> new Page<>(List.of(1), false, Optional.of("abc")));
        assertThat(new Page<>(List.of(1), false, null).nextCursor()).isEmpty();
        assertThat(new Page<>(List.of(1), true, Optional.of("abc")).nextCursor()).contains("abc");
    }
}
