package dev.agenthub.http.architecture;

import static dev.agenthub.architecture.ArchitectureRules.FLYWAY_LIBRARY;
import static dev.agenthub.architecture.ArchitectureRules.HIKARI_LIBRARY;
import static dev.agenthub.architecture.ArchitectureRules.HTTP_PACKAGE;
import static dev.agenthub.architecture.ArchitectureRules.HUB_PACKAGE;
import static dev.agenthub.architecture.ArchitectureRules.JGIT_LIBRARY;
import static dev.agenthub.architecture.ArchitectureRules.JOOQ_LIBRARY;
import static dev.agenthub.architecture.ArchitectureRules.LETTUCE_LIBRARY;
import static dev.agenthub.architecture.ArchitectureRules.ORCHESTRATION_PACKAGE;
import static dev.agenthub.architecture.ArchitectureRules.PROTOCOL_PACKAGE;
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
import com.zaxxer.archfixture.HikariStandIn;
import dev.agenthub.http.AgentHubHttpPlugin;
import dev.agenthub.http.architecture.fixture.DependsOnNonDomainProjectCode;
import dev.agenthub.http.architecture.fixture.UsesDomainAndOwnLibraries;
import dev.agenthub.http.architecture.fixture.UsesOtherAdaptersLibraries;
import dev.agenthub.http.cyclefixturea.HttpCycleA;
import dev.agenthub.http.cyclefixtureb.HttpCycleB;
import io.lettuce.archfixture.LettuceStandIn;
import org.eclipse.jgit.archfixture.JGitStandIn;
import org.flywaydb.archfixture.FlywayStandIn;
import org.jooq.archfixture.JooqStandIn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Architecture of adapters-http: it may build on the domain modules and its own libraries (Javalin, Jackson,
 * Micrometer), but never on another adapter, the server or the other adapters' libraries (jOOQ, Lettuce,
 * HikariCP, Flyway, JGit), and its packages are free of cycles.
 *
 * <p>Each rule is checked against the production classes, and proven non-vacuous against a fixture (in the test
 * sources, under the package the rule governs) that breaks exactly that rule.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdaptersHttpArchitectureTest {

    private static final ArchRule ONLY_DOMAIN_PROJECT_DEPENDENCIES =
            onlyDependOnProjectPackages(HTTP_PACKAGE, PROTOCOL_PACKAGE, HUB_PACKAGE, ORCHESTRATION_PACKAGE);
    private static final ArchRule NO_PERSISTENCE_OR_GIT_LIBRARIES = noDependencyOn(
            HTTP_PACKAGE, JOOQ_LIBRARY, LETTUCE_LIBRARY, HIKARI_LIBRARY, FLYWAY_LIBRARY, JGIT_LIBRARY);
    private static final ArchRule NO_CYCLES = noCyclesBetweenSubpackages(HTTP_PACKAGE);

    private final JavaClasses productionClasses = importProductionClasses(HTTP_PACKAGE);

    @Test
    void importsTheProductionClassesButNoTestClasses() {
        assertThat(productionClasses.contain(AgentHubHttpPlugin.class)).isTrue();
        assertThat(productionClasses.contain(UsesOtherAdaptersLibraries.class)).isFalse();
        assertThat(productionClasses.contain(HttpCycleA.class)).isFalse();
        assertThat(productionClasses.contain(AdaptersHttpArchitectureTest.class)).isFalse();
    }

    @Test
    void httpDependsOnNoAgentHubModuleButTheDomainModules() {
        ONLY_DOMAIN_PROJECT_DEPENDENCIES.check(productionClasses);
    }

    @Test
    void httpUsesNoPersistenceOrGitLibrary() {
        NO_PERSISTENCE_OR_GIT_LIBRARIES.check(productionClasses);
    }

    @Test
    void httpSubpackagesAreFreeOfCycles() {
        NO_CYCLES.check(productionClasses);
    }

    @Test
    void adapterIsolationRuleRejectsANonDomainProjectDependency() {
        JavaClasses fixture = importFixtures(DependsOnNonDomainProjectCode.class);

        assertViolates(fixture, ONLY_DOMAIN_PROJECT_DEPENDENCIES, "dev.agenthub.architecture.ArchitectureRules");
        assertSatisfies(fixture, NO_PERSISTENCE_OR_GIT_LIBRARIES);
        assertSatisfies(fixture, NO_CYCLES);
    }

    @Test
    void libraryRuleRejectsEachPersistenceAndGitLibrary() {
        JavaClasses fixture = importFixtures(UsesOtherAdaptersLibraries.class);

        assertViolates(fixture, NO_PERSISTENCE_OR_GIT_LIBRARIES, JooqStandIn.class.getName());
        assertViolates(fixture, NO_PERSISTENCE_OR_GIT_LIBRARIES, LettuceStandIn.class.getName());
        assertViolates(fixture, NO_PERSISTENCE_OR_GIT_LIBRARIES, HikariStandIn.class.getName());
        assertViolates(fixture, NO_PERSISTENCE_OR_GIT_LIBRARIES, FlywayStandIn.class.getName());
        assertViolates(fixture, NO_PERSISTENCE_OR_GIT_LIBRARIES, JGitStandIn.class.getName());
        assertSatisfies(fixture, ONLY_DOMAIN_PROJECT_DEPENDENCIES);
        assertSatisfies(fixture, NO_CYCLES);
    }

    @Test
    void isolationAndLibraryRulesAcceptTheDomainModulesAndOwnLibraries() {
        JavaClasses fixture = importFixtures(UsesDomainAndOwnLibraries.class);

        assertSatisfies(fixture, ONLY_DOMAIN_PROJECT_DEPENDENCIES);
        assertSatisfies(fixture, NO_PERSISTENCE_OR_GIT_LIBRARIES);
        assertSatisfies(fixture, NO_CYCLES);
    }

    @Test
    void cycleRuleRejectsACycleBetweenSubpackages() {
        JavaClasses fixture = importFixtures(HttpCycleA.class, HttpCycleB.class);

        assertViolates(fixture, NO_CYCLES, HttpCycleA.class.getName());
        assertSatisfies(fixture, ONLY_DOMAIN_PROJECT_DEPENDENCIES);
        assertSatisfies(fixture, NO_PERSISTENCE_OR_GIT_LIBRARIES);
    }
}
