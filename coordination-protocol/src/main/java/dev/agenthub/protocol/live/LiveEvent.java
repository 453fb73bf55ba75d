package dev.agenthub.protocol.live;

import dev.agenthub.protocol.kernel.id.AgentId;
import dev.agenthub.protocol.kernel.id.Uuids;

import java.util.Objects;
import java.util.Optional;

/**
 * One bus message of a live event: the SSE event name, the agent whose action caused it (streams use it to
 * leave out an agent's own read receipts), the id of the message it is about (streams use it to drop a live
 * copy of a message they already replayed), and the SSE {@code data} line, compact JSON exactly as clients get it.
 *
 * <p>On the bus it is one text: {@code <event> <actor|-> <subject|->\n<data>}, so a stream forwards the data
 * without parsing or re-serialising it.
 *
 * @param actor   null when no agent caused it
 * @param subject null when it is about no message
 */
public record LiveEvent(String event, AgentId actor, String subject, String data) {

    public LiveEvent {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(data, "data");
        if (event.isEmpty() || event.contains(" ") || event.contains("\n")) {
            throw new IllegalArgumentException("event name must be one word");
        }
        if (subject != null && (subject.isEmpty() || subject.contains(" ") || subject.contains("\n"))) {
            throw new IllegalArgumentException("subject must be one word");
        }
        if (data.contains("\n") || data.contains("\r")) {
            throw new IllegalArgumentException("data must be one line");
        }
    }

    /** The bus form. */
    public String encode() {
        return event + ' ' + (actor == null ? "-" : actor.toString()) + ' ' + (subject == null ? "-" : subject) + '\n' + data;
    }

    /** Reads the bus form; empty for anything else (a foreign publisher on a shared Redis, say). */
    public static Optional<LiveEvent> decode(String payload) {
        int newline = payload.indexOf('\n');
        if (newline < 0) {
            return Optional.empty();
        }
        String[] header = payload.substring(0, newline).split(" ", -1);
        if (header.length != 3) {
            return Optional.empty();
        }
        AgentId actor = null;
        if (!header[1].equals("-")) {
            var id = Uuids.parse(header[1]);
            if (id.isEmpty()) {
                return Optional.empty();
            }
            actor = new AgentId(id.get());
        }
        try {
            return Optional.of(new LiveEvent(header[0], actor, header[2].equals("-") ? null : header[2],
                    payload.substring(newline + 1)));
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
    }
}
