package dev.agenthub.orchestration.providers;

import dev.agenthub.orchestration.common.TitleSlug;
import dev.agenthub.orchestration.agents.AgentRole;
import dev.agenthub.orchestration.git.port.ChangeSet;
import dev.agenthub.orchestration.git.port.FileChange;
import dev.agenthub.orchestration.git.port.WorkspaceOverview;
import dev.agenthub.orchestration.providers.port.ChangeProvider.Proposal;
import dev.agenthub.orchestration.providers.port.ChangeProvider.ReviewRequest;
import dev.agenthub.orchestration.providers.port.ChangeProvider.SynthesisRequest;
import dev.agenthub.orchestration.providers.port.ChangeProvider.Verdict;
import dev.agenthub.orchestration.pulls.ReviewDecision;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class RuleBasedProviderTest {

    private static final String HOSTILE = "Say \"hi\" \\ and ''' then \"\"\" \n next line\r\t\u0000 caf\u00e9 \uD83D\uDE00 \uD800 end\\";

    private final RuleBasedProvider provider = new RuleBasedProvider();

    static SynthesisRequest request(long id, String title, String objective) {
        return new SynthesisRequest("demo-project", "coder-1", "agent/" + id + "-" + TitleSlug.of(title), id, title,
                "the description", objective, new WorkspaceOverview(0, List.of(), ""));
    }

    private static List<FileChange> files(Proposal proposal) {
        assertThat(proposal.changes()).isInstanceOf(ChangeSet.FileChanges.class);
        return ((ChangeSet.FileChanges) proposal.changes()).changes();
    }

    @Test
    void writesThePackageTheModuleAndThePytest() {
        Proposal proposal = provider.synthesize(request(42, "Add Login Page!", "Build the login flow"));

        List<FileChange> files = files(proposal);
        assertThat(files).extracting(FileChange::path).containsExactly(
                "agent_codegen/__init__.py", "agent_codegen/work_item_42.py", "tests/test_work_item_42.py");
        assertThat(files).extracting(FileChange::operation).containsOnly(FileChange.Operation.UPSERT);
        assertThat(files.get(0).content()).startsWith("\"\"\"").endsWith("\"\"\"").doesNotContain("\n");
        assertThat(files.get(1).content())
                .contains("def describe_work_item():")
                .contains("\"project\": \"demo-project\",")
                .contains("\"branch\": \"agent/42-add-login-page\",")
                .contains("\"agent\": \"coder-1\",")
                .contains("\"work_item_id\": \"42\",")
                .contains("\"title\": \"Add Login Page!\",")
                .contains("\"objective_fragment\": \"Build the login flow\",")
                .contains("\"generated_at\": datetime.now(timezone.utc).isoformat(),");
        assertThat(files.get(2).content())
                .contains("from agent_codegen.work_item_42 import describe_work_item")
                .contains("assert info[\"work_item_id\"] == \"42\"")
                .contains("assert info[\"project\"] == \"demo-project\"")
                .contains("assert info[\"title\"]");
        assertThat(proposal.commitMessage()).isEqualTo("agent: implement work item 42");
        assertThat(proposal.summary()).contains("add-login-page").contains("3 files");
    }

    @Test
    void theObjectiveFragmentIsTheFirst120Characters() {
        String objective = "x".repeat(120) + "TAIL";
        String module = files(provider.synthesize(request(7, "t", objective))).get(1).content();
        assertThat(module).contains("\"objective_fragment\": \"" + "x".repeat(120) + "\",").doesNotContain("TAIL");
    }

    @Test
    void hostileStringsBecomeOneLineLiterals() {
        String module = files(provider.synthesize(request(9, HOSTILE, HOSTILE))).get(1).content();
        String titleLine = module.lines().filter(line -> line.contains("\"title\":")).findFirst().orElseThrow();
        assertThat(titleLine).isEqualTo("        \"title\": \"Say \\\"hi\\\" \\\\ and ''' then \\\"\\\"\\\" \\n next line"
                + "\\r\\t\\u0000 caf\\u00e9 \\U0001f600 \\ud800 end\\\\\",");
    }

    @Test
    void hostileTitlesStillGiveValidPython(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(python3Available(), "python3 is not installed");
        Proposal proposal = provider.synthesize(request(13, HOSTILE, HOSTILE.repeat(3)));
        for (FileChange file : files(proposal)) {
            Path target = dir.resolve(file.path());
            Files.createDirectories(target.getParent());
            Files.writeString(target, file.content() + "\n", StandardCharsets.UTF_8);
            Process parse = new ProcessBuilder("python3", "-c",
                    "import ast,sys; ast.parse(open(sys.argv[1], encoding='utf-8').read())", target.toString())
                    .redirectErrorStream(true).start();
            String output = new String(parse.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(parse.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(parse.exitValue()).as(file.path() + ": " + output).isZero();
        }
        // and the module returns exactly the hostile title
        Process run = new ProcessBuilder("python3", "-c",
                "import sys; sys.path.insert(0, sys.argv[1]); from agent_codegen.work_item_13 import describe_work_item as d; "
                        + "i = d(); sys.stdout.write(ascii((i['title'], i['work_item_id'], i['project'], len(i['objective_fragment']), i['generated_at'][-6:])))",
                dir.toString()).redirectErrorStream(true).start();
        String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(run.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(run.exitValue()).as(output).isZero();
        assertThat(output).contains("'13', 'demo-project', 120, '+00:00')").startsWith("('Say \"hi\" \\\\ and");
    }

    private static boolean python3Available() {
        try {
            Process probe = new ProcessBuilder("python3", "--version").redirectErrorStream(true).start();
            probe.getInputStream().readAllBytes();
            return probe.waitFor(30, TimeUnit.SECONDS) && probe.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    @Test
    void reviewsFollowRoleAndChecks() {
        assertThat(review(AgentRole.TESTER, false))
                .isEqualTo(new Verdict(ReviewDecision.REQUEST_CHANGES, "Validation command failed. Changes requested."));
        assertThat(review(AgentRole.TESTER, true))
                .isEqualTo(new Verdict(ReviewDecision.APPROVE, "Validation command passed in agent pipeline."));
        assertThat(review(AgentRole.REVIEWER, false))
                .isEqualTo(new Verdict(ReviewDecision.APPROVE, "Reviewed design and implementation for regressions."));
        assertThat(review(AgentRole.REVIEWER, true))
                .isEqualTo(new Verdict(ReviewDecision.APPROVE, "Reviewed design and implementation for regressions."));
        assertThat(review(AgentRole.CODER, false))
                .isEqualTo(new Verdict(ReviewDecision.APPROVE, "Automated role-based review approved."));
        assertThat(review(AgentRole.PLANNER, true))
                .isEqualTo(new Verdict(ReviewDecision.APPROVE, "Automated role-based review approved."));
    }

    private Verdict review(AgentRole role, boolean checksPassed) {
        return provider.review(new ReviewRequest("agent", role, "[agent] t", "diff", checksPassed, "summary"));
    }

    @Test
    void slugFollowsTheBranchRule() {
        assertThat(TitleSlug.of("  Hello, World!  ")).isEqualTo("hello-world");
        assertThat(TitleSlug.of("!!!")).isEqualTo("change");
        assertThat(TitleSlug.of("Caf\u00e9 au lait")).isEqualTo("caf-au-lait");
        assertThat(TitleSlug.of("a".repeat(40))).hasSize(36);
        assertThat(TitleSlug.of("a".repeat(35) + " b")).isEqualTo("a".repeat(35) + "-");
    }
}
