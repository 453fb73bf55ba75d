package io.lettuce.archfixture;

/**
 * Stand-in for a Lettuce class, for the architecture-rule fixtures of modules that must not use Lettuce
 * and so do not have it on their class path. It lives in Lettuce's package namespace,
 * {@code io.lettuce..}, which is all a dependency rule looks at: a fixture referencing it breaks
 * "must not depend on Lettuce" just as real Lettuce code would.
 */
public final class LettuceStandIn {
}
