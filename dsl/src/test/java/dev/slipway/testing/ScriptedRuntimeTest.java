package dev.slipway.testing;

import dev.slipway.core.BuildResult;
import dev.slipway.core.BuildSpec;
import dev.slipway.core.ConsoleReporter;
import dev.slipway.core.Failure;
import dev.slipway.core.PhaseType;
import dev.slipway.core.Pipeline;
import dev.slipway.core.PipelineResult;
import dev.slipway.core.PipelineRun;
import dev.slipway.core.RunEvent;
import dev.slipway.core.RunOptions;
import dev.slipway.core.Status;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static dev.slipway.core.PhaseType.*;
import static dev.slipway.dsl.Slipway.*;
import static org.assertj.core.api.Assertions.assertThat;

/** The scripted runtime applies CodeBuild's real rules; these tests pin the rules end to end. */
class ScriptedRuntimeTest {

    private static Pipeline build(dev.slipway.dsl.CodeBuildBuilder builder) {
        return pipeline("p").stage("Build", builder.image("slipway/busybox")).build();
    }

    private static final dev.slipway.dsl.CodeBuildBuilder FOUR_PHASES = codeBuild("proj")
            .install("i1").preBuild("p1", "p2").build("b1", "b2").postBuild("c1");

    @Test
    void failingInstallSkipsEveryLaterBuildspecPhaseAndTheUpload() {
        ScriptedRuntime fake = ScriptedRuntime.create().fail("i1", 1);

        BuildResult build = fake.run(build(FOUR_PHASES)).build("Build");

        assertThat(build.phase(INSTALL).status()).isEqualTo(Status.FAILED);
        assertThat(build.ran(PRE_BUILD)).isFalse();
        assertThat(build.ran(BUILD)).isFalse();
        assertThat(build.ran(POST_BUILD)).isFalse();
        assertThat(build.ran(UPLOAD_ARTIFACTS)).isFalse();
        assertThat(build.phase(FINALIZING).status()).isEqualTo(Status.SUCCEEDED);
        assertThat(fake.commands()).containsExactly("i1");
    }

    @Test
    void failingPreBuildSkipsBuildAndPostBuild() {
        ScriptedRuntime fake = ScriptedRuntime.create().fail("p1", 1);

        BuildResult build = fake.run(build(FOUR_PHASES)).build("Build");

        assertThat(build.phase(PRE_BUILD).status()).isEqualTo(Status.FAILED);
        assertThat(build.ran(BUILD)).isFalse();
        assertThat(build.ran(POST_BUILD)).isFalse();
        assertThat(fake.commands()).containsExactly("i1", "p1");
    }

    @Test
    void aFailingCommandSkipsTheRestOfItsPhase_butPostBuildAndUploadStillRun() {
        ScriptedRuntime fake = ScriptedRuntime.create().fail("b1", 3);

        BuildResult build = fake.run(build(FOUR_PHASES.artifacts("out/*"))).build("Build");

        assertThat(fake.commands()).containsExactly("i1", "p1", "p2", "b1", "c1");
        assertThat(build.phase(POST_BUILD).status()).isEqualTo(Status.SUCCEEDED);
        assertThat(build.phase(UPLOAD_ARTIFACTS).status()).isEqualTo(Status.SUCCEEDED);
        assertThat(build.status()).isEqualTo(Status.FAILED);
        assertThat(build.failure()).contains(Failure.command("b1", 3));
    }

    @Test
    void buildSucceedingTurnsToZeroOnceAPhaseFailed() {
        ScriptedRuntime fake = ScriptedRuntime.create().fail("b1", 1);
        List<String> lines = new CopyOnWriteArrayList<>();

        BuildResult build = fake.run(build(FOUR_PHASES.exportedVariables("CODEBUILD_BUILD_SUCCEEDING_COPY")), e -> {
            if (e instanceof RunEvent.LogLine l) {
                lines.add(l.line());
            }
        }).build("Build");

        assertThat(build.status()).isEqualTo(Status.FAILED);
        assertThat(lines).anyMatch(l -> l.endsWith("Phase complete: BUILD State: FAILED"));
        assertThat(lines).anyMatch(l -> l.contains("Phase context status code: COMMAND_EXECUTION_ERROR Message: "
                + "Error while executing command: b1. Reason: exit status 1"));
        assertThat(lines).anyMatch(l -> l.endsWith("Entering phase POST_BUILD"));
    }

