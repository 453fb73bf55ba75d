package dev.agenthub.http.v1;

import dev.agenthub.http.docs.ApiRoutes;
import dev.agenthub.http.docs.Operation;
import dev.agenthub.http.support.QueryParams;
import dev.agenthub.protocol.agents.Agent;
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
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * The SSE routes: a chat session's stream (§9.2) and the agent wake stream (§13.3).
 *
 * <p>Everything that can fail (validation, authentication, the session checks) happens before the first
 * byte, so errors are ordinary JSON responses. A stream then runs on its request's virtual thread, parked
 * while idle (no platform thread is held), and writes {@code event:}/{@code data:} frames as the bus delivers
 * them. It ends at the deadline, when the client goes away (noticed at the next write; a comment keepalive
 * is written after {@link #KEEPALIVE} of silence so that happens soon), when it overflows, or when the hub
 * stops ({@link #endAll}).
 */
public final class StreamRoutes {

    /** Silence after which a comment keepalive is written. */
    static final Duration KEEPALIVE = Duration.ofSeconds(25);
    private static final byte[] KEEPALIVE_FRAME = ": keepalive\n\n".getBytes(StandardCharsets.UTF_8);

    private final Supplier<CoordinationServices> services;
    private final V1Auth auth;
    private final Set<Thread> streaming = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean ending = new AtomicBoolean();

    public StreamRoutes(Supplier<CoordinationServices> services) {
        this.services = services;
        this.auth = new V1Auth(services);
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
        serve(ctx, live.live().openChat(agent, membership, after), live.live().untilDeadline(deadline));
    }

    private void wakeStream(Context ctx) {
        QueryParams query = new QueryParams(ctx);
        String deadlineText = query.requiredString("deadline");
        query.validate();
        Instant deadline = WireTime.parseZoned(deadlineText).or(() -> WireTime.parse(deadlineText))
                .orElseThrow(() -> new DomainError.Invalid("Invalid deadline format"));
        Agent agent = auth.actor(ctx);
        CoordinationServices live = services.get();
        serve(ctx, live.live().openWake(agent), live.live().wakeStreamLength(deadline));
    }

    /** A timestamp that must carry a zone: 422 {@code Invalid <name> format} or {@code <name> must be timezone-aware}. */
    private static Instant zoned(String name, String text) {
        Optional<Instant> zoned = WireTime.parseZoned(text);
        if (zoned.isPresent()) {
            return zoned.get();
        }
        if (WireTime.isZoneless(text)) {
            throw new DomainError.Invalid(name + " must be timezone-aware");
        }
        throw new DomainError.Invalid("Invalid " + name + " format");
    }

    private void serve(Context ctx, LiveStream stream, Duration length) {
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
            write(out, KEEPALIVE_FRAME);
            for (StreamFrame replayed : stream.takeReplay()) {
                out.write(frame(replayed));
            }
            out.flush();
            long end = System.nanoTime() + length.toNanos();
            long nextRefresh = System.nanoTime() + WaitingPresence.REFRESH.toNanos();
            long lastWrite = System.nanoTime();
            while (!ending.get()) {
                long now = System.nanoTime();
                long wait = Math.min(end - now, Math.min(nextRefresh - now, lastWrite + KEEPALIVE.toNanos() - now));
                if (end - now <= 0) {
                    break;
                }
                Optional<StreamFrame> frame = stream.next(Duration.ofNanos(Math.max(wait, 0)));
                if (frame.isPresent()) {
                    write(out, frame(frame.get()));
                    lastWrite = System.nanoTime();
                }
                if (stream.overflowed()) {
                    break;
                }
                now = System.nanoTime();
                if (now - nextRefresh >= 0) {
                    stream.refresh();
                    nextRefresh = now + WaitingPresence.REFRESH.toNanos();
                }
                if (now - lastWrite >= KEEPALIVE.toNanos() && end - now > 0) {
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

    private static byte[] frame(StreamFrame frame) {
        return ("event: " + frame.event() + "\ndata: " + frame.data() + "\n\n").getBytes(StandardCharsets.UTF_8);
    }

    private static void write(OutputStream out, byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }
}
