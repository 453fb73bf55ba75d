package dev.agenthub.it.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A test client of one SSE stream: reads the response on a virtual thread and hands out whole frames (the
 * text between blank lines, comment lines included) as they arrive, with the time each was read.
 */
public final class SseClient implements AutoCloseable {

    /** One frame as received: its lines, without the terminating blank line. */
    public record Frame(String text, long receivedNanos) {
        /** The {@code event:} name, or null for a comment frame. */
        public String event() {
            return field("event");
        }

        /** The {@code data:} line, or null. */
        public String data() {
            return field("data");
        }

        private String field(String name) {
            for (String line : text.split("\n")) {
                if (line.startsWith(name + ": ")) {
                    return line.substring(name.length() + 2);
                }
            }
            return null;
        }
    }

    private static final Frame END = new Frame("", 0);

    private final HttpResponse<InputStream> response;
    private final BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
    private final CountDownLatch ended = new CountDownLatch(1);
    private final Thread reader;

    private SseClient(HttpResponse<InputStream> response) {
        this.response = response;
        this.reader = Thread.ofVirtual().name("sse-test-reader").start(this::read);
    }

    /** Opens {@code path} with {@code headers}; returns once the response head arrived. */
    public static SseClient open(HttpClient http, String baseUrl, String path, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).GET().timeout(Duration.ofSeconds(30));
        headers.forEach(request::header);
        try {
            return new SseClient(http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public int status() {
        return response.statusCode();
    }

    public String header(String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    /** The whole body, for a response that is not a stream (an error). */
    public String bodyText() throws InterruptedException {
        awaitEnd(Duration.ofSeconds(10));
        StringBuilder text = new StringBuilder();
        for (Frame frame : frames) {
            if (frame != END) {
                text.append(frame.text());
            }
        }
        return text.toString();
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            List<String> current = new ArrayList<>();
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.isEmpty() && !current.isEmpty()) {
                    frames.add(new Frame(String.join("\n", current), System.nanoTime()));
                    current.clear();
                } else if (!line.isEmpty()) {
                    current.add(line);
                }
            }
            if (!current.isEmpty()) {
                frames.add(new Frame(String.join("\n", current), System.nanoTime()));
            }
        } catch (IOException closed) {
            // the stream ended
        } finally {
            frames.add(END);
            ended.countDown();
        }
    }

    /** The next frame, or null when the stream ended or none came within {@code timeout}. */
    public Frame next(Duration timeout) throws InterruptedException {
        Frame frame = frames.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (frame == END) {
            frames.add(END);
            return null;
        }
        return frame;
    }

    /** The next frame that is not a comment, or null. */
    public Frame nextEvent(Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (true) {
            Frame frame = next(Duration.ofNanos(Math.max(0, end - System.nanoTime())));
            if (frame == null || frame.event() != null) {
                return frame;
            }
        }
    }

    /** The next frame carrying a {@code data:} line (with or without {@code event:}), or null. */
    public Frame nextData(Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (true) {
            Frame frame = next(Duration.ofNanos(Math.max(0, end - System.nanoTime())));
            if (frame == null || frame.data() != null) {
                return frame;
            }
        }
    }

    /** Whether the server ended the stream within {@code timeout}. */
    public boolean awaitEnd(Duration timeout) throws InterruptedException {
        return ended.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        try {
            response.body().close();
        } catch (IOException ignored) {
            // closing anyway
        }
        reader.interrupt();
    }
}
