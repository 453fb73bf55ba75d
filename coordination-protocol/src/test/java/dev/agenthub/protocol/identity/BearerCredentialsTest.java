package dev.agenthub.protocol.identity;

import dev.agenthub.protocol.kernel.error.DomainError;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BearerCredentialsTest {

    @Test
    void exactlyBearerSpaceKeyYieldsTheKey() {
        assertThat(BearerCredentials.parse("Bearer aw_sk_abc").reveal()).isEqualTo("aw_sk_abc");
    }

    @Test
    void noHeaderIsAuthenticationRequiredWithABearerChallenge() {
        assertThatThrownBy(() -> BearerCredentials.parse(null))
                .isInstanceOfSatisfying(DomainError.Unauthenticated.class, e -> {
                    assertThat(e.detail()).isEqualTo("Authentication required");
                    assertThat(e.bearerChallenge()).isTrue();
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"bearer aw_sk_abc", "BEARER aw_sk_abc", "Bearer  aw_sk_abc", "Bearer", "Bearer ",
            "Basic dXNlcjpwYXNz", "aw_sk_abc", "Bearer aw_sk_abc extra", "Token aw_sk_abc", ""})
    void anyOtherFormIsAnInvalidHeader(String header) {
        assertThatThrownBy(() -> BearerCredentials.parse(header))
                .isInstanceOfSatisfying(DomainError.Unauthenticated.class, e -> {
                    assertThat(e.detail()).isEqualTo("Invalid Authorization header. Expected: Bearer <token>");
                    assertThat(e.bearerChallenge()).isTrue();
                });
    }

    @Test
    void anUnknownKeyIsInvalidApiKey() {
        DomainError.Unauthenticated error = BearerCredentials.invalidKey();
        assertThat(error.detail()).isEqualTo("Invalid API key");
        assertThat(error.bearerChallenge()).isTrue();
    }
}
