/** The audit log (wire spec §2.1): append-only rows of what happened in a project. */
package dev.agenthub.hub.audit;
