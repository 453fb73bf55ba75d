package dev.agenthub.protocol.architecture;

import static dev.agenthub.architecture.ArchitectureRules.KERNEL_PACKAGE;
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
import dev.agenthub.protocol.architecture.fixture.UsesOnlyJdkAndProtocol;
import dev.agenthub.protocol.architecture.fixture.ViolatesJdkOnly;
import dev.agenthub.protocol.cyclefixturea.ProtocolCycleA;
import dev.agenthub.protocol.cyclefixtureb.ProtocolCycleB;
import dev.agenthub.protocol.kernel.cyclefixturea.KernelCycleA;
import dev.agenthub.protocol.kernel.cyclefixtureb.KernelCycleB;
import dev.agenthub.protocol.kernel.id.ProjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Architecture of coordination-protocol: pure domain, JDK only, and free of package cycles both at the
 * {@code dev.agenthub.protocol} level and among the shared-kernel packages.
 *
 * <p>Each rule is checked against the production classes, and proven non-vacuous against a fixture (in the test
 * sources, under the package the rule governs) that breaks exactly that rule.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CoordinationProtocolArchitectureTest {

    private static final ArchRule ONLY_JDK = onlyDependOnJdkAnd(PROTOCOL_PACKAGE);
    private static final ArchRule NO_PROTOCOL_CYCLES = noCyclesBetweenSubpackages(PROTOCOL_PACKAGE);
    private static final ArchRule NO_KERNEL_CYCLES = noCyclesBetweenSubpackages(KERNEL_PACKAGE);

    private final JavaClasses productionClasses = importProductionClasses(PROTOCOL_PACKAGE);

    @Test
    void importsTheProductionClassesButNoTestClasses() {
        assertThat(productionClasses.contain(ProjectId.class)).isTrue();
        assertThat(productionClasses.contain(ViolatesJdkOnly.class)).isFalse();
        assertThat(productionClasses.contain(KernelCycleA.class)).isFalse();
        assertThat(productionClasses.contain(CoordinationProtocolArchitectureTest.class)).isFalse();
    }

    @Test
    void protocolDependsOnlyOnTheJdk() {
        ONLY_JDK.check(productionClasses);
    }

    @Test
    void protocolSubpackagesAreFreeOfCycles() {
        NO_PROTOCOL_CYCLES.check(productionClasses);
    }

    @Test
    void kernelSubpackagesAreFreeOfCycles() {
        NO_KERNEL_CYCLES.check(productionClasses);
    }

    @Test
    void jdkOnlyRuleRejectsALibraryDependency() {
        JavaClasses fixture = importFixtures(ViolatesJdkOnly.class);

        assertViolates(fixture, ONLY_JDK, "org.assertj.core.api.Assertions");
        assertSatisfies(fixture, NO_PROTOCOL_CYCLES);
    }

    @Test
    void jdkOnlyRuleAcceptsJdkAndOwnPackages() {
        JavaClasses fixture = importFixtures(UsesOnlyJdkAndProtocol.class);

        assertSatisfies(fixture, ONLY_JDK);
        assertSatisfies(fixture, NO_PROTOCOL_CYCLES);
    }

    @Test
    void protocolCycleRuleRejectsACycleBetweenSubpackages() {
        JavaClasses fixture = importFixtures(ProtocolCycleA.class, ProtocolCycleB.class);

        assertViolates(fixture, NO_PROTOCOL_CYCLES, ProtocolCycleA.class.getName());
        assertSatisfies(fixture, ONLY_JDK);
    }

    @Test
    void kernelCycleRuleRejectsACycleBetweenKernelSubpackages() {
        JavaClasses fixture = importFixtures(KernelCycleA.class, KernelCycleB.class);

        assertViolates(fixture, NO_KERNEL_CYCLES, KernelCycleA.class.getName());
        assertSatisfies(fixture, ONLY_JDK);
        // both classes sit in the one "kernel" slice of the protocol-level rule, so that rule sees no cycle
        assertSatisfies(fixture, NO_PROTOCOL_CYCLES);
    }
}
