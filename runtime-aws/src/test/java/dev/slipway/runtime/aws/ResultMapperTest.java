package dev.slipway.runtime.aws;

import dev.slipway.core.BuildResult;
import dev.slipway.core.Failure;
import dev.slipway.core.PhaseResult;
import dev.slipway.core.PhaseType;
import dev.slipway.core.Status;
import dev.slipway.runtime.aws.internal.ResultMapper;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.codebuild.model.Build;
import software.amazon.awssdk.services.codebuild.model.BuildPhase;
import software.amazon.awssdk.services.codebuild.model.PhaseContext;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** CodeBuild's BuildPhase and StatusType as core results, phase by phase. */
class ResultMapperTest {
    private static final Instant T = Instant.parse("2026-03-02T09:00:00Z");

    private static BuildPhase phase(String type, String status, int from, int to, String code, String message) {
        BuildPhase.Builder b = BuildPhase.builder().phaseType(type).startTime(T.plusSeconds(from));
        if (status != null) {
            b.phaseStatus(status).endTime(T.plusSeconds(to)).durationInSeconds((long) (to - from))
                    .contexts(PhaseContext.builder().statusCode(code).message(message).build());
        }
        return b.build();
    }

    private static Build build(String status, boolean complete, BuildPhase... phases) {
        return Build.builder().id("app:1").buildNumber(3L).projectName("app").startTime(T).endTime(complete ? T.plusSeconds(100) : null)
                .buildStatus(status).buildComplete(complete).currentPhase(complete ? "COMPLETED" : phases[phases.length - 1].phaseTypeAsString())
                .phases(phases).build();
    }

    @Test
    void aTimedOutBuildSaysSo_evenWithoutAContext() {
        BuildResult result = ResultMapper.build("Build", build("TIMED_OUT", true,
                phase("SUBMITTED", "SUCCEEDED", 0, 1, "", ""),
                phase("BUILD", "TIMED_OUT", 1, 60, null, null),
                phase("FINALIZING", "SUCCEEDED", 60, 62, "", ""),
                BuildPhase.builder().phaseType("COMPLETED").startTime(T.plusSeconds(62)).build()), T.plusSeconds(70), List.of(), Map.of());

        assertThat(result.status()).isEqualTo(Status.TIMED_OUT);
        assertThat(result.phases()).extracting(PhaseResult::type).containsExactly(PhaseType.SUBMITTED, PhaseType.BUILD, PhaseType.FINALIZING);
        assertThat(result.phase(PhaseType.BUILD).failure()).map(Failure::code).contains(Failure.BUILD_TIMED_OUT);
        assertThat(result.failure()).map(Failure::code).contains(Failure.BUILD_TIMED_OUT);
        assertThat(result.attempts()).singleElement().satisfies(a -> assertThat(a.number()).isEqualTo(1));
        assertThat(result.buildNumber()).isEqualTo(3);
    }

    @Test
    void contextsBecomeFailures_aFailedCommandWithItsExitCode() {
        List<PhaseResult> phases = ResultMapper.phases(build("FAILED", true,
                phase("DOWNLOAD_SOURCE", "FAILED", 0, 3, "YAML_FILE_ERROR", "stat /codebuild/output/src1/src/buildspec.yml: no such file or directory"),
                phase("POST_BUILD", "FAILED", 3, 5, "COMMAND_EXECUTION_ERROR",
                        "Error while executing command: [ \"$CODEBUILD_BUILD_SUCCEEDING\" = 1 ] || exit 1. Reason: exit status 1"),
                phase("UPLOAD_ARTIFACTS", "FAILED", 5, 6, "CLIENT_ERROR", "no matching artifact paths found")), T);

        assertThat(phases.get(0).failure()).contains(Failure.of("YAML_FILE_ERROR", "stat /codebuild/output/src1/src/buildspec.yml: no such file or directory"));
        assertThat(phases.get(1).failure()).contains(Failure.command("[ \"$CODEBUILD_BUILD_SUCCEEDING\" = 1 ] || exit 1", 1));
        assertThat(phases.get(2).failure()).contains(Failure.clientError("no matching artifact paths found"));
        assertThat(phases.get(2).duration()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void aPhaseReportedTwiceCountsOnce_andTheRunningPhaseIsInProgress() {
        List<PhaseResult> phases = ResultMapper.phases(build("IN_PROGRESS", false,
                phase("SUBMITTED", "SUCCEEDED", 0, 1, "", ""),
                phase("QUEUED", "SUCCEEDED", 1, 2, "", ""),
                phase("QUEUED", "SUCCEEDED", 5, 9, "", ""),
                phase("PROVISIONING", null, 2, 0, null, null)), T.plusSeconds(12));

        assertThat(phases).extracting(p -> p.type() + " " + p.status() + " " + p.duration())
                .containsExactly("SUBMITTED SUCCEEDED PT1S", "QUEUED SUCCEEDED PT1S", "PROVISIONING IN_PROGRESS PT10S");
        assertThat(phases.get(2).failure()).isEqualTo(Optional.empty());
    }

    @Test
    void codePipelineStatusesAreCoreStatuses() {
        assertThat(List.of("InProgress", "Stopping", "Stopped", "Succeeded", "Superseded", "Failed", "Cancelled"))
                .extracting(ResultMapper::executionStatus).containsExactly(Status.IN_PROGRESS, Status.IN_PROGRESS, Status.STOPPED,
                        Status.SUCCEEDED, Status.STOPPED, Status.FAILED, Status.STOPPED);
        assertThat(List.of("InProgress", "Succeeded", "Failed", "Abandoned")).extracting(ResultMapper::actionStatus)
                .containsExactly(Status.IN_PROGRESS, Status.SUCCEEDED, Status.FAILED, Status.STOPPED);
        assertThat(List.of("SUCCEEDED", "FAILED", "FAULT", "TIMED_OUT", "IN_PROGRESS", "STOPPED", "CLIENT_ERROR"))
                .extracting(ResultMapper::status).containsExactly(Status.SUCCEEDED, Status.FAILED, Status.FAULT, Status.TIMED_OUT,
                        Status.IN_PROGRESS, Status.STOPPED, Status.FAILED);
    }
}
