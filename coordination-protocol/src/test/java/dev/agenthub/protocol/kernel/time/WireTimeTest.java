package dev.agenthub.protocol.kernel.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class WireTimeTest {

    private static final Instant SAMPLE = Instant.parse("2026-02-07T11:14:49.123456Z");

    @Test
    void offsetForm() {
        assertThat(WireTime.offset(SAMPLE)).isEqualTo("2026-02-07T11:14:49.123456+00:00");
    }

    @Test
    void zuluForm() {
        assertThat(WireTime.zulu(SAMPLE)).isEqualTo("2026-02-07T11:14:49.123456Z");
    }

    @Test
    void naiveForm() {
        assertThat(WireTime.naive(SAMPLE)).isEqualTo("2026-02-07T11:14:49.123456");
    }

    @Test
    void alwaysSixFractionDigitsEvenOnAWholeSecond() {
        Instant whole = Instant.parse("2026-02-07T11:14:49Z");
        assertThat(WireTime.offset(whole)).isEqualTo("2026-02-07T11:14:49.000000+00:00");
        assertThat(WireTime.zulu(whole)).isEqualTo("2026-02-07T11:14:49.000000Z");
        assertThat(WireTime.naive(whole)).isEqualTo("2026-02-07T11:14:49.000000");
    }

    @Test
    void padsShortFractionsAndKeepsTrailingZeros() {
        assertThat(WireTime.zulu(Instant.parse("2026-02-07T11:14:49.1Z"))).isEqualTo("2026-02-07T11:14:49.100000Z");
        assertThat(WireTime.zulu(Instant.parse("2026-02-07T11:14:49.000001Z"))).isEqualTo("2026-02-07T11:14:49.000001Z");
        assertThat(WireTime.zulu(Instant.parse("2026-02-07T11:14:49.120Z"))).isEqualTo("2026-02-07T11:14:49.120000Z");
    }

    @Test
    void truncatesNanosecondsToMicrosecondsWithoutRounding() {
        Instant nanos = Instant.parse("2026-02-07T11:14:49.123456999Z");
        assertThat(WireTime.offset(nanos)).isEqualTo("2026-02-07T11:14:49.123456+00:00");
        assertThat(WireTime.zulu(nanos)).isEqualTo("2026-02-07T11:14:49.123456Z");
        assertThat(WireTime.naive(nanos)).isEqualTo("2026-02-07T11:14:49.123456");

        Instant endOfDay = Instant.parse("2026-12-31T23:59:59.999999999Z");
        assertThat(WireTime.zulu(endOfDay)).isEqualTo("2026-12-31T23:59:59.999999Z");
    }

    @Test
    void emitsInUtcWhateverTheJvmZone() {
        // The instant 2026-02-07T23:30Z is already 2026-02-08 east of UTC; the wire must still say the 7th.
        Instant lateEvening = Instant.parse("2026-02-07T23:30:00Z");
        assertThat(WireTime.zulu(lateEvening)).isEqualTo("2026-02-07T23:30:00.000000Z");
    }

    @Test
    void truncateDropsSubMicrosecondDigits() {
        assertThat(WireTime.truncate(Instant.parse("2026-02-07T11:14:49.123456789Z")))
                .isEqualTo(Instant.parse("2026-02-07T11:14:49.123456Z"));
        assertThat(WireTime.truncate(SAMPLE)).isEqualTo(SAMPLE);
        assertThat(WireTime.truncate(Instant.parse("1969-12-31T23:59:59.999999999Z")))
                .isEqualTo(Instant.parse("1969-12-31T23:59:59.999999Z"));
    }

    @Test
    void parsesEachOutputForm() {
        assertThat(WireTime.parse("2026-02-07T11:14:49.123456+00:00")).contains(SAMPLE);
        assertThat(WireTime.parse("2026-02-07T11:14:49.123456Z")).contains(SAMPLE);
        assertThat(WireTime.parse("2026-02-07T11:14:49.123456")).contains(SAMPLE);
    }

    @Test
    void everyFormRoundTripsToTheTruncatedInstant() {
        Instant instant = Instant.parse("2031-07-04T01:02:03.987654321Z");
        Instant expected = Instant.parse("2031-07-04T01:02:03.987654Z");
        assertThat(WireTime.parse(WireTime.offset(instant))).contains(expected);
        assertThat(WireTime.parse(WireTime.zulu(instant))).contains(expected);
        assertThat(WireTime.parse(WireTime.naive(instant))).contains(expected);
    }

    @ParameterizedTest
    @CsvSource({
            "2026-02-07T13:14:49.123456+02:00, 2026-02-07T11:14:49.123456Z",
            "2026-02-07T06:14:49.123456-05:00, 2026-02-07T11:14:49.123456Z",
            "2026-02-07T16:44:49.123456+05:30, 2026-02-07T11:14:49.123456Z",
            "2026-02-08T01:14:49.123456+14:00, 2026-02-07T11:14:49.123456Z",
            "2026-02-06T23:14:49.123456-12:00, 2026-02-07T11:14:49.123456Z",
            "2026-02-07T00:30:00+01:00,        2026-02-06T23:30:00Z",
    })
    void convertsOtherOffsetsToUtc(String text, String expectedUtc) {
        assertThat(WireTime.parse(text)).contains(Instant.parse(expectedUtc));
    }

    @ParameterizedTest
    @CsvSource({
            "2026-02-07T11:14:49Z,            2026-02-07T11:14:49Z",
            "2026-02-07T11:14:49.1Z,          2026-02-07T11:14:49.100Z",
            "2026-02-07T11:14:49.12+00:00,    2026-02-07T11:14:49.120Z",
            "2026-02-07T11:14:49.123,         2026-02-07T11:14:49.123Z",
            "2026-02-07T11:14:49.1234Z,       2026-02-07T11:14:49.123400Z",
            "2026-02-07T11:14:49.12345+00:00, 2026-02-07T11:14:49.123450Z",
            "2026-02-07T11:14:49.1234567Z,    2026-02-07T11:14:49.1234567Z",
            "2026-02-07T11:14:49.123456789Z,  2026-02-07T11:14:49.123456789Z",
            "2026-02-07T11:14:49,             2026-02-07T11:14:49Z",
    })
    void acceptsAnyFractionLength(String text, String expected) {
        assertThat(WireTime.parse(text)).contains(Instant.parse(expected));
    }

    @Test
    void ignoresSurroundingWhitespace() {
        assertThat(WireTime.parse("  2026-02-07T11:14:49.123456Z\n")).contains(SAMPLE);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {
            "   ",
            "\t\n",
            "garbage",
            "2026-02-07",
            "11:14:49",
            "2026-02-07 11:14:49",
            "2026-02-07T11:14:49.123456+00:00trailing",
            "2026-02-07T11:14:49.123456ZZ",
            "2026-02-07T11:14:49.1234567890Z",
            "2026-02-30T00:00:00Z",
            "2026-13-01T00:00:00Z",
            "2026-02-07T25:00:00Z",
            "2026-02-07T11:14:49+25:00",
            "1770462889",
    })
    void unparseableTextIsEmpty(String text) {
        assertThat(WireTime.parse(text)).isEmpty();
    }
}
