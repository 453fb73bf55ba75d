/**
 * The project status view (wire spec §4.13) and the status stream's subscription (§13.1): which workspaces a
 * request covers, their live presence, their claims with claimant counts, titles and conflicts, and the pending
 * escalation count. It reads the workspace, claim, bead and presence ports and depends on {@code hub.workspaces},
 * {@code hub.claims} and {@code hub.beads}; none of them depends on it.
 */
package dev.agenthub.hub.status;
