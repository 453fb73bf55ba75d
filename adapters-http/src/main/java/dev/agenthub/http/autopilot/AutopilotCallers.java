package dev.agenthub.http.autopilot;

import dev.agenthub.orchestration.access.Caller;
import io.javalin.http.Context;

/**
 * Where the Agent Hub gates (wire spec §3) leave the {@link Caller} of a request for the route handlers: a request
 * attribute set once by the gate, before any handler of {@code /projects…} or {@code /auth…} runs.
 */
public final class AutopilotCallers {

    static final String ATTRIBUTE = "agent-hub.autopilot-caller";

    private AutopilotCallers() {
    }

    /** The caller the gate established, or {@link Caller.Anonymous} when no gate identified one. */
    public static Caller of(Context ctx) {
        Caller caller = ctx.attribute(ATTRIBUTE);
        return caller == null ? new Caller.Anonymous() : caller;
    }

    /** Records the caller; for the gate only. */
    public static void set(Context ctx, Caller caller) {
        ctx.attribute(ATTRIBUTE, caller);
    }
}
