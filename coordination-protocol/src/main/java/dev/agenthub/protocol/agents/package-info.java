/**
 * Agents: the aweb identities of a project (wire spec §2.1, §4.3): alias allocation from the classic
 * names, the field rules, listing with presence, heartbeat, self-service settings and deregistration.
 */
package dev.agenthub.protocol.agents;
