package dev.slipway.report;

import dev.slipway.core.ConsoleReporter;
import dev.slipway.core.Pipeline;
import dev.slipway.core.PipelineResult;
import dev.slipway.core.Status;
import dev.slipway.testing.ScriptedRuntime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Javadoc examples of {@link RunReport}, {@link RunRecorder}, {@link ActionLog} and {@link Diagrams}, run end to
 * end on the scripted runtime, and the failed run that {@code scripts/checks/report-in-chromium} renders.
 */
class ReportExamplesTest {

    @Test
    void runReportExample(@TempDir Path dir) throws Exception {
        Pipeline pipeline = FailedRunReportMain.todobackend();
        ScriptedRuntime runtime = ScriptedRuntime.create().fail("make test", 2);

        RunRecorder recorder = RunRecorder.create();
        PipelineResult r = runtime.run(pipeline, recorder);
        Path file = RunReport.of(pipeline, r).logs(recorder).writeTo(dir.resolve("target/slipway-report.html"));

        assertThat(Files.readString(file)).contains("data-phase=\"BUILD\" data-status=\"FAILED\"",
                "<span class=\"ln agent\" data-n=\"1\"");
    }

    @Test
    void runRecorderAndActionLogExamples() {
        Pipeline pipeline = FailedRunReportMain.todobackend();
        ScriptedRuntime runtime = ScriptedRuntime.create().variable("APP_VERSION", "4f1c9a2.1").output("make test", "14 passed");
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        ConsoleReporter quiet = ConsoleReporter.to(new PrintStream(console, true, StandardCharsets.UTF_8), false);

        RunRecorder recorder = RunRecorder.create();
        PipelineResult r = runtime.run(pipeline, recorder, quiet);
        StringBuilder printed = new StringBuilder();
        recorder.log(r.runId(), "Build", "Build").ifPresent(log ->
                log.lines().forEach(line -> printed.append(line.text()).append('\n')));

        assertThat(r.status()).isEqualTo(Status.SUCCEEDED);
        assertThat(printed).contains("Running command make test\n14 passed\n");
        assertThat(console.toString(StandardCharsets.UTF_8)).doesNotContain("14 passed");
    }

    @Test
    void diagramsExample(@TempDir Path dir) throws Exception {
        Pipeline pipeline = FailedRunReportMain.todobackend();
        ScriptedRuntime runtime = ScriptedRuntime.create().variable("APP_VERSION", "4f1c9a2.1");

        String diagram = Diagrams.mermaid(pipeline);
        Files.writeString(dir.resolve("pipeline.md"), "```mermaid\n" + diagram + "```\n");
        PipelineResult r = runtime.run(pipeline);
        String coloured = Diagrams.mermaid(pipeline, r);

        assertThat(Files.readString(dir.resolve("pipeline.md"))).startsWith("```mermaid\nflowchart LR\n");
        assertThat(coloured).contains("class a1_1 succeeded", "class a2_1 succeeded", "class a3_1 succeeded");
    }

    @Test
    void theFailedRunOfTheChromiumCheck(@TempDir Path dir) throws Exception {
        String html = Files.readString(FailedRunReportMain.write(dir.resolve("report.html")));

        assertThat(html).contains(
                        "data-phase=\"BUILD\" data-status=\"FAILED\"",
                        "data-phase=\"POST_BUILD\" data-status=\"SUCCEEDED\"",
                        "<li class=\"stage st-not-run\" data-stage=\"Publish\" data-status=\"NOT_RUN\">",
                        "Error while executing command: make test. Reason: exit status 2",
                        "&lt;script&gt;alert(1)&lt;/script&gt;",
                        "Login to 127.0.0.1:5000 with token ***")
                .doesNotContain(FailedRunReportMain.REGISTRY_TOKEN, "<script");
        // the work clock makes the timeline worth looking at: make test is most of BUILD
        assertThat(html).containsPattern("data-phase=\"BUILD\" data-status=\"FAILED\"><div class=\"tl-label\">BUILD</div>"
                + "<div class=\"tl-track\"><span class=\"tl-bar st-failed\" style=\"left:[0-9.]+%;width:[1-9][0-9]\\.[0-9]+%\"");
    }
}
