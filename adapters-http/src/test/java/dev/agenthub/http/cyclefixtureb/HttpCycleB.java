package dev.agenthub.http.cyclefixtureb;

import dev.agenthub.http.cyclefixturea.HttpCycleA;

/** Fixture: the other half of the cycle started by {@link HttpCycleA}. */
public final class HttpCycleB {

    private HttpCycleA partner;

    public HttpCycleA partner() {
        return partner;
    }
}