    @Test
    void continueRunsTheNextPhaseButTheBuildStillFails() {
        ScriptedRuntime fake = ScriptedRuntime.create().fail("p1", 1);

        BuildResult build = fake.run(build(FOUR_PHASES.onFailure(PRE_BUILD, BuildSpec.OnFailure.CONTINUE))).build("Build");

        assertThat(build.phase(PRE_BUILD).status()).isEqualTo(Status.FAILED);
        assertThat(build.phase(BUILD).status()).isEqualTo(Status.SUCCEEDED);
        assertThat(build.status()).isEqualTo(Status.FAILED);
        assertThat(fake.commands()).containsExactly("i1", "p1", "b1", "b2", "c1");
    }

    @Test
    void abortInBuildSkipsPostBuild() {
        ScriptedRuntime fake = ScriptedRuntime.create().fail("b1", 1);

        BuildResult build = fake.run(build(FOUR_PHASES.onFailure(BUILD, BuildSpec.OnFailure.ABORT))).build("Build");

        assertThat(build.ran(POST_BUILD)).isFalse();
        assertThat(build.ran(UPLOAD_ARTIFACTS)).isFalse();
        assertThat(fake.commands()).containsExactly("i1", "p1", "p2", "b1");
    }

    @Test
    void finallyRunsAfterAFailedCommand_andItsOwnFailureCounts() {
        ScriptedRuntime fake = ScriptedRuntime.create().fail("b1", 1);

        BuildResult build = fake.run(build(FOUR_PHASES.finallyCommands(BUILD, "f1", "f2"))).build("Build");

        assertThat(fake.commands()).containsExactly("i1", "p1", "p2", "b1", "f1", "f2", "c1");
        assertThat(build.phase(BUILD).failure()).contains(Failure.command("b1", 1));

        ScriptedRuntime finallyFails = ScriptedRuntime.create().fail("f1", 4);
        BuildResult second = finallyFails.run(build(FOUR_PHASES.finallyCommands(BUILD, "f1", "f2"))).build("Build");
        assertThat(second.phase(BUILD).failure()).contains(Failure.command("f1", 4));
        assertThat(finallyFails.commands()).containsExactly("i1", "p1", "p2", "b1", "b2", "f1", "c1");
    }

    @Test
    void retryFormOfOnFailureRunsThePhaseAgain() {
        ScriptedRuntime fake = ScriptedRuntime.create().failTimes("b1", 1, 2);

        BuildResult build = fake.run(build(FOUR_PHASES.onFailure(BUILD, BuildSpec.OnFailure.parse("RETRY-2")))).build("Build");

        assertThat(build.phase(BUILD).status()).isEqualTo(Status.SUCCEEDED);
        assertThat(fake.commands()).containsExactly("i1", "p1", "p2", "b1", "b1", "b1", "b2", "c1");
    }

    @Test
    void aHangingCommandTimesTheBuildOut_andNothingAfterRuns() {
        ScriptedRuntime fake = ScriptedRuntime.create().hang("b1");

        BuildResult build = fake.run(build(FOUR_PHASES)).build("Build");

        assertThat(build.status()).isEqualTo(Status.TIMED_OUT);
        assertThat(build.phase(BUILD).status()).isEqualTo(Status.TIMED_OUT);
        assertThat(build.failure()).map(Failure::code).contains(Failure.BUILD_TIMED_OUT);
        assertThat(build.ran(POST_BUILD)).isFalse();
        assertThat(build.phase(FINALIZING).status()).isEqualTo(Status.SUCCEEDED);
    }

    @Test
    void aFaultEndsTheBuildAsFault() {
        BuildResult build = ScriptedRuntime.create().fault("b1", "Docker went away").run(build(FOUR_PHASES)).build("Build");

        assertThat(build.status()).isEqualTo(Status.FAULT);
        assertThat(build.failure()).map(Failure::message).contains("Docker went away");
    }

