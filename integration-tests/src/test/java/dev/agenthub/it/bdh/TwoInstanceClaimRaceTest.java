package dev.agenthub.it.bdh;

import dev.agenthub.it.support.HttpProbe.Response;
import dev.agenthub.persistence.testing.TestInfrastructure;
import dev.agenthub.it.support.TestSql;
import dev.agenthub.it.support.V1Client;
import dev.agenthub.it.support.Worktrees;
import dev.agenthub.it.support.Worktrees.Worktree;
import dev.agenthub.persistence.testing.TestDatabase;
import dev.agenthub.server.AgentHub;
import dev.agenthub.server.HubConfig;
import dev.agenthub.testkit.ConcurrentRuns;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReferenceArray;

import static dev.agenthub.it.support.Worktrees.issue;
import static dev.agenthub.it.support.Worktrees.jsonl;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Claims have exactly one winner (wire spec §6.2, §14.2): two hub instances, each with its own HTTP server and
 * connection pool, share one PostgreSQL. In each of 100 trials, 8 workspaces (4 syncing through each instance)
 * claim one fresh bead at the same moment with {@code update <bead> --status in_progress}. Every trial must
 * end with exactly one {@code claim_rejected:false}, seven rejections naming that winner, and one claim row.
 * Odd trials race the claim alone (the bead is no issue): there the advisory lock is all that keeps a second
 * winner out. Even trials also insert the bead in the same sync: the losers' inserts wait on the winner's row
 * and retry after it commits, so those trials show the retry path ends in a correct rejection, not a second
 * race on the claim.
 */
@ExtendWith(TestInfrastructure.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoInstanceClaimRaceTest {

    private static final int TRIALS = 100;
    private static final int CLAIMERS = 8;

    private TestDatabase database;
    private final AgentHub[] hubs = new AgentHub[2];
    private final Worktrees[] bdh = new Worktrees[2];
    private final List<Worktree> claimers = new ArrayList<>();

    @BeforeAll
    void start(TestDatabase database) {
        this.database = database;
        Map<String, String> environment = Map.of(
                "AGENT_HUB_PORT", "0",
                "AGENT_HUB_DATABASE_URL", TestSql.urlWithCredentials(database.url()),
                "AGENT_HUB_INIT_RATE_LIMIT", "1000000");
        for (int i = 0; i < 2; i++) {
            hubs[i] = AgentHub.builder().config(HubConfig.fromEnvironment(environment)).build().start();
            bdh[i] = new Worktrees(new V1Client(hubs[i].url()));
        }
        assertThat(hubs[0].dataSource()).isNotSameAs(hubs[1].dataSource());
        for (int c = 0; c < CLAIMERS; c++) {
            claimers.add(bdh[c % 2].init("claim-race", "claimer-" + c, "Claimer", "git@github.com:race/app.git", "developer"));
        }
    }

    @AfterAll
    void stop() {
        for (AgentHub hub : hubs) {
            if (hub != null) {
                hub.close();
            }
        }
    }

    @Test
    void everyTrialHasExactlyOneWinnerAcrossTwoInstances() throws Exception {
        int[] winsPerInstance = new int[2];
        for (int trial = 0; trial < TRIALS; trial++) {
            String bead = "race-" + trial;
            String changed = trial % 2 == 0 ? jsonl(issue("id", bead, "title", "Race " + trial, "status", "in_progress")) : null;
            List<String> deleted = changed == null ? List.of("unrelated-" + trial) : List.of();
            AtomicReferenceArray<Response> answers = new AtomicReferenceArray<>(CLAIMERS);
            ConcurrentRuns.run(CLAIMERS, c -> answers.set(c, bdh[c % 2].incrementalSync(claimers.get(c), changed,
                    deleted, "update " + bead + " --status in_progress")));
            List<Integer> winners = new ArrayList<>();
            for (int c = 0; c < CLAIMERS; c++) {
                Response answer = answers.get(c);
                assertThat(answer.status()).as("trial %d claimer %d: %s", trial, c, answer.body()).isEqualTo(200);
                if (!answer.json().get("claim_rejected").asBoolean()) {
                    winners.add(c);
                }
            }
            assertThat(winners).as("trial %d winners", trial).hasSize(1);
            int winner = winners.getFirst();
            winsPerInstance[winner % 2]++;
            for (int c = 0; c < CLAIMERS; c++) {
                if (c != winner) {
                    assertThat(answers.get(c).json().get("claim_rejected_reason").asText())
                            .isEqualTo(bead + " is being worked on by claimer-" + winner + " (Claimer)");
                }
            }
            assertThat(TestSql.rows(database.dataSource(),
                    "SELECT workspace_id::text FROM hub.claims WHERE bead_id = ?", bead))
                    .containsExactly(List.of(claimers.get(winner).workspaceId()));
        }
        System.out.printf("claim race: %d trials x %d claimers, wins per instance %d / %d%n", TRIALS, CLAIMERS,
                winsPerInstance[0], winsPerInstance[1]);
        assertThat(TestSql.rows(database.dataSource(), "SELECT count(*) FROM hub.claims WHERE project_id = ?",
                UUID.fromString(claimers.getFirst().projectId()))).containsExactly(List.of(String.valueOf(TRIALS)));
        // the issue counter the syncs answer with stayed exact through 400 concurrent inserts of 50 new issues
        assertThat(TestSql.rows(database.dataSource(), """
                SELECT (SELECT count(*) FROM hub.bead_issues WHERE project_id = ?),
                       (SELECT issue_count FROM hub.bead_issue_counts WHERE project_id = ?)""",
                UUID.fromString(claimers.getFirst().projectId()), UUID.fromString(claimers.getFirst().projectId())))
                .containsExactly(List.of(String.valueOf(TRIALS / 2), String.valueOf(TRIALS / 2)));
    }
}
