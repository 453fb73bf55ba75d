package dev.agenthub.protocol.kernel.time;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * The timestamp forms on the wire. Every form is RFC 3339 in UTC with microseconds:
 * <ul>
 *   <li>{@link #offset}: {@code 2026-02-07T11:14:49.123456+00:00} (beadhub-domain resources);</li>
 *   <li>{@link #zulu}: {@code 2026-02-07T11:14:49.123456Z} (mail, chat, events);</li>
 *   <li>{@link #naive}: {@code 2026-02-07T11:14:49.123456} (the Agent Hub API, read as UTC).</li>
 * </ul>
 * {@link #parse} accepts all three, with any fraction length and any offset.
 */
public final class WireTime {

    private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS");

    private WireTime() {
    }

    public static String offset(Instant instant) {
        return MICROS.format(utc(instant)) + "+00:00";
    }

    public static String zulu(Instant instant) {
        return MICROS.format(utc(instant)) + "Z";
    }

    public static String naive(Instant instant) {
        return MICROS.format(utc(instant));
    }

    /** Parses any of the wire forms (and a bare offset-less form as UTC); empty when unparseable. */
    public static Optional<Instant> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String s = text.trim();
        try {
            return Optional.of(OffsetDateTime.parse(s).toInstant());
        } catch (DateTimeParseException ignored) {
            // not an offset form; try the naive form
        }
        try {
            return Optional.of(LocalDateTime.parse(s).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException ignored) {
            return Optional.empty();
        }
    }

    /**
     * Parses a client timestamp that must carry a zone ({@code Z} or an offset), as Python's
     * {@code datetime.fromisoformat} reads it: a space may stand for the {@code T}. Empty when it has no zone or
     * does not parse; {@link #parse} tells the two apart.
     */
    public static Optional<Instant> parseZoned(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(isoSeparated(text)).toInstant());
        } catch (DateTimeParseException notZoned) {
            return Optional.empty();
        }
    }

    /** Whether {@code text} is a date-time without a zone, in the forms {@link #parseZoned} reads otherwise. */
    public static boolean isZoneless(String text) {
        if (text == null || text.isBlank()) {
            return false;
        }
        try {
            LocalDateTime.parse(isoSeparated(text));
            return true;
        } catch (DateTimeParseException notLocal) {
            return false;
        }
    }

    /** Trimmed, with a space standing for the {@code T} replaced by it. */
    private static String isoSeparated(String text) {
        String s = text.trim();
        return s.length() > 10 && s.charAt(10) == ' ' ? s.substring(0, 10) + 'T' + s.substring(11) : s;
    }

    /** The earliest and latest instants every store keeps: years 1 to 9999, the range of the wire format. */
    private static final Instant FIRST_STORABLE = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LAST_STORABLE = Instant.parse("9999-12-31T23:59:59.999999Z");

    /**
     * Whether {@code instant} lies in years 1 to 9999: what PostgreSQL stores and the wire format writes. Input
     * outside it (a cursor naming year 300000, say) is a client error, not a database one.
     */
    public static boolean storable(Instant instant) {
        return !instant.isBefore(FIRST_STORABLE) && !instant.isAfter(LAST_STORABLE);
    }

    /** Microsecond precision, the resolution every stored and emitted timestamp has. */
    public static Instant truncate(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    }
}
