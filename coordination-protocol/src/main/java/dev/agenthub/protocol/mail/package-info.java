/**
 * Mail (wire spec §4.9, §9.1): messages from one agent to another of the same project, with a subject,
 * priority and optional thread; the inbox newest first; acknowledging is reading, once.
 */
package dev.agenthub.protocol.mail;
