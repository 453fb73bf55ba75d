/**
 * Reservations: advisory, exclusive, TTL-bound locks on opaque resource keys (bdh uses repo-relative
 * file paths), one holder per (project, key). Expiry is lazy: an expired reservation counts as absent.
 * The database is the authority, so the rules hold across hub instances.
 */
package dev.agenthub.protocol.reservations;
