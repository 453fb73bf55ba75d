package dev.agenthub.hub.notifications;

import dev.agenthub.hub.notifications.port.OutboxStore;
import dev.agenthub.hub.notifications.port.SubscriptionStore;
import dev.agenthub.hub.workspaces.Workspace;
import dev.agenthub.hub.workspaces.port.WorkspaceStore;
import dev.agenthub.protocol.kernel.id.AgentId;
import dev.agenthub.protocol.kernel.id.ProjectId;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** In-memory subscription and outbox stores for the domain tests (single-threaded; no locking). */
final class InMemoryNotificationStores {

    private InMemoryNotificationStores() {
    }

    static final class Subscriptions implements SubscriptionStore {
        private final Map<UUID, Subscription> rows = new LinkedHashMap<>();
        private final WorkspaceStore workspaces;

        Subscriptions(WorkspaceStore workspaces) {
            this.workspaces = workspaces;
        }

        @Override
        public Subscription upsert(Subscription c) {
            for (Subscription s : rows.values()) {
                if (s.project().equals(c.project()) && s.workspace().equals(c.workspace()) && s.beadId().equals(c.beadId())
                        && Objects.equals(s.repo() == null ? "" : s.repo(), c.repo() == null ? "" : c.repo())) {
                    Subscription replaced = new Subscription(s.id(), s.project(), s.workspace(), s.alias(), s.beadId(),
                            s.repo(), c.eventTypes(), s.createdAt());
                    rows.put(s.id(), replaced);
                    return replaced;
                }
            }
            rows.put(c.id(), c);
            return c;
        }

        @Override
        public List<Subscription> ofWorkspace(ProjectId project, AgentId workspace) {
            return rows.values().stream().filter(s -> s.project().equals(project) && s.workspace().equals(workspace))
                    .sorted(Comparator.comparing(Subscription::createdAt).thenComparing(Subscription::id).reversed())
                    .toList();
        }

        @Override
        public boolean delete(ProjectId project, AgentId workspace, UUID id) {
            Subscription s = rows.get(id);
            if (s == null || !s.project().equals(project) || !s.workspace().equals(workspace)) {
                return false;
            }
            rows.remove(id);
            return true;
        }

        @Override
        public List<Subscription> matchingStatusChange(ProjectId project, String beadId, String repo) {
            return rows.values().stream()
                    .filter(s -> s.project().equals(project) && s.beadId().equals(beadId))
                    .filter(s -> s.eventTypes().contains("status_change") || s.eventTypes().contains("all"))
                    .filter(s -> s.repo() == null || s.repo().equals(repo))
                    .filter(s -> workspaces.find(s.workspace()).filter(Workspace::live).isPresent())
                    .toList();
        }
    }

    static final class Outbox implements OutboxStore {
        final Map<UUID, OutboxEntry> rows = new LinkedHashMap<>();

        @Override
        public void insert(OutboxEntry entry) {
            rows.put(entry.id(), entry);
        }

        @Override
        public Optional<OutboxEntry> find(UUID id) {
            return Optional.ofNullable(rows.get(id));
        }

        @Override
        public List<OutboxEntry> due(Optional<ProjectId> project, int limit) {
            List<OutboxEntry> due = new ArrayList<>();
            for (OutboxEntry e : rows.values()) {
                if (isDue(e) && project.map(e.project()::equals).orElse(true) && due.size() < limit) {
                    due.add(e);
                }
            }
            return due;
        }

        @Override
        public Optional<OutboxEntry> take(UUID id) {
            OutboxEntry e = rows.get(id);
            if (e == null || !isDue(e)) {
                return Optional.empty();
            }
            OutboxEntry taken = with(e, OutboxEntry.State.PROCESSING, e.attempts() + 1, e.lastError(), null, null);
            rows.put(id, taken);
            return Optional.of(taken);
        }

        @Override
        public void complete(UUID id, UUID messageId, Instant processedAt) {
            OutboxEntry e = rows.get(id);
            rows.put(id, with(e, OutboxEntry.State.COMPLETED, e.attempts(), null, messageId, processedAt));
        }

        @Override
        public void fail(UUID id, String error, Instant processedAt) {
            OutboxEntry e = rows.get(id);
            rows.put(id, with(e, OutboxEntry.State.FAILED, e.attempts(), error, null, processedAt));
        }

        private static boolean isDue(OutboxEntry e) {
            return (e.state() == OutboxEntry.State.PENDING || e.state() == OutboxEntry.State.FAILED)
                    && e.attempts() < OutboxEntry.MAX_ATTEMPTS;
        }

        private static OutboxEntry with(OutboxEntry e, OutboxEntry.State state, int attempts, String error, UUID message,
                                        Instant processed) {
            return new OutboxEntry(e.id(), e.project(), e.recipient(), e.recipientAlias(), e.beadId(), e.repo(),
                    e.branch(), e.oldStatus(), e.newStatus(), e.title(), state, attempts, error, message, e.createdAt(),
                    processed);
        }
    }
}
