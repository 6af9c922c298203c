package dev.slipway.report;

import dev.slipway.core.BuildResult;
import dev.slipway.core.Failure;
import dev.slipway.core.PhaseResult;
import dev.slipway.core.PhaseType;
import dev.slipway.core.PipelineResult;
import dev.slipway.core.RunEvent;
import dev.slipway.core.StageResult;
import dev.slipway.core.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.slipway.report.Fixtures.SECRET;
import static dev.slipway.report.Fixtures.T0;
import static dev.slipway.report.Fixtures.failedRun;
import static dev.slipway.report.Fixtures.line;
import static dev.slipway.report.Fixtures.todobackend;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunReportTest {

    @Test
    void theFailedPhaseIsMarked_andPostBuildStillSucceeded() {
        String html = RunReport.of(todobackend(), failedRun()).html();

        assertThat(html).contains(
                "data-phase=\"BUILD\" data-status=\"FAILED\"",
                "data-phase=\"POST_BUILD\" data-status=\"SUCCEEDED\"",
                "data-stage=\"Build\" data-status=\"FAILED\"",
                "<li class=\"problem st-failed\" data-stage=\"Build\" data-action=\"Build\" data-phase=\"BUILD\" data-status=\"FAILED\">");
        assertThat(html).doesNotContain("data-phase=\"BUILD\" data-status=\"SUCCEEDED\"");
    }

    @Test
    void theVerdictSaysWhichCommandFailedAndHow() {
        String verdict = section(RunReport.of(todobackend(), failedRun()).html(), "<section class=\"verdict");

        assertThat(verdict)
                .contains("class=\"verdict st-failed\"", "role=\"alert\"")
                .contains("at <a href=\"#a2-1\">Build \u203A Build \u203A BUILD</a>")
                .contains("<code class=\"command\">make test</code> exited with status <strong>2</strong>")
                .contains("<code>COMMAND_EXECUTION_ERROR</code> Error while executing command: make test. Reason: exit status 2")
                .contains("Not run: Publish.");
    }

    @Test
    void statusesAreWrittenInWords_notOnlyInColour() {
        String html = RunReport.of(todobackend(), failedRun()).html();

        assertThat(html).contains("<span aria-hidden=\"true\">\u2717</span> FAILED</span>",
                "<span aria-hidden=\"true\">\u2713</span> SUCCEEDED</span>",
                "<span aria-hidden=\"true\">\u25CB</span> NOT RUN</span>");
    }

    @Test
    void stagesAndActionsTheRunDidNotReachAreShownAsNotRun() {
        String html = RunReport.of(todobackend(), failedRun()).html();

        assertThat(html).contains(
                "<li class=\"stage st-not-run\" data-stage=\"Publish\" data-status=\"NOT_RUN\">",
                "<li class=\"action st-not-run\" data-action=\"Publish\" data-kind=\"publish\" data-status=\"NOT_RUN\">",
                "Not run: the run ended before this stage.",
                "<div class=\"tl-row tl-action st-not-run\" data-stage=\"Publish\" data-action=\"Publish\" data-status=\"NOT_RUN\">",
                "Did not run: the run ended before it reached this action.");
        // the definition's buildspec phases that did not run are listed too: INSTALL has no commands, so it is not
        assertThat(html).doesNotContain("data-phase=\"INSTALL\"");
    }

    @Test
    void aBuildspecPhaseWithCommandsThatDidNotRunIsNotRun() {
        BuildResult build = Fixtures.failedBuild(Failure.command("make login", 1));
        List<PhaseResult> phases = build.phases().stream().filter(p -> p.type() != PhaseType.BUILD && p.type() != PhaseType.POST_BUILD).toList();
        PipelineResult result = withBuild(failedRun(), new BuildResult("Build", Status.FAILED, build.start(), build.duration(),
                build.failure(), build.buildId(), 7, "todobackend", phases, Map.of(), List.of(), List.of(), ""));

        String html = RunReport.of(todobackend(), result).html();

        assertThat(html).contains("data-phase=\"BUILD\" data-status=\"NOT_RUN\"", "data-phase=\"POST_BUILD\" data-status=\"NOT_RUN\"");
    }

    @Test
    void commandsAreListedPerPhase_theFailedOneMarked() {
        String html = RunReport.of(todobackend(), failedRun()).html();

        assertThat(html).contains("<li class=\"failed-command\"><code>make test</code> <span class=\"why\">exit status 2</span></li>",
                "<li><code>make release</code></li>", "<li><code>make clean</code></li>");
    }

    @Test
    void logLinesAndCommandsAreEscaped() {
        String evil = "<script>alert('x')</script>";
        RunRecorder recorder = RunRecorder.create();
        recorder.onEvent(line("run-42", PhaseType.BUILD, "E  AssertionError: " + evil + " & \"quotes\""));
        PipelineResult result = failedRun(Failure.command("echo " + evil, 2));

        String html = RunReport.of(todobackend("echo " + evil), result).logs(recorder).html();

        assertThat(html).doesNotContainIgnoringCase("<script")
                .contains("E  AssertionError: &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quotes&quot;")
                .contains("<code class=\"command\">echo &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;</code>");
    }

    @Test
    void namesFromTheResultAreEscapedInAttributesToo() {
        PipelineResult result = new PipelineResult("r\"1", "p<x>", "local", Status.SUCCEEDED, T0, Duration.ofSeconds(1), List.of(
                new StageResult("St\"age", Status.SUCCEEDED, T0, Duration.ofSeconds(1), List.of(Fixtures.sourceResult()))));

        String html = RunReport.of(result).html();

        assertThat(html).contains("data-pipeline=\"p&lt;x&gt;\"", "data-run-id=\"r&quot;1\"", "data-stage=\"St&quot;age\"")
                .doesNotContain("St\"age");
    }

    @Test
    void aSecretValueOfThePipelineNeverAppears_evenWhenARuntimeLeakedIt() {
        RunRecorder recorder = RunRecorder.create();
        recorder.onEvent(line("run-42", PhaseType.PRE_BUILD, "login with " + SECRET));
        PipelineResult result = failedRun(Failure.of(Failure.CLIENT_ERROR, "registry refused token " + SECRET));

        String html = RunReport.of(todobackend(), result).logs(recorder).html();

        assertThat(html).doesNotContain(SECRET)
                .contains("login with ***", "registry refused token ***")
                .contains("<li><code>REGISTRY_TOKEN</code> = <span class=\"secret\">secret value</span></li>")
                .contains("<code>DB_PASSWORD</code> = <span class=\"secret\">parameter store</span> <code>/todobackend/db/password</code>")
                .contains("<li><code>MAKEFLAGS</code> = <code>-s</code></li>");
    }

    @Test
    void theLogOfAFailedBuildIsOpen_andKeepsItsLineNumbers() {
        RunRecorder recorder = RunRecorder.create(3, RunRecorder.DEFAULT_MAX_BYTES);
        for (int i = 1; i <= 10; i++) {
            recorder.onEvent(line("run-42", PhaseType.BUILD, "line " + i));
        }

        String html = RunReport.of(todobackend(), failedRun()).logs(recorder).html();

        assertThat(html).contains("<details class=\"log\" data-log=\"Build\" open>",
                        "<span class=\"ln in-bad-phase\" data-n=\"10\" data-log-phase=\"BUILD\">line 10</span>")
                .doesNotContain(">line 7<");
    }

    @Test
    void aTruncatedLogSaysHowManyLinesWereDropped_andWhereTheFullLogIs() {
        RunRecorder recorder = RunRecorder.create(5, RunRecorder.DEFAULT_MAX_BYTES);
        for (int i = 1; i <= 12; i++) {
            recorder.onEvent(line("run-42", PhaseType.BUILD, "line " + i));
        }

        String html = RunReport.of(todobackend(), failedRun()).logs(recorder).html();

        assertThat(html).contains("5 lines, the last ones of 12",
                "7 earlier lines not kept in this report (the recorder keeps the last lines of each action). "
                        + "Full log: <code>/var/log/slipway/todobackend-7.log</code>");
    }

    @Test
    void withoutARecorderTheReportPointsToTheFullLog() {
        String html = RunReport.of(todobackend(), failedRun()).html();

        assertThat(html).contains("No log lines in this report: pass a RunRecorder to the run and to RunReport.logs(…).",
                "Full log: <code>/var/log/slipway/todobackend-7.log</code>");
    }

    @Test
    void theFailuresListShowsTheLastLinesOfTheFailedPhase() {
        RunRecorder recorder = RunRecorder.create();
        recorder.onEvent(line("run-42", PhaseType.PRE_BUILD, "logged in"));
        for (int i = 1; i <= 20; i++) {
            recorder.onEvent(line("run-42", PhaseType.BUILD, "test output " + i));
        }

        String failures = section(RunReport.of(todobackend(), failedRun()).logs(recorder).html(), "<section id=\"failures\"");

        assertThat(failures).contains("Last lines of BUILD", ">test output 20<", ">test output 9<")
                .doesNotContain(">test output 8<", "logged in");
    }

    @Test
    void logsOfOtherRunsAreNotMixedIn() {
        RunRecorder recorder = RunRecorder.create();
        recorder.onEvent(line("another-run", PhaseType.BUILD, "from another run"));

        String html = RunReport.of(todobackend(), failedRun()).logs(recorder).html();

        assertThat(html).doesNotContain("from another run").contains("No log lines were recorded for this action.");
    }

    @Test
    void terminalColoursAreRemovedFromLogLines() {
        RunRecorder recorder = RunRecorder.create();
        recorder.onEvent(line("run-42", PhaseType.BUILD, "\u001B[31mFAILED\u001B[0m test_update \u0007"));
        recorder.onEvent(line("run-42", PhaseType.BUILD, "10%\r50%\r100% done"));

        String html = RunReport.of(todobackend(), failedRun()).logs(recorder).html();

        assertThat(html).contains(">FAILED test_update </span>", ">100% done</span>").doesNotContain("\u001B");
    }

    @Test
    void theTimelinePlacesEachPhaseOnTheRunsScale() {
        String html = RunReport.of(todobackend(), failedRun()).html();

        // the run takes 10s; BUILD starts at +3s and takes 3s
        Matcher bar = Pattern.compile("data-phase=\"BUILD\" data-status=\"FAILED\"><div class=\"tl-label\">BUILD</div>"
                + "<div class=\"tl-track\"><span class=\"tl-bar st-failed\" style=\"left:([0-9.]+)%;width:([0-9.]+)%\"").matcher(html);
        assertThat(bar.find()).as("the BUILD bar").isTrue();
        assertThat(bar.group(1)).isEqualTo("30.000");
        assertThat(bar.group(2)).isEqualTo("30.000");
        assertThat(html).contains("title=\"BUILD FAILED \u00B7 +3.0s \u2192 +6.0s (3.0s)\"");
    }

    @Test
    void retriedBuildsShowEveryAttempt() {
        BuildResult last = Fixtures.failedBuild(Failure.command("make test", 2));
        BuildResult first = new BuildResult("Build", Status.FAILED, T0.plusSeconds(1), Duration.ofSeconds(2),
                Optional.of(Failure.command("make test", 1)), "todobackend:0a0a", 6, "todobackend", List.of(), Map.of(), List.of(),
                List.of(), "");
        BuildResult retried = last.withAttempts(List.of(first.asAttempt(1), last.asAttempt(2)));
        RunRecorder recorder = RunRecorder.create();
        recorder.onEvent(new RunEvent.Retrying("run-42", T0, "Build", "Build", "build", 2, Duration.ofSeconds(5),
                "Error while executing command: make test. Reason: exit status 1"));

        String html = RunReport.of(todobackend(), withBuild(failedRun(), retried)).logs(recorder).html();

        assertThat(html).contains("<caption>2 attempts</caption>", "data-attempt=\"1\" data-status=\"FAILED\"",
                "<code>todobackend:0a0a</code>", "attempt 1 of 2", "Phases of attempt 2",
                "\u21BB retried build (attempt 2) after 5.0s: Error while executing command: make test. Reason: exit status 1");
    }

    @Test
    void aSucceededRunShowsTheCommitAndTheImageDigest() {
        String html = RunReport.of(todobackend(), Fixtures.succeededRun()).html();

        assertThat(html).contains("class=\"verdict st-succeeded\"", "Every stage succeeded (3 of 3) in 5.0s.",
                        "<code>4f1c9a2e7b3d</code>", "127.0.0.1:5000/todobackend@sha256:abab",
                        "<code>APP_VERSION</code> = <code>4f1c9a2.9f9f</code>")
                .doesNotContain("id=\"failures\"", "NOT_RUN");
    }

    @Test
    void thePageIsSelfContained() {
        String html = RunReport.of(todobackend(), failedRun()).html();

        assertThat(html).startsWith("<!DOCTYPE html>").contains("<meta charset=\"utf-8\">")
                .contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline';")
                .doesNotContain("<script", "<link", "src=", "@import", "url(");
        Matcher href = Pattern.compile("href=\"([^\"]*)\"").matcher(html);
        while (href.find()) {
            assertThat(href.group(1)).as("a link inside the page").startsWith("#");
        }
    }

    @Test
    void theMermaidSourceIsEmbeddedAsEscapedText() {
        String html = RunReport.of(todobackend(), failedRun()).html();

        assertThat(html).contains("<pre class=\"mermaid-source\">flowchart LR\n",
                "    a2_1[&quot;build: Build (failed)&quot;]\n",
                "  a1_1 --&gt;|&quot;SourceOutput&quot;| a2_1\n",
                "  class a3_1 notRun\n");
    }

    @Test
    void aResultAloneMakesAReportToo() {
        String html = RunReport.of(failedRun()).html();

        assertThat(html).contains("data-stage=\"Build\" data-status=\"FAILED\"", "data-phase=\"BUILD\" data-status=\"FAILED\"")
                .doesNotContain("NOT_RUN", "<pre class=\"mermaid-source\">");
    }

    @Test
    void theResultMustBeOfThePipelineGiven() {
        PipelineResult other = new PipelineResult("r", "other", "local", Status.SUCCEEDED, T0, Duration.ZERO, List.of());

        assertThatThrownBy(() -> RunReport.of(todobackend(), other))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'other', not of 'todobackend'");
    }

    @Test
    void writeToCreatesDirectoriesAndReplacesAnOlderReport(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("reports/run/report.html");
        RunReport report = RunReport.of(todobackend(), failedRun());

        report.writeTo(file);
        Path written = report.writeTo(file);

        assertThat(written).isEqualTo(file);
        assertThat(Files.readString(file)).isEqualTo(report.html());
        try (var files = Files.list(file.getParent())) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void logsReturnsANewReport() {
        RunReport plain = RunReport.of(todobackend(), failedRun());
        RunRecorder recorder = RunRecorder.create();
        recorder.onEvent(line("run-42", PhaseType.BUILD, "hello"));

        RunReport withLogs = plain.logs(recorder);

        assertThat(withLogs).isNotSameAs(plain);
        assertThat(plain.html()).doesNotContain(">hello<");
        assertThat(withLogs.html()).contains(">hello<");
    }

    private static PipelineResult withBuild(PipelineResult run, BuildResult build) {
        StageResult stage = run.stage("Build");
        return new PipelineResult(run.runId(), run.pipelineName(), run.runtime(), run.status(), run.start(), run.duration(), List.of(
                run.stage("Source"), new StageResult("Build", stage.status(), stage.start(), stage.duration(), List.of(build))));
    }

    /** The element starting at {@code start} up to its {@code </section>}. */
    private static String section(String html, String start) {
        int from = html.indexOf(start);
        assertThat(from).as(start).isNotNegative();
        return html.substring(from, html.indexOf("</section>", from));
    }
}
