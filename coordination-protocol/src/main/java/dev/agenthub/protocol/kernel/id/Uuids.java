package dev.agenthub.protocol.kernel.id;

import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * UUID text in the wire forms: accepted in any RFC 4122 textual form (any case, with or without
 * hyphens, optionally wrapped in braces or prefixed {@code urn:uuid:}), always emitted lowercase and
 * hyphenated.
 */
public final class Uuids {

    private Uuids() {
    }

    /** Parses any accepted form; empty when the text is not a UUID. Never throws. */
    public static Optional<UUID> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String s = text.trim().toLowerCase(Locale.ROOT);
        if (s.startsWith("urn:uuid:")) {
            s = s.substring("urn:uuid:".length());
        }
        if (s.length() == 38 && s.charAt(0) == '{' && s.charAt(37) == '}') {
            s = s.substring(1, 37);
        }
        String hex;
        if (s.length() == 36) {
            if (s.charAt(8) != '-' || s.charAt(13) != '-' || s.charAt(18) != '-' || s.charAt(23) != '-') {
                return Optional.empty();
            }
            hex = s.substring(0, 8) + s.substring(9, 13) + s.substring(14, 18) + s.substring(19, 23) + s.substring(24);
        } else if (s.length() == 32) {
            hex = s;
        } else {
            return Optional.empty();
        }
        for (int i = 0; i < 32; i++) {
            char c = hex.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return Optional.empty();
            }
        }
        long msb = Long.parseUnsignedLong(hex.substring(0, 16), 16);
        long lsb = Long.parseUnsignedLong(hex.substring(16), 16);
        return Optional.of(new UUID(msb, lsb));
    }

    /** The canonical wire form: lowercase, hyphenated. */
    public static String format(UUID id) {
        return id.toString();
    }
}
