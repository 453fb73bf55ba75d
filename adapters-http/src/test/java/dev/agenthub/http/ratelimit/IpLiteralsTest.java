package dev.agenthub.http.ratelimit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class IpLiteralsTest {

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "127.0.0.1", "255.255.255.255", "10.0.0.1", "::", "::1", "1::", "2001:db8::7",
            "2001:DB8:0:0:0:0:0:1", "fe80::1:2:3:4", "::ffff:192.0.2.1", "1:2:3:4:5:6:7:8", "1:2:3:4:5:6:1.2.3.4"})
    void validLiterals(String text) {
        assertThat(IpLiterals.isValid(text)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "localhost", "example.com", "256.1.1.1", "1.2.3", "1.2.3.4.5", "01.2.3.4", "1.2.3.-4",
            "1.2.3.4 ", ":", ":::", "1::2::3", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7", "12345::", "g::1", "[::1]",
            "fe80::1%eth0", "::1.2.3", "1.2.3.4::", "1:2:3:4:5:6:7:1.2.3.4", "1::2:3:4:5:6:7:8", "abc:def"})
    void invalidLiterals(String text) {
        assertThat(IpLiterals.isValid(text)).isFalse();
    }

    @org.junit.jupiter.api.Test
    void addressesHaveOneSpellingAndOtherTextIsLeftAlone() {
        assertThat(WriteRateLimit.canonical("::1")).isEqualTo(WriteRateLimit.canonical("0:0:0:0:0:0:0:1"));
        assertThat(WriteRateLimit.canonical("2001:DB8::7")).isEqualTo(WriteRateLimit.canonical("2001:db8:0:0:0:0:0:7"));
        assertThat(WriteRateLimit.canonical("10.0.0.1")).isEqualTo("10.0.0.1");
        assertThat(WriteRateLimit.canonical("example.invalid")).isEqualTo("example.invalid");
    }
}
