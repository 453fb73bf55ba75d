package dev.agenthub.protocol.fakes;

import dev.agenthub.protocol.kernel.id.IdGenerator;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Predictable ids: {@code 00000000-0000-7000-8000-000000000001}, then {@code …002}, and so on. */
public final class SequentialIds implements IdGenerator {

    private final List<UUID> issued = new ArrayList<>();

    /** The {@code n}-th id this generator hands out, counting from 1. */
    public static UUID nth(long n) {
        return new UUID(0x0000_0000_0000_7000L, 0x8000_0000_0000_0000L | n);
    }

    @Override
    public synchronized UUID newId() {
        UUID id = nth(issued.size() + 1L);
        issued.add(id);
        return id;
    }

    public synchronized List<UUID> issued() {
        return List.copyOf(issued);
    }
}
