package dev.slipway.runtime.aws;

import dev.slipway.core.BuildResult;
import dev.slipway.core.Failure;
import dev.slipway.core.PhaseType;
import dev.slipway.core.Pipeline;
import dev.slipway.core.PipelineResult;
import dev.slipway.core.PublishResult;
import dev.slipway.core.RunEvent;
import dev.slipway.core.Status;
import dev.slipway.runtime.aws.support.AwsStub;
import dev.slipway.runtime.aws.support.BuildTimeline;
import dev.slipway.runtime.aws.support.DesignPipeline;
import dev.slipway.runtime.aws.support.ExecutionTimeline;
import dev.slipway.runtime.aws.support.FakeClock;
import dev.slipway.runtime.aws.support.Shapes;
import dev.slipway.testing.ScriptedRuntime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static dev.slipway.runtime.aws.support.AwsStub.Answer.ok;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs on AWS against WireMock scripted as CodePipeline and CodeBuild answer during an execution, on a
 * compressed clock: the answers follow timelines, and Slipway's waits move the clock.
 */
class PipelineRunTest {
    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    private static final String COMMIT = "5bd7c3e8b1d0a7c2f9e4d6b8a1c3e5f7a9b0c2d4";
    private static final String MAKE_TEST_FAILED = "Error while executing command: make test. Reason: exit status 2";

    private final FakeClock clock = new FakeClock(T0);
    private final AwsStub aws = new AwsStub();
    private final AwsRuntime runtime = AwsRuntime.builder().region("us-east-1").credentials("testing", "testing")
            .endpointOverride(aws.endpoint()).clock(clock).sleeper(clock).build();

    @AfterEach
    void close() {
        runtime.close();
        aws.close();
    }

    /** The book's build: sources, then a build whose BUILD phase fails on make test, with post_build after it. */
    private static BuildTimeline failingBuild(Instant start) {
        return failingBuild(start, "3e1fa2b4-7c9d-4e0f-8a1b-2c3d4e5f6a7b");
    }

    private static BuildTimeline failingBuild(Instant start, String uuid) {
        return new BuildTimeline("todobackend", uuid, start)
                .phase("SUBMITTED", 0, 1).phase("QUEUED", 1, 3).phase("PROVISIONING", 3, 30).phase("DOWNLOAD_SOURCE", 30, 34)
                .phase("INSTALL", 34, 35).phase("PRE_BUILD", 35, 50)
                .phase("BUILD", 50, 110, "FAILED", "COMMAND_EXECUTION_ERROR", MAKE_TEST_FAILED)
                .phase("POST_BUILD", 110, 115).phase("UPLOAD_ARTIFACTS", 115, 116).phase("FINALIZING", 116, 120)
                .status("FAILED")
                .log(31, "[Container] 2026/03/02 09:00:41 Entering phase DOWNLOAD_SOURCE")
                .log(50, "[Container] 2026/03/02 09:01:00 Running command make test")
                .log(60, "FAIL: test_todo.sh: expected 3 todos, got 2 (AKIAIOSFODNN7EXAMPLE)")
                .log(109, "[Container] 2026/03/02 09:01:59 Command did not exit successfully make test exit status 2")
                .log(111, "[Container] 2026/03/02 09:02:01 Running command make clean");
    }

    private final List<BuildTimeline> builds = new CopyOnWriteArrayList<>();

    private void serve(ExecutionTimeline execution, BuildTimeline... timelines) {
        builds.addAll(List.of(timelines));
        aws.on(AwsStub.START_PIPELINE_EXECUTION, body -> ok(execution.startAnswer()))
                .on(AwsStub.RETRY_STAGE_EXECUTION, body -> ok(execution.retryStage(clock.instant())))
                .on(AwsStub.GET_PIPELINE_EXECUTION, body -> ok(execution.getPipelineExecution(clock.instant())))
                .on(AwsStub.LIST_ACTION_EXECUTIONS, body -> ok(execution.listActionExecutions(clock.instant())))
                .on(AwsStub.BATCH_GET_BUILDS, body -> {
                    for (BuildTimeline build : this.builds) {
                        if (body.contains(build.id())) {
                            return ok(build.batchGetBuilds(clock.instant()));
                        }
                    }
                    return ok("{\"builds\":[],\"buildsNotFound\":[]}");
                })
                .on(AwsStub.GET_LOG_EVENTS, body -> {
                    for (BuildTimeline build : this.builds) {
                        if (body.contains(build.id().substring(build.id().indexOf(':') + 1))) {
                            return ok(build.logEvents(body, clock.instant()));
                        }
                    }
                    return AwsStub.Answer.error(400, "ResourceNotFoundException", "The specified log stream does not exist.");
                });
    }

