/**
 * Escalations (wire spec §4.14, §12): a workspace asks a human for a decision; any caller in the project answers.
 * {@link dev.agenthub.hub.escalations.Escalations} holds the use cases, the expiry sweep (§14 F5) and the
 * {@code escalations_pending} count of the status view; the {@code port} package declares the store, whose
 * response and expiry steps are atomic per row across instances, and the events.
 */
package dev.agenthub.hub.escalations;
