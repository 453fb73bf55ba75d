package dev.agenthub.protocol.kernel.error;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class DomainErrorTest {

    static Stream<Arguments> stringDetailErrors() {
        return Stream.of(
                Arguments.of(new DomainError.Unauthenticated("Invalid API key", false), "Invalid API key"),
                Arguments.of(new DomainError.Forbidden("Insufficient role"), "Insufficient role"),
                Arguments.of(new DomainError.NotFound("Agent not found"), "Agent not found"),
                Arguments.of(new DomainError.Conflict("Alias already taken"), "Alias already taken"),
                Arguments.of(new DomainError.Gone("Workspace was deleted"), "Workspace was deleted"),
                Arguments.of(new DomainError.Invalid("issues_jsonl is required for full sync"),
                        "issues_jsonl is required for full sync"),
                Arguments.of(new DomainError.RateLimited("Too many requests", 10), "Too many requests"),
                Arguments.of(new DomainError.Internal("Failed to reload default policy bundle: x"),
                        "Failed to reload default policy bundle: x"),
                Arguments.of(new DomainError.Unavailable("Redis unavailable"), "Redis unavailable"));
    }

    @ParameterizedTest
    @MethodSource("stringDetailErrors")
    void stringDetailIsTheMessage(DomainError error, String message) {
        assertThat(error.detail()).isEqualTo(message);
        assertThat(error).hasMessage(message);
        assertThat(error.extraFields()).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("stringDetailErrors")
    void carriesNoStackTraceOrCause(DomainError error, String message) {
        assertThat(error.getStackTrace()).isEmpty();
        assertThat(error).hasNoCause();
        error.addSuppressed(new IllegalStateException("ignored"));
        assertThat(error.getSuppressed()).isEmpty();
    }

    @Test
    void isARuntimeException() {
        assertThatExceptionOfType(RuntimeException.class)
                .isThrownBy(() -> {
                    throw new DomainError.NotFound("x");
                });
    }

    @Test
    void unauthenticatedRemembersTheBearerChallenge() {
        assertThat(new DomainError.Unauthenticated("Missing bearer token", true).bearerChallenge()).isTrue();
        assertThat(new DomainError.Unauthenticated("Invalid or missing API key", false).bearerChallenge()).isFalse();
    }

    @Test
    void conflictExtraFieldsKeepTheirOrder() {
        SequencedMap<String, Object> holder = new LinkedHashMap<>();
        holder.put("holder_agent_id", "3f1c2a4b-5d6e-4f70-8a9b-0c1d2e3f4a5b");
        holder.put("holder_alias", "alice");
        holder.put("expires_at", "2026-02-07T11:14:49.123456+00:00");

        var error = new DomainError.Conflict("Reservation is already held", holder);

        assertThat(error.detail()).isEqualTo("Reservation is already held");
        assertThat(error.extraFields().keySet()).containsExactly("holder_agent_id", "holder_alias", "expires_at");
        assertThat(error.extraFields()).containsEntry("holder_alias", "alice");
    }

    @Test
    void extraFieldsKeepOrderBeyondTheSmallMapSizes() {
        SequencedMap<String, Object> many = new LinkedHashMap<>();
        for (char c = 'z'; c >= 'a'; c--) {
            many.put(String.valueOf(c), (int) c);
        }
        assertThat(new DomainError.Gone("gone", many).extraFields().keySet()).containsExactlyElementsOf(many.keySet());
    }

    @Test
    void goneExtraFieldsMayBeNull() {
        SequencedMap<String, Object> successor = new LinkedHashMap<>();
        successor.put("successor_alias", null);
        successor.put("successor_agent_id", null);

        var error = new DomainError.Gone("Agent is retired", successor);

        assertThat(error.detail()).isEqualTo("Agent is retired");
        assertThat(error.extraFields()).hasSize(2).containsEntry("successor_alias", null)
                .containsEntry("successor_agent_id", null);
        assertThat(error.extraFields().keySet()).containsExactly("successor_alias", "successor_agent_id");
    }

    @Test
    void extraFieldsAreACopyAndUnmodifiable() {
        SequencedMap<String, Object> source = new LinkedHashMap<>();
        source.put("holder_alias", "alice");
        var error = new DomainError.Conflict("held", source);

        source.put("holder_alias", "mallory");
        source.put("added", 1);

        assertThat(error.extraFields()).containsExactly(Map.entry("holder_alias", "alice"));
        assertThatExceptionOfType(UnsupportedOperationException.class)
                .isThrownBy(() -> error.extraFields().put("x", 1));
    }

    @Test
    void nullOrEmptyExtraFieldsAreEmpty() {
        assertThat(new DomainError.Conflict("c", null).extraFields()).isEmpty();
        assertThat(new DomainError.Gone("g", null).extraFields()).isEmpty();
        assertThat(new DomainError.Gone("g", new LinkedHashMap<>()).extraFields()).isEmpty();
    }

    @Test
    void conflictWithStructuredDetail() {
        SequencedMap<String, Object> detail = new LinkedHashMap<>();
        detail.put("message", "Multiple repos match");
        detail.put("canonical_origin", "github.com/org/repo");
        detail.put("candidates", List.of(Map.of("repo_id", "r1"), Map.of("repo_id", "r2")));

        var error = DomainError.Conflict.withStructuredDetail("Multiple repos match", detail);
        detail.put("late", "ignored");

        assertThat(error).hasMessage("Multiple repos match");
        assertThat(error.detail()).isInstanceOf(Map.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> shown = (Map<String, Object>) error.detail();
        assertThat(shown.keySet()).containsExactly("message", "canonical_origin", "candidates");
        assertThat(error.extraFields()).isEmpty();
        assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> shown.put("x", 1));
    }

    @Test
    void invalidWithStringDetailIs422WithoutViolations() {
        var error = new DomainError.Invalid("Invalid cursor: malformed base64");
        assertThat(error.status()).isEqualTo(422);
        assertThat(error.violations()).isEmpty();
        assertThat(error.detail()).isEqualTo("Invalid cursor: malformed base64");
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 404, 413, 422, 499})
    void invalidAcceptsAnyClientErrorStatus(int status) {
        var error = new DomainError.Invalid("Payload too large", status);
        assertThat(error.status()).isEqualTo(status);
        assertThat(error.detail()).isEqualTo("Payload too large");
        assertThat(error.violations()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 200, 302, 399, 500, 503, -422})
    void invalidRejectsNonClientErrorStatus(int status) {
        assertThatIllegalArgumentException().isThrownBy(() -> new DomainError.Invalid("x", status))
                .withMessageContaining(String.valueOf(status));
    }

    @Test
    void invalidWithViolationsIsAListShaped422() {
        Violation first = Violation.missing(List.of("body", "alias"), Map.of());
        Violation second = Violation.extraForbidden(List.of("body", "from_alias"), "bob");

        var error = new DomainError.Invalid(List.of(first, second));

        assertThat(error.status()).isEqualTo(422);
        assertThat(error.violations()).containsExactly(first, second);
        assertThat(error.detail()).isEqualTo(List.of(first, second));
        assertThat(error.getMessage()).contains("alias", "Field required");
        assertThat(error.extraFields()).isEmpty();
    }

    @Test
    void invalidOfASingleViolation() {
        Violation violation = Violation.valueError(List.of("body", "alias"), "Invalid alias format", "Bad Alias!");
        var error = DomainError.Invalid.of(violation);
        assertThat(error.violations()).containsExactly(violation);
        assertThat(error.detail()).isEqualTo(List.of(violation));
        assertThat(error.status()).isEqualTo(422);
    }

    @Test
    void violationsAreACopyAndUnmodifiable() {
        Violation violation = Violation.missing(List.of("query", "x"), null);
        List<Violation> source = new java.util.ArrayList<>(List.of(violation));
        var error = new DomainError.Invalid(source);
        source.add(Violation.missing(List.of("query", "y"), null));

        assertThat(error.violations()).containsExactly(violation);
        assertThat(error.detail()).isEqualTo(List.of(violation));
        assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> error.violations().clear());
    }

    @Test
    void invalidNeedsAtLeastOneViolation() {
        assertThatIllegalArgumentException().isThrownBy(() -> new DomainError.Invalid(List.of()));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 60, 3600})
    void rateLimitedKeepsAPositiveRetryAfter(long seconds) {
        assertThat(new DomainError.RateLimited("slow down", seconds).retryAfterSeconds()).isEqualTo(seconds);
    }

    @ParameterizedTest
    @ValueSource(longs = {0, -1, -3600, Long.MIN_VALUE})
    void rateLimitedRetryAfterIsAtLeastOneSecond(long seconds) {
        assertThat(new DomainError.RateLimited("slow down", seconds).retryAfterSeconds()).isEqualTo(1);
    }
}
