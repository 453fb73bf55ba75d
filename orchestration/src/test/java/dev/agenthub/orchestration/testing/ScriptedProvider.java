package dev.agenthub.orchestration.testing;

import dev.agenthub.orchestration.agents.AgentRole;
import dev.agenthub.orchestration.git.port.ChangeSet;
import dev.agenthub.orchestration.git.port.FileChange;
import dev.agenthub.orchestration.providers.port.ChangeProvider;
import dev.agenthub.orchestration.pulls.ReviewDecision;

import java.util.ArrayList;
import java.util.List;

/** A provider that writes one file per item and reviews like rule_based (§7.1). */
public class ScriptedProvider implements ChangeProvider {

    public final List<SynthesisRequest> asked = new ArrayList<>();

    @Override
    public String name() {
        return "scripted";
    }

    @Override
    public Proposal synthesize(SynthesisRequest request) {
        asked.add(request);
        return new Proposal(new ChangeSet.FileChanges(List.of(FileChange.upsert("f" + request.workItemId(), "x"))),
                "agent: implement work item " + request.workItemId(), "Wrote 1 file.");
    }

    @Override
    public Verdict review(ReviewRequest request) {
        if (request.agentRole() == AgentRole.TESTER && !request.checksPassed()) {
            return new Verdict(ReviewDecision.REQUEST_CHANGES, "Validation command failed. Changes requested.");
        }
        return new Verdict(ReviewDecision.APPROVE, "ok");
    }
}
