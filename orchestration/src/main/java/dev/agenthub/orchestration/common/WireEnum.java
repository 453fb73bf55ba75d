package dev.agenthub.orchestration.common;

import java.util.Locale;
import java.util.Optional;

/** The wire names of the Agent Hub enums: the constant's name in lowercase ({@code in_progress}, {@code request_changes}). */
public final class WireEnum {

    private WireEnum() {
    }

    public static String name(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    /** The constant whose wire name is exactly {@code text}; empty for anything else (including null). */
    public static <E extends Enum<E>> Optional<E> parse(Class<E> type, String text) {
        if (text == null) {
            return Optional.empty();
        }
        for (E value : type.getEnumConstants()) {
            if (name(value).equals(text)) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }
}
