package dev.agenthub.orchestration.architecture;

import static dev.agenthub.architecture.ArchitectureRules.HUB_PACKAGE;
import static dev.agenthub.architecture.ArchitectureRules.ORCHESTRATION_PACKAGE;
import static dev.agenthub.architecture.ArchitectureRules.PROTOCOL_PACKAGE;
import static dev.agenthub.architecture.ArchitectureRules.importProductionClasses;
import static dev.agenthub.architecture.ArchitectureRules.noCyclesBetweenSubpackages;
import static dev.agenthub.architecture.ArchitectureRules.onlyDependOnJdkAnd;
import static dev.agenthub.architecture.RuleFixtures.assertSatisfies;
import static dev.agenthub.architecture.RuleFixtures.assertViolates;
import static dev.agenthub.architecture.RuleFixtures.importFixtures;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.lang.ArchRule;
import dev.agenthub.orchestration.access.Role;
import dev.agenthub.orchestration.architecture.fixture.UsesOnlyJdkAndDomain;
import dev.agenthub.orchestration.architecture.fixture.ViolatesJdkOnly;
import dev.agenthub.orchestration.cyclefixturea.OrchestrationCycleA;
import dev.agenthub.orchestration.cyclefixtureb.OrchestrationCycleB;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Architecture of orchestration: pure domain that may use only the JDK, core-domain and coordination-protocol,
 * free of package cycles.
 *
 * <p>Each rule is checked against the production classes, and proven non-vacuous against a fixture (in the test
 * sources, under the package the rule governs) that breaks exactly that rule.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrchestrationArchitectureTest {

    private static final ArchRule ONLY_JDK_AND_DOMAIN =
            onlyDependOnJdkAnd(ORCHESTRATION_PACKAGE, HUB_PACKAGE, PROTOCOL_PACKAGE);
    private static final ArchRule NO_CYCLES = noCyclesBetweenSubpackages(ORCHESTRATION_PACKAGE);

    private final JavaClasses productionClasses = importProductionClasses(ORCHESTRATION_PACKAGE);

    @Test
    void importsTheProductionClassesButNoTestClasses() {
        assertThat(productionClasses.contain(Role.class)).isTrue();
        assertThat(productionClasses.contain(ViolatesJdkOnly.class)).isFalse();
        assertThat(productionClasses.contain(OrchestrationCycleA.class)).isFalse();
        assertThat(productionClasses.contain(OrchestrationArchitectureTest.class)).isFalse();
    }

    @Test
    void orchestrationDependsOnlyOnTheJdkAndTheDomainModules() {
        ONLY_JDK_AND_DOMAIN.check(productionClasses);
    }

    @Test
    void orchestrationSubpackagesAreFreeOfCycles() {
        NO_CYCLES.check(productionClasses);
    }

    @Test
    void jdkOnlyRuleRejectsALibraryDependency() {
        JavaClasses fixture = importFixtures(ViolatesJdkOnly.class);

        assertViolates(fixture, ONLY_JDK_AND_DOMAIN, "org.assertj.core.api.Assertions");
        assertSatisfies(fixture, NO_CYCLES);
    }

    @Test
    void jdkOnlyRuleAcceptsTheJdkAndAllThreeDomainModules() {
        JavaClasses fixture = importFixtures(UsesOnlyJdkAndDomain.class);

        assertSatisfies(fixture, ONLY_JDK_AND_DOMAIN);
        assertSatisfies(fixture, NO_CYCLES);
    }

    @Test
    void cycleRuleRejectsACycleBetweenSubpackages() {
        JavaClasses fixture = importFixtures(OrchestrationCycleA.class, OrchestrationCycleB.class);

        assertViolates(fixture, NO_CYCLES, OrchestrationCycleA.class.getName());
        assertSatisfies(fixture, ONLY_JDK_AND_DOMAIN);
    }
}
