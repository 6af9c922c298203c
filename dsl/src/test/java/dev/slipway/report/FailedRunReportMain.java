package dev.slipway.report;

import dev.slipway.core.Pipeline;
import dev.slipway.core.PipelineResult;
import dev.slipway.core.RunEvent;
import dev.slipway.core.RunListener;
import dev.slipway.testing.ScriptedRuntime;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static dev.slipway.dsl.Slipway.codeBuild;
import static dev.slipway.dsl.Slipway.dockerImage;
import static dev.slipway.dsl.Slipway.git;
import static dev.slipway.dsl.Slipway.pipeline;
import static dev.slipway.dsl.Slipway.registry;
import static dev.slipway.dsl.Slipway.secret;

/**
 * Writes the run report of a failed todobackend run, for {@code scripts/checks/report-in-chromium}: Source →
 * Build → Publish on the scripted runtime, where {@code make test} exits 2, so BUILD is FAILED, POST_BUILD still
 * SUCCEEDED and Publish never runs.
 *
 * <pre>
 * java -cp … dev.slipway.report.FailedRunReportMain target/report-check/report.html
 * </pre>
 *
 * <p>The scripted runtime takes no time, so a {@link WorkClock} makes commands take plausible, fixed times and
 * the timeline has something to show; the report is the same on every run.
 */
public final class FailedRunReportMain {
    /** The value of a secret variable: the report must never show it. */
    public static final String REGISTRY_TOKEN = "tok-8f1d2c-never-show-me";

    private FailedRunReportMain() {
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: FailedRunReportMain <report.html>");
            System.exit(64);
        }
        Path written = write(Path.of(args[0]));
        System.out.println("report written to " + written.toAbsolutePath());
    }

    static Path write(Path file) {
        Pipeline p = todobackend();
        WorkClock clock = new WorkClock(Instant.parse("2026-03-14T09:30:00Z"));
        ScriptedRuntime runtime = ScriptedRuntime.create()
                .clock(clock)
                .commit("Source", "4f1c9a2e7b3d5c8e9a0b1c2d3e4f5a6b7c8d9e0f")
                .output("make login", "Login to 127.0.0.1:5000 with token " + REGISTRY_TOKEN, "Login Succeeded")
                .output("make test",
                        "=> Building images...",
                        "=> Running tests...",
                        "============================= test session starts ==============================",
                        "collected 14 items",
                        "todo/tests/test_general.py ........F.....",
                        "___________________ TodoTest.test_update_todo_item ___________________",
                        "E   AssertionError: <Todo id=3 title='walk the dog'> != <Todo id=3 title='<script>alert(1)</script>'>",
                        "=================== 1 failed, 13 passed in 4.21s ===================",
                        "Makefile:28: recipe for target 'test' failed",
                        "make: *** [test] Error 2")
                .output("make clean", "=> Removing test environment...", "=> Clean complete")
                .output("make logout", "Removing login credentials for 127.0.0.1:5000")
                .fail("make test", 2);
        RunRecorder recorder = RunRecorder.create();
        PipelineResult result = runtime.run(p, clock, recorder);
        System.out.println(result);
        return RunReport.of(p, result).logs(recorder).writeTo(file);
    }

    /** The book's todobackend pipeline, with its buildspec phases as commands. */
    static Pipeline todobackend() {
        return pipeline("todobackend")
                .stage("Source", git("https://github.com/docker-in-aws/todobackend.git").branch("master"))
                .stage("Build", codeBuild("todobackend")
                        .image("docker-in-aws/codebuild")
                        .privileged(true)
                        .env("MAKEFLAGS", "-s")
                        .env("REGISTRY_TOKEN", secret(REGISTRY_TOKEN))
                        .preBuild(
                                "nohup /usr/local/bin/dockerd --host=unix:///var/run/docker.sock --storage-driver=overlay&",
                                "timeout -t 15 sh -c \"until docker info; do echo .; sleep 1; done\"",
                                "export BUILD_ID=$(echo $CODEBUILD_BUILD_ID | sed 's/^[^:]*://g')",
                                "export APP_VERSION=$CODEBUILD_RESOLVED_SOURCE_VERSION.$BUILD_ID",
                                "make login")
                        .build("make test", "make release", "make publish")
                        .postBuild("make clean", "make logout")
                        .exportedVariables("APP_VERSION")
                        .timeout(Duration.ofMinutes(30)))
                .stage("Publish", dockerImage("todobackend")
                        .fromLocalImage("todobackend:${APP_VERSION}")
                        .tag("${APP_VERSION}")
                        .tag("latest")
                        .to(registry("127.0.0.1:5000")))
                .build();
    }

    /**
     * A clock that moves only as the run does: a few milliseconds per reading, plus a fixed time for each command
     * and for the build service's own phases, learned from the run's events.
     */
    static final class WorkClock extends Clock implements RunListener {
        private static final Map<String, Long> COMMAND_MILLIS = Map.of(
                "timeout -t 15 sh -c \"until docker info; do echo .; sleep 1; done\"", 2_400L,
                "make login", 1_300L,
                "make test", 38_500L,
                "make clean", 6_200L,
                "make logout", 400L);
        private static final Map<String, Long> PHASE_MILLIS = Map.of(
                "QUEUED", 1_800L,
                "PROVISIONING", 7_400L,
                "DOWNLOAD_SOURCE", 2_100L,
                "UPLOAD_ARTIFACTS", 300L,
                "FINALIZING", 1_100L);
        private final AtomicLong millis;

        WorkClock(Instant start) {
            this.millis = new AtomicLong(start.toEpochMilli());
        }

        @Override
        public void onEvent(RunEvent event) {
            if (event instanceof RunEvent.LogLine log && log.line().contains("Running command ")) {
                String command = log.line().substring(log.line().indexOf("Running command ") + "Running command ".length());
                millis.addAndGet(COMMAND_MILLIS.getOrDefault(command, 150L));
            } else if (event instanceof RunEvent.PhaseStarted phase) {
                millis.addAndGet(PHASE_MILLIS.getOrDefault(phase.phase().name(), 0L));
            } else if (event instanceof RunEvent.ActionStarted) {
                millis.addAndGet(250);
            }
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis.addAndGet(9));
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
