package dev.agenthub.protocol.kernel.error;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ViolationTest {

    @Test
    void valueErrorPrefixesTheReason() {
        Violation v = Violation.valueError(List.of("body", "alias"), "Invalid alias format", "Bad Alias!");
        assertThat(v.type()).isEqualTo("value_error");
        assertThat(v.loc()).containsExactly("body", "alias");
        assertThat(v.msg()).isEqualTo("Value error, Invalid alias format");
        assertThat(v.input()).isEqualTo("Bad Alias!");
        assertThat(v.ctx()).isEmpty();
    }

    @Test
    void missingField() {
        Map<String, Object> body = Map.of("project_slug", "demo");
        Violation v = Violation.missing(List.of("body", "alias"), body);
        assertThat(v.type()).isEqualTo("missing");
        assertThat(v.msg()).isEqualTo("Field required");
        assertThat(v.input()).isEqualTo(body);
        assertThat(v.ctx()).isEmpty();
    }

    @Test
    void extraForbiddenKey() {
        Violation v = Violation.extraForbidden(List.of("body", "from_alias"), "bob");
        assertThat(v.type()).isEqualTo("extra_forbidden");
        assertThat(v.loc()).containsExactly("body", "from_alias");
        assertThat(v.msg()).isEqualTo("Extra inputs are not permitted");
        assertThat(v.input()).isEqualTo("bob");
    }

    @Test
    void locMayMixFieldNamesAndIndexes() {
        Violation v = new Violation("string_too_long", List.of("body", "items", 3, "title"),
                "String should have at most 64 characters", "x".repeat(65), Map.of("max_length", 64));
        assertThat(v.loc()).containsExactly("body", "items", 3, "title");
        assertThat(v.ctx()).containsExactly(Map.entry("max_length", 64));
    }

    @Test
    void inputMayBeNull() {
        assertThat(new Violation("missing", List.of("query", "limit"), "Field required", null).input()).isNull();
    }

    @Test
    void ctxDefaultsToEmptyAndKeepsOrder() {
        assertThat(new Violation("t", List.of("body"), "m", 1).ctx()).isEmpty();
        assertThat(new Violation("t", List.of("body"), "m", 1, null).ctx()).isEmpty();

        Map<String, Object> ctx = new LinkedHashMap<>();
        ctx.put("min_length", 1);
        ctx.put("max_length", 64);
        ctx.put("pattern", "^[a-z]+$");
        assertThat(new Violation("t", List.of("body"), "m", 1, ctx).ctx().keySet())
                .containsExactly("min_length", "max_length", "pattern");
    }

    @Test
    void locAndCtxAreCopiesAndUnmodifiable() {
        List<Object> loc = new ArrayList<>(List.of("body", "alias"));
        Map<String, Object> ctx = new LinkedHashMap<>(Map.of("max_length", 64));
        Violation v = new Violation("t", loc, "m", null, ctx);

        loc.add("extra");
        ctx.put("extra", 1);

        assertThat(v.loc()).containsExactly("body", "alias");
        assertThat(v.ctx()).containsOnlyKeys("max_length");
        assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> v.loc().add("x"));
        assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> v.ctx().put("x", 1));
    }

    @Test
    void locMustNameTheRequestPart() {
        assertThatIllegalArgumentException().isThrownBy(() -> new Violation("t", List.of(), "m", null));
        assertThatIllegalArgumentException().isThrownBy(() -> Violation.missing(List.of(), null));
    }

    @Test
    void typeAndMsgAreRequired() {
        assertThatNullPointerException().isThrownBy(() -> new Violation(null, List.of("body"), "m", null));
        assertThatNullPointerException().isThrownBy(() -> new Violation("t", List.of("body"), null, null));
    }

    @Test
    void equalityIsByValue() {
        assertThat(Violation.missing(List.of("body", "a"), null)).isEqualTo(Violation.missing(List.of("body", "a"), null))
                .isNotEqualTo(Violation.missing(List.of("body", "b"), null));
    }
}
