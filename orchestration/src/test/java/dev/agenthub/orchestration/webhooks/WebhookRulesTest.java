package dev.agenthub.orchestration.webhooks;

import dev.agenthub.protocol.kernel.error.DomainError;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The parsing rules of wire spec agenthub §9.2, §9.3 and §14 D5. */
class WebhookRulesTest {

    private static Map<String, Object> map(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }

    @Test
    void theAgentRunCommandIsALineOfItsOwn() {
        for (String yes : List.of("/agent run", "  /AGENT Run", "thanks\n/agent run please", "/agent run\t3",
                "x\n\t /agent run\ny", "/agent run\r",
                "/agent run\u2028more")) {
            assertThat(GitHubWebhooks.hasAgentRunCommand(yes)).as(yes).isTrue();
        }
        for (String no : List.of("", "please /agent run", "/agent running", "/agent  run", "/agentrun",
                "x /agent run\nno")) {
            assertThat(GitHubWebhooks.hasAgentRunCommand(no)).as(no).isFalse();
        }
    }

    @Test
    void reasonsAreNormalisedAndCut() {
        assertThat(GitHubWebhooks.reason("  a \n\t b  ")).isEqualTo("a b");
        String cut = GitHubWebhooks.reason("x".repeat(301));
        assertThat(cut).hasSize(300).endsWith("...").startsWith("x".repeat(297));
        assertThat(GitHubWebhooks.reason("y".repeat(300))).isEqualTo("y".repeat(300));
        assertThat(GitHubWebhooks.reason(null)).isEmpty();
    }

    @Test
    void theObjectiveTextNamesTheIssue() {
        assertThat(GitHubWebhooks.objectiveText(new WebhookPayloads.Issue(3, " Fix ", " Body ", "https://h/3")))
                .isEqualTo("Resolve GitHub issue #3: Fix\n\nBody\n\nReference: https://h/3");
        assertThat(GitHubWebhooks.objectiveText(new WebhookPayloads.Issue(4, "  ", "  ", null)))
                .isEqualTo("Resolve GitHub issue #4: Issue 4");
        assertThat(GitHubWebhooks.objectiveText(new WebhookPayloads.Issue(5, "T", null, "")))
                .isEqualTo("Resolve GitHub issue #5: T");
    }

    @Test
    void requestedByNamesTheSenderWithinOneHundredTwentyCharacters() {
        assertThat(GitHubWebhooks.requestedBy(" octo ")).isEqualTo("github:octo");
        assertThat(GitHubWebhooks.requestedBy(null)).isEqualTo("github:webhook");
        assertThat(GitHubWebhooks.requestedBy("  ")).isEqualTo("github:webhook");
        assertThat(GitHubWebhooks.requestedBy("l".repeat(200))).hasSize(120).startsWith("github:l");
        // 7 + 2 * 60 UTF-16 units: the pair that would straddle the limit is dropped whole
        assertThat(GitHubWebhooks.requestedBy("\uD83D\uDE00".repeat(60))).hasSize(119);
    }

    @Test
    void signaturesAreHexHmacSha256WithAnyCaseAlgorithm() {
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        // RFC 4231-style known value computed independently: HMAC-SHA256("key", "The quick brown fox jumps over the lazy dog")
        assertThat(WebhookSignature.hex("key", "The quick brown fox jumps over the lazy dog".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8");
        String hex = WebhookSignature.hex("s", body);
        assertThatCode(() -> WebhookSignature.verify("s", "Sha256=" + hex, body)).doesNotThrowAnyException();
        assertThatCode(() -> WebhookSignature.verify("s", "  sha256=" + hex + " ", body)).doesNotThrowAnyException();
        assertThatThrownBy(() -> WebhookSignature.verify("s", "sha256=" + hex.toUpperCase(), body))
                .isInstanceOf(DomainError.Unauthenticated.class).hasMessage("Invalid webhook signature");
        assertThatThrownBy(() -> WebhookSignature.verify("s", null, body)).hasMessage("Missing X-Hub-Signature-256 header");
        assertThatThrownBy(() -> WebhookSignature.verify("s", " ", body)).hasMessage("Missing X-Hub-Signature-256 header");
        for (String malformed : List.of("sha256", "sha256=", "sha1=" + hex, "=" + hex)) {
            assertThatThrownBy(() -> WebhookSignature.verify("s", malformed, body)).as(malformed)
                    .hasMessage("Malformed X-Hub-Signature-256 header");
        }
    }

    @Test
    void issuesPayloadsNeedActionRepositoryAndAPositiveIssueNumber() {
        Map<String, Object> repo = map("full_name", "o/r", "owner", map("login", "o"));
        assertThat(WebhookPayloads.issues(map("action", "opened", "repository", repo, "issue", map("number", 2),
                "extra", List.of()))).hasValueSatisfying(event -> {
                    assertThat(event.issue()).isEqualTo(new WebhookPayloads.Issue(2, "", null, null));
                    assertThat(event.repository().ownerLogin()).isEqualTo("o");
                    assertThat(event.senderLogin()).isNull();
                });
        for (Object number : List.of(7.0, "7", " 7 ", BigInteger.valueOf(7), 7L)) {
            assertThat(WebhookPayloads.issues(map("action", "a", "repository", map(), "issue", map("number", number))))
                    .as(String.valueOf(number)).hasValueSatisfying(e -> assertThat(e.issue().number()).isEqualTo(7));
        }
        for (Object number : List.of(0, -1, 1.5, "x", true, new BigInteger("99999999999999999999"))) {
            assertThat(WebhookPayloads.issues(map("action", "a", "repository", map(), "issue", map("number", number))))
                    .as(String.valueOf(number)).isEmpty();
        }
        assertThat(WebhookPayloads.issues(map("action", "a", "repository", map("html_url", 5), "issue",
                map("number", 1)))).isEmpty();
        assertThat(WebhookPayloads.issues(map("action", "a", "repository", map("owner", "o"), "issue",
                map("number", 1)))).isEmpty();
        assertThat(WebhookPayloads.issues(map("action", "a", "repository", map(), "issue", map("number", 1),
                "sender", "octo"))).isEmpty();
        assertThat(WebhookPayloads.issues(map("action", "a", "repository", map(), "issue", map("number", 1),
                "sender", null))).isPresent();
        assertThat(WebhookPayloads.issues(map("action", null, "repository", map(), "issue", map("number", 1))))
                .isEmpty();
    }

    @Test
    void commentPayloadsNeedACommentWhoseBodyIsText() {
        Map<String, Object> base = map("action", "created", "repository", map(), "issue", map("number", 1));
        Map<String, Object> ok = new LinkedHashMap<>(base);
        ok.put("comment", map("author_association", "OWNER"));
        assertThat(WebhookPayloads.issueComment(ok)).hasValueSatisfying(event -> {
            assertThat(event.commentBody()).isEmpty();
            assertThat(event.authorAssociation()).isEqualTo("OWNER");
        });
        Map<String, Object> oddAssociation = new LinkedHashMap<>(base);
        oddAssociation.put("comment", map("body", "/agent run", "author_association", 3));
        assertThat(WebhookPayloads.issueComment(oddAssociation).orElseThrow().authorAssociation()).isNull();
        assertThat(WebhookPayloads.issueComment(base)).isEmpty();
        Map<String, Object> nullBody = new LinkedHashMap<>(base);
        nullBody.put("comment", map("body", null));
        assertThat(WebhookPayloads.issueComment(nullBody)).isEmpty();
    }
}
