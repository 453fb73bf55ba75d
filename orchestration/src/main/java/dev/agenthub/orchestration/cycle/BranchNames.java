package dev.agenthub.orchestration.cycle;

import dev.agenthub.orchestration.common.TitleSlug;

/** The branch a cycle commits a work item's change on (wire spec agenthub §6.3 step 3.3). */
public final class BranchNames {

    private BranchNames() {
    }

    /** {@code agent/<item id>-<slug of the title>} ({@link TitleSlug}). */
    public static String forWorkItem(long workItemId, String title) {
        return "agent/" + workItemId + "-" + TitleSlug.of(title);
    }
}
