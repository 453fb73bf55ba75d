package org.flywaydb.archfixture;

/**
 * Stand-in for a Flyway class, for the architecture-rule fixtures of modules that must not use Flyway
 * and so do not have it on their class path. It lives in Flyway's package namespace,
 * {@code org.flywaydb..}, which is all a dependency rule looks at: a fixture referencing it breaks
 * "must not depend on Flyway" just as real Flyway code would.
 */
public final class FlywayStandIn {
}
