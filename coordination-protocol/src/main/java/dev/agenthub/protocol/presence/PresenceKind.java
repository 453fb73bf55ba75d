package dev.agenthub.protocol.presence;

/** The two presence namespaces of §10; an id may have a record in each, independently. */
public enum PresenceKind {
    /** Keyed by workspace id, written by {@code POST /v1/agents/register} and workspace heartbeats. */
    WORKSPACE,
    /** Keyed by agent id, written by {@code POST /v1/agents/heartbeat}. */
    AGENT
}
