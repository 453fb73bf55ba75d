/**
 * Conversations (wire spec §4.18): one listing over an agent's mail threads and chat sessions, most recent
 * activity first, paginated with an opaque cursor. Each source is read in list order by its store; the use case
 * merges the two pages.
 */
package dev.agenthub.protocol.conversations;
