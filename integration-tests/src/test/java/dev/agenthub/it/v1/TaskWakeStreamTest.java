package dev.agenthub.it.v1;

import dev.agenthub.it.support.SseClient;
import dev.agenthub.it.support.SseClient.Frame;
import dev.agenthub.it.support.SseHubTest;
import dev.agenthub.it.support.V1Client.Identity;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.agenthub.it.support.V1Client.canonical;
import static dev.agenthub.it.support.V1Client.json;
import static dev.agenthub.it.support.V1Client.ordered;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code work_available} on the agent wake stream (wire spec §13.3): the sweep of the first 10 ready native
 * tasks by priority and number when the stream opens, then the tasks that became ready since the previous
 * one-second poll (a new task, a blocker closed, an assignee removed), each announced once.
 */
class TaskWakeStreamTest extends SseHubTest {

    private String create(Identity who, Map<String, Object> body) {
        var response = client.post("/v1/tasks", json(body), who.bearer());
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json().get("task_id").asText();
    }

    private static String work(String id, String title) {
        return canonical(json(ordered("type", "work_available", "task_id", id, "title", title)));
    }

    @Test
    void sweepsTheFirstTenReadyTasksThenAnnouncesNewlyReadyOnes() throws Exception {
        clock.set(NOW);
        Identity alice = client.init("wake-tasks", "alice");
        Identity bob = client.init("wake-tasks", "bob");
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= 11; i++) {
            ids.add(create(alice, ordered("title", "t" + i)));
        }
        String urgent = create(alice, ordered("title", "urgent", "priority", 0)); // 12
        String assigned = create(alice, ordered("title", "assigned", "priority", 0, "assignee_agent_id", bob.agentId()));
        String blocked = create(alice, ordered("title", "blocked", "priority", 0)); // 14
        assertThat(client.post("/v1/tasks/14/deps", json(ordered("depends_on", "1")), alice.bearer()).status())
                .isEqualTo(200);
        // another project's ready task never reaches alice
        Identity stranger = client.init("wake-tasks-other", "zed");
        create(stranger, ordered("title", "theirs"));

        try (SseClient stream = SseClient.open(http, hub.url(), "/v1/events/stream?deadline=" + deadlineIn(Duration.ofSeconds(60)),
                alice.bearer())) {
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.nextEvent(WAIT).event()).isEqualTo("connected");
            List<String> swept = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                Frame frame = stream.nextEvent(WAIT);
                assertThat(frame.event()).isEqualTo("work_available");
                swept.add(frame.data());
            }
            List<String> expected = new ArrayList<>(List.of(work(urgent, "urgent")));
            for (int i = 0; i < 9; i++) {
                expected.add(work(ids.get(i), "t" + (i + 1)));
            }
            assertThat(swept).containsExactlyElementsOf(expected);

            // t10 and t11 were ready already: only the new task is newly ready
            String fresh = create(bob, ordered("title", "fresh"));
            Frame next = stream.nextEvent(WAIT);
            assertThat(next.event()).isEqualTo("work_available");
            assertThat(next.data()).isEqualTo(work(fresh, "fresh"));

            // closing the blocker makes task 14 ready; unassigning makes task 13 ready
            assertThat(client.patch("/v1/tasks/1", json(ordered("status", "closed")), bob.bearer()).status()).isEqualTo(200);
            assertThat(stream.nextEvent(WAIT).data()).isEqualTo(work(blocked, "blocked"));
            assertThat(client.patch("/v1/tasks/13", json(ordered("assignee_agent_id", null)), bob.bearer()).status())
                    .isEqualTo(200);
            assertThat(stream.nextEvent(WAIT).data()).isEqualTo(work(assigned, "assigned"));

            // mail still arrives pushed in between
            String mail = client.post("/v1/messages", "{\"to_alias\":\"alice\",\"subject\":\"hi\",\"body\":\"x\"}",
                    bob.bearer()).json().get("message_id").asText();
            Frame mailFrame = stream.nextEvent(WAIT);
            assertThat(mailFrame.event()).isEqualTo("mail_message");
            assertThat(mailFrame.data()).contains(mail);
        }
    }
}
