package dev.agenthub.it.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agenthub.it.process.ServerProcess.Started;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.agenthub.it.process.ServerProcess.connect;
import static dev.agenthub.it.process.ServerProcess.postgresProcessesOf;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every send answered 2xx survives a SIGKILL of the server: senders hammer mail ({@code POST /v1/messages})
 * and chat ({@code POST /v1/chat/sessions/{id}/messages}) on the packaged jar, the JVM is killed with
 * SIGKILL while requests are in flight, and after a restart on the same data directory every message id
 * that was answered 2xx is in the recipient's inbox or in its chat session's history (and in the tables).
 * Requests cut off by the kill may or may not have been stored; no row appears that was not sent.
 *
 * <p>The embedded PostgreSQL is a separate process: killing the JVM orphans it (it keeps running with
 * fsync, full_page_writes and synchronous_commit on), and the restarted hub stops the orphan and starts
 * PostgreSQL again on the same data directory.
 */
class MailDurabilityIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SENDERS = 8;
    private static final int MIN_MAILS = 200;
    /** The kill comes once this many mails were answered (and {@link #MIN_SENDING} passed): a margin over {@link #MIN_MAILS}. */
    private static final int KILL_AFTER_MAILS = 250;
    private static final Duration MIN_SENDING = Duration.ofMillis(1500);
    private static final Duration MAX_SENDING = Duration.ofSeconds(12);
    private static final int HISTORY_LIMIT = 2000;
    private static final Map<String, String> ENVIRONMENT = Map.of("AGENT_HUB_INIT_RATE_LIMIT", "1000"); // nine inits from one address

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private Path dataDir;
    private Process server;

    private record Agent(String apiKey, String agentId, String alias) {
    }

    /** One sender: its agent and the chat session it has with the recipient. */
    private record Sender(Agent agent, String sessionId) {
    }

    private record Reply(int status, JsonNode body) {
    }

    // what the senders saw
    private final Queue<String> mailAnswered = new ConcurrentLinkedQueue<>();
    private final Map<String, Queue<String>> chatAnswered = new LinkedHashMap<>();
    private final AtomicInteger mailAttempts = new AtomicInteger();
    private final AtomicInteger chatAttempts = new AtomicInteger();
    private final AtomicInteger mailInFlight = new AtomicInteger();
    private final AtomicInteger chatInFlight = new AtomicInteger();
    private final AtomicInteger cutOffByTheKill = new AtomicInteger();
    private final Queue<String> unexpected = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean killed = new AtomicBoolean();

    @BeforeEach
    void dataDirectory() throws IOException {
        dataDir = Files.createTempDirectory("agent-hub-durability-it");
    }

    @AfterEach
    void stopLeftovers() throws Exception {
        http.close();
        ServerProcess.cleanUp(server, dataDir);
    }

    @Test
    void everySendAnswered2xxIsStoredAfterTheServerIsKilledWithSigkill() throws Exception {
        Started first = ServerProcess.start(dataDir, ENVIRONMENT);
        server = first.process();
        String base = first.baseUrl();
        Agent recipient = init(base, "inbox");
        List<Sender> senders = new ArrayList<>();
        for (int i = 0; i < SENDERS; i++) {
            Agent agent = init(base, "sender-%02d".formatted(i));
            // one session per sender (a session is per participant set), so each history stays under its limit
            Reply opened = post(base, "/v1/chat/sessions", agent, Map.of("to_aliases", List.of(recipient.alias()),
                    "message", "opening " + agent.alias()));
            assertThat(opened.status()).as(opened.body().toString()).isEqualTo(200);
            String sessionId = opened.body().get("session_id").asText();
            senders.add(new Sender(agent, sessionId));
            chatAnswered.put(sessionId, new ConcurrentLinkedQueue<>(List.of(opened.body().get("message_id").asText())));
        }

        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (Sender sender : senders) {
            boolean mailFirst = threads.size() % 2 == 0; // half start with mail: both kinds are in flight at any time
            threads.add(Thread.ofVirtual().name("sender-" + sender.agent().alias())
                    .start(() -> send(base, sender, recipient, mailFirst, go)));
        }
        long started = System.nanoTime();
        go.countDown();
        while (elapsed(started).compareTo(MAX_SENDING) < 0
                && (elapsed(started).compareTo(MIN_SENDING) < 0 || mailAnswered.size() < KILL_AFTER_MAILS)
                && unexpected.isEmpty()) {
            Thread.sleep(20);
        }
        assertThat(unexpected).as("failures before the kill").isEmpty();

        // SIGKILL while the senders are busy: no shutdown hook, no graceful stop, nothing flushed by the JVM
        Duration sending = elapsed(started);
        int mailInFlightAtKill = mailInFlight.get();
        int chatInFlightAtKill = chatInFlight.get();
        int mailsBeforeKill = mailAnswered.size();
        killed.set(true);
        ProcessHandle jvm = server.toHandle();
        assertThat(jvm.destroyForcibly()).as("SIGKILL requested").isTrue();
        assertThat(server.waitFor(30, TimeUnit.SECONDS)).as("the killed JVM exits").isTrue();
        assertThat(jvm.isAlive()).isFalse();
        assertThat(server.exitValue()).as("killed by signal 9 (128 + 9)").isEqualTo(137);
        for (Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(30));
            assertThat(thread.isAlive()).as(thread.getName() + " stopped after the kill").isFalse();
        }
        System.out.printf("durability: SIGKILL after %d ms of sending (%d mail answered by then) with %d mail and %d chat "
                        + "requests in flight; %d mail + %d chat answered 2xx in all, %d requests cut off by the kill%n",
                sending.toMillis(), mailsBeforeKill, mailInFlightAtKill, chatInFlightAtKill, mailAnswered.size(),
                chatAnswered.values().stream().mapToInt(Queue::size).sum(), cutOffByTheKill.get());
        assertThat(ServerProcess.read(first.logFile())).as("no graceful shutdown ran").doesNotContain("Agent Hub stopped");
        assertThat(postgresProcessesOf(dataDir)).as("PostgreSQL is a separate process: the kill orphans it").isNotEmpty();
        assertThat(unexpected).as("non-2xx answers or other failures while sending").isEmpty();
        assertThat(mailInFlightAtKill + chatInFlightAtKill).as("requests in flight when the JVM was killed").isPositive();

        Started second = ServerProcess.start(dataDir, ENVIRONMENT);
        server = second.process();
        assertThat(second.log()).as("the orphaned PostgreSQL was stopped and the same data directory reused")
                .contains("left running on");

        Set<String> inbox = drainInbox(second.baseUrl(), recipient);
        List<String> mails = List.copyOf(mailAnswered);
        assertThat(mails).as("enough mail was answered 2xx for the check to mean something").hasSizeGreaterThanOrEqualTo(MIN_MAILS);
        assertThat(inbox).as("every mail answered 2xx is in the inbox after the restart").containsAll(mails);

        int chats = 0;
        int historyTotal = 0;
        for (Sender sender : senders) {
            List<String> answered = List.copyOf(chatAnswered.get(sender.sessionId()));
            assertThat(answered.size()).as("history of %s fits one page", sender.sessionId()).isLessThan(HISTORY_LIMIT);
            Reply history = get(second.baseUrl(), "/v1/chat/sessions/" + sender.sessionId() + "/messages?limit=" + HISTORY_LIMIT, recipient);
            assertThat(history.status()).as(history.body().toString()).isEqualTo(200);
            Set<String> ids = new HashSet<>();
            history.body().get("messages").forEach(m -> ids.add(m.get("message_id").asText()));
            assertThat(ids).as("every chat message answered 2xx is in session %s", sender.sessionId()).containsAll(answered);
            chats += answered.size();
            historyTotal += ids.size();
        }
        assertThat(chats).as("chat messages answered 2xx").isGreaterThanOrEqualTo(MIN_MAILS / 2);

        // the same through SQL, and nothing stored that was not sent
        Set<String> mailRows = ids(second.postgresPort(), "SELECT message_id FROM protocol.messages WHERE to_agent_id = ?::uuid", recipient.agentId());
        Set<String> chatRows = ids(second.postgresPort(), "SELECT m.message_id FROM protocol.chat_messages m "
                + "JOIN protocol.chat_participants p ON p.session_id = m.session_id WHERE p.agent_id = ?::uuid", recipient.agentId());
        assertThat(mailRows).containsAll(mails);
        assertThat(mailRows).isEqualTo(inbox);
        int mailUnanswered = mailAttempts.get() - mails.size();
        int chatUnanswered = chatAttempts.get() + SENDERS - chats;
        assertThat(mailRows.size() - mails.size()).as("stored mail without a 2xx is at most the unanswered sends")
                .isBetween(0, mailUnanswered);
        assertThat(chatRows.size()).isEqualTo(historyTotal);
        assertThat(chatRows.size() - chats).as("stored chat without a 2xx is at most the unanswered sends")
                .isBetween(0, chatUnanswered);

        System.out.printf("durability: after the restart all %d mail and %d chat messages answered 2xx are there; %d mail "
                        + "and %d chat rows (%d mail and %d chat stored without an answer, of %d and %d unanswered)%n",
                mails.size(), chats, mailRows.size(), chatRows.size(), mailRows.size() - mails.size(), chatRows.size() - chats,
                mailUnanswered, chatUnanswered);
    }

    /** Alternates mail and chat as fast as the server answers, until a request fails after the kill. */
    private void send(String base, Sender sender, Agent recipient, boolean mailFirst, CountDownLatch go) {
        try {
            go.await();
        } catch (InterruptedException e) {
            return;
        }
        Queue<String> chat = chatAnswered.get(sender.sessionId());
        for (long n = 0; ; n++) {
            boolean mail = (n % 2 == 0) == mailFirst;
            (mail ? mailAttempts : chatAttempts).incrementAndGet();
            AtomicInteger inFlight = mail ? mailInFlight : chatInFlight;
            Reply reply;
            inFlight.incrementAndGet();
            try {
                reply = mail
                        ? post(base, "/v1/messages", sender.agent(), Map.of("to_agent_id", recipient.agentId(),
                                "subject", "durability", "body", sender.agent().alias() + " mail " + n))
                        : post(base, "/v1/chat/sessions/" + sender.sessionId() + "/messages", sender.agent(),
                                Map.of("body", sender.agent().alias() + " chat " + n));
            } catch (IOException connectionLost) {
                if (killed.get()) {
                    cutOffByTheKill.incrementAndGet();
                } else {
                    unexpected.add(sender.agent().alias() + ": " + connectionLost);
                }
                return;
            } finally {
                inFlight.decrementAndGet();
            }
            if (reply.status() / 100 != 2) {
                unexpected.add(sender.agent().alias() + ": " + reply.status() + " " + reply.body());
                return;
            }
            (mail ? mailAnswered : chat).add(reply.body().get("message_id").asText());
        }
    }

    /** Every message id of the recipient's inbox: reads the unread page (≤ 500) and acknowledges it until none is left. */
    private Set<String> drainInbox(String base, Agent recipient) throws Exception {
        Set<String> seen = new HashSet<>();
        for (int round = 0; round < 100; round++) {
            Reply page = get(base, "/v1/messages/inbox?unread_only=true&limit=500", recipient);
            assertThat(page.status()).as(page.body().toString()).isEqualTo(200);
            List<String> ids = new ArrayList<>();
            page.body().get("messages").forEach(m -> ids.add(m.get("message_id").asText()));
            if (ids.isEmpty()) {
                return seen;
            }
            seen.addAll(ids);
            Queue<String> failed = new ConcurrentLinkedQueue<>();
            List<Thread> ackers = new ArrayList<>();
            for (int a = 0; a < SENDERS; a++) {
                int slice = a;
                ackers.add(Thread.ofVirtual().start(() -> {
                    for (int i = slice; i < ids.size(); i += SENDERS) {
                        try {
                            Reply ack = post(base, "/v1/messages/" + ids.get(i) + "/ack", recipient, null);
                            if (ack.status() != 200) {
                                failed.add(ids.get(i) + ": " + ack.status() + " " + ack.body());
                            }
                        } catch (IOException e) {
                            failed.add(ids.get(i) + ": " + e);
                        }
                    }
                }));
            }
            for (Thread acker : ackers) {
                acker.join();
            }
            assertThat(failed).as("acknowledgements").isEmpty();
        }
        throw new AssertionError("the inbox did not drain in 100 pages");
    }

    private Agent init(String base, String alias) throws IOException {
        Reply reply = post(base, "/v1/init", null, Map.of("project_slug", "durability", "alias", alias, "lifetime", "ephemeral"));
        assertThat(reply.status()).as(reply.body().toString()).isEqualTo(200);
        return new Agent(reply.body().get("api_key").asText(), reply.body().get("agent_id").asText(), reply.body().get("alias").asText());
    }

    private Reply post(String base, String path, Agent as, Object body) throws IOException {
        HttpRequest.Builder request = request(base, path, as);
        if (body == null) {
            request.POST(HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        }
        return exchange(request.build());
    }

    private Reply get(String base, String path, Agent as) throws IOException {
        return exchange(request(base, path, as).GET().build());
    }

    private static HttpRequest.Builder request(String base, String path, Agent as) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (as != null) {
            request.header("Authorization", "Bearer " + as.apiKey());
        }
        return request;
    }

    private Reply exchange(HttpRequest request) throws IOException {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            String text = response.body();
            return new Reply(response.statusCode(), text.isEmpty() ? JSON.nullNode() : JSON.readTree(text));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static Set<String> ids(int postgresPort, String sql, String agentId) throws Exception {
        Set<String> ids = new HashSet<>();
        try (Connection db = connect(postgresPort); PreparedStatement query = db.prepareStatement(sql)) {
            query.setString(1, agentId);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getString(1));
                }
            }
        }
        return ids;
    }

    private static Duration elapsed(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
