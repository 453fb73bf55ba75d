/**
 * Adapters for the store and Redis-role ports: PostgreSQL through jOOQ, HikariCP and Flyway
 * ({@code postgres}, {@code sql}), Redis through Lettuce ({@code redis}), and the in-process equivalents
 * used by a single instance ({@code events} for the event bus, {@code inprocess} for presence and rate
 * limits). Generated jOOQ classes live in {@code persistence.jooq}.
 */
package dev.agenthub.persistence;
