/**
 * bdh coordination (wire spec §4.5, §5, §6): the pre-flight check of {@code POST /v1/bdh/command} and the
 * issue sync with claim side-effects of {@code POST /v1/bdh/sync}, composed from the beads, claims and
 * workspaces capabilities.
 */
package dev.agenthub.hub.bdh;
