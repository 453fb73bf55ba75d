/** The JGit engine behind {@link dev.agenthub.orchestration.git.port.GitWorkspaces}: no {@code git} process. */
package dev.agenthub.git.jgit;
