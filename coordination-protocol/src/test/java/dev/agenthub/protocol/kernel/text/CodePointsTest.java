package dev.agenthub.protocol.kernel.text;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CodePointsTest {

    @Test
    void prefixesCountCodePointsAndNeverSplitASurrogatePair() {
        assertThat(CodePoints.prefix("😀😀😀", 2)).isEqualTo("😀😀");
        assertThat(CodePoints.prefix("ab", 80)).isEqualTo("ab");
        assertThat(CodePoints.prefix("abc", 3)).isEqualTo("abc");
        assertThat(CodePoints.prefix("abc", 0)).isEmpty();
    }
}
