package dev.agenthub.orchestration.insights.port;

/**
 * Port: the global counts behind the Agent Hub gauges of {@code /metrics} (wire spec agenthub §11.2), across all
 * projects. Implementations read them at call time with one cheap query per table; thread-safe. A failure to read
 * propagates as the store's runtime exception (the scrape then fails with 500).
 */
public interface HubFigures {

    Figures read();

    /**
     * @param projects         projects
     * @param backlog          work items in {@code backlog}
     * @param inProgress       work items in {@code in_progress} or {@code review}
     * @param done             work items in {@code done}
     * @param pullRequestsOpen open pull requests
     * @param pullRequestsMerged merged pull requests
     */
    record Figures(long projects, long backlog, long inProgress, long done, long pullRequestsOpen,
                   long pullRequestsMerged) {
    }
}
