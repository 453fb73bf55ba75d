package dev.agenthub.hub.escalations;

import dev.agenthub.protocol.kernel.id.AgentId;
import dev.agenthub.protocol.kernel.id.ProjectId;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * An escalation (wire spec §4.14, §12) as stored. {@link #status()} is the stored state; what callers see is
 * {@link #asOf(Instant)}: a pending escalation whose {@code expiresAt} has come reads as expired at once, before
 * the sweep persists it (§14 F5).
 *
 * @param workspace   the creator's workspace
 * @param alias       the creator's alias when it escalated
 * @param memberEmail as the creator gave it, or null
 * @param options     the choices offered, or null for none (never empty)
 * @param response    the answer, or null while not responded
 * @param responseNote the answer's note, or null
 * @param respondedAt null while not responded
 */
public record Escalation(UUID id, ProjectId project, AgentId workspace, String alias, String memberEmail,
                         String subject, String situation, List<String> options, State status, String response,
                         String responseNote, Instant createdAt, Instant respondedAt, Instant expiresAt) {

    /** The lifecycle of §12: {@code pending → responded}, or {@code pending → expired}. */
    public enum State {
        PENDING, RESPONDED, EXPIRED;

        /** The wire and storage name. */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The state with this wire name. */
        public static Optional<State> ofWireName(String name) {
            for (State state : values()) {
                if (state.wireName().equals(name)) {
                    return Optional.of(state);
                }
            }
            return Optional.empty();
        }
    }

    public Escalation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(workspace, "workspace");
        Objects.requireNonNull(alias, "alias");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(situation, "situation");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        options = options == null || options.isEmpty() ? null : List.copyOf(options);
    }

    /** Whether a pending escalation has run out at {@code now} ({@code now ≥ expiresAt}). */
    public boolean dueAt(Instant now) {
        return status == State.PENDING && !now.isBefore(expiresAt);
    }

    /** The state a reader sees at {@code now}. */
    public State statusAt(Instant now) {
        return dueAt(now) ? State.EXPIRED : status;
    }

    /** This escalation as a reader sees it at {@code now}: expired once due, otherwise unchanged. */
    public Escalation asOf(Instant now) {
        return dueAt(now) ? withStatus(State.EXPIRED) : this;
    }

    Escalation withStatus(State state) {
        return new Escalation(id, project, workspace, alias, memberEmail, subject, situation, options, state, response,
                responseNote, createdAt, respondedAt, expiresAt);
    }
}
