package dev.agenthub.protocol.kernel.paging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.agenthub.protocol.kernel.error.DomainError;
import dev.agenthub.protocol.kernel.error.Violation;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PageRequestTest {

    private static Violation singleViolation(Integer limit, int defaultLimit, int maxLimit) {
        DomainError.Invalid error = org.assertj.core.api.Assertions.catchThrowableOfType(DomainError.Invalid.class,
                () -> PageRequest.of(limit, null, defaultLimit, maxLimit));
        assertThat(error).as("limit %s must be rejected", limit).isNotNull();
        assertThat(error.status()).isEqualTo(422);
        assertThat(error.violations()).hasSize(1);
        assertThat(error.detail()).isEqualTo(error.violations());
        return error.violations().get(0);
    }

    @Test
    void limitDefaultsToFifty() {
        PageRequest request = PageRequest.of(null, null);
        assertThat(request.limit()).isEqualTo(50).isEqualTo(PageRequest.DEFAULT_LIMIT);
        assertThat(request.after()).isEmpty();
        assertThat(request.fetchSize()).isEqualTo(51);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 50, 199, 200})
    void acceptsLimitsWithinOneToTwoHundred(int limit) {
        PageRequest request = PageRequest.of(limit, null);
        assertThat(request.limit()).isEqualTo(limit);
        assertThat(request.fetchSize()).isEqualTo(limit + 1);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, Integer.MIN_VALUE})
    void belowOneIsAGreaterThanEqualViolation(int limit) {
        Violation violation = singleViolation(limit, PageRequest.DEFAULT_LIMIT, PageRequest.MAX_LIMIT);
        assertThat(violation.type()).isEqualTo("greater_than_equal");
        assertThat(violation.loc()).containsExactly("query", "limit");
        assertThat(violation.msg()).isEqualTo("Input should be greater than or equal to 1");
        assertThat(violation.input()).isEqualTo(limit);
        assertThat(violation.ctx()).isEqualTo(Map.of("ge", 1));
    }

    @ParameterizedTest
    @ValueSource(ints = {201, 1000, Integer.MAX_VALUE})
    void aboveTwoHundredIsALessThanEqualViolation(int limit) {
        Violation violation = singleViolation(limit, PageRequest.DEFAULT_LIMIT, PageRequest.MAX_LIMIT);
        assertThat(violation.type()).isEqualTo("less_than_equal");
        assertThat(violation.loc()).containsExactly("query", "limit");
        assertThat(violation.msg()).isEqualTo("Input should be less than or equal to 200");
        assertThat(violation.input()).isEqualTo(limit);
        assertThat(violation.ctx()).isEqualTo(Map.of("le", 200));
    }

    @Test
    void theTwoArgumentFormUsesTheDefaultBounds() {
        assertThatExceptionOfType(DomainError.Invalid.class).isThrownBy(() -> PageRequest.of(0, null))
                .satisfies(e -> assertThat(e.violations()).extracting(Violation::type).containsExactly("greater_than_equal"));
        assertThatExceptionOfType(DomainError.Invalid.class).isThrownBy(() -> PageRequest.of(201, null))
                .satisfies(e -> assertThat(e.violations().get(0).ctx()).isEqualTo(Map.of("le", 200)));
    }

    @Test
    void endpointSpecificBounds() {
        PageRequest defaulted = PageRequest.of(null, null, 20, 100);
        assertThat(defaulted.limit()).isEqualTo(20);
        assertThat(PageRequest.of(100, null, 20, 100).limit()).isEqualTo(100);

        Violation tooMany = singleViolation(101, 20, 100);
        assertThat(tooMany.type()).isEqualTo("less_than_equal");
        assertThat(tooMany.msg()).isEqualTo("Input should be less than or equal to 100");
        assertThat(tooMany.ctx()).isEqualTo(Map.of("le", 100));
        assertThat(tooMany.input()).isEqualTo(101);
    }

    @Test
    void absentOrEmptyCursorMeansTheFirstPage() {
        assertThat(PageRequest.of(10, null).after()).isEmpty();
        assertThat(PageRequest.of(10, "").after()).isEmpty();
    }

    @Test
    void decodesTheCursor() {
        CursorKey key = CursorKey.of(Map.of("updated_at", "2026-02-07T11:14:49.123456+00:00"));
        PageRequest request = PageRequest.of(10, key.encode());
        assertThat(request.after()).contains(key);
        assertThat(request.limit()).isEqualTo(10);
    }

    @Test
    void malformedCursorIsAStringDetail422() {
        assertThatExceptionOfType(DomainError.Invalid.class).isThrownBy(() -> PageRequest.of(10, "%%%"))
                .satisfies(e -> {
                    assertThat(e.status()).isEqualTo(422);
                    assertThat(e.violations()).isEmpty();
                    assertThat((String) e.detail()).startsWith("Invalid cursor: ");
                });
    }

    @Test
    void constructorRequiresAPositiveLimitAndNormalisesNullCursor() {
        assertThatIllegalArgumentException().isThrownBy(() -> new PageRequest(0, Optional.empty()));
        assertThatIllegalArgumentException().isThrownBy(() -> new PageRequest(-3, Optional.empty()));
        assertThat(new PageRequest(5, null).after()).isEmpty();
        assertThat(new PageRequest(5, null).fetchSize()).isEqualTo(6);
    }

    @Test
    void violationLocationIsExactlyQueryLimit() {
        Violation violation = singleViolation(0, 50, 200);
        assertThat(violation.loc()).isEqualTo(List.of("query", "limit"));
    }
}
