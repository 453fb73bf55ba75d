package dev.agenthub.http.autopilot;

import dev.agenthub.http.support.BodyFields;
import dev.agenthub.http.support.QueryParams;
import dev.agenthub.orchestration.common.WireEnum;
import dev.agenthub.protocol.kernel.error.Violation;
import io.javalin.http.Context;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The optional {@code status} query filter of the Agent Hub lists (wire spec agenthub §1): absent means every
 * status; a value that is not one of the enum's wire names (the empty string included) is pydantic's {@code enum}
 * violation at {@code ["query", "status"]}, recorded in the list's {@link QueryParams} so a bad {@code limit} is
 * reported in the same 422.
 */
public final class StatusFilter {

    public static final String PARAMETER = "status";

    private StatusFilter() {
    }

    public static <E extends Enum<E>> Optional<E> read(Context ctx, QueryParams query, Class<E> type) {
        String raw = ctx.queryParam(PARAMETER);
        if (raw == null) {
            return Optional.empty();
        }
        Optional<E> parsed = WireEnum.parse(type, raw);
        if (parsed.isEmpty()) {
            String expected = expected(type);
            query.reject(new Violation("enum", List.of("query", PARAMETER), "Input should be " + expected, raw,
                    Map.of("expected", expected)));
        }
        return parsed;
    }

    /** The enum's wire names as pydantic lists them: {@code 'open', 'merged' or 'closed'}. */
    public static String expected(Class<? extends Enum<?>> type) {
        return BodyFields.expectedList(Arrays.stream(type.getEnumConstants()).map(WireEnum::name).toList());
    }
}