    @Test
    void retriedBuildsListEveryAttempt_withNewBuildIdsAndNumbers() {
        ScriptedRuntime fake = ScriptedRuntime.create().failTimes("b1", 1, 2);

        BuildResult build = fake.run(build(FOUR_PHASES.retry(3))).build("Build");

        assertThat(build.status()).isEqualTo(Status.SUCCEEDED);
        assertThat(build.attempts()).extracting(a -> a.status()).containsExactly(Status.FAILED, Status.FAILED, Status.SUCCEEDED);
        assertThat(build.attempts()).extracting(a -> a.buildNumber()).containsExactly(1L, 2L, 3L);
        assertThat(build.attempts()).extracting(a -> a.buildId()).doesNotHaveDuplicates().allMatch(id -> id.startsWith("proj:"));
        assertThat(build.buildNumber()).isEqualTo(3);
    }

    @Test
    void exportedVariablesReachLaterTags() {
        Pipeline p = pipeline("p")
                .stage("Build", codeBuild("proj").image("i").preBuild("export APP_VERSION=1.2.3").build("make").exportedVariables("APP_VERSION"))
                .stage("Publish", dockerImage("app").fromLocalImage("app:latest").tag("${APP_VERSION}").tag("latest").to(registry("r:5000")))
                .build();
        ScriptedRuntime fake = ScriptedRuntime.create();

        PipelineResult r = fake.run(p);

        assertThat(r.build("Build").exportedVariables()).containsEntry("APP_VERSION", "1.2.3");
        assertThat(r.publish("Publish").tags()).containsExactly("1.2.3", "latest");
        assertThat(fake.published()).containsExactly("r:5000/app:1.2.3", "r:5000/app:latest");
    }

    @Test
    void secretValuesAreMaskedInLogsAndExportedVariables() {
        Pipeline p = build(codeBuild("proj").env("TOKEN", secret("s3cr3t-value")).build("echo token").exportedVariables("LEAK"));
        ScriptedRuntime fake = ScriptedRuntime.create().output("echo token", "the token is s3cr3t-value").variable("LEAK", "s3cr3t-value");
        List<String> lines = new CopyOnWriteArrayList<>();

        PipelineResult r = fake.run(p, e -> {
            if (e instanceof RunEvent.LogLine l) {
                lines.add(l.line());
            }
        });

        assertThat(lines).contains("the token is ***").noneMatch(l -> l.contains("s3cr3t-value"));
        assertThat(r.build("Build").exportedVariables()).containsEntry("LEAK", "***");
        assertThat(r.toJson()).doesNotContain("s3cr3t-value");
    }

    @Test
    void aMissingBuildspecInTheSourceFailsDownloadSourceLikeCodeBuild() {
        Pipeline p = pipeline("p").stage("Source", git("https://example.com/x.git")).stage("Build", codeBuild("proj").image("i")).build();

        BuildResult build = ScriptedRuntime.create().run(p).build("Build");

        assertThat(build.phase(DOWNLOAD_SOURCE).status()).isEqualTo(Status.FAILED);
        assertThat(build.phase(DOWNLOAD_SOURCE).failure()).hasValueSatisfying(f -> {
            assertThat(f.code()).isEqualTo("YAML_FILE_ERROR");
            assertThat(f.message()).isEqualTo("stat /codebuild/output/src000000001/src/buildspec.yml: no such file or directory");
        });
        assertThat(build.ran(INSTALL)).isFalse();
    }

    @Test
    void aFailedStageStopsThePipeline_andParallelActionsAllFinish() {
        Pipeline p = pipeline("p")
                .stage("Test", codeBuild("unit").image("i").build("make unit"), codeBuild("it").image("i").build("make it"))
                .stage("Later", codeBuild("later").image("i").build("make later"))
                .build();
        ScriptedRuntime fake = ScriptedRuntime.create().fail("make unit", 2);

        PipelineResult r = fake.run(p);

        assertThat(r.status()).isEqualTo(Status.FAILED);
        assertThat(r.stage("Test").actions()).extracting(a -> a.status()).containsExactly(Status.FAILED, Status.SUCCEEDED);
        assertThat(r.findStage("Later")).isEmpty();
        assertThat(fake.commands()).containsExactlyInAnyOrder("make unit", "make it");
    }

    @Test
    void buildNumbersCountPerProjectAcrossRuns() {
        ScriptedRuntime fake = ScriptedRuntime.create();
        Pipeline p = build(codeBuild("proj").build("x"));

        fake.run(p);
        BuildResult second = fake.run(p).build("Build");

        assertThat(second.buildNumber()).isEqualTo(2);
    }

