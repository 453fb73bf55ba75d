package dev.agenthub.orchestration.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ApiKeyRingTest {

    @Test
    void entriesAreTrimmedAndEmptiesDropped() {
        ApiKeyRing ring = ApiKeyRing.parse(" alpha , ,beta,,  ");
        assertThat(ring.size()).isEqualTo(2);
        assertThat(ring.match("alpha")).map(ApiKeyRing.Match::maxRole).contains(Role.MAINTAINER);
        assertThat(ring.match("beta")).isPresent();
        assertThat(ring.match(" alpha ")).isEmpty();
        assertThat(ring.match("")).isEmpty();
        assertThat(ring.match(null)).isEmpty();
        assertThat(ring.match("gamma")).isEmpty();
        assertThat(ring.match("alph")).isEmpty();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"  ", " , ,", ":admin", " :viewer , "})
    void nothingConfiguredIsTheEmptyRing(String text) {
        assertThat(ApiKeyRing.parse(text).isEmpty()).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "k1:viewer        | k1         | viewer",
            "k1:maintainer    | k1         | maintainer",
            "k1:admin         | k1         | admin",
            "a:b:admin        | a:b        | admin",
            "k1:Admin         | k1:Admin   | maintainer",
            "k1:superuser     | k1:superuser | maintainer",
            "k1:admin:x       | k1:admin:x | maintainer",
            "k1: admin        | k1: admin  | maintainer",
            "k1:              | k1:        | maintainer",
            "plain            | plain      | maintainer",
    })
    void aSuffixIsARoleOnlyWhenTheTextAfterTheLastColonIsExactlyARoleName(String entry, String key, String role) {
        ApiKeyRing ring = ApiKeyRing.parse(entry);
        assertThat(ring.size()).isOne();
        assertThat(ring.match(key)).map(match -> match.maxRole().wireName()).contains(role);
        if (!key.equals(entry)) {
            assertThat(ring.match(entry)).as("the suffix is not part of the key").isEmpty();
        }
    }

    @Test
    void theFirstOfTwoEqualKeysWins() {
        ApiKeyRing ring = ApiKeyRing.parse("same:viewer,same:admin");
        assertThat(ring.match("same")).map(ApiKeyRing.Match::maxRole).contains(Role.VIEWER);
    }

    @Test
    void akhIsTheFirst12HexOfTheKeysSha256() {
        // sha256("abc") = ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad
        assertThat(ApiKeyRing.akh("abc")).isEqualTo("ba7816bf8f01");
        assertThat(ApiKeyRing.parse("abc:admin").match("abc")).contains(new ApiKeyRing.Match(Role.ADMIN, "ba7816bf8f01"));
    }

    @Test
    void printingNeverShowsAKey() {
        ApiKeyRing ring = ApiKeyRing.parse("very-secret-key:admin");
        assertThat(ring.toString()).doesNotContain("very-secret-key").contains(ApiKeyRing.akh("very-secret-key"));
        AccessSettings settings = new AccessSettings(true, ring, true, true, Optional.of("jwt-secret-value"),
                Duration.ofSeconds(60));
        assertThat(settings.toString()).doesNotContain("very-secret-key").doesNotContain("jwt-secret-value");
    }

    @Test
    void settingsTrimTheSecretAndNeedAWholePositiveTtl() {
        AccessSettings settings = new AccessSettings(false, ApiKeyRing.empty(), false, false, Optional.of("  s  "),
                Duration.ofSeconds(5));
        assertThat(settings.jwtSecret()).contains("s");
        assertThat(new AccessSettings(false, ApiKeyRing.empty(), false, false, Optional.of("   "), Duration.ofSeconds(5))
                .jwtSecret()).isEmpty();
        assertThat(AccessSettings.open().anyGate()).isFalse();
        assertThat(AccessSettings.open().jwtTtl()).isEqualTo(Duration.ofSeconds(3600));
        for (Duration bad : new Duration[] {Duration.ZERO, Duration.ofSeconds(-1), Duration.ofMillis(1500)}) {
            assertThatThrownBy(() -> new AccessSettings(false, ApiKeyRing.empty(), false, false, Optional.empty(), bad))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
