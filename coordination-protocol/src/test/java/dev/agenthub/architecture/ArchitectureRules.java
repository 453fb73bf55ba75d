package dev.agenthub.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.lang.ArchRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The shared ArchUnit rule kit of Agent Hub, shipped in the coordination-protocol test-jar so every module's
 * architecture test builds its rules from the same definitions.
 *
 * <p>Every method takes plain package names (for example {@code "dev.agenthub.hub"}); a name always stands for
 * that package <em>and all of its sub-packages</em>. ArchUnit wildcards ({@code ..}, {@code *}) are rejected so a
 * typo cannot silently widen or empty a rule. None of the rules allows an empty "should": a rule whose
 * {@code that()} clause matches no class fails, so a misspelt package cannot make a rule pass vacuously.
 */
public final class ArchitectureRules {

    /** Root package of every Agent Hub class. */
    public static final String PROJECT_PACKAGE = "dev.agenthub";
    /** The JDK packages ({@code java..}) a pure domain module may use. */
    public static final String JDK_PACKAGE = "java";
    /** The JDK's cryptography API in {@code java.base} (HMAC for the signed proxy headers), also allowed. */
    public static final String JDK_CRYPTO_PACKAGE = "javax.crypto";

    /** coordination-protocol: the protocol and the shared kernel. */
    public static final String PROTOCOL_PACKAGE = "dev.agenthub.protocol";
    /** The shared kernel inside coordination-protocol. */
    public static final String KERNEL_PACKAGE = "dev.agenthub.protocol.kernel";
    /** core-domain. */
    public static final String HUB_PACKAGE = "dev.agenthub.hub";
    /** orchestration. */
    public static final String ORCHESTRATION_PACKAGE = "dev.agenthub.orchestration";
    /** adapters-persistence (including the generated jOOQ code in {@code dev.agenthub.persistence.jooq}). */
    public static final String PERSISTENCE_PACKAGE = "dev.agenthub.persistence";
    /** adapters-git. */
    public static final String GIT_PACKAGE = "dev.agenthub.git";
    /** adapters-http. */
    public static final String HTTP_PACKAGE = "dev.agenthub.http";
    /** app-server. */
    public static final String SERVER_PACKAGE = "dev.agenthub.server";
    /** The contract test kit (integration-tests main code). */
    public static final String TESTKIT_PACKAGE = "dev.agenthub.testkit";

    /** jOOQ, owned by adapters-persistence. */
    public static final String JOOQ_LIBRARY = "org.jooq";
    /** Lettuce (Redis client), owned by adapters-persistence. */
    public static final String LETTUCE_LIBRARY = "io.lettuce";
    /** HikariCP (JDBC pool), owned by adapters-persistence. */
    public static final String HIKARI_LIBRARY = "com.zaxxer";
    /** Flyway, owned by adapters-persistence. */
    public static final String FLYWAY_LIBRARY = "org.flywaydb";
    /** JGit, owned by adapters-git. */
    public static final String JGIT_LIBRARY = "org.eclipse.jgit";
    /** Javalin, owned by adapters-http. */
    public static final String JAVALIN_LIBRARY = "io.javalin";

    private static final Pattern PACKAGE_NAME =
            Pattern.compile("\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*"
                    + "(\\.\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*)*");

    /** Class files packed in a Maven test-jar: {@code jar:file:/.../coordination-protocol-0.1.0-tests.jar!/...}. */
    private static final Pattern TEST_JAR_ENTRY = Pattern.compile(".*-tests\\.jar!/.*");

    private ArchitectureRules() {
    }

    /**
     * Classes of a pure domain module may depend on nothing but the JDK ({@code java..} and
     * {@code javax.crypto..}, which {@code java.base} also exports), their own module
     * package, and the domain packages they are allowed to build on.
     *
     * <p>Used for the three domain modules: orchestration may build on core-domain and coordination-protocol,
     * core-domain on coordination-protocol, coordination-protocol on nothing. Any other dependency - a library,
     * any other {@code javax..} package, an adapter, or a domain module further "to the left" - is a violation.
     *
     * @param modulePackage   the module's root package; its classes are the subject of the rule
     * @param allowedPackages root packages of the other domain modules this module may depend on
     */
    public static ArchRule onlyDependOnJdkAnd(String modulePackage, String... allowedPackages) {
        List<String> allowed = new ArrayList<>();
        allowed.add(subtree(JDK_PACKAGE));
        allowed.add(subtree(JDK_CRYPTO_PACKAGE));
        allowed.add(subtree(modulePackage));
        allowed.addAll(subtrees(allowedPackages));
        return classes()
                .that().resideInAPackage(subtree(modulePackage))
                .should().onlyDependOnClassesThat().resideInAnyPackage(allowed.toArray(String[]::new))
                .because("a pure domain module may only use the JDK and the domain modules it builds on");
    }

