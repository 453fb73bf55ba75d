package dev.agenthub.protocol.kernel.id;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class UuidsTest {

    private static final UUID ID = UUID.fromString("3f1c2a4b-5d6e-4f70-8a9b-0c1d2e3f4a5b");

    @ParameterizedTest
    @ValueSource(strings = {
            "3f1c2a4b-5d6e-4f70-8a9b-0c1d2e3f4a5b",
            "3F1C2A4B-5D6E-4F70-8A9B-0C1D2E3F4A5B",
            "3f1C2a4B-5d6E-4f70-8A9b-0c1D2e3F4a5B",
            "3f1c2a4b5d6e4f708a9b0c1d2e3f4a5b",
            "3F1C2A4B5D6E4F708A9B0C1D2E3F4A5B",
            "{3f1c2a4b-5d6e-4f70-8a9b-0c1d2e3f4a5b}",
            "{3F1C2A4B-5D6E-4F70-8A9B-0C1D2E3F4A5B}",
            "urn:uuid:3f1c2a4b-5d6e-4f70-8a9b-0c1d2e3f4a5b",
            "URN:UUID:3F1C2A4B-5D6E-4F70-8A9B-0C1D2E3F4A5B",
            "urn:uuid:3f1c2a4b5d6e4f708a9b0c1d2e3f4a5b",
    })
    void acceptsEveryTextualForm(String text) {
        assertThat(Uuids.parse(text)).contains(ID);
    }

    @Test
    void acceptsTheExtremeValues() {
        assertThat(Uuids.parse("00000000-0000-0000-0000-000000000000")).contains(new UUID(0, 0));
        assertThat(Uuids.parse("ffffffffffffffffffffffffffffffff")).contains(new UUID(-1L, -1L));
        assertThat(Uuids.parse("80000000-0000-0000-8000-000000000000"))
                .contains(new UUID(Long.MIN_VALUE, Long.MIN_VALUE));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {
            " ",
            "not-a-uuid",
            "3f1c2a4b-5d6e-4f70-8a9b-0c1d2e3f4a5",            // 35 chars
            "3f1c2a4b-5d6e-4f70-8a9b-0c1d2e3f4a5b0",          // 37 chars
            "3f1c2a4b5d6e4f708a9b0c1d2e3f4a5",                // 31 hex digits
            "3f1c2a4b5d6e4f708a9b0c1d2e3f4a5b0",              // 33 hex digits
            "3f1c2a4b5-d6e-4f70-8a9b-0c1d2e3f4a5b",           // first hyphen misplaced
            "3f1c2a4b-5d6e4-f70-8a9b-0c1d2e3f4a5b",           // second hyphen misplaced
            "3f1c2a4b-5d6e-4f708-a9b-0c1d2e3f4a5b",           // third hyphen misplaced
            "3f1c2a4b-5d6e-4f70-8a9b0-c1d2e3f4a5b",           // fourth hyphen misplaced
            "3f1c2a4b-5d6e-4f70-8a9b-0c1d-2e3f4a5b",          // extra hyphen, missing one
            "3f1c2a4b_5d6e_4f70_8a9b_0c1d2e3f4a5b",           // wrong separator
            "3f1c2a4b-5d6e-4f70-8a9b-0c1d2e3f4a5g",           // non-hex digit
            "3f1c2a4b5d6e4f708a9b0c1d2e3f4a5z",               // non-hex digit, no hyphens
            "+f1c2a4b-5d6e-4f70-8a9b-0c1d2e3f4a5b",           // sign where a digit belongs
            "3f1c2a4b-5d6e-4f70-8a9b-0c1d2e3f4a-b",           // hyphen inside a group
            "3f1c2a4b-5d6e-4f70-8a9b-0c1d2e3f4a５b",          // full-width digit
            "{3f1c2a4b-5d6e-4f70-8a9b-0c1d2e3f4a5b",          // unbalanced brace
            "3f1c2a4b-5d6e-4f70-8a9b-0c1d2e3f4a5b}",          // unbalanced brace
            "(3f1c2a4b-5d6e-4f70-8a9b-0c1d2e3f4a5b)",         // wrong brackets
            "urn:uuid:",
            "urn:uuid:not-a-uuid",
            "uuid:3f1c2a4b-5d6e-4f70-8a9b-0c1d2e3f4a5b",      // incomplete prefix
            "3f1c2a4b-5d6e-4f70-8a9b-0c1d2e3f4a5b-3f1c",      // too long
    })
    void rejectsAnythingElseWithoutThrowing(String text) {
        assertThat(Uuids.parse(text)).isEmpty();
    }

    @Test
    void formatsLowercaseAndHyphenated() {
        assertThat(Uuids.format(new UUID(-1L, -1L))).isEqualTo("ffffffff-ffff-ffff-ffff-ffffffffffff");
        assertThat(Uuids.format(new UUID(0x3F1C2A4B5D6E4F70L, 0x8A9B0C1D2E3F4A5BL)))
                .isEqualTo("3f1c2a4b-5d6e-4f70-8a9b-0c1d2e3f4a5b");
        assertThat(Uuids.format(new UUID(0, 1))).isEqualTo("00000000-0000-0000-0000-000000000001");
    }

    @Test
    void formatAndParseRoundTrip() {
        for (int i = 0; i < 1_000; i++) {
            UUID random = UUID.randomUUID();
            String text = Uuids.format(random);
            assertThat(text).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
            assertThat(Uuids.parse(text)).contains(random);
            assertThat(Uuids.parse(text.toUpperCase().replace("-", ""))).contains(random);
        }
    }
}
