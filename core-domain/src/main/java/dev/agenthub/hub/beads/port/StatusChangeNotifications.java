package dev.agenthub.hub.beads.port;

import dev.agenthub.hub.beads.StatusChange;
import dev.agenthub.protocol.kernel.id.ProjectId;

import java.time.Instant;
import java.util.List;

/**
 * Port: the notification outbox (§7) as the sync and the uploads see it, implemented by
 * {@code hub.notifications.Notifications}. {@link #record} joins the caller's transaction; {@link #processProject}
 * runs after it committed.
 */
public interface StatusChangeNotifications {

    /** What a processing run did: mails delivered and rows marked failed. */
    record Processed(int sent, int failed) {

        public static final Processed NONE = new Processed(0, 0);

        public Processed plus(Processed other) {
            return new Processed(sent + other.sent, failed + other.failed);
        }
    }

    /**
     * §7.1, inside the caller's transaction: one pending row per subscriber matching each change, skipping new
     * issues.
     *
     * @return the number of rows written
     */
    int record(ProjectId project, String repo, String branch, List<StatusChange> changes, Instant now);

    /** §7.2 inline: delivers up to one batch of the project's due rows, each in its own transaction. */
    Processed processProject(ProjectId project);
}