    /** Source succeeds; the build fails, and fails again each time the stage is retried (retry(3): four attempts). */
    private ExecutionTimeline failingExecution(BuildTimeline build) {
        ExecutionTimeline execution = new ExecutionTimeline("todobackend", "7f3e2d1c-0b9a-4c8d-9e7f-6a5b4c3d2e1f", T0)
                .revision(COMMIT).ends(136, "Failed");
        execution.onRetry((timeline, at) -> {
            long from = at.toSeconds() + 2;
            BuildTimeline again = failingBuild(T0.plusSeconds(from + 2), "3e1fa2b4-7c9d-4e0f-8a1b-00000000000" + timeline.retries().size());
            builds.add(again);
            timeline.action("Build", "Build", "Build", "CodeBuild", from, from + 124, "Failed")
                    .externalId(again.id(), "Build terminated with state: FAILED")
                    .error("JobFailed", "Build terminated with state: FAILED. Phase: BUILD, Code: COMMAND_EXECUTION_ERROR, Message: "
                            + MAKE_TEST_FAILED)
                    .config("ProjectName", "todobackend").input("SourceOutput");
            timeline.ends(from + 126, "Failed");
        });
        execution.action("Source", "Source", "Source", "CodeStarSourceConnection", 0, 8, "Succeeded")
                .externalId(COMMIT, "Fix the tests").variable("CommitId", COMMIT).variable("BranchName", "master")
                .config("ConnectionArn", DesignPipeline.CONNECTION).config("FullRepositoryId", "docker-in-aws/todobackend")
                .config("BranchName", "master").output("SourceOutput");
        execution.action("Build", "Build", "Build", "CodeBuild", 10, 134, "Failed")
                .externalId(build.id(), "Build terminated with state: FAILED")
                .error("JobFailed", "Build terminated with state: FAILED. Phase: BUILD, Code: COMMAND_EXECUTION_ERROR, Message: "
                        + MAKE_TEST_FAILED)
                .config("ProjectName", "todobackend").input("SourceOutput");
        return execution;
    }

