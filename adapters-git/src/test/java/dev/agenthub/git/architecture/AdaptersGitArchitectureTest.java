package dev.agenthub.git.architecture;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static dev.agenthub.architecture.ArchitectureRules.GIT_PACKAGE;
import static dev.agenthub.architecture.ArchitectureRules.importProductionClasses;
import static dev.agenthub.architecture.ArchitectureRules.noCyclesBetweenSubpackages;
import static dev.agenthub.architecture.RuleFixtures.assertSatisfies;
import static dev.agenthub.architecture.RuleFixtures.assertViolates;
import static dev.agenthub.architecture.RuleFixtures.importFixtures;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.lang.ArchRule;
import dev.agenthub.git.architecture.fixture.ExecsThroughRuntime;
import dev.agenthub.git.architecture.fixture.StartsAProcess;
import dev.agenthub.git.architecture.fixture.UsesForbiddenDependencies;
import dev.agenthub.git.architecture.fixture.UsesJGitSlf4jAndPorts;
import dev.agenthub.git.jgit.JGitWorkspaces;
import dev.agenthub.git.shell.archfixture.RunsTheValidationShell;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Architecture of adapters-git: it depends on nothing but the JDK, JGit, SLF4J, its own packages and orchestration's
 * ports; and no class but those in {@code dev.agenthub.git.shell} (the validation command runner) starts a process,
 * so the engine never shells out to {@code git}.
 *
 * <p>Each rule is checked against the production classes and proven non-vacuous against fixtures (test sources under
 * the package the rule governs) that break it, or stay within it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdaptersGitArchitectureTest {

    private static final String SHELL_PACKAGE = GIT_PACKAGE + ".shell..";

    private static final ArchRule ONLY_JDK_JGIT_SLF4J_AND_PORTS = classes()
            .that().resideInAPackage(GIT_PACKAGE + "..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "javax.crypto..", "org.eclipse.jgit..",
                    "org.slf4j..", GIT_PACKAGE + "..", "dev.agenthub.orchestration..port..")
            .because("adapters-git builds on JGit and orchestration's ports only (no other adapter, no server)");

    private static final ArchRule NO_PROCESS_OUTSIDE_SHELL = noClasses()
            .that().resideInAPackage(GIT_PACKAGE + "..").and().resideOutsideOfPackage(SHELL_PACKAGE)
            .should().dependOnClassesThat().belongToAnyOf(ProcessBuilder.class)
            .orShould().callMethodWhere(target(name("exec")).and(target(owner(assignableTo(Runtime.class)))))
            .because("the git engine uses JGit, never a git process; only the validation shell starts processes");

    private static final ArchRule NO_CYCLES = noCyclesBetweenSubpackages(GIT_PACKAGE);

    private final JavaClasses productionClasses = importProductionClasses(GIT_PACKAGE);

    @Test
    void importsTheProductionClassesButNoTestClasses() {
        assertThat(productionClasses.contain(JGitWorkspaces.class)).isTrue();
        assertThat(productionClasses.contain(StartsAProcess.class)).isFalse();
        assertThat(productionClasses.contain(AdaptersGitArchitectureTest.class)).isFalse();
    }

    @Test
    void adaptersGitDependsOnlyOnTheJdkJGitSlf4jAndThePorts() {
        ONLY_JDK_JGIT_SLF4J_AND_PORTS.check(productionClasses);
    }

    @Test
    void noProductionClassOutsideTheShellPackageStartsAProcess() {
        NO_PROCESS_OUTSIDE_SHELL.check(productionClasses);
    }

    @Test
    void adaptersGitSubpackagesAreFreeOfCycles() {
        NO_CYCLES.check(productionClasses);
    }

    @Test
    void processRuleRejectsProcessBuilderAndRuntimeExecOutsideTheShellPackage() {
        assertViolates(importFixtures(StartsAProcess.class), NO_PROCESS_OUTSIDE_SHELL, "java.lang.ProcessBuilder");
        assertViolates(importFixtures(ExecsThroughRuntime.class), NO_PROCESS_OUTSIDE_SHELL, "Runtime.exec");
        assertSatisfies(importFixtures(StartsAProcess.class, ExecsThroughRuntime.class), ONLY_JDK_JGIT_SLF4J_AND_PORTS);
    }

    @Test
    void processRuleAllowsTheShellPackage() {
        // with one non-shell class beside it, so the rule has a subject: the shell class itself is exempt
        JavaClasses fixture = importFixtures(RunsTheValidationShell.class, UsesJGitSlf4jAndPorts.class);
        assertSatisfies(fixture, NO_PROCESS_OUTSIDE_SHELL);
        assertSatisfies(fixture, ONLY_JDK_JGIT_SLF4J_AND_PORTS);
    }

    @Test
    void dependencyRuleRejectsOtherProjectCodeAndOtherLibraries() {
        JavaClasses fixture = importFixtures(UsesForbiddenDependencies.class);
        assertViolates(fixture, ONLY_JDK_JGIT_SLF4J_AND_PORTS, "dev.agenthub.architecture.ArchitectureRules");
        assertViolates(fixture, ONLY_JDK_JGIT_SLF4J_AND_PORTS, "org.assertj.core.api.Assertions");
        assertSatisfies(fixture, NO_PROCESS_OUTSIDE_SHELL);
    }

    @Test
    void dependencyRuleAcceptsJGitSlf4jAndThePorts() {
        JavaClasses fixture = importFixtures(UsesJGitSlf4jAndPorts.class);
        assertSatisfies(fixture, ONLY_JDK_JGIT_SLF4J_AND_PORTS);
        assertSatisfies(fixture, NO_PROCESS_OUTSIDE_SHELL);
    }
}
