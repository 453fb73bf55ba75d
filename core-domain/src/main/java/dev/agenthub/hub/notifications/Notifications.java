package dev.agenthub.hub.notifications;

import dev.agenthub.hub.beads.StatusChange;
import dev.agenthub.hub.beads.port.StatusChangeNotifications;
import dev.agenthub.hub.notifications.port.OutboxStore;
import dev.agenthub.hub.notifications.port.SubscriptionStore;
import dev.agenthub.hub.workspaces.Workspace;
import dev.agenthub.hub.workspaces.port.WorkspaceStore;
import dev.agenthub.protocol.agents.Agent;
import dev.agenthub.protocol.agents.port.AgentStore;
import dev.agenthub.protocol.kernel.id.AgentId;
import dev.agenthub.protocol.kernel.id.IdGenerator;
import dev.agenthub.protocol.kernel.id.ProjectId;
import dev.agenthub.protocol.kernel.time.WireTime;
import dev.agenthub.protocol.kernel.tx.TransactionRunner;
import dev.agenthub.protocol.mail.MailMessage;
import dev.agenthub.protocol.mail.port.MailEvents;
import dev.agenthub.protocol.mail.port.MailStore;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The notification outbox of §7. {@link #record} writes one row per matching subscriber inside the transaction of
 * the sync or upload that changed the statuses, so a change and its notifications commit together or not at all.
 * {@link #processProject} (inline, right after that commit) and {@link #processDue} (any instance's background
 * processor) deliver rows as mail from the project's system sender.
 *
 * <p>Each row is delivered in its own transaction: the store takes it under {@code FOR UPDATE SKIP LOCKED} and
 * counts the attempt, the mail is written, and the row is marked completed with the mail's id, all in that one
 * transaction. A processor that dies mid-row therefore leaves nothing behind (the row is pending again, unlocked,
 * with its attempt count unchanged) and two processors never deliver one row twice. A delivery that fails (a
 * deleted recipient, a store error) is undone alone, under a savepoint, and the row is marked failed with the
 * error; failed rows are retried until they were taken {@value OutboxEntry#MAX_ATTEMPTS} times.
 */
public final class Notifications implements StatusChangeNotifications {

    private static final System.Logger log = System.getLogger(Notifications.class.getName());
    /** The most rows one processing round takes (§7.2 step 2). */
    public static final int BATCH = 100;
    static final String SYSTEM_ALIAS = "system";
    static final String SYSTEM_HUMAN_NAME = "BeadHub Notifications";
    private static final UUID URL_NAMESPACE = UUID.fromString("6ba7b811-9dad-11d1-80b4-00c04fd430c8");

    private final TransactionRunner transactions;
    private final SubscriptionStore subscriptions;
    private final OutboxStore outbox;
    private final WorkspaceStore workspaces;
    private final AgentStore agents;
    private final MailStore mail;
    private final MailEvents mailEvents;
    private final Clock clock;
    private final IdGenerator ids;
    private final Consumer<OutboxEntry> beforeDelivery;

    /**
     * @param beforeDelivery called inside a row's transaction after the row was taken and before its mail is
     *                       written; an exception it throws rolls the row back untouched (a test hook that
     *                       simulates a processor dying mid-row; production passes a no-op)
     */
    public Notifications(TransactionRunner transactions, SubscriptionStore subscriptions, OutboxStore outbox,
                         WorkspaceStore workspaces, AgentStore agents, MailStore mail, MailEvents mailEvents,
                         Clock clock, IdGenerator ids, Consumer<OutboxEntry> beforeDelivery) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.subscriptions = Objects.requireNonNull(subscriptions, "subscriptions");
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.workspaces = Objects.requireNonNull(workspaces, "workspaces");
        this.agents = Objects.requireNonNull(agents, "agents");
        this.mail = Objects.requireNonNull(mail, "mail");
        this.mailEvents = Objects.requireNonNull(mailEvents, "mailEvents");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ids = Objects.requireNonNull(ids, "ids");
        this.beforeDelivery = Objects.requireNonNull(beforeDelivery, "beforeDelivery");
    }

    /**
     * §7.1, inside the caller's transaction: one pending row per subscriber matching each change, skipping new
     * issues.
     *
     * @param repo   the changes' canonical repo
     * @param branch the changes' branch
     * @return the number of rows written
     */
    @Override
    public int record(ProjectId project, String repo, String branch, List<StatusChange> changes, Instant now) {
        int written = 0;
        for (StatusChange change : changes) {
            if (change.newIssue()) {
                continue;
            }
            for (Subscription s : subscriptions.matchingStatusChange(project, change.beadId(), repo)) {
                outbox.insert(OutboxEntry.pending(ids.newId(), project, s.workspace(), s.alias(), change.beadId(),
                        repo, branch, change.oldStatus(), change.newStatus(), change.title(), now));
                written++;
            }
        }
        return written;
    }

    /** §7.2 inline: up to {@value #BATCH} due rows of the project, each in its own transaction. */
    @Override
    public Processed processProject(ProjectId project) {
        return processBatch(Optional.of(project)).processed();
    }

    /**
     * The background processor: due rows of every project, in rounds of {@value #BATCH}, until a round finds
     * nothing more to do. Safe on any number of instances at once.
     */
    public Processed processDue() {
        Processed total = Processed.NONE;
        while (true) {
            Round round = processBatch(Optional.empty());
            total = total.plus(round.processed());
            if (round.taken() == 0 || round.candidates() < BATCH) {
                return total;
            }
        }
    }

    private record Round(int candidates, int taken, Processed processed) {
    }

    private Round processBatch(Optional<ProjectId> scope) {
        List<OutboxEntry> due = outbox.due(scope, BATCH);
        Map<ProjectId, Optional<Agent>> senders = new HashMap<>();
        int taken = 0;
        int sent = 0;
        int failed = 0;
        for (OutboxEntry candidate : due) {
            Optional<Agent> sender = senders.computeIfAbsent(candidate.project(), this::sender);
            if (sender.isEmpty()) {
                continue; // a configuration problem (logged): the row stays as it is
            }
            Optional<Boolean> outcome = transactions.inTransaction(() -> deliverOne(candidate.id(), sender.get()));
            if (outcome.isPresent()) {
                taken++;
                if (outcome.get()) {
                    sent++;
                } else {
                    failed++;
                }
            }
        }
        return new Round(due.size(), taken, new Processed(sent, failed));
    }

    /** One row, inside its transaction: empty when skipped (locked elsewhere or no longer due), else sent. */
    private Optional<Boolean> deliverOne(UUID id, Agent sender) {
        Optional<OutboxEntry> taken = outbox.take(id);
        if (taken.isEmpty()) {
            return Optional.empty();
        }
        OutboxEntry row = taken.get();
        beforeDelivery.accept(row); // outside the savepoint: its exception undoes the whole row
        Instant now = now();
        try {
            MailMessage message = transactions.inTransaction(() -> deliver(row, sender, now));
            outbox.complete(row.id(), message.id(), now);
            transactions.afterCommit(() -> mailEvents.delivered(message));
            return Optional.of(true);
        } catch (RuntimeException failure) {
            outbox.fail(row.id(), describe(failure), now);
            return Optional.of(false);
        }
    }

    private MailMessage deliver(OutboxEntry row, Agent sender, Instant now) {
        Workspace recipient = workspaces.find(row.recipient()).filter(Workspace::live)
                .orElseThrow(() -> new IllegalStateException("Recipient workspace " + row.recipient()
                        + " is missing or deleted"));
        MailMessage message = new MailMessage(ids.newId(), row.project(), sender.id(), sender.alias(), recipient.id(),
                recipient.alias(), subject(row), body(row), MailMessage.Priority.NORMAL,
                threadId(row.beadId()), null, null, null, null, now, null);
        if (!mail.insert(message)) {
            throw new IllegalStateException("message id " + message.id() + " is taken");
        }
        return message;
    }

    /**
     * §7.2 step 1: the project's system sender, created when missing; empty (logged as a configuration problem)
     * when another agent holds the alias {@code system}.
     */
    private Optional<Agent> sender(ProjectId project) {
        AgentId id = systemSender(project);
        Optional<Agent> existing = agents.find(project, id);
        if (existing.isPresent()) {
            return existing;
        }
        Agent system = new Agent(id, project, SYSTEM_ALIAS, SYSTEM_HUMAN_NAME, Agent.SYSTEM_TYPE, Agent.AccessMode.OPEN,
                null, null, "custodial", Agent.Lifetime.PERSISTENT, Agent.Status.ACTIVE, null, null, null, null,
                now(), null);
        try {
            transactions.inTransaction(() -> agents.insert(system));
        } catch (RuntimeException lostRace) {
            log.log(System.Logger.Level.DEBUG, "creating the system sender raced: " + lostRace);
        }
        Optional<Agent> created = agents.find(project, id);
        if (created.isEmpty()) {
            log.log(System.Logger.Level.ERROR, "configuration problem: project " + project + " has an agent with alias '"
                    + SYSTEM_ALIAS + "' that is not the system sender; notifications are not delivered");
        }
        return created;
    }

    /** The system sender of a project: UUIDv5 (URL namespace) of {@code beadhub:system:<project_id>}. */
    public static AgentId systemSender(ProjectId project) {
        return new AgentId(uuidV5(URL_NAMESPACE, "beadhub:system:" + project.value()));
    }

    /** The thread of a bead's notifications: UUIDv5 (URL namespace) of {@code bead:<bead_id>}. */
    public static UUID threadId(String beadId) {
        return uuidV5(URL_NAMESPACE, "bead:" + beadId);
    }

    /** {@code Bead status changed: <bead_id>}. */
    public static String subject(OutboxEntry row) {
        return "Bead status changed: " + row.beadId();
    }

    /** The body of §7.2; missing statuses print as {@code unknown}, empty title, repo and branch lines are left out. */
    public static String body(OutboxEntry row) {
        StringBuilder body = new StringBuilder()
                .append("**").append(row.beadId()).append("** status changed from `").append(orUnknown(row.oldStatus()))
                .append("` to `").append(orUnknown(row.newStatus())).append("`\n\n");
        line(body, "Title", row.title());
        line(body, "Repo", row.repo());
        line(body, "Branch", row.branch());
        return body.toString();
    }

    private static void line(StringBuilder body, String label, String value) {
        if (value != null && !value.isEmpty()) {
            body.append(label).append(": ").append(value).append('\n');
        }
    }

    private static String orUnknown(String value) {
        return value == null || value.isEmpty() ? "unknown" : value;
    }

    static String describe(RuntimeException failure) {
        String text = failure.getClass().getSimpleName() + ": " + failure.getMessage();
        return text.length() <= OutboxEntry.MAX_ERROR_LENGTH ? text : text.substring(0, OutboxEntry.MAX_ERROR_LENGTH);
    }

    static UUID uuidV5(UUID namespace, String name) {
        MessageDigest sha1;
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        sha1.update(ByteBuffer.allocate(16).putLong(namespace.getMostSignificantBits())
                .putLong(namespace.getLeastSignificantBits()).array());
        byte[] hash = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
        hash[6] = (byte) ((hash[6] & 0x0f) | 0x50);
        hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
        ByteBuffer bytes = ByteBuffer.wrap(hash, 0, 16);
        return new UUID(bytes.getLong(), bytes.getLong());
    }

    private Instant now() {
        return WireTime.truncate(clock.instant());
    }
}
