package dev.agenthub.persistence.orchestration;

import dev.agenthub.orchestration.common.WireEnum;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** Shared conversions of the orchestration stores: wire-named enum columns and microsecond timestamps. */
final class OrchestrationRows {

    /** SQLSTATE of a unique violation. */
    static final String UNIQUE_VIOLATION = "23505";

    private OrchestrationRows() {
    }

    /** The instant as PostgreSQL stores it: UTC, truncated to microseconds. */
    static OffsetDateTime micros(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    }

    static <E extends Enum<E>> E enumColumn(Class<E> type, String text) {
        return WireEnum.parse(type, text)
                .orElseThrow(() -> new IllegalStateException("unknown " + type.getSimpleName() + " in the database: " + text));
    }
}
