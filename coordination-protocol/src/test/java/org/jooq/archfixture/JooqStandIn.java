package org.jooq.archfixture;

/**
 * Stand-in for a jOOQ class, for the architecture-rule fixtures of modules that must not use jOOQ
 * and so do not have it on their class path. It lives in jOOQ's package namespace,
 * {@code org.jooq..}, which is all a dependency rule looks at: a fixture referencing it breaks
 * "must not depend on jOOQ" just as real jOOQ code would.
 */
public final class JooqStandIn {
}
