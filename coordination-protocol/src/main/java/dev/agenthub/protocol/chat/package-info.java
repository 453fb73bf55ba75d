/**
 * Chat (wire spec §4.10, §9.2): one persistent session per participant set, messages in time order, and a
 * forward-only read cursor per participant.
 */
package dev.agenthub.protocol.chat;
