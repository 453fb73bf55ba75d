package com.zaxxer.archfixture;

/**
 * Stand-in for a HikariCP class, for the architecture-rule fixtures of modules that must not use HikariCP
 * and so do not have it on their class path. It lives in HikariCP's package namespace,
 * {@code com.zaxxer..}, which is all a dependency rule looks at: a fixture referencing it breaks
 * "must not depend on HikariCP" just as real HikariCP code would.
 */
public final class HikariStandIn {
}
