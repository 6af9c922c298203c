package dev.slipway.runtime.aws.internal;

import dev.slipway.core.Action;
import dev.slipway.core.BuildAction;
import dev.slipway.core.BuildAttempt;
import dev.slipway.core.BuildResult;
import dev.slipway.core.Pipeline;
import dev.slipway.core.RunEvent;
import dev.slipway.core.RunOptions;
import dev.slipway.core.Stage;
import dev.slipway.core.Status;
import dev.slipway.core.spi.Sleeper;
import dev.slipway.core.spi.StopSignal;
import dev.slipway.runtime.aws.BuildOptions;
import software.amazon.awssdk.services.codebuild.model.Build;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.random.RandomGenerator;

/**
 * Runs one build action alone: deploys what it needs (its project, the CodeBuild role, its image's repository),
 * starts it with {@link BuildStarter}'s request, follows it with {@link BuildFollower}, and runs it again after a
 * failure as its {@code retry(n)} says (a new StartBuild, as CodeBuild's auto-retry makes a new build).
 */
public final class BuildRunner {
    private final AwsClients clients;
    private final AwsCalls calls;
    private final Deployment deployment;
    private final Clock clock;
    private final Sleeper sleeper;
    private final RandomGenerator random;
    private final Executor background;

    public BuildRunner(AwsClients clients, AwsCalls calls, Deployment deployment, Clock clock, Sleeper sleeper, RandomGenerator random,
                       Executor background) {
        this.clients = clients;
        this.calls = calls;
        this.deployment = deployment;
        this.clock = clock;
        this.sleeper = sleeper;
        this.random = random;
        this.background = background;
    }

    public BuildResult run(Pipeline pipeline, Stage stage, BuildAction build, ResourceModel full, BuildOptions options, StopSignal stop) {
        ResourceModel slice = Resources.forBuild(full, build.projectName());
        deployment.deploy(slice);
        ResourceModel.Project project = slice.projects().get(0);
        RunOptions runOptions = options.runOptions();
        List<BuildAttempt> attempts = new ArrayList<>();
        BuildResult result;
        int attempt = 1;
        while (true) {
            String runId = "build-" + UUID.randomUUID().toString().substring(0, 8);
            RunContext ctx = new RunContext(runId, runOptions.listener(), !options.listeners().isEmpty(), clock, sleeper, random, stop, background);
            ctx.emit(new RunEvent.ActionStarted(runId, clock.instant(), stage.name(), build.name(), attempt));
            Build started = calls.call("codebuild:StartBuild", ctx.site(stage.name(), build.name()), () -> clients.codeBuild()
                    .startBuild(BuildStarter.request(pipeline, build, project, clients.region(), options.sourceVersion(),
                            options.environmentOverrides()))).build();
            result = new BuildFollower(clients, calls).follow(started, stage.name(), build.name(), ctx);
            attempts.add(result.asAttempt(attempt));
            boolean retryable = result.status() == Status.FAILED || result.status() == Status.FAULT || result.status() == Status.TIMED_OUT;
            if (!retryable || attempt > build.environment().retry().maxRetries() || stop.isStopped()) {
                break;
            }
            Duration wait = build.environment().retry().backoff(attempt);
            ctx.emit(new RunEvent.Retrying(runId, clock.instant(), stage.name(), build.name(), "build", attempt + 1, wait,
                    result.failure().map(f -> f.message()).orElse(result.status().name())));
            if (!ctx.sleep(wait) || stop.isStopped()) {
                break;
            }
            attempt++;
        }
        return result.withAttempts(attempts);
    }

    /** The stage of a build action named {@code action}, or the stage of that name holding one build action. */
    public static Stage stageOf(Pipeline pipeline, String action) {
        for (Stage stage : pipeline.stages()) {
            if (stage.action(action).filter(a -> a instanceof BuildAction).isPresent()) {
                return stage;
            }
        }
        return pipeline.findStage(action).filter(s -> s.actions().stream().filter(a -> a instanceof BuildAction).count() == 1)
                .orElseThrow(() -> new IllegalArgumentException("pipeline '" + pipeline.name() + "' has no build action '" + action
                        + "' (nor a stage of that name holding one); its build actions are "
                        + pipeline.actions().filter(a -> a instanceof BuildAction).map(Action::name).toList()));
    }

    public static BuildAction buildAction(Stage stage, String action) {
        return stage.action(action).filter(a -> a instanceof BuildAction).map(BuildAction.class::cast)
                .orElseGet(() -> stage.actions().stream().filter(a -> a instanceof BuildAction).map(BuildAction.class::cast)
                        .findFirst().orElseThrow());
    }
}
