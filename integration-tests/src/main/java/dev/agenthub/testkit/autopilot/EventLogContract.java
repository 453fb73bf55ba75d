package dev.agenthub.testkit.autopilot;

import dev.agenthub.orchestration.common.PageSlice;
import dev.agenthub.orchestration.events.ProjectEvent;
import dev.agenthub.orchestration.events.port.EventLog;
import dev.agenthub.orchestration.projects.port.ProjectStore;
import dev.agenthub.protocol.kernel.tx.TransactionRunner;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@link EventLog} contract of the Agent Hub autopilot. Extend it with the log under test, the transactions it
 * joins, and the project store of the same database.
 */
public abstract class EventLogContract {

    protected static final Instant T0 = Instant.parse("2026-03-01T12:00:00.123456Z");

    /** The log under test. */
    protected abstract EventLog log();

    /** The transactions the log joins. */
    protected abstract TransactionRunner transactions();

    /** Projects of the same database. */
    protected abstract ProjectStore projects();

    private long newProject() {
        return projects().insert("events-" + UUID.randomUUID(), "git@x:y.git", "main", T0).orElseThrow().id();
    }

    @Test
    void appendStoresThePayloadVerbatim() {
        long project = newProject();
        String payload = "{\"objective\": \"caf\\u00e9 \\\"x\\\"\", \"created_items\": [3, 4]}";
        ProjectEvent event = log().append(project, "objective_ingested", payload, T0);
        assertThat(event.id()).isPositive();
        assertThat(event).isEqualTo(new ProjectEvent(event.id(), project, "objective_ingested", payload, T0));
        assertThat(log().list(project, new PageSlice(50, 0))).containsExactly(event);
    }

    @Test
    void listIsNewestFirstThenHighestIdOfTheProjectOnlyAndPages() {
        long project = newProject();
        ProjectEvent old = log().append(project, "a", "{}", T0);
        ProjectEvent tieLow = log().append(project, "b", "{}", T0.plusSeconds(2));
        ProjectEvent tieHigh = log().append(project, "c", "{}", T0.plusSeconds(2));
        ProjectEvent newest = log().append(project, "d", "{}", T0.plusSeconds(3));
        log().append(newProject(), "elsewhere", "{}", T0.plusSeconds(9));
        assertThat(log().list(project, new PageSlice(50, 0))).containsExactly(newest, tieHigh, tieLow, old);
        assertThat(log().list(project, new PageSlice(2, 1))).containsExactly(tieHigh, tieLow);
        assertThat(log().list(project, new PageSlice(2, 4))).isEmpty();
    }

    @Test
    void anEventCommitsWithItsTransaction() {
        long project = newProject();
        try {
            transactions().inTransaction(() -> {
                log().append(project, "gone", "{}", T0);
                throw new IllegalStateException("roll back");
            });
        } catch (IllegalStateException expected) {
            // the event went with the transaction
        }
        assertThat(log().list(project, new PageSlice(50, 0))).isEmpty();
    }
}
