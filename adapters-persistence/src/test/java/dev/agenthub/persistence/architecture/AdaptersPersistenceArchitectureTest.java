package dev.agenthub.persistence.architecture;

import static dev.agenthub.architecture.ArchitectureRules.HUB_PACKAGE;
import static dev.agenthub.architecture.ArchitectureRules.JAVALIN_LIBRARY;
import static dev.agenthub.architecture.ArchitectureRules.JGIT_LIBRARY;
import static dev.agenthub.architecture.ArchitectureRules.ORCHESTRATION_PACKAGE;
import static dev.agenthub.architecture.ArchitectureRules.PERSISTENCE_PACKAGE;
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
import dev.agenthub.persistence.architecture.fixture.DependsOnNonDomainProjectCode;
import dev.agenthub.persistence.architecture.fixture.UsesDomainAndOwnLibraries;
import dev.agenthub.persistence.architecture.fixture.UsesOtherAdaptersLibraries;
import dev.agenthub.persistence.cyclefixturea.PersistenceCycleA;
import dev.agenthub.persistence.cyclefixtureb.PersistenceCycleB;
import dev.agenthub.persistence.sql.JooqSession;
import io.javalin.archfixture.JavalinStandIn;
import org.eclipse.jgit.archfixture.JGitStandIn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Architecture of adapters-persistence: it may build on the domain modules and its own libraries, but never on
 * another adapter, the server or their libraries (JGit, Javalin), and its packages - the generated jOOQ code in
 * {@code dev.agenthub.persistence.jooq} included - are free of cycles.
 *
 * <p>Each rule is checked against the production classes, and proven non-vacuous against a fixture (in the test
 * sources, under the package the rule governs) that breaks exactly that rule.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdaptersPersistenceArchitectureTest {

    /** A class the jOOQ code generator writes into {@code dev.agenthub.persistence.jooq}. */
    private static final String GENERATED_JOOQ_CATALOG = "dev.agenthub.persistence.jooq.DefaultCatalog";

    private static final ArchRule ONLY_DOMAIN_PROJECT_DEPENDENCIES =
            onlyDependOnProjectPackages(PERSISTENCE_PACKAGE, PROTOCOL_PACKAGE, HUB_PACKAGE, ORCHESTRATION_PACKAGE);
    private static final ArchRule NO_GIT_OR_HTTP_LIBRARIES =
            noDependencyOn(PERSISTENCE_PACKAGE, JGIT_LIBRARY, JAVALIN_LIBRARY);
    private static final ArchRule NO_CYCLES = noCyclesBetweenSubpackages(PERSISTENCE_PACKAGE);

    private final JavaClasses productionClasses = importProductionClasses(PERSISTENCE_PACKAGE);

    @Test
    void importsTheProductionAndGeneratedClassesButNoTestClasses() {
        assertThat(productionClasses.contain(JooqSession.class)).isTrue();
        assertThat(productionClasses.contain(GENERATED_JOOQ_CATALOG)).isTrue();
        assertThat(productionClasses.contain(UsesOtherAdaptersLibraries.class)).isFalse();
        assertThat(productionClasses.contain(PersistenceCycleA.class)).isFalse();
        assertThat(productionClasses.contain(AdaptersPersistenceArchitectureTest.class)).isFalse();
    }

    @Test
    void persistenceDependsOnNoAgentHubModuleButTheDomainModules() {
        ONLY_DOMAIN_PROJECT_DEPENDENCIES.check(productionClasses);
    }

    @Test
    void persistenceUsesNeitherJGitNorJavalin() {
        NO_GIT_OR_HTTP_LIBRARIES.check(productionClasses);
    }

    @Test
    void persistenceSubpackagesAreFreeOfCycles() {
        NO_CYCLES.check(productionClasses);
    }

    @Test
    void adapterIsolationRuleRejectsANonDomainProjectDependency() {
        JavaClasses fixture = importFixtures(DependsOnNonDomainProjectCode.class);

        assertViolates(fixture, ONLY_DOMAIN_PROJECT_DEPENDENCIES, "dev.agenthub.architecture.ArchitectureRules");
        assertSatisfies(fixture, NO_GIT_OR_HTTP_LIBRARIES);
        assertSatisfies(fixture, NO_CYCLES);
    }

    @Test
    void libraryRuleRejectsJGitAndJavalin() {
        JavaClasses fixture = importFixtures(UsesOtherAdaptersLibraries.class);

        assertViolates(fixture, NO_GIT_OR_HTTP_LIBRARIES, JGitStandIn.class.getName());
        assertViolates(fixture, NO_GIT_OR_HTTP_LIBRARIES, JavalinStandIn.class.getName());
        assertSatisfies(fixture, ONLY_DOMAIN_PROJECT_DEPENDENCIES);
        assertSatisfies(fixture, NO_CYCLES);
    }

    @Test
    void isolationAndLibraryRulesAcceptTheDomainModulesAndOwnLibraries() {
        JavaClasses fixture = importFixtures(UsesDomainAndOwnLibraries.class);

        assertSatisfies(fixture, ONLY_DOMAIN_PROJECT_DEPENDENCIES);
        assertSatisfies(fixture, NO_GIT_OR_HTTP_LIBRARIES);
        assertSatisfies(fixture, NO_CYCLES);
    }

    @Test
    void cycleRuleRejectsACycleBetweenSubpackages() {
        JavaClasses fixture = importFixtures(PersistenceCycleA.class, PersistenceCycleB.class);

        assertViolates(fixture, NO_CYCLES, PersistenceCycleA.class.getName());
        assertSatisfies(fixture, ONLY_DOMAIN_PROJECT_DEPENDENCIES);
        assertSatisfies(fixture, NO_GIT_OR_HTTP_LIBRARIES);
    }
}
