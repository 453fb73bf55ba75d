package dev.agenthub.http.cyclefixturea;

import dev.agenthub.http.cyclefixtureb.HttpCycleB;

/** Fixture: one half of a cycle between two direct sub-packages of {@code dev.agenthub.http}. */
public final class HttpCycleA {

    private HttpCycleB partner;

    public HttpCycleB partner() {
        return partner;
    }
}
