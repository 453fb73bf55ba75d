/** Contract kits of orchestration's git ports: {@code ProjectLocks} and {@code GitWorkspaces}. */
package dev.agenthub.testkit.git;
