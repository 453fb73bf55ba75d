package dev.agenthub.protocol.kernel.id;

import java.util.UUID;

/**
 * Port: source of new entity identifiers. Injected everywhere an id is minted, so tests can make ids
 * predictable and no domain code calls {@link UUID#randomUUID()} itself.
 *
 * <p>Contract: every call returns an id never returned before by this generator instance (nor, with
 * overwhelming probability, by any other instance); implementations are thread-safe.
 */
@FunctionalInterface
public interface IdGenerator {

    /** A fresh, unique UUID. Never null. */
    UUID newId();
}