    @Test
    void eventsComeInOrder_andTheConsoleReporterPrintsThem() {
        List<String> kinds = new CopyOnWriteArrayList<>();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RunOptions options = RunOptions.builder()
                .listener(e -> kinds.add(e.getClass().getSimpleName()))
                .listener(ConsoleReporter.to(new PrintStream(out, true, StandardCharsets.UTF_8), false))
                .build();

        ScriptedRuntime.create().fail("b1", 1).start(build(FOUR_PHASES), options).await();

        assertThat(kinds).startsWith("PipelineStarted", "StageStarted", "ActionStarted", "PhaseStarted")
                .endsWith("ActionFinished", "StageFinished", "PipelineFinished");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Build ✗ BUILD FAILED", "p FAILED in");
    }

    @Test
    void stopEndsTheRunAsStopped() {
        ScriptedRuntime fake = ScriptedRuntime.create();
        Pipeline p = pipeline("p")
                .stage("One", codeBuild("one").image("i").build("a"))
                .stage("Two", codeBuild("two").image("i").build("b"))
                .build();
        java.util.concurrent.CompletableFuture<PipelineRun> run = new java.util.concurrent.CompletableFuture<>();
        RunOptions stopAfterStageOne = RunOptions.builder().listener(e -> {
            if (e instanceof RunEvent.StageFinished f && f.result().name().equals("One")) {
                run.join().stop();
            }
        }).build();

        run.complete(fake.start(p, stopAfterStageOne));
        PipelineResult r = run.join().await();

        assertThat(r.status()).isEqualTo(Status.STOPPED);
        assertThat(r.findStage("Two")).isEmpty();
    }

    @Test
    void versionZeroOneBuildspecsRunTooAndExportNothing() {
        BuildSpec spec = BuildSpec.builder().version("0.1").phase(PhaseType.BUILD, BuildSpec.Phase.of("make")).build();

        PipelineResult r = ScriptedRuntime.create().run(build(codeBuild("proj").buildspec(spec)));

        assertThat(r.status()).isEqualTo(Status.SUCCEEDED);
    }

    @Test
    void artifactsWithoutPrimaryFilesFailTheUploadWithClientError_asOnCodeBuild() {
        String onlySecondary = "version: 0.2\nphases:\n  build:\n    commands:\n      - make\n"
                + "artifacts:\n  secondary-artifacts:\n    docs:\n      files:\n        - 'docs/**/*'\n";
        Pipeline p = pipeline("p").stage("Source", git("https://example.com/x.git"))
                .stage("Build", codeBuild("proj").image("i")).build();

        BuildResult build = ScriptedRuntime.create().sourceBuildspec(onlySecondary).run(p).build("Build");

        assertThat(build.phase(BUILD).status()).isEqualTo(Status.SUCCEEDED);
        assertThat(build.phase(UPLOAD_ARTIFACTS).status()).isEqualTo(Status.FAILED);
        assertThat(build.phase(UPLOAD_ARTIFACTS).failure())
                .contains(Failure.clientError("no definition for primary artifacts in buildspec"));
    }

    @Test
    void secretReferencesResolveToMaskedPlaceholders_unlessTheTestGivesValues() {
        Pipeline p = build(codeBuild("proj").env("DB_PASSWORD", parameterStore("/app/db/password")).build("connect"));
        List<String> lines = new CopyOnWriteArrayList<>();
        RunOptions options = RunOptions.builder().listener(e -> {
            if (e instanceof RunEvent.LogLine l) {
                lines.add(l.line());
            }
        }).build();

        ScriptedRuntime placeholder = ScriptedRuntime.create().output("connect", "using scripted-secret:/app/db/password");
        assertThat(placeholder.start(p, options).await().status()).isEqualTo(Status.SUCCEEDED);
        assertThat(lines).contains("using ***");

        ScriptedRuntime given = ScriptedRuntime.create()
                .secrets(dev.slipway.core.SecretResolver.fromMap(java.util.Map.of("/app/db/password", "pw-from-test")))
                .output("connect", "using pw-from-test");
        lines.clear();
        assertThat(given.start(p, options).await().status()).isEqualTo(Status.SUCCEEDED);
        assertThat(lines).contains("using ***");
    }
}
