/**
 * Policies (wire spec §4.16, §11): versioned bundles of invariants and role playbooks per project, one of them
 * active; the shipped default bundle, parsed from markdown documents the composition root reads.
 */
package dev.agenthub.hub.policies;
