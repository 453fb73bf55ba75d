package org.eclipse.jgit.archfixture;

/**
 * Stand-in for a JGit class, for the architecture-rule fixtures of modules that must not use JGit
 * and so do not have it on their class path. It lives in JGit's package namespace,
 * {@code org.eclipse.jgit..}, which is all a dependency rule looks at: a fixture referencing it breaks
 * "must not depend on JGit" just as real JGit code would.
 */
public final class JGitStandIn {
}
