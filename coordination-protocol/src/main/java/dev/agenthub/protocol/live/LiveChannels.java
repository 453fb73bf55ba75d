package dev.agenthub.protocol.live;

import dev.agenthub.protocol.kernel.id.AgentId;

import java.util.UUID;

/** The {@code EventBus} channel names of live events. */
public final class LiveChannels {

    private LiveChannels() {
    }

    /** The project status events (§13.1) published on a workspace; a workspace id is its agent's id. */
    public static String workspace(AgentId workspace) {
        return "ws." + workspace;
    }

    /** The {@code message} and {@code read_receipt} events of one chat session (§9.2). */
    public static String chatSession(UUID session) {
        return "chat." + session;
    }

    /** The wake-up events of one agent's {@code /v1/events/stream} (§13.3). */
    public static String agentInbox(AgentId agent) {
        return "inbox." + agent;
    }
}
