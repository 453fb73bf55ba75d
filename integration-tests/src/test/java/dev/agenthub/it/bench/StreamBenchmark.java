package dev.agenthub.it.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agenthub.it.bench.ReservationBenchmark.Database;
import dev.agenthub.it.bench.ReservationBenchmark.Identity;
import dev.agenthub.it.support.TestSql;
import dev.agenthub.server.AgentHub;
import dev.agenthub.server.HubConfig;
import org.slf4j.LoggerFactory;
import redis.embedded.RedisServer;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Live delivery under load: {@code bench.streams} (1,000) chat session streams stay open while senders post
 * chat messages into random sessions; each message's latency is from just before its POST to the moment its
 * {@code message} frame is read from the stream. Then mail send throughput with {@code bench.mailSenders}
 * concurrent senders. Reports heap and direct memory and platform threads before and after the streams open.
 * With {@code bench.instances=2} the streams are on instance B and the sends go through instance A, over one
 * PostgreSQL and one (embedded) Redis. Not a test; see {@code docs/benchmarks.md}.
 */
public final class StreamBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] MESSAGE_ID = "\"message_id\":\"".getBytes(StandardCharsets.US_ASCII);

    private final int streams = Integer.getInteger("bench.streams", 1000);
    private final int chatSenders = Integer.getInteger("bench.chatSenders", 8);
    /** Chat messages per second over all senders (open loop, so latency is not queueing behind a saturated CPU). */
    private final int chatRate = Integer.getInteger("bench.chatRate", 100);
    private final int mailSenders = Integer.getInteger("bench.mailSenders", 16);
    private final long seconds = Long.getLong("bench.seconds", 15);
    private final int instances = Integer.getInteger("bench.instances", 1);

    public static void main(String[] args) throws Exception {
        ReservationBenchmark.runAndHalt(() -> new StreamBenchmark().run());
    }

    private void run() throws Exception {
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("dev.agenthub.http.access")).setLevel(ch.qos.logback.classic.Level.WARN);
        System.out.printf("Stream benchmark: %d streams, %d chat senders at %d messages/s in all, %d mail senders, %d s per phase, "
                + "%d instance(s)%n", streams, chatSenders, chatRate, mailSenders, seconds, instances);
        System.out.printf("machine: %d CPUs, JDK %s, max heap %d MiB; load average %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20, ReservationBenchmark.loadAverage());
        Path workDir = Files.createTempDirectory("agent-hub-stream-bench");
        RedisServer redis = null;
        try (Database database = Database.start("durable", workDir)) {
            Map<String, String> environment = new LinkedHashMap<>();
            environment.put("AGENT_HUB_PORT", "0");
            environment.put("AGENT_HUB_DATABASE_URL", TestSql.urlWithCredentials(database.url()));
            environment.put("AGENT_HUB_INIT_RATE_LIMIT", "1000000");
            if (instances == 2) {
                int port;
                try (ServerSocket socket = new ServerSocket(0)) {
                    port = socket.getLocalPort();
                }
                redis = RedisServer.newRedisServer().port(port).bind("127.0.0.1").build();
                redis.start();
                environment.put("AGENT_HUB_REDIS_URL", "redis://127.0.0.1:" + port + "/0");
            }
            HubConfig config = HubConfig.fromEnvironment(environment);
            try (AgentHub sendHub = AgentHub.builder().config(config).build().start();
                 AgentHub streamHub = instances == 2 ? AgentHub.builder().config(config).build().start() : null;
                 HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
                String sendUrl = sendHub.url();
                String streamUrl = streamHub == null ? sendUrl : streamHub.url();
                measure(http, sendUrl, streamUrl);
            }
        } finally {
            if (redis != null) {
                redis.stop();
            }
            ReservationBenchmark.deleteRecursively(workDir);
        }
    }

    private void measure(HttpClient http, String sendUrl, String streamUrl) throws Exception {
        Identity sender = ReservationBenchmark.init(http, sendUrl, "sender");
        List<Identity> receivers = new ArrayList<>();
        List<String> sessions = new ArrayList<>();
        long setup = System.nanoTime();
        for (int i = 0; i < streams; i++) {
            Identity receiver = ReservationBenchmark.init(http, sendUrl, "r-%04d".formatted(i));
            receivers.add(receiver);
            String body = "{\"to_aliases\":[\"" + receiver.alias() + "\"],\"message\":\"hello\"}";
            sessions.add(JSON.readTree(post(http, sendUrl + "/v1/chat/sessions", sender, body)).get("session_id").asText());
        }
        System.out.printf("setup: %d agents and sessions in %.1f s%n", streams, (System.nanoTime() - setup) / 1e9);

        Memory before = Memory.sample();
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        long[] latencies = new long[1 << 20];
        AtomicLong received = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch opened = new CountDownLatch(streams);
        List<Socket> sockets = new ArrayList<>();
        URI stream = URI.create(streamUrl);
        String deadline = DateTimeFormatter.ISO_INSTANT.format(Instant.now().plusSeconds(3600));
        long openStart = System.nanoTime();
        for (int i = 0; i < streams; i++) {
            Socket socket = new Socket(stream.getHost(), stream.getPort());
            sockets.add(socket);
            String request = "GET /v1/chat/sessions/" + sessions.get(i) + "/stream?deadline=" + deadline + " HTTP/1.1\r\nHost: "
                    + stream.getHost() + "\r\nAuthorization: Bearer " + receivers.get(i).apiKey() + "\r\nAccept: text/event-stream\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            Thread.ofVirtual().start(() -> read(socket, opened, sentAt, latencies, received, stop));
        }
        if (!opened.await(120, TimeUnit.SECONDS)) {
            throw new IllegalStateException("only " + (streams - opened.getCount()) + " streams opened");
        }
        System.out.printf("%d streams open (replay read) in %.1f s%n", streams, (System.nanoTime() - openStart) / 1e9);
        Thread.sleep(1000);
        Memory open = Memory.sample();

        // chat: senders into random sessions, each on a fixed schedule (chatRate / chatSenders per second)
        AtomicLong sent = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        long chatStart = System.nanoTime();
        long chatEnd = chatStart + TimeUnit.SECONDS.toNanos(seconds);
        long interval = TimeUnit.SECONDS.toNanos(1) * chatSenders / Math.max(1, chatRate);
        for (int s = 0; s < chatSenders; s++) {
            long offset = interval * s / chatSenders;
            threads.add(Thread.ofVirtual().start(() -> {
                long next = chatStart + offset;
                while (System.nanoTime() < chatEnd) {
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                        try {
                            TimeUnit.NANOSECONDS.sleep(wait);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                    next += interval;
                    String session = sessions.get(ThreadLocalRandom.current().nextInt(sessions.size()));
                    long start = System.nanoTime();
                    String id = java.util.UUID.randomUUID().toString();
                    sentAt.put(id, start);
                    try {
                        post(http, sendUrl + "/v1/chat/sessions/" + session + "/messages", sender,
                                "{\"body\":\"load\",\"message_id\":\"" + id + "\"}");
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    sent.incrementAndGet();
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        long drainEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (received.get() < sent.get() && System.nanoTime() < drainEnd) {
            Thread.sleep(20);
        }
        Memory loaded = Memory.sample();
        int count = (int) Math.min(received.get(), latencies.length);
        long[] sorted = java.util.Arrays.copyOf(latencies, count);
        java.util.Arrays.sort(sorted);
        System.out.printf("chat: %d sent (%.0f/s), %d delivered to their stream; send -> frame latency p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                sent.get(), sent.get() / (double) seconds, received.get(), ReservationBenchmark.percentile(sorted, 0.50),
                ReservationBenchmark.percentile(sorted, 0.99), ReservationBenchmark.percentile(sorted, 1.0));

        // mail throughput, streams still open
        AtomicLong mails = new AtomicLong();
        long[][] mailLatencies = new long[mailSenders][];
        threads.clear();
        long mailEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        for (int s = 0; s < mailSenders; s++) {
            int index = s;
            Identity from = receivers.get(s % receivers.size());
            threads.add(Thread.ofVirtual().start(() -> {
                long[] own = new long[1 << 18];
                int n = 0;
                while (System.nanoTime() < mailEnd) {
                    long start = System.nanoTime();
                    try {
                        post(http, sendUrl + "/v1/messages", from, "{\"to_alias\":\"sender\",\"subject\":\"s\",\"body\":\"mail body\"}");
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    if (n < own.length) {
                        own[n++] = System.nanoTime() - start;
                    }
                    mails.incrementAndGet();
                }
                mailLatencies[index] = java.util.Arrays.copyOf(own, n);
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        long[] allMail = java.util.Arrays.stream(mailLatencies).flatMapToLong(java.util.Arrays::stream).sorted().toArray();
        System.out.printf("mail: %d sent by %d senders in %d s = %.0f/s; p50 %.2f ms, p99 %.2f ms%n", mails.get(), mailSenders, seconds,
                mails.get() / (double) seconds, ReservationBenchmark.percentile(allMail, 0.50), ReservationBenchmark.percentile(allMail, 0.99));

        System.out.println("memory (after a GC):       heap used   direct used   platform threads");
        before.print("before the streams opened");
        open.print(streams + " streams open, idle");
        loaded.print("after the chat load");
        System.out.printf("per open stream: %.1f KiB heap, %.1f KiB direct%n", (open.heap - before.heap) / 1024.0 / streams,
                (open.direct - before.direct) / 1024.0 / streams);
        stop.set(true);
        for (Socket socket : sockets) {
            socket.close();
        }
        System.out.println("load average at the end: " + ReservationBenchmark.loadAverage());
    }

    private static String post(HttpClient http, String url, Identity who, String body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + who.apiKey()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(url + ": " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    /** Reads one stream: counts it opened at its first message frame (the replay), then times every message it sees. */
    private static void read(Socket socket, CountDownLatch opened, Map<String, Long> sentAt, long[] latencies, AtomicLong received,
                             AtomicBoolean stop) {
        byte[] buffer = new byte[16384];
        boolean replayed = false;
        try (InputStream in = socket.getInputStream()) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                long now = System.nanoTime();
                for (int at = indexOf(buffer, n, 0); at >= 0; at = indexOf(buffer, n, at + 1)) {
                    int start = at + MESSAGE_ID.length;
                    if (start + 36 > n) {
                        break;
                    }
                    String id = new String(buffer, start, 36, StandardCharsets.US_ASCII);
                    Long sent = sentAt.remove(id);
                    if (sent != null) {
                        long index = received.getAndIncrement();
                        if (index < latencies.length) {
                            latencies[(int) index] = now - sent;
                        }
                    } else if (!replayed) {
                        replayed = true;
                        opened.countDown();
                    }
                }
            }
        } catch (IOException e) {
            if (!stop.get()) {
                System.err.println("stream ended: " + e);
            }
        }
    }

    private static int indexOf(byte[] haystack, int length, int from) {
        outer:
        for (int i = from; i <= length - MESSAGE_ID.length; i++) {
            for (int j = 0; j < MESSAGE_ID.length; j++) {
                if (haystack[i + j] != MESSAGE_ID[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private record Memory(long heap, long direct, int platformThreads) {
        static Memory sample() throws InterruptedException {
            System.gc();
            Thread.sleep(200);
            long direct = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                    .filter(pool -> pool.getName().equals("direct")).mapToLong(BufferPoolMXBean::getMemoryUsed).sum();
            return new Memory(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), direct,
                    ManagementFactory.getThreadMXBean().getThreadCount());
        }

        void print(String label) {
            System.out.printf("  %-28s %8.1f MiB  %8.1f MiB  %6d%n", label, heap / 1048576.0, direct / 1048576.0, platformThreads);
        }
    }
}
