/**
 * {@code POST /v1/init} (wire spec §4.1): bootstrap an identity (project, agent, API key) in one
 * transaction, rate-limited per client IP, with the ownership rule of §14 F2 for existing aliases.
 */
package dev.agenthub.hub.init;
