package dev.slipway.runtime.aws.internal;

import dev.slipway.core.Artifact;
import dev.slipway.core.BuildAction;
import dev.slipway.core.BuildResult;
import dev.slipway.core.Failure;
import dev.slipway.core.PhaseResult;
import dev.slipway.core.PhaseType;
import dev.slipway.core.PublishAction;
import dev.slipway.core.PublishResult;
import dev.slipway.core.SourceAction;
import dev.slipway.core.SourceResult;
import dev.slipway.core.Status;
import software.amazon.awssdk.services.codebuild.model.Build;
import software.amazon.awssdk.services.codebuild.model.BuildPhase;
import software.amazon.awssdk.services.codebuild.model.PhaseContext;
import software.amazon.awssdk.services.codepipeline.model.ActionExecutionDetail;
import software.amazon.awssdk.services.codepipeline.model.ArtifactDetail;
import software.amazon.awssdk.services.codepipeline.model.ArtifactRevision;
import software.amazon.awssdk.services.codepipeline.model.ErrorDetails;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CodeBuild's and CodePipeline's answers as core results, the same shape LocalRuntime gives: a BuildPhase per
 * phase that ran (COMPLETED, a status-less end marker, is not a phase result; skipped phases are absent), the
 * phase's context as its {@link Failure} (a failed command with its exit code), CodePipeline statuses as core
 * statuses.
 */
public final class ResultMapper {
    private static final Pattern COMMAND_ERROR = Pattern.compile("Error while executing command: (.*)\\. Reason: exit status (\\d+)", Pattern.DOTALL);

    private ResultMapper() {
    }

    public static Status status(String codeBuildStatus) {
        if (codeBuildStatus == null) {
            return Status.IN_PROGRESS;
        }
        return switch (codeBuildStatus) {
            case "SUCCEEDED" -> Status.SUCCEEDED;
            case "FAILED", "CLIENT_ERROR" -> Status.FAILED;
            case "TIMED_OUT" -> Status.TIMED_OUT;
            case "STOPPED" -> Status.STOPPED;
            case "IN_PROGRESS" -> Status.IN_PROGRESS;
            default -> Status.FAULT;
        };
    }

    /** A CodePipeline action execution status. */
    public static Status actionStatus(String status) {
        if (status == null) {
            return Status.IN_PROGRESS;
        }
        return switch (status) {
            case "Succeeded" -> Status.SUCCEEDED;
            case "Failed" -> Status.FAILED;
            case "Abandoned" -> Status.STOPPED;
            default -> Status.IN_PROGRESS;
        };
    }

    /** A CodePipeline execution status. */
    public static Status executionStatus(String status) {
        if (status == null) {
            return Status.IN_PROGRESS;
        }
        return switch (status) {
            case "Succeeded" -> Status.SUCCEEDED;
            case "Failed" -> Status.FAILED;
            case "Stopped", "Cancelled", "Superseded" -> Status.STOPPED;
            default -> Status.IN_PROGRESS;
        };
    }

    /**
     * The phases of a build in order, each once (the first report of a phase wins), without COMPLETED. A phase
     * without a status yet is IN_PROGRESS, its duration so far measured against {@code now}.
     */
    public static List<PhaseResult> phases(Build build, Instant now) {
        List<PhaseResult> phases = new ArrayList<>();
        Set<PhaseType> seen = EnumSet.noneOf(PhaseType.class);
        for (BuildPhase phase : build.phases()) {
            Optional<PhaseType> type = phaseType(phase.phaseTypeAsString());
            if (type.isEmpty() || type.get() == PhaseType.COMPLETED || !seen.add(type.get())) {
                continue;
            }
            phases.add(phase(type.get(), phase, now));
        }
        return phases;
    }

    static Optional<PhaseType> phaseType(String name) {
        return Arrays.stream(PhaseType.values()).filter(t -> t.name().equals(name)).findFirst();
    }

    static PhaseResult phase(PhaseType type, BuildPhase phase, Instant now) {
        Status status = status(phase.phaseStatusAsString());
        Instant start = phase.startTime() == null ? now : phase.startTime();
        Duration duration;
        if (phase.endTime() != null) {
            duration = Duration.between(start, phase.endTime());
        } else if (phase.durationInSeconds() != null) {
            duration = Duration.ofSeconds(phase.durationInSeconds());
        } else if (status.isFinal()) {
            duration = Duration.ZERO;          // ended, but no end was reported (moto leaves it out for QUEUED)
        } else {
            duration = now.isAfter(start) ? Duration.between(start, now) : Duration.ZERO;
        }
        return new PhaseResult(type, status, start, duration.isNegative() ? Duration.ZERO : duration, failure(type, status, phase.contexts()));
    }

