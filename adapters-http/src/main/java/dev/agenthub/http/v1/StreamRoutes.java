package dev.agenthub.http.v1;

import dev.agenthub.http.docs.ApiRoutes;
import dev.agenthub.http.docs.Operation;
import dev.agenthub.http.support.QueryParams;
import dev.agenthub.hub.repos.CanonicalOrigin;
import dev.agenthub.hub.status.Status;
import dev.agenthub.protocol.agents.Agent;
import dev.agenthub.protocol.identity.Principal;
import dev.agenthub.protocol.kernel.id.AgentId;
import dev.agenthub.protocol.kernel.text.CodePoints;
import dev.agenthub.protocol.chat.Chat;
import dev.agenthub.protocol.chat.port.WaitingPresence;
import dev.agenthub.protocol.kernel.error.DomainError;
import dev.agenthub.protocol.kernel.id.Uuids;
import dev.agenthub.protocol.kernel.time.WireTime;
import dev.agenthub.protocol.live.LiveStream;
import dev.agenthub.protocol.live.StreamFrame;
import io.javalin.http.Context;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * The SSE routes: a chat session's stream (§9.2), the agent wake stream (§13.3) and the project status stream
 * (§13.1).
 *
 * <p>Everything that can fail (validation, authentication, the session checks) happens before the first
 * byte, so errors are ordinary JSON responses. A stream then runs on its request's virtual thread, parked
 * while idle (no platform thread is held), and writes {@code event:}/{@code data:} frames as the bus delivers
 * them. It ends at the deadline, when the client goes away (noticed at the next write; a comment keepalive
 * is written after {@link #KEEPALIVE} of silence so that happens soon), when it overflows, or when the hub
 * stops ({@link #endAll}). The status stream differs only in its frames ({@code data:} lines alone, nothing
 * before the first event or keepalive), its keepalive interval (30 s, configurable) and its length (no
 * deadline: until the client goes, or 5 minutes when it covers no workspace).
 */
public final class StreamRoutes {

    /** Silence after which a comment keepalive is written (chat and wake streams). */
    static final Duration KEEPALIVE = Duration.ofSeconds(25);
    /** §13.1: the status stream writes a keepalive after 30 s of silence. */
    public static final Duration STATUS_KEEPALIVE = Duration.ofSeconds(30);
    /** A status stream over workspaces has no deadline: it runs until the client goes or the hub stops. */
    private static final Duration UNBOUNDED = Duration.ofDays(3650);
    private static final int HUMAN_NAME_LENGTH = 64;
    private static final byte[] KEEPALIVE_FRAME = ": keepalive\n\n".getBytes(StandardCharsets.UTF_8);

    private final Supplier<CoordinationServices> services;
    private final V1Auth auth;
    private final Set<Thread> streaming = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean ending = new AtomicBoolean();
    private final Duration statusKeepalive;

    public StreamRoutes(Supplier<CoordinationServices> services) {
        this(services, STATUS_KEEPALIVE);
    }

    /** @param statusKeepalive the status stream's silence before a keepalive (§13.1: 30 s) */
    public StreamRoutes(Supplier<CoordinationServices> services, Duration statusKeepalive) {
        this.services = services;
        this.auth = new V1Auth(services);
        this.statusKeepalive = Objects.requireNonNull(statusKeepalive, "statusKeepalive");
        if (statusKeepalive.isNegative() || statusKeepalive.isZero()) {
            throw new IllegalArgumentException("statusKeepalive must be positive");
        }
    }

    public void register(ApiRoutes routes) {
        routes.get("/v1/chat/sessions/{session_id}/stream", Operation.of("chat",
                        "SSE: replay, then the session's messages and read receipts until the deadline")
                .respond(401, "Authentication required").respond(403, "Not a participant in this session")
                .respond(404, "Session not found").respond(422, "Invalid id format / deadline"), this::chatStream);
        routes.get("/v1/events/stream", Operation.of("events",
                        "SSE: connected, pending mail and chat, then new ones until the deadline (at most 300 s)")
                .respond(401, "Authentication required").respond(403, "API key is not bound to an agent")
                .respond(422, "Invalid deadline format"), this::wakeStream);
        routes.get("/v1/status/stream", Operation.of("status",
                        "SSE: the status events of the chosen workspaces (data-only frames), no replay")
                .respond(401, "Authentication required")
                .respond(404, "Workspace not found / No workspaces found for the provided filter")
                .respond(422, "Validation failed / Invalid repo format / Invalid event types"), this::statusStream);
    }

    /** How many streams are open right now. */
    public int openStreams() {
        return streaming.size();
    }

    /** Ends every open stream (the hub is stopping) and refuses new ones. */
    public void endAll() {
        ending.set(true);
        streaming.forEach(Thread::interrupt);
    }

    private void chatStream(Context ctx) {
        UUID sessionId = Uuids.parse(ctx.pathParam("session_id"))
                .orElseThrow(() -> new DomainError.Invalid("Invalid id format"));
        QueryParams query = new QueryParams(ctx);
        String deadlineText = query.requiredString("deadline");
        query.validate();
        Agent agent = auth.actor(ctx);
        CoordinationServices live = services.get();
        Chat.Membership membership = live.chat().membership(agent, sessionId); // §9.2: the session before the timestamps
        Instant deadline = zoned("deadline", deadlineText);
        String afterText = ctx.queryParam("after");
        Instant after = afterText == null ? null : zoned("after", afterText);
        serve(ctx, live.live().openChat(agent, membership, after), live.live().untilDeadline(deadline), true, KEEPALIVE);
    }

    private void wakeStream(Context ctx) {
        QueryParams query = new QueryParams(ctx);
        String deadlineText = query.requiredString("deadline");
        query.validate();
        Instant deadline = WireTime.parseZoned(deadlineText).or(() -> WireTime.parse(deadlineText))
                .orElseThrow(() -> new DomainError.Invalid("Invalid deadline format"));
        Agent agent = auth.actor(ctx);
        CoordinationServices live = services.get();
        serve(ctx, live.live().openWake(agent), live.live().wakeStreamLength(deadline), true, KEEPALIVE);
    }

    private void statusStream(Context ctx) {
        QueryParams query = new QueryParams(ctx);
        Optional<AgentId> workspace = query.uuid("workspace_id").map(AgentId::new);
        Optional<String> repo = query.string("repo", CanonicalOrigin.MAX_LENGTH);
        Optional<String> humanName = query.string("human_name", HUMAN_NAME_LENGTH);
        int limit = query.integer("limit", Status.DEFAULT_STREAM_WORKSPACES, 1, Status.MAX_STREAM_WORKSPACES);
        query.validate();
        repo.filter(r -> !CanonicalOrigin.isWellFormed(r)).ifPresent(bad -> {
            throw new DomainError.Invalid("Invalid repo format: " + CodePoints.prefix(bad, 50));
        });
        Set<String> categories = Status.eventTypes(ctx.queryParam("event_types"));
        Principal principal = auth.project(ctx);
        Status.OpenStream opened = services.get().status().openStream(principal,
                new Status.StreamFilter(workspace, repo, humanName, limit), categories);
        serve(ctx, opened.stream(), opened.maxLength().orElse(UNBOUNDED), false, statusKeepalive);
    }

    /** A timestamp that must carry a zone: 422 {@code Invalid <name> format} or {@code <name> must be timezone-aware}. */
    static Instant zoned(String name, String text) {
        Optional<Instant> zoned = WireTime.parseZoned(text);
        if (zoned.isPresent()) {
            return zoned.get();
        }
        if (WireTime.isZoneless(text)) {
            throw new DomainError.Invalid(name + " must be timezone-aware");
        }
        throw new DomainError.Invalid("Invalid " + name + " format");
    }

    /**
     * @param named     {@code event:} plus {@code data:} frames, opened with a keepalive (chat, wake); otherwise
     *                  data-only frames and no output before the first event or keepalive (status, §13.1)
     * @param keepalive the silence after which a comment keepalive is written
     */
    private void serve(Context ctx, LiveStream stream, Duration length, boolean named, Duration keepalive) {
        if (ending.get()) {
            stream.close();
            throw new DomainError.Unavailable("Service is shutting down");
        }
        Thread self = Thread.currentThread();
        streaming.add(self);
        try (stream) {
            ctx.status(200);
            ctx.res().setContentType("text/event-stream");
            ctx.res().setCharacterEncoding("utf-8");
            ctx.header("Cache-Control", "no-cache");
            ctx.header("Connection", "keep-alive");
            ctx.header("X-Accel-Buffering", "no");
            OutputStream out = ctx.res().getOutputStream();
            if (named) {
                write(out, KEEPALIVE_FRAME);
            }
            for (StreamFrame replayed : stream.takeReplay()) {
                out.write(frame(replayed, named));
            }
            out.flush(); // commits the head even when nothing was written yet
            long end = System.nanoTime() + length.toNanos();
            long nextRefresh = System.nanoTime() + WaitingPresence.REFRESH.toNanos();
            long lastWrite = System.nanoTime();
            Optional<Duration> pollEvery = stream.pollInterval();
            long nextPoll = System.nanoTime() + pollEvery.orElse(Duration.ZERO).toNanos();
            while (!ending.get()) {
                long now = System.nanoTime();
                long wait = Math.min(end - now, Math.min(nextRefresh - now, lastWrite + keepalive.toNanos() - now));
                if (pollEvery.isPresent()) {
                    wait = Math.min(wait, nextPoll - now);
                }
                if (end - now <= 0) {
                    break;
                }
                Optional<StreamFrame> frame = stream.next(Duration.ofNanos(Math.max(wait, 0)));
                if (frame.isPresent()) {
                    write(out, frame(frame.get(), named));
                    lastWrite = System.nanoTime();
                }
                if (stream.overflowed()) {
                    break;
                }
                if (pollEvery.isPresent() && System.nanoTime() - nextPoll >= 0) {
                    for (StreamFrame polled : stream.poll()) {
                        write(out, frame(polled, named));
                        lastWrite = System.nanoTime();
                    }
                    nextPoll = System.nanoTime() + pollEvery.get().toNanos();
                }
                now = System.nanoTime();
                if (now - nextRefresh >= 0) {
                    stream.refresh();
                    nextRefresh = now + WaitingPresence.REFRESH.toNanos();
                }
                if (now - lastWrite >= keepalive.toNanos() && end - now > 0) {
                    write(out, KEEPALIVE_FRAME);
                    lastWrite = now;
                }
            }
        } catch (InterruptedException stopping) {
            // the hub is stopping: end the stream
        } catch (IOException clientGone) {
            // the client closed the connection: nothing to answer
        } finally {
            streaming.remove(self);
            Thread.interrupted(); // an endAll racing the stream's own end must not leak into the rest of the request
        }
    }

    private static byte[] frame(StreamFrame frame, boolean named) {
        String text = named ? "event: " + frame.event() + "\ndata: " + frame.data() + "\n\n" : "data: " + frame.data() + "\n\n";
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static void write(OutputStream out, byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }
}