    /**
     * Classes in {@code consumerPackage} may use Agent Hub classes only from their own package and from
     * {@code allowedProjectPackages}; any other class under {@value #PROJECT_PACKAGE} is a violation. Classes
     * outside {@value #PROJECT_PACKAGE} (the JDK, libraries) are not restricted by this rule.
     *
     * <p>This is the isolation rule of the adapters and of the contract test kit: they may build on the domain
     * modules, but never on an adapter (another one, for an adapter), the server ({@value #SERVER_PACKAGE}) or
     * the test kit. Being an allow-list it also covers modules that do not exist yet.
     *
     * @param consumerPackage        the root package whose classes are the subject of the rule
     * @param allowedProjectPackages root packages of the Agent Hub modules the consumer may depend on
     */
    public static ArchRule onlyDependOnProjectPackages(String consumerPackage, String... allowedProjectPackages) {
        List<String> allowed = new ArrayList<>();
        allowed.add(subtree(consumerPackage));
        allowed.addAll(subtrees(allowedProjectPackages));
        DescribedPredicate<JavaClass> otherProjectClasses = resideInAPackage(subtree(PROJECT_PACKAGE))
                .and(not(resideInAnyPackage(allowed.toArray(String[]::new))))
                .as("reside in an Agent Hub package other than %s", String.join(", ", allowed));
        return noClasses()
                .that().resideInAPackage(subtree(consumerPackage))
                .should().dependOnClassesThat(otherProjectClasses)
                .because("adapters and the contract kit build on the domain modules only, "
                        + "never on an adapter, the server or the kit");
    }

    /**
     * Classes in {@code consumerPackage} must not depend on any class in {@code forbiddenPackages}.
     *
     * <p>Used to keep each infrastructure library inside the adapter that owns it: no jOOQ, Lettuce, HikariCP or
     * Flyway outside adapters-persistence, no JGit outside adapters-git, no Javalin outside adapters-http.
     *
     * @param consumerPackage   the root package whose classes are the subject of the rule
     * @param forbiddenPackages root packages the consumer must not use (at least one)
     */
    public static ArchRule noDependencyOn(String consumerPackage, String... forbiddenPackages) {
        if (forbiddenPackages.length == 0) {
            throw new IllegalArgumentException("name at least one forbidden package");
        }
        return noClasses()
                .that().resideInAPackage(subtree(consumerPackage))
                .should().dependOnClassesThat()
                .resideInAnyPackage(subtrees(forbiddenPackages).toArray(String[]::new))
                .because("each library belongs to the one module that adapts it");
    }

    /**
     * The direct sub-packages of {@code basePackage} (each taken together with its own sub-packages) must not
     * depend on each other in a cycle. Dependencies inside one sub-package tree are not checked, nor are classes
     * sitting directly in {@code basePackage}. As the rule must not pass vacuously, it fails when
     * {@code basePackage} has no sub-packages at all.
     *
     * @param basePackage the package whose direct sub-packages form the slices
     */
    public static ArchRule noCyclesBetweenSubpackages(String basePackage) {
        return slices()
                .matching(checkedName(basePackage) + ".(*)..")
                .as("sub-packages of " + basePackage)
                .should().beFreeOfCycles()
                .because("cyclic packages cannot be understood, tested or split apart one at a time");
    }

    /**
     * Imports the production classes found on the class path in the given packages (and their sub-packages).
     *
     * <p>Test classes are left out, both the module's own ({@code target/test-classes}, via
     * {@link ImportOption.Predefined#DO_NOT_INCLUDE_TESTS}) and those of other modules' test-jars (which Maven
     * may put on the class path as {@code *-tests.jar}, a location {@code DO_NOT_INCLUDE_TESTS} does not
     * recognise). So rule-proving fixtures never reach the production evaluation.
     *
     * @param packages root packages to import, e.g. the module's own root package
     */
    public static JavaClasses importProductionClasses(String... packages) {
        if (packages.length == 0) {
            throw new IllegalArgumentException("name at least one package to import");
        }
        return new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ArchitectureRules::isNotInTestJar)
                .importPackages(packages);
    }

    private static boolean isNotInTestJar(Location location) {
        return !location.matches(TEST_JAR_ENTRY);
    }

    private static List<String> subtrees(String... packageNames) {
        List<String> identifiers = new ArrayList<>(packageNames.length);
        for (String packageName : packageNames) {
            identifiers.add(subtree(packageName));
        }
        return identifiers;
    }

    /** The ArchUnit identifier for a package and all of its sub-packages. */
    private static String subtree(String packageName) {
        return checkedName(packageName) + "..";
    }

    private static String checkedName(String packageName) {
        Objects.requireNonNull(packageName, "packageName");
        if (!PACKAGE_NAME.matcher(packageName).matches()) {
            throw new IllegalArgumentException(
                    "expected a plain package name such as dev.agenthub.hub, not '" + packageName + "'");
        }
        return packageName;
    }
}