    static Optional<Failure> failure(PhaseType type, Status status, List<PhaseContext> contexts) {
        if (status.isSuccessful() || status == Status.IN_PROGRESS) {
            return Optional.empty();
        }
        for (PhaseContext context : contexts) {
            String code = context.statusCode() == null ? "" : context.statusCode();
            String message = context.message() == null ? "" : context.message();
            if (code.isEmpty() && message.isEmpty()) {
                continue;
            }
            Matcher m = COMMAND_ERROR.matcher(message);
            if (m.matches()) {
                return Optional.of(Failure.command(m.group(1), Integer.parseInt(m.group(2))));
            }
            return Optional.of(Failure.of(code.isEmpty() ? defaultCode(status) : code, message.isEmpty() ? type + " " + status : message));
        }
        return Optional.of(Failure.of(defaultCode(status), switch (status) {
            case TIMED_OUT -> "Build timed out in " + type;
            case STOPPED -> "Build was stopped in " + type;
            case FAULT -> "CodeBuild reported a fault in " + type;
            default -> type + " failed";
        }));
    }

    private static String defaultCode(Status status) {
        return switch (status) {
            case TIMED_OUT -> Failure.BUILD_TIMED_OUT;
            case STOPPED -> Failure.BUILD_STOPPED;
            case FAULT -> Failure.FAULT;
            default -> Failure.CLIENT_ERROR;
        };
    }

    /**
     * A finished (or, with {@code now}, a running) build as a {@link BuildResult} of one attempt.
     *
     * @param artifacts the build's output artifacts, as the caller knows them
     * @param fallbackVariables exported variables when the build does not list them (CodePipeline's output variables)
     */
    public static BuildResult build(String actionName, Build build, Instant now, List<Artifact> artifacts, Map<String, String> fallbackVariables) {
        List<PhaseResult> phases = phases(build, now);
        Status status = Boolean.TRUE.equals(build.buildComplete()) || build.buildStatus() != null && !"IN_PROGRESS".equals(build.buildStatusAsString())
                ? status(build.buildStatusAsString()) : Status.IN_PROGRESS;
        Optional<Failure> failure = phases.stream().filter(p -> !p.status().isSuccessful() && p.status() != Status.IN_PROGRESS)
                .findFirst().flatMap(PhaseResult::failure);
        if (failure.isEmpty() && !status.isSuccessful() && status != Status.IN_PROGRESS) {
            failure = Optional.of(Failure.of(defaultCode(status), "Build " + build.id() + " ended " + status));
        }
        Instant start = build.startTime() == null ? now : build.startTime();
        Instant end = build.endTime() != null ? build.endTime() : now;
        Map<String, String> exported = new LinkedHashMap<>();
        build.exportedEnvironmentVariables().forEach(v -> exported.put(v.name(), v.value() == null ? "" : v.value()));
        if (exported.isEmpty()) {
            exported.putAll(fallbackVariables);
        }
        String logs = build.logs() == null ? "" : firstNonBlank(build.logs().cloudWatchLogsArn(), build.logs().deepLink());
        BuildResult result = new BuildResult(actionName, status, start, nonNegative(Duration.between(start, end)), failure,
                build.id() == null ? "" : build.id(), build.buildNumber() == null ? 0 : build.buildNumber(),
                build.projectName() == null ? "" : build.projectName(), phases, exported, artifacts, List.of(), logs);
        return result.withAttempts(List.of(result.asAttempt(1)));
    }

    /** A build action that failed before CodeBuild started a build (CodePipeline could not start it). */
    public static BuildResult buildNotStarted(BuildAction action, String projectName, ActionExecutionDetail detail, Instant now) {
        Status status = actionStatus(detail.statusAsString());
        Instant start = detail.startTime() == null ? now : detail.startTime();
        BuildResult result = new BuildResult(action.name(), status, start, duration(detail, now), actionFailure(detail, Failure.FAULT),
                "", 0, projectName, List.of(), outputVariables(detail), artifacts(detail), List.of(), "");
        return result.withAttempts(List.of(result.asAttempt(1)));
    }