    @Test
    void aBuildFailingInItsBuildPhase_givesTheResultLocalRuntimeGives() {
        Pipeline pipeline = DesignPipeline.of("");
        BuildTimeline build = failingBuild(T0.plusSeconds(12));
        ExecutionTimeline execution = failingExecution(build);
        serve(execution, build);

        PipelineResult onAws = runtime.run(pipeline);
        PipelineResult local = ScriptedRuntime.create().fail("make test", 2).run(pipeline);

        assertThat(Shapes.of(onAws)).isEqualTo(Shapes.of(local));
        assertThat(onAws.status()).isEqualTo(Status.FAILED);
        assertThat(onAws.runId()).isEqualTo(execution.executionId());
        assertThat(onAws.runtime()).isEqualTo("aws");
        assertThat(onAws.findStage("Publish")).isEmpty();
        assertThat(onAws.source("Source").commit()).isEqualTo(COMMIT);
        BuildResult result = onAws.build("Build");
        assertThat(result.attempts()).hasSize(4).allSatisfy(a -> assertThat(a.status()).isEqualTo(Status.FAILED));
        assertThat(result.attempts()).extracting(a -> a.buildId()).doesNotHaveDuplicates().startsWith(build.id());
        assertThat(result.buildId()).isEqualTo(result.attempts().get(3).buildId());
        assertThat(execution.retries()).hasSize(3);
        assertThat(result.phase(PhaseType.BUILD).failure()).contains(Failure.command("make test", 2));
        assertThat(result.phase(PhaseType.POST_BUILD).status()).isEqualTo(Status.SUCCEEDED);
        assertThat(result.attempts().get(0).phases()).filteredOn(p -> p.type() == PhaseType.BUILD)
                .singleElement().satisfies(p -> assertThat(p.start()).isEqualTo(T0.plusSeconds(12 + 50)));
        assertThat(result.phase(PhaseType.BUILD).duration()).hasSeconds(60);
        assertThat(result.logLocation()).startsWith("arn:aws:logs:us-east-1:123456789012:log-group:/aws/codebuild/todobackend");
        assertThat(result.failure()).contains(Failure.command("make test", 2));
        // without a listener nobody reads the logs
        assertThat(aws.count(AwsStub.GET_LOG_EVENTS)).isZero();
        // far fewer status calls than a 1-second loop over the ~9 minutes of four attempts (over 1000 calls)
        int statusCalls = aws.count(AwsStub.GET_PIPELINE_EXECUTION) + aws.count(AwsStub.LIST_ACTION_EXECUTIONS) + aws.count(AwsStub.BATCH_GET_BUILDS);
        assertThat(statusCalls).isLessThan(200);
        Instant lastEnd = execution.start().plusSeconds(execution.retries().get(2).toSeconds() + 2 + 126);
        assertThat(Duration.between(lastEnd, clock.instant())).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void listenersHearStagesActionsPhasesAndMaskedLogLines_inOrder() {
        BuildTimeline build = failingBuild(T0.plusSeconds(12));
        serve(failingExecution(build), build);
        List<RunEvent> events = new CopyOnWriteArrayList<>();

        PipelineResult result = runtime.run(DesignPipeline.of(""), events::add);

        assertThat(events.get(0)).isInstanceOf(RunEvent.PipelineStarted.class);
        assertThat(events.get(events.size() - 1)).isInstanceOfSatisfying(RunEvent.PipelineFinished.class,
                e -> assertThat(e.result()).isEqualTo(result));
        List<String> milestones = events.stream().filter(e -> !(e instanceof RunEvent.LogLine)).map(PipelineRunTest::describe).toList();
        assertThat(milestones).containsSubsequence("StageStarted Source", "ActionStarted Source", "ActionFinished Source SUCCEEDED",
                "StageFinished Source SUCCEEDED", "StageStarted Build", "ActionStarted Build", "PhaseStarted SUBMITTED",
                "PhaseFinished PRE_BUILD SUCCEEDED", "PhaseStarted BUILD", "PhaseFinished BUILD FAILED", "PhaseStarted POST_BUILD",
                "PhaseFinished FINALIZING SUCCEEDED", "ActionFinished Build FAILED", "StageFinished Build FAILED");
        assertThat(milestones).doesNotContain("PhaseStarted COMPLETED");
        List<RunEvent.LogLine> lines = events.stream().filter(e -> e instanceof RunEvent.LogLine).map(e -> (RunEvent.LogLine) e).toList();
        assertThat(lines).hasSize(4 * 5);     // four attempts (retry(3)), five lines each
        assertThat(lines.subList(0, 5)).extracting(RunEvent.LogLine::line).containsExactly(
                "[Container] 2026/03/02 09:00:41 Entering phase DOWNLOAD_SOURCE",
                "[Container] 2026/03/02 09:01:00 Running command make test",
                "FAIL: test_todo.sh: expected 3 todos, got 2 (***)",
                "[Container] 2026/03/02 09:01:59 Command did not exit successfully make test exit status 2",
                "[Container] 2026/03/02 09:02:01 Running command make clean");
        assertThat(lines.subList(0, 5)).extracting(RunEvent.LogLine::phase).containsExactly(PhaseType.DOWNLOAD_SOURCE, PhaseType.BUILD,
                PhaseType.BUILD, PhaseType.BUILD, PhaseType.POST_BUILD);
        assertThat(events).filteredOn(e -> e instanceof RunEvent.Retrying).extracting(e -> ((RunEvent.Retrying) e).attempt())
                .containsExactly(2, 3, 4);
        assertThat(events).filteredOn(e -> e instanceof RunEvent.ActionStarted a && a.action().equals("Build"))
                .extracting(e -> ((RunEvent.ActionStarted) e).attempt()).containsExactly(1, 2, 3, 4);
        assertThat(events).filteredOn(e -> e instanceof RunEvent.ActionFinished a && a.result().name().equals("Build")).hasSize(1);
        assertThat(lines).allSatisfy(l -> assertThat(l.stage()).isEqualTo("Build"));
    }

    @Test
    void aPublishReportsTheDigestItsBuildExported() {
        Pipeline pipeline = DesignPipeline.of("");
        BuildTimeline build = new BuildTimeline("todobackend", "0a1b2c3d-0000-4000-8000-000000000001", T0.plusSeconds(12))
                .phase("SUBMITTED", 0, 1).phase("QUEUED", 1, 2).phase("PROVISIONING", 2, 20).phase("DOWNLOAD_SOURCE", 20, 22)
                .phase("INSTALL", 22, 23).phase("PRE_BUILD", 23, 30).phase("BUILD", 30, 200).phase("POST_BUILD", 200, 205)
                .phase("UPLOAD_ARTIFACTS", 205, 206).phase("FINALIZING", 206, 208);
        String publishProject = "todobackend-Publish-publish";
        BuildTimeline publish = new BuildTimeline(publishProject, "0a1b2c3d-0000-4000-8000-000000000002", T0.plusSeconds(230))
                .phase("SUBMITTED", 0, 1).phase("QUEUED", 1, 2).phase("PROVISIONING", 2, 15).phase("DOWNLOAD_SOURCE", 15, 17)
                .phase("INSTALL", 17, 18).phase("PRE_BUILD", 18, 20).phase("BUILD", 20, 60).phase("POST_BUILD", 60, 61)
                .phase("UPLOAD_ARTIFACTS", 61, 62).phase("FINALIZING", 62, 64)
                .export("SLIPWAY_IMAGE", "127.0.0.1:5000/todobackend").export("SLIPWAY_IMAGE_TAGS", "latest")
                .export("SLIPWAY_IMAGE_DIGEST", "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
        ExecutionTimeline execution = new ExecutionTimeline("todobackend", "11111111-2222-4333-8444-555555555555", T0)
                .revision(COMMIT).ends(300, "Succeeded");
        execution.action("Source", "Source", "Source", "CodeStarSourceConnection", 0, 8, "Succeeded")
                .externalId(COMMIT, "Fix the tests").variable("CommitId", COMMIT).output("SourceOutput");
        execution.action("Build", "Build", "Build", "CodeBuild", 10, 222, "Succeeded")
                .externalId(build.id(), "Build succeeded").input("SourceOutput");
        execution.action("Publish", "Publish", "Build", "CodeBuild", 228, 298, "Succeeded")
                .externalId(publish.id(), "Build succeeded").input("SourceOutput")
                .variable("SLIPWAY_IMAGE_DIGEST", "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
        serve(execution, build, publish);

        PipelineResult onAws = runtime.run(pipeline);

        assertThat(Shapes.of(onAws)).isEqualTo(Shapes.of(ScriptedRuntime.create().run(pipeline)));
        PublishResult pushed = onAws.publish("Publish");
        assertThat(pushed.status()).isEqualTo(Status.SUCCEEDED);
        assertThat(pushed.imageReference())
                .isEqualTo("127.0.0.1:5000/todobackend@sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
        assertThat(pushed.tags()).containsExactly("latest");
        assertThat(onAws.build("Build").phases()).hasSize(10);
        assertThat(Map.of("status", onAws.status())).containsEntry("status", Status.SUCCEEDED);
    }

    @Test
    void aStopStopsTheExecutionAndItsBuild_andTheResultSaysStopped() {
        BuildTimeline build = failingBuild(T0.plusSeconds(12));
        ExecutionTimeline execution = failingExecution(build);
        serve(execution, build);
        aws.on(AwsStub.STOP_PIPELINE_EXECUTION, body -> ok(execution.stop(clock.instant())))
                .on(AwsStub.STOP_BUILD, body -> {
                    build.stop(clock.instant());
                    return ok("{\"build\":" + build.buildJson(clock.instant()) + "}");
                });

        PipelineResult result = runtime.run(DesignPipeline.of(""), event -> {
            if (event instanceof RunEvent.PhaseStarted started && started.phase() == PhaseType.BUILD) {
                runtime.stop();
            }
        });

        assertThat(result.status()).isEqualTo(Status.STOPPED);
        assertThat(result.build("Build").status()).isEqualTo(Status.STOPPED);
        assertThat(result.build("Build").phase(PhaseType.BUILD).status()).isEqualTo(Status.STOPPED);
        assertThat(result.build("Build").attempts()).hasSize(1);
        assertThat(result.findStage("Publish")).isEmpty();
        assertThat(aws.count(AwsStub.STOP_PIPELINE_EXECUTION)).isEqualTo(1);
        assertThat(aws.requests(AwsStub.STOP_PIPELINE_EXECUTION).get(0).getBodyAsString()).contains("\"abandon\":true");
        assertThat(aws.count(AwsStub.STOP_BUILD)).isEqualTo(1);
        assertThat(aws.count(AwsStub.RETRY_STAGE_EXECUTION)).isZero();
    }

    private static String describe(RunEvent e) {
        if (e instanceof RunEvent.StageStarted s) {
            return "StageStarted " + s.stage();
        }
        if (e instanceof RunEvent.StageFinished s) {
            return "StageFinished " + s.result().name() + " " + s.result().status();
        }
        if (e instanceof RunEvent.ActionStarted a) {
            return "ActionStarted " + a.action();
        }
        if (e instanceof RunEvent.ActionFinished a) {
            return "ActionFinished " + a.result().name() + " " + a.result().status();
        }
        if (e instanceof RunEvent.PhaseStarted p) {
            return "PhaseStarted " + p.phase();
        }
        if (e instanceof RunEvent.PhaseFinished p) {
            return "PhaseFinished " + p.result().type() + " " + p.result().status();
        }
        return e.getClass().getSimpleName();
    }
}
