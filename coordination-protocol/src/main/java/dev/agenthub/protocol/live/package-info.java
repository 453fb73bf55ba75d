/**
 * Live events (wire spec §9.2, §13): what the use cases publish on the {@code EventBus} after their writes
 * commit, and the streams that turn bus messages (plus a replay read from the stores) into SSE frames. The
 * database stays the source of truth; an event only says "look", so a lost event costs latency, never data.
 */
package dev.agenthub.protocol.live;
