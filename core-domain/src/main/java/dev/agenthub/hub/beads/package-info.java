/**
 * Beads (wire spec §2.2, §4.5, §4.6, §5, §6.1): the issues bdh uploads from its local {@code bd} tracker. This
 * package holds the pure part of bead sync: JSONL parsing with its limits ({@link
 * dev.agenthub.hub.beads.BeadsJsonl}), record filtering ({@link dev.agenthub.hub.beads.BeadRecords}), the stored
 * issue model and its mapping from a record ({@link dev.agenthub.hub.beads.BeadIssue}, {@link
 * dev.agenthub.hub.beads.BeadIssueMapper}), the upsert and deletion planner ({@link
 * dev.agenthub.hub.beads.BeadUpsertPlanner}), the choice of what a full or incremental sync changes ({@link
 * dev.agenthub.hub.beads.SyncPayload}) and the {@code command_line} parser ({@link
 * dev.agenthub.hub.beads.BdCommand}). The store port is declared in {@code port}; persistence and the HTTP
 * routes come later.
 */
package dev.agenthub.hub.beads;
