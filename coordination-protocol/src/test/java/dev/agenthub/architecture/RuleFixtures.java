package dev.agenthub.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;

/**
 * Assertions that prove an architecture rule is not vacuous: the rule is evaluated against small fixture
 * classes (living in the test sources, under the package the rule governs) that deliberately break it, or that
 * deliberately stay within it.
 */
public final class RuleFixtures {

    private RuleFixtures() {
    }

    /** Imports exactly the given fixture classes; classes they reference are resolved, but not rule subjects. */
    public static JavaClasses importFixtures(Class<?>... fixtureClasses) {
        return new ClassFileImporter().importClasses(fixtureClasses);
    }

    /**
     * Asserts that {@code rule} reports a violation for {@code fixture}, and that the violation is the intended
     * one: some violation message mentions {@code expectedCulprit} (for example the forbidden class).
     */
    public static void assertViolates(JavaClasses fixture, ArchRule rule, String expectedCulprit) {
        EvaluationResult result = rule.evaluate(fixture);
        assertThat(result.hasViolation())
                .as("rule '%s' must reject %s", rule.getDescription(), fixture)
                .isTrue();
        assertThat(result.getFailureReport().getDetails())
                .as("violations of '%s'", rule.getDescription())
                .anySatisfy(detail -> assertThat(detail).contains(expectedCulprit));
    }

    /**
     * Asserts that {@code rule} reports no violation for {@code fixture}; used to show that a fixture breaks only
     * the rule it was written for, and that a rule does not reject what it is meant to allow.
     */
    public static void assertSatisfies(JavaClasses fixture, ArchRule rule) {
        EvaluationResult result = rule.evaluate(fixture);
        assertThat(result.getFailureReport().getDetails())
                .as("rule '%s' must accept %s", rule.getDescription(), fixture)
                .isEmpty();
        assertThat(result.hasViolation()).isFalse();
    }
}
