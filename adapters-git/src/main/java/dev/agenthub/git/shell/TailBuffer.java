package dev.agenthub.git.shell;

import java.nio.charset.StandardCharsets;

/** The last {@code capacity} bytes written to it (a ring buffer). Guarded by its own monitor. */
final class TailBuffer {

    private final byte[] ring;
    private long written;

    TailBuffer(int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.ring = new byte[capacity];
    }

    synchronized void write(byte[] bytes, int offset, int length) {
        int skip = Math.max(0, length - ring.length); // bytes that would be overwritten in this very write
        for (int i = skip; i < length; i++) {
            ring[(int) ((written + i) % ring.length)] = bytes[offset + i];
        }
        written += length;
    }

    /** The kept bytes decoded as UTF-8 (a character cut at the start becomes a replacement character). */
    synchronized String text() {
        if (written <= ring.length) {
            return new String(ring, 0, (int) written, StandardCharsets.UTF_8);
        }
        int start = (int) (written % ring.length);
        byte[] ordered = new byte[ring.length];
        System.arraycopy(ring, start, ordered, 0, ring.length - start);
        System.arraycopy(ring, 0, ordered, ring.length - start, start);
        return new String(ordered, StandardCharsets.UTF_8);
    }

    synchronized long written() {
        return written;
    }
}