    public static SourceResult source(SourceAction action, ActionExecutionDetail detail, List<ArtifactRevision> revisions, Instant now) {
        Map<String, String> variables = outputVariables(detail);
        String commit = variables.getOrDefault("CommitId", variables.getOrDefault("VersionId", ""));
        if (commit.isEmpty() && detail.output() != null && detail.output().executionResult() != null) {
            commit = firstNonBlank(detail.output().executionResult().externalExecutionId(), "");
        }
        if (commit.isEmpty()) {
            commit = revisions.stream().filter(r -> action.outputArtifact().equals(r.name())).map(ArtifactRevision::revisionId)
                    .filter(id -> id != null).findFirst().orElse("");
        }
        Status status = actionStatus(detail.statusAsString());
        return new SourceResult(action.name(), status, detail.startTime() == null ? now : detail.startTime(), duration(detail, now),
                actionFailure(detail, Failure.SOURCE_ERROR), action.location().toString(), action.ref().toString(),
                status.isSuccessful() ? commit : "", artifacts(detail));
    }

    /** A publish action: what it pushed comes from the variables its build exported. */
    public static PublishResult publish(PublishAction action, Optional<BuildResult> build, ActionExecutionDetail detail, Instant now) {
        Map<String, String> variables = build.map(BuildResult::exportedVariables).filter(v -> !v.isEmpty()).orElse(outputVariables(detail));
        Status status = build.map(BuildResult::status).orElse(actionStatus(detail.statusAsString()));
        Optional<Failure> failure = build.flatMap(BuildResult::failure);
        if (failure.isEmpty()) {
            failure = actionFailure(detail, Failure.PUBLISH_ERROR);
        }
        String tags = variables.getOrDefault(PublishBuild.TAGS_VARIABLE, "");
        return new PublishResult(action.name(), status, build.map(BuildResult::start).orElse(detail.startTime() == null ? now : detail.startTime()),
                build.map(BuildResult::duration).orElse(duration(detail, now)), status.isSuccessful() ? Optional.empty() : failure,
                variables.getOrDefault(PublishBuild.IMAGE_VARIABLE, action.repository()),
                tags.isEmpty() ? action.tags() : List.of(tags.split(",")), variables.getOrDefault(PublishBuild.DIGEST_VARIABLE, ""));
    }

    static Map<String, String> outputVariables(ActionExecutionDetail detail) {
        return detail.output() == null ? Map.of() : new LinkedHashMap<>(detail.output().outputVariables());
    }

    public static List<Artifact> artifacts(ActionExecutionDetail detail) {
        if (detail.output() == null) {
            return List.of();
        }
        List<Artifact> artifacts = new ArrayList<>();
        for (ArtifactDetail a : detail.output().outputArtifacts()) {
            if (a.s3location() != null && a.s3location().bucket() != null) {
                artifacts.add(new Artifact(a.name(), URI.create("s3://" + a.s3location().bucket() + "/" + a.s3location().key())));
            }
        }
        return artifacts;
    }

    static Optional<Failure> actionFailure(ActionExecutionDetail detail, String defaultCode) {
        Status status = actionStatus(detail.statusAsString());
        if (status.isSuccessful() || status == Status.IN_PROGRESS) {
            return Optional.empty();
        }
        ErrorDetails error = detail.output() == null || detail.output().executionResult() == null ? null
                : detail.output().executionResult().errorDetails();
        String summary = detail.output() == null || detail.output().executionResult() == null ? null
                : detail.output().executionResult().externalExecutionSummary();
        String code = error == null || error.code() == null ? defaultCode : error.code();
        String message = firstNonBlank(error == null ? null : error.message(), firstNonBlank(summary, "the action ended " + detail.statusAsString()));
        return Optional.of(Failure.of(code, message));
    }

    static Duration duration(ActionExecutionDetail detail, Instant now) {
        if (detail.startTime() == null) {
            return Duration.ZERO;
        }
        Instant end = actionStatus(detail.statusAsString()) == Status.IN_PROGRESS || detail.lastUpdateTime() == null ? now : detail.lastUpdateTime();
        return nonNegative(Duration.between(detail.startTime(), end));
    }

    private static Duration nonNegative(Duration d) {
        return d.isNegative() ? Duration.ZERO : d;
    }

    private static String firstNonBlank(String a, String b) {
        return a != null && !a.isBlank() ? a : b == null ? "" : b;
    }
}
