package dev.agenthub.hub.architecture;

import static dev.agenthub.architecture.ArchitectureRules.HUB_PACKAGE;
import static dev.agenthub.architecture.ArchitectureRules.PROTOCOL_PACKAGE;
import static dev.agenthub.architecture.ArchitectureRules.importProductionClasses;
import static dev.agenthub.architecture.ArchitectureRules.noCyclesBetweenSubpackages;
import static dev.agenthub.architecture.ArchitectureRules.onlyDependOnJdkAnd;
import static dev.agenthub.architecture.RuleFixtures.assertSatisfies;
import static dev.agenthub.architecture.RuleFixtures.assertViolates;
import static dev.agenthub.architecture.RuleFixtures.importFixtures;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.lang.ArchRule;
import dev.agenthub.hub.architecture.fixture.UsesOnlyJdkAndProtocol;
import dev.agenthub.hub.architecture.fixture.ViolatesJdkOnly;
import dev.agenthub.hub.cyclefixturea.HubCycleA;
import dev.agenthub.hub.cyclefixtureb.HubCycleB;
import dev.agenthub.hub.repos.CanonicalOrigin;
import dev.agenthub.protocol.kernel.id.ProjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Architecture of core-domain: pure domain that may use only the JDK and coordination-protocol, free of package
 * cycles.
 *
 * <p>Each rule is checked against the production classes, and proven non-vacuous against a fixture (in the test
 * sources, under the package the rule governs) that breaks exactly that rule.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CoreDomainArchitectureTest {

    /** A fixture in coordination-protocol's test-jar, which is on this module's test class path. */
    private static final String PROTOCOL_TEST_JAR_FIXTURE =
            "dev.agenthub.protocol.architecture.fixture.ViolatesJdkOnly";

    private static final ArchRule ONLY_JDK_AND_PROTOCOL = onlyDependOnJdkAnd(HUB_PACKAGE, PROTOCOL_PACKAGE);
    private static final ArchRule NO_CYCLES = noCyclesBetweenSubpackages(HUB_PACKAGE);

    private final JavaClasses productionClasses = importProductionClasses(HUB_PACKAGE);

    @Test
    void importsTheProductionClassesButNoTestClasses() {
        assertThat(productionClasses.contain(CanonicalOrigin.class)).isTrue();
        assertThat(productionClasses.contain(ViolatesJdkOnly.class)).isFalse();
        assertThat(productionClasses.contain(HubCycleA.class)).isFalse();
        assertThat(productionClasses.contain(CoreDomainArchitectureTest.class)).isFalse();
    }

    @Test
    void productionImportLeavesOutClassesFromOtherModulesTestJars() {
        assertThatCode(() -> Class.forName(PROTOCOL_TEST_JAR_FIXTURE))
                .as("the protocol test-jar is on the class path")
                .doesNotThrowAnyException();

        JavaClasses protocolClasses = importProductionClasses(PROTOCOL_PACKAGE);

        assertThat(protocolClasses.contain(ProjectId.class)).isTrue();
        assertThat(protocolClasses.contain(PROTOCOL_TEST_JAR_FIXTURE)).isFalse();
    }

    @Test
    void coreDomainDependsOnlyOnTheJdkAndProtocol() {
        ONLY_JDK_AND_PROTOCOL.check(productionClasses);
    }

    @Test
    void coreDomainSubpackagesAreFreeOfCycles() {
        NO_CYCLES.check(productionClasses);
    }

    @Test
    void jdkOnlyRuleRejectsALibraryDependency() {
        JavaClasses fixture = importFixtures(ViolatesJdkOnly.class);

        assertViolates(fixture, ONLY_JDK_AND_PROTOCOL, "org.assertj.core.api.Assertions");
        assertSatisfies(fixture, NO_CYCLES);
    }

    @Test
    void jdkOnlyRuleAcceptsTheJdkCoreDomainAndProtocol() {
        JavaClasses fixture = importFixtures(UsesOnlyJdkAndProtocol.class);

        assertSatisfies(fixture, ONLY_JDK_AND_PROTOCOL);
        assertSatisfies(fixture, NO_CYCLES);
    }

    @Test
    void cycleRuleRejectsACycleBetweenSubpackages() {
        JavaClasses fixture = importFixtures(HubCycleA.class, HubCycleB.class);

        assertViolates(fixture, NO_CYCLES, HubCycleA.class.getName());
        assertSatisfies(fixture, ONLY_JDK_AND_PROTOCOL);
    }
}
