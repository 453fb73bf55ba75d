/**
 * Contacts (wire spec §4.18, §9.1): a project's address book of project addresses ({@code <slug>} or
 * {@code <slug>/<alias>}), and the {@code access_mode=contacts_only} rule that uses it to decide whom an agent
 * accepts mail and chat from.
 */
package dev.agenthub.protocol.contacts;
