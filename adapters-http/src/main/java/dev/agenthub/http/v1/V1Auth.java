package dev.agenthub.http.v1;

import dev.agenthub.protocol.agents.Agent;
import dev.agenthub.protocol.identity.Principal;
import dev.agenthub.protocol.identity.RequestCredentials;
import io.javalin.http.Context;

import java.util.function.Supplier;

/** Authentication of {@code /v1} requests from their headers (wire spec §3). */
final class V1Auth {

    private final Supplier<CoordinationServices> services;

    V1Auth(Supplier<CoordinationServices> services) {
        this.services = services;
    }

    static RequestCredentials credentials(Context ctx) {
        return new RequestCredentials(ctx.header("Authorization"), ctx.header("X-BH-Auth"), ctx.header("X-Project-ID"),
                ctx.header("X-User-ID"), ctx.header("X-API-Key"), ctx.header("X-Aweb-Actor-ID"));
    }

    /** Auth B: project scope. */
    Principal project(Context ctx) {
        return services.get().authenticator().authenticate(credentials(ctx));
    }

    /** Auth R: bearer only, bound to a live, active agent (the principal carries it). */
    Principal registered(Context ctx) {
        return services.get().authenticator().registered(ctx.header("Authorization"));
    }

    /** Auth A: project scope and the acting agent, which must be live in the project. */
    Agent actor(Context ctx) {
        return services.get().actors().require(project(ctx));
    }
}
