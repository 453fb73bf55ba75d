package dev.agenthub.it.support;

import dev.agenthub.protocol.kernel.events.Subscription;
import dev.agenthub.protocol.kernel.id.AgentId;
import dev.agenthub.protocol.live.LiveChannels;
import dev.agenthub.protocol.live.LiveEvent;
import dev.agenthub.protocol.kernel.time.WireTime;
import dev.agenthub.it.support.HubSeeds.Worktree;
import dev.agenthub.server.AgentHub;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static dev.agenthub.it.support.V1Client.canonical;
import static dev.agenthub.it.support.V1Client.json;
import static dev.agenthub.it.support.V1Client.ordered;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The status events a hub publishes on one workspace's channel ({@code ws.<id>}, wire spec §13.1), read straight
 * from its event bus while open: what the status stream would forward, without the stream.
 */
public final class WorkspaceChannel implements AutoCloseable {

    private final BlockingQueue<LiveEvent> events = new LinkedBlockingQueue<>();
    private final Subscription subscription;

    public WorkspaceChannel(AgentHub hub, String workspaceId) {
        subscription = hub.eventBus().subscribe(LiveChannels.workspace(new AgentId(UUID.fromString(workspaceId))),
                message -> LiveEvent.decode(message.payload()).ifPresent(events::add));
    }

    /**
     * The canonical {@code data} of a status event on {@code w}'s channel (§13.1): the envelope fields, then
     * {@code fields} as key-value pairs, in order; to compare with {@link #next()}.
     */
    public static String expectedEvent(Worktree w, String type, Instant at, Object... fields) {
        Map<String, Object> body = ordered("workspace_id", w.workspaceId(), "type", type, "timestamp", WireTime.zulu(at),
                "project_slug", w.projectSlug());
        body.putAll(ordered(fields));
        return canonical(json(body));
    }

    /** The {@code data} of the next event, waiting up to 10 s; fails when none arrives. */
    public String next() throws InterruptedException {
        LiveEvent event = events.poll(10, TimeUnit.SECONDS);
        assertThat(event).as("an event arrived").isNotNull();
        return event.data();
    }

    /** The next event if one arrives within {@code wait}, else null. */
    public LiveEvent poll(Duration wait) throws InterruptedException {
        return events.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        subscription.close();
    }
}
