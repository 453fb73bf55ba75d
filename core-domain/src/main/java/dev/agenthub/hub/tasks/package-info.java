/**
 * Native tasks (wire spec §4.8): project-scoped work items numbered from an atomic per-project counter, with
 * dependencies (cycle-free), comments, a close cascade over the parent tree, and the claim hooks of §6.3.
 * {@link dev.agenthub.hub.tasks.Tasks} holds the use cases and the merged view with the synced bead issues;
 * {@link dev.agenthub.hub.tasks.TaskIndex} answers the bead-facing port that claims and titles consult (§4.4,
 * §6.2); {@link dev.agenthub.hub.tasks.TaskWork} answers the wake stream's ready work (§13.3); the {@code port}
 * package declares the store.
 */
package dev.agenthub.hub.tasks;
