package dev.agenthub.protocol.identity;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.security.SecureRandom;

import static org.assertj.core.api.Assertions.assertThat;

class ApiKeySecretTest {

    @Test
    void mintedKeysAreAwSkPlus64LowercaseHex() {
        ApiKeySecret key = ApiKeySecret.mint(new SecureRandom());
        assertThat(key.reveal()).matches("aw_sk_[0-9a-f]{64}").hasSize(70);
        assertThat(key.wellFormed()).isTrue();
        assertThat(key.displayPrefix()).isEqualTo(key.reveal().substring(0, 12)).startsWith("aw_sk_");
    }

    @Test
    void theHashIsTheLowercaseHexSha256OfTheWholeKeyText() {
        // computed independently: printf 'aw_sk_' + 64 zeros | sha256sum
        assertThat(ApiKeySecret.presented("aw_sk_" + "0".repeat(64)).hash())
                .isEqualTo("437a98e30c37224c6d4337e4bfdba04897e0bf407f53bb640573f95d61c64295");
    }

    @Test
    void aSeededGeneratorGivesReproducibleKeysAndDistinctSeedsDistinctKeys() {
        assertThat(ApiKeySecret.mint(new Random(7)).reveal()).isEqualTo(ApiKeySecret.mint(new Random(7)).reveal());
        Set<String> keys = new HashSet<>();
        SecureRandom random = new SecureRandom();
        for (int i = 0; i < 1000; i++) {
            keys.add(ApiKeySecret.mint(random).hash());
        }
        assertThat(keys).hasSize(1000);
    }

    @Test
    void wellFormedRejectsOtherShapes() {
        assertThat(ApiKeySecret.presented("aw_sk_" + "A".repeat(64)).wellFormed()).isFalse();
        assertThat(ApiKeySecret.presented("aw_sk_" + "0".repeat(63)).wellFormed()).isFalse();
        assertThat(ApiKeySecret.presented("sk_" + "0".repeat(67)).wellFormed()).isFalse();
        assertThat(ApiKeySecret.presented("").wellFormed()).isFalse();
    }

    @Test
    void toStringNeverShowsTheSecret() {
        ApiKeySecret key = ApiKeySecret.mint(new SecureRandom());
        assertThat(key.toString()).doesNotContain(key.reveal().substring(12)).contains(key.displayPrefix());
    }

    @Test
    void sameHashComparesExactly() {
        String hash = ApiKeySecret.presented("aw_sk_x").hash();
        assertThat(ApiKeySecret.sameHash(hash, ApiKeySecret.presented("aw_sk_x").hash())).isTrue();
        assertThat(ApiKeySecret.sameHash(hash, ApiKeySecret.presented("aw_sk_y").hash())).isFalse();
    }
}
