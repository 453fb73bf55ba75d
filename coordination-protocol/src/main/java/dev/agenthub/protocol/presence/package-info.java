/**
 * Presence (wire spec §10): a TTL cache of who is online, over the authoritative records. Losing it only
 * makes agents look offline. Two kinds of record: workspace presence (written by bdh's register call and
 * workspace heartbeats) and agent presence (written by the aweb agent heartbeat).
 */
package dev.agenthub.protocol.presence;
