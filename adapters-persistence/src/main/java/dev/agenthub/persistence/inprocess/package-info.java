/**
 * In-process adapters for the Redis-role ports that keep state (presence, rate-limit counters): the
 * single-instance defaults when no Redis URL is configured. Their state lives in the JVM, so every instance
 * is a backend of its own. (The in-process event bus lives in {@code persistence.events}, beside the
 * listener dispatch it shares with the Redis bus.)
 */
package dev.agenthub.persistence.inprocess;
