package dev.slipway.core.spi;

import dev.slipway.core.Artifact;
import dev.slipway.core.BuildAction;
import dev.slipway.core.BuildResult;
import dev.slipway.core.BuildSpec;
import dev.slipway.core.Failure;
import dev.slipway.core.InvalidBuildSpecException;
import dev.slipway.core.PhaseResult;
import dev.slipway.core.PhaseType;
import dev.slipway.core.RunEvent;
import dev.slipway.core.SlipwayException;
import dev.slipway.core.Status;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Runs one build attempt the way CodeBuild does: SUBMITTED through FINALIZING, the buildspec's commands in
 * order, {@code finally} blocks, {@code on-failure}, {@code CODEBUILD_BUILD_SUCCEEDING}, the timeout,
 * exported variables and artifacts. The {@link BuildHost} does the work; {@link PhaseRules} decide what
 * runs next. LocalRuntime and ScriptedRuntime both run builds through this class.
 *
 * <p>Log lines are masked and emitted as {@link RunEvent.LogLine}s, with the agent's own lines
 * ({@code [Container] … Entering phase BUILD}) between the commands' output, as in a CodeBuild log.
 */
public final class BuildLifecycle {
    private static final DateTimeFormatter AGENT_TIME =
            DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);

    private final BuildRequest request;
    private final BuildHost host;
    private final ActionContext ctx;
    private final BuildAction action;
    private final List<PhaseResult> phases = new ArrayList<>();
    private final Map<String, String> exported = new LinkedHashMap<>();
    private final List<Artifact> artifacts = new ArrayList<>();
    private volatile SecretMasker masker = SecretMasker.none();
    private BuildSpec spec;
    private boolean shellStarted;
    private boolean variablesRead;
    private long deadlineMillis;
    private PhaseType currentPhase;

    private BuildLifecycle(BuildRequest request, BuildHost host) {
        this.request = request;
        this.host = host;
        this.ctx = request.context();
        this.action = request.action();
    }

    /** Runs the build and returns its result (a single attempt). Never throws for a failing build. */
    public static BuildResult run(BuildRequest request, BuildHost host) {
        return new BuildLifecycle(request, host).execute();
    }

    private BuildResult execute() {
        Instant start = ctx.clock().instant();
        deadlineMillis = start.toEpochMilli() + action.environment().timeout().toMillis();
        Optional<PhaseType> phase = Optional.of(PhaseType.SUBMITTED);
        while (phase.isPresent()) {
            PhaseType type = phase.get();
            if ((type == PhaseType.UPLOAD_ARTIFACTS || type == PhaseType.FINALIZING)) {
                readExportedVariables();
            }
            PhaseResult result = runPhaseWithRetries(type);
            phase = PhaseRules.next(type, result.status(), onFailure(type));
        }
        Status status = PhaseRules.buildStatus(phases);
        Optional<Failure> failure = phases.stream().filter(p -> !p.status().isSuccessful())
                .findFirst().flatMap(PhaseResult::failure);
        Duration duration = Duration.between(start, ctx.clock().instant());
        BuildResult result = new BuildResult(action.name(), status, start, duration, failure, request.buildId(),
                request.buildNumber(), action.projectName(), phases, exported, artifacts, List.of(), host.logLocation());
        return result.withAttempts(List.of(result.asAttempt(ctx.attempt())));
    }

    private Optional<BuildSpec.OnFailure> onFailure(PhaseType type) {
        return spec == null ? Optional.empty() : spec.phase(type).flatMap(BuildSpec.Phase::onFailure);
    }

    private PhaseResult runPhaseWithRetries(PhaseType type) {
        int retries = 0;
        while (true) {
            PhaseResult result = runPhase(type);
            String message = result.failure().map(Failure::message).orElse("");
            if (!PhaseRules.retryPhase(onFailure(type), retries, result.status(), message)) {
                phases.add(result);
                emit(new RunEvent.PhaseFinished(ctx.runId(), ctx.clock().instant(), ctx.stage(), action.name(), result));
                return result;
            }
            retries++;
            agent("Phase " + type + " failed, retrying (" + retries + " of " + onFailure(type).get().retryCount() + ")");
        }
    }

    private PhaseResult runPhase(PhaseType type) {
        currentPhase = type;
        Instant start = ctx.clock().instant();
        emit(new RunEvent.PhaseStarted(ctx.runId(), start, ctx.stage(), action.name(), type));
        if (type.isBuildspecPhase() || type == PhaseType.UPLOAD_ARTIFACTS) {
            agent("Entering phase " + type);
        }
        Outcome outcome;
        if (ctx.stopSignal().isStopped() && type != PhaseType.FINALIZING) {
            outcome = new Outcome(Status.STOPPED, Optional.of(Failure.of(Failure.BUILD_STOPPED, "Build was stopped")));
        } else {
            outcome = doPhase(type);
        }
        Duration duration = Duration.between(start, ctx.clock().instant());
        PhaseResult result = new PhaseResult(type, outcome.status, start, duration, outcome.failure.map(this::masked));
        if (type.isBuildspecPhase() || type == PhaseType.UPLOAD_ARTIFACTS) {
            agent("Phase complete: " + type + " State: " + outcome.status);
            agent("Phase context status code: " + outcome.failure.map(Failure::code).orElse("")
                    + " Message: " + outcome.failure.map(f -> masker.mask(f.message())).orElse(""));
        }
        if (!outcome.status.isSuccessful() && shellStarted && outcome.status == Status.FAILED) {
            setSucceedingFalse();
        }
        return result;
    }

    private Outcome doPhase(PhaseType type) {
        try {
            return switch (type) {
                case SUBMITTED, QUEUED -> Outcome.SUCCESS;
                case PROVISIONING -> {
                    host.provision();
                    yield Outcome.SUCCESS;
                }
                case DOWNLOAD_SOURCE -> downloadSource();
                case INSTALL, PRE_BUILD, BUILD, POST_BUILD -> commands(type);
                case UPLOAD_ARTIFACTS -> uploadArtifacts();
                case FINALIZING -> {
                    host.finish(this::output);
                    yield Outcome.SUCCESS;
                }
                case COMPLETED -> throw new IllegalStateException("COMPLETED is not run");
            };
        } catch (PhaseFailedException e) {
            return new Outcome(e.status(), Optional.of(e.failure()));
        } catch (RuntimeException e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return new Outcome(Status.FAULT, Optional.of(Failure.fault(reason)));
        }
    }

    private Outcome downloadSource() {
        Optional<String> path = action.buildSpec().isPresent() ? Optional.empty() : Optional.of(action.buildSpecPath());
        Optional<String> text = host.downloadSource(path);
        if (action.buildSpec().isPresent()) {
            spec = action.buildSpec().get();
        } else {
            String yaml = text.orElseThrow(() -> PhaseFailedException.failed(Failure.YAML_FILE_ERROR,
                    "stat " + host.sourceDirectory() + "/" + action.buildSpecPath() + ": no such file or directory"));
            try {
                spec = BuildSpec.parse(yaml, action.buildSpecPath());
            } catch (InvalidBuildSpecException e) {
                throw PhaseFailedException.failed(Failure.YAML_FILE_ERROR, e.getMessage());
            }
        }
        BuildVariables.Resolved env;
        try {
            env = BuildVariables.resolve(request, spec, host, deadlineMillis - action.environment().timeout().toMillis());
        } catch (SlipwayException e) {
            throw PhaseFailedException.failed(Failure.CLIENT_ERROR, e.getMessage());
        }
        masker = new SecretMasker(env.secretValues());
        agent("Processing environment variables");
        host.startShell(spec, env.variables());
        shellStarted = true;
        agent("Moving to directory " + host.sourceDirectory());
        agent("Phases found in YAML: " + spec.phases().size());
        return Outcome.SUCCESS;
    }

    private Outcome commands(PhaseType type) {
        Optional<BuildSpec.Phase> phase = spec.phase(type);
        if (phase.isEmpty()) {
            return Outcome.SUCCESS;
        }
        Outcome outcome = runAll(type, phase.get().commands());
        if (!phase.get().finallyCommands().isEmpty() && isCommandFailureOrSuccess(outcome)) {
            Outcome afterFinally = runAll(type, phase.get().finallyCommands());
            if (outcome.status.isSuccessful()) {
                outcome = afterFinally;
            }
        }
        return outcome;
    }

    private static boolean isCommandFailureOrSuccess(Outcome outcome) {
        return outcome.status == Status.SUCCEEDED || outcome.status == Status.FAILED;
    }

    private Outcome runAll(PhaseType type, List<String> commands) {
        for (String command : commands) {
            agent("Running command " + command);
            CommandResult result = host.execute(type, command, deadlineMillis, this::output);
            switch (result.kind()) {
                case EXITED -> {
                    if (result.exitCode() != 0) {
                        agent("Command did not exit successfully " + command + " exit status " + result.exitCode());
                        return new Outcome(Status.FAILED, Optional.of(Failure.command(command, result.exitCode())));
                    }
                }
                case TIMED_OUT -> {
                    agent("Build timed out after " + describe(action.environment().timeout()));
                    return new Outcome(Status.TIMED_OUT, Optional.of(Failure.of(Failure.BUILD_TIMED_OUT,
                            "Build timed out after " + describe(action.environment().timeout()) + " while running: " + command)));
                }
                case STOPPED -> {
                    return new Outcome(Status.STOPPED, Optional.of(Failure.of(Failure.BUILD_STOPPED,
                            "Build was stopped while running: " + command)));
                }
                case FAULT -> {
                    return new Outcome(Status.FAULT, Optional.of(Failure.fault(result.message())));
                }
            }
        }
        return Outcome.SUCCESS;
    }

    private Outcome uploadArtifacts() {
        if (spec == null) {
            return Outcome.SUCCESS;
        }
        boolean noPrimaryFiles = spec.artifacts().map(a -> a.files().isEmpty()).orElse(true);
        if (spec.artifacts().isEmpty() && action.outputArtifacts().isEmpty()) {
            return Outcome.SUCCESS;
        }
        if (noPrimaryFiles) {
            return new Outcome(Status.FAILED, Optional.of(Failure.clientError("no definition for primary artifacts in buildspec")));
        }
        artifacts.addAll(host.uploadArtifacts(spec.artifacts().get(), action.outputArtifacts(), this::output));
        return Outcome.SUCCESS;
    }

    private void readExportedVariables() {
        if (variablesRead || !shellStarted || spec.env().exportedVariables().isEmpty()) {
            return;
        }
        variablesRead = true;
        try {
            host.readVariables(spec.env().exportedVariables()).forEach((name, value) -> exported.put(name, masker.mask(value)));
        } catch (RuntimeException e) {
            agent("Could not read exported variables: " + e.getMessage());
        }
    }

    private void setSucceedingFalse() {
        try {
            host.setVariable("CODEBUILD_BUILD_SUCCEEDING", "0");
        } catch (RuntimeException e) {
            agent("Could not set CODEBUILD_BUILD_SUCCEEDING: " + e.getMessage());
        }
    }

    private Failure masked(Failure failure) {
        return new Failure(failure.code(), masker.mask(failure.message()), failure.command().map(masker::mask), failure.exitCode());
    }

    private void output(String line) {
        ctx.log(currentPhase, masker.mask(line));
    }

    private void agent(String message) {
        ctx.log(currentPhase, "[Container] " + AGENT_TIME.format(ctx.clock().instant()) + " " + masker.mask(message));
    }

    private void emit(RunEvent event) {
        ctx.emit(event);
    }

    private static String describe(Duration timeout) {
        return timeout.toSeconds() % 60 == 0 ? timeout.toMinutes() + " minutes" : timeout.toSeconds() + " seconds";
    }

    private record Outcome(Status status, Optional<Failure> failure) {
        static final Outcome SUCCESS = new Outcome(Status.SUCCEEDED, Optional.empty());
    }
}
