/**
 * Claims (wire spec §6): which workspace works on which bead. {@link dev.agenthub.hub.claims.Claims} holds the
 * side-effects (claim with apex and focus, release of every claimant, drop with a deleted workspace); the
 * {@code port} package declares the store, whose claim step is atomic per (project, bead) across instances, and
 * the events.
 */
package dev.agenthub.hub.claims;
