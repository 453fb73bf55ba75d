package dev.agenthub.protocol.kernel.text;

import java.util.Locale;

/** An enum whose wire form is its constant name in lowercase ({@code CONTACTS_ONLY} is {@code contacts_only}). */
public interface WireName {

    String name();

    default String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException when {@code text} names no constant */
    static <E extends Enum<E> & WireName> E parse(Class<E> type, String text) {
        return Enum.valueOf(type, text.toUpperCase(Locale.ROOT));
    }
}
