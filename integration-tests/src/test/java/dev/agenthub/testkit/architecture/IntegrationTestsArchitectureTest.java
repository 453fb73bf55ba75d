package dev.agenthub.testkit.architecture;

import static dev.agenthub.architecture.ArchitectureRules.FLYWAY_LIBRARY;
import static dev.agenthub.architecture.ArchitectureRules.HIKARI_LIBRARY;
import static dev.agenthub.architecture.ArchitectureRules.HUB_PACKAGE;
import static dev.agenthub.architecture.ArchitectureRules.JAVALIN_LIBRARY;
import static dev.agenthub.architecture.ArchitectureRules.JGIT_LIBRARY;
import static dev.agenthub.architecture.ArchitectureRules.JOOQ_LIBRARY;
import static dev.agenthub.architecture.ArchitectureRules.LETTUCE_LIBRARY;
import static dev.agenthub.architecture.ArchitectureRules.ORCHESTRATION_PACKAGE;
import static dev.agenthub.architecture.ArchitectureRules.PROTOCOL_PACKAGE;
import static dev.agenthub.architecture.ArchitectureRules.TESTKIT_PACKAGE;
import static dev.agenthub.architecture.ArchitectureRules.importProductionClasses;
import static dev.agenthub.architecture.ArchitectureRules.noCyclesBetweenSubpackages;
import static dev.agenthub.architecture.ArchitectureRules.noDependencyOn;
import static dev.agenthub.architecture.ArchitectureRules.onlyDependOnProjectPackages;
import static dev.agenthub.architecture.RuleFixtures.assertSatisfies;
import static dev.agenthub.architecture.RuleFixtures.assertViolates;
import static dev.agenthub.architecture.RuleFixtures.importFixtures;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.lang.ArchRule;
import com.zaxxer.hikari.HikariDataSource;
import dev.agenthub.http.AgentHubHttpPlugin;
import dev.agenthub.persistence.events.InProcessEventBus;
import dev.agenthub.server.AgentHub;
import dev.agenthub.testkit.architecture.fixture.DependsOnAdaptersAndServer;
import dev.agenthub.testkit.architecture.fixture.UsesAdapterLibraries;
import dev.agenthub.testkit.architecture.fixture.UsesDomainJUnitAndAssertJ;
import dev.agenthub.testkit.cyclefixturea.KitCycleA;
import dev.agenthub.testkit.cyclefixtureb.KitCycleB;
import dev.agenthub.testkit.events.EventBusContract;
import io.javalin.Javalin;
import io.lettuce.core.RedisClient;
import org.eclipse.jgit.api.Git;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Architecture of the contract test kit, the production code of integration-tests ({@code dev.agenthub.testkit}):
 * it builds on the domain modules only - never on an adapter or the server, nor on the adapters' libraries - so
 * an adapter author needs nothing but the domain modules, JUnit and AssertJ; and its packages are free of cycles.
 * (The end-to-end tests in {@code dev.agenthub.it} are test code and not subject to these rules.)
 *
 * <p>Each rule is checked against the production classes, and proven non-vacuous against a fixture (in the test
 * sources, under the package the rule governs) that breaks exactly that rule.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IntegrationTestsArchitectureTest {

    private static final ArchRule ONLY_DOMAIN_PROJECT_DEPENDENCIES =
            onlyDependOnProjectPackages(TESTKIT_PACKAGE, PROTOCOL_PACKAGE, HUB_PACKAGE, ORCHESTRATION_PACKAGE);
    private static final ArchRule NO_ADAPTER_LIBRARIES = noDependencyOn(TESTKIT_PACKAGE,
            JOOQ_LIBRARY, LETTUCE_LIBRARY, HIKARI_LIBRARY, FLYWAY_LIBRARY, JGIT_LIBRARY, JAVALIN_LIBRARY);
    private static final ArchRule NO_CYCLES = noCyclesBetweenSubpackages(TESTKIT_PACKAGE);

    private final JavaClasses productionClasses = importProductionClasses(TESTKIT_PACKAGE);

    @Test
    void importsTheKitButNoTestClasses() {
        assertThat(productionClasses.contain(EventBusContract.class)).isTrue();
        assertThat(productionClasses.contain(UsesAdapterLibraries.class)).isFalse();
        assertThat(productionClasses.contain(KitCycleA.class)).isFalse();
        assertThat(productionClasses.contain(IntegrationTestsArchitectureTest.class)).isFalse();
    }

    @Test
    void kitDependsOnNoAgentHubModuleButTheDomainModules() {
        ONLY_DOMAIN_PROJECT_DEPENDENCIES.check(productionClasses);
    }

    @Test
    void kitUsesNoAdapterLibrary() {
        NO_ADAPTER_LIBRARIES.check(productionClasses);
    }

    @Test
    void kitSubpackagesAreFreeOfCycles() {
        NO_CYCLES.check(productionClasses);
    }

    @Test
    void kitIsolationRuleRejectsAdaptersAndTheServer() {
        JavaClasses fixture = importFixtures(DependsOnAdaptersAndServer.class);

        assertViolates(fixture, ONLY_DOMAIN_PROJECT_DEPENDENCIES, InProcessEventBus.class.getName());
        assertViolates(fixture, ONLY_DOMAIN_PROJECT_DEPENDENCIES, AgentHubHttpPlugin.class.getName());
        assertViolates(fixture, ONLY_DOMAIN_PROJECT_DEPENDENCIES, AgentHub.class.getName());
        assertSatisfies(fixture, NO_ADAPTER_LIBRARIES);
        assertSatisfies(fixture, NO_CYCLES);
    }

    @Test
    void libraryRuleRejectsEachAdapterLibrary() {
        JavaClasses fixture = importFixtures(UsesAdapterLibraries.class);

        assertViolates(fixture, NO_ADAPTER_LIBRARIES, DSLContext.class.getName());
        assertViolates(fixture, NO_ADAPTER_LIBRARIES, RedisClient.class.getName());
        assertViolates(fixture, NO_ADAPTER_LIBRARIES, HikariDataSource.class.getName());
        assertViolates(fixture, NO_ADAPTER_LIBRARIES, Flyway.class.getName());
        assertViolates(fixture, NO_ADAPTER_LIBRARIES, Git.class.getName());
        assertViolates(fixture, NO_ADAPTER_LIBRARIES, Javalin.class.getName());
        assertSatisfies(fixture, ONLY_DOMAIN_PROJECT_DEPENDENCIES);
        assertSatisfies(fixture, NO_CYCLES);
    }

    @Test
    void isolationAndLibraryRulesAcceptTheDomainJUnitAndAssertJ() {
        JavaClasses fixture = importFixtures(UsesDomainJUnitAndAssertJ.class);

        assertSatisfies(fixture, ONLY_DOMAIN_PROJECT_DEPENDENCIES);
        assertSatisfies(fixture, NO_ADAPTER_LIBRARIES);
        assertSatisfies(fixture, NO_CYCLES);
    }

    @Test
    void cycleRuleRejectsACycleBetweenSubpackages() {
        JavaClasses fixture = importFixtures(KitCycleA.class, KitCycleB.class);

        assertViolates(fixture, NO_CYCLES, KitCycleA.class.getName());
        assertSatisfies(fixture, ONLY_DOMAIN_PROJECT_DEPENDENCIES);
        assertSatisfies(fixture, NO_ADAPTER_LIBRARIES);
    }
}
