package dev.agenthub.persistence.orchestration;

import dev.agenthub.orchestration.insights.port.HubFigures;
import dev.agenthub.persistence.sql.JooqSession;
import org.jooq.Record2;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

import static dev.agenthub.persistence.jooq.orchestration.Tables.PROJECTS;
import static dev.agenthub.persistence.jooq.orchestration.Tables.PULL_REQUESTS;
import static dev.agenthub.persistence.jooq.orchestration.Tables.WORK_ITEMS;
import static org.jooq.impl.DSL.count;

/** {@link HubFigures} from three queries: a project count and counts by status of work items and pull requests. */
public final class JooqHubFigures implements HubFigures {

    private final JooqSession session;

    public JooqHubFigures(JooqSession session) {
        this.session = Objects.requireNonNull(session, "session");
    }

    @Override
    public Figures read() {
        long projects = session.dsl().selectCount().from(PROJECTS).fetchOne(0, Long.class);
        Map<String, Long> items = byStatus(session.dsl().select(WORK_ITEMS.STATUS, count()).from(WORK_ITEMS)
                .groupBy(WORK_ITEMS.STATUS).fetch());
        Map<String, Long> pulls = byStatus(session.dsl().select(PULL_REQUESTS.STATUS, count()).from(PULL_REQUESTS)
                .groupBy(PULL_REQUESTS.STATUS).fetch());
        return new Figures(projects, items.getOrDefault("backlog", 0L),
                items.getOrDefault("in_progress", 0L) + items.getOrDefault("review", 0L), items.getOrDefault("done", 0L),
                pulls.getOrDefault("open", 0L), pulls.getOrDefault("merged", 0L));
    }

    private static Map<String, Long> byStatus(Iterable<Record2<String, Integer>> rows) {
        Map<String, Long> counts = new HashMap<>();
        for (Record2<String, Integer> row : rows) {
            counts.put(row.value1(), row.value2().longValue());
        }
        return counts;
    }
}
