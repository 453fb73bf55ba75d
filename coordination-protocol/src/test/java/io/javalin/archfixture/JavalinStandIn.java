package io.javalin.archfixture;

/**
 * Stand-in for a Javalin class, for the architecture-rule fixtures of modules that must not use Javalin
 * and so do not have it on their class path. It lives in Javalin's package namespace,
 * {@code io.javalin..}, which is all a dependency rule looks at: a fixture referencing it breaks
 * "must not depend on Javalin" just as real Javalin code would.
 */
public final class JavalinStandIn {
}
