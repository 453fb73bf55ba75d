package dev.agenthub.hub.live;

import dev.agenthub.hub.beads.StatusChange;
import dev.agenthub.hub.beads.port.BeadEvents;
import dev.agenthub.hub.claims.Claim;
import dev.agenthub.hub.claims.port.ClaimEvents;
import dev.agenthub.hub.escalations.Escalation;
import dev.agenthub.hub.escalations.port.EscalationEvents;
import dev.agenthub.protocol.kernel.id.AgentId;
import dev.agenthub.protocol.kernel.id.ProjectId;
import dev.agenthub.protocol.live.LiveEvents;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The beadhub status events of §13.1 ({@code bead.*}, {@code escalation.*}) on the workspace channels, through the protocol's
 * {@link LiveEvents}, so they reach {@code GET /v1/status/stream} on every instance.
 */
public final class HubLiveEvents implements ClaimEvents, BeadEvents, EscalationEvents {

    private final LiveEvents live;

    public HubLiveEvents(LiveEvents live) {
        this.live = Objects.requireNonNull(live, "live");
    }

    @Override
    public void claimed(Claim claim, String title) {
        live.publishStatus(claim.workspace(), claim.project(), "bead.claimed", claimFields(claim, title));
    }

    @Override
    public void unclaimed(Claim claim, String title) {
        live.publishStatus(claim.workspace(), claim.project(), "bead.unclaimed", claimFields(claim, title));
    }

    @Override
    public void statusChanged(AgentId workspace, ProjectId project, String alias, String repo, StatusChange change) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("project_id", "");
        fields.put("bead_id", change.beadId());
        fields.put("repo", repo);
        fields.put("old_status", change.oldStatus());
        fields.put("new_status", change.newStatus());
        fields.put("title", change.title());
        fields.put("alias", alias);
        live.publishStatus(workspace, project, "bead.status_changed", fields);
    }

    @Override
    public void created(Escalation escalation) {
        publishEscalation(escalation, "escalation.created");
    }

    @Override
    public void responded(Escalation escalation) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("escalation_id", escalation.id().toString());
        fields.put("response", escalation.response());
        live.publishStatus(escalation.workspace(), escalation.project(), "escalation.responded", fields);
    }

    @Override
    public void expired(Escalation escalation) {
        publishEscalation(escalation, "escalation.expired");
    }

    private void publishEscalation(Escalation escalation, String type) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("escalation_id", escalation.id().toString());
        fields.put("alias", escalation.alias());
        fields.put("subject", escalation.subject());
        live.publishStatus(escalation.workspace(), escalation.project(), type, fields);
    }

    private static Map<String, Object> claimFields(Claim claim, String title) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("bead_id", claim.beadId());
        fields.put("alias", claim.alias());
        fields.put("title", title);
        return fields;
    }
}
