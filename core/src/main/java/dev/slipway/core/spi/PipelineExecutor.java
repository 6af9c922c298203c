package dev.slipway.core.spi;

import dev.slipway.core.Action;
import dev.slipway.core.ActionResult;
import dev.slipway.core.Artifact;
import dev.slipway.core.BuildAction;
import dev.slipway.core.BuildAttempt;
import dev.slipway.core.BuildResult;
import dev.slipway.core.Failure;
import dev.slipway.core.Pipeline;
import dev.slipway.core.PipelineResult;
import dev.slipway.core.PublishAction;
import dev.slipway.core.PublishResult;
import dev.slipway.core.RetryPolicy;
import dev.slipway.core.RunEvent;
import dev.slipway.core.RunListener;
import dev.slipway.core.RunOptions;
import dev.slipway.core.SourceAction;
import dev.slipway.core.SourceResult;
import dev.slipway.core.Stage;
import dev.slipway.core.StageResult;
import dev.slipway.core.Status;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a pipeline the way CodePipeline does, with a runtime's {@link ActionRunner} doing each action:
 * stages one after the other; within a stage, actions grouped by run order, each group in parallel; a failed
 * group ends the stage and a failed stage ends the run. Builds with a {@link RetryPolicy} run again after a
 * failure, and their result lists the attempts. Artifacts and exported variables flow to later actions.
 *
 * <p>LocalRuntime and ScriptedRuntime both run pipelines through this class.
 */
public final class PipelineExecutor {
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final String runtimeName;
    private final ActionRunner runner;
    private final Clock clock;
    private final Sleeper sleeper;

    /**
     * @param runtimeName what results call the runtime ({@code local}, {@code scripted})
     * @param runner      runs one attempt of one action
     * @param clock       timestamps of results and events
     * @param sleeper     waits between build retries
     */
    public PipelineExecutor(String runtimeName, ActionRunner runner, Clock clock, Sleeper sleeper) {
        this.runtimeName = runtimeName;
        this.runner = runner;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    public PipelineResult execute(String runId, Pipeline pipeline, RunOptions options, StopSignal stop) {
        return new Run(runId, pipeline, options, stop).execute();
    }

    private final class Run {
        private final String runId;
        private final Pipeline pipeline;
        private final RunOptions options;
        private final StopSignal stop;
        private final RunListener listener;
        private final Map<String, ArtifactInput> artifacts = new ConcurrentHashMap<>();
        private final Map<String, Map<String, String>> exported = new LinkedHashMap<>();

        Run(String runId, Pipeline pipeline, RunOptions options, StopSignal stop) {
            this.runId = runId;
            this.pipeline = pipeline;
            this.options = options;
            this.stop = stop;
            this.listener = options.listener();
        }

        PipelineResult execute() {
            Instant start = clock.instant();
            listener.onEvent(new RunEvent.PipelineStarted(runId, start, pipeline.name(), runtimeName));
            List<StageResult> stages = new ArrayList<>();
            Status status = Status.SUCCEEDED;
            ExecutorService pool = Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "slipway-" + runId + "-action-" + THREADS.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
            try {
                for (Stage stage : pipeline.stages()) {
                    if (stop.isStopped()) {
                        status = status.and(Status.STOPPED);
                        break;
                    }
                    StageResult result = runStage(stage, pool);
                    stages.add(result);
                    status = status.and(result.status());
                    if (!result.status().isSuccessful()) {
                        break;
                    }
                }
            } finally {
                pool.shutdownNow();
            }
            PipelineResult result = new PipelineResult(runId, pipeline.name(), runtimeName, status, start,
                    Duration.between(start, clock.instant()), stages);
            listener.onEvent(new RunEvent.PipelineFinished(runId, clock.instant(), result));
            return result;
        }

        private StageResult runStage(Stage stage, ExecutorService pool) {
            Instant start = clock.instant();
            listener.onEvent(new RunEvent.StageStarted(runId, start, stage.name()));
            List<ActionResult> results = new ArrayList<>();
            Status status = Status.SUCCEEDED;
            for (List<Action> group : stage.actionsByRunOrder().values()) {
                if (stop.isStopped()) {
                    status = status.and(Status.STOPPED);
                    break;
                }
                List<ActionResult> groupResults = runGroup(stage, group, pool);
                results.addAll(groupResults);
                for (ActionResult r : groupResults) {
                    status = status.and(r.status());
                }
                if (!status.isSuccessful()) {
                    break;
                }
            }
            StageResult result = new StageResult(stage.name(), status, start, Duration.between(start, clock.instant()), results);
            listener.onEvent(new RunEvent.StageFinished(runId, clock.instant(), result));
            return result;
        }

        private List<ActionResult> runGroup(Stage stage, List<Action> group, ExecutorService pool) {
            if (group.size() == 1) {
                return List.of(runAction(stage, group.get(0)));
            }
            List<Future<ActionResult>> futures = new ArrayList<>();
            for (Action action : group) {
                futures.add(pool.submit(() -> runAction(stage, action)));
            }
            List<ActionResult> results = new ArrayList<>();
            for (int i = 0; i < futures.size(); i++) {
                results.add(await(futures.get(i), group.get(i)));
            }
            return results;
        }

        private ActionResult await(Future<ActionResult> future, Action action) {
            try {
                return future.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stop.stop();
                return faulted(action, clock.instant(), "interrupted while waiting for the action");
            } catch (ExecutionException e) {
                return faulted(action, clock.instant(), String.valueOf(e.getCause()));
            }
        }

        private ActionResult runAction(Stage stage, Action action) {
            RetryPolicy retry = action instanceof BuildAction build ? build.environment().retry() : RetryPolicy.none();
            List<BuildAttempt> attempts = new ArrayList<>();
            ActionResult result;
            int attempt = 1;
            while (true) {
                result = runAttempt(stage, action, attempt);
                if (result instanceof BuildResult build) {
                    attempts.add(build.asAttempt(attempt));
                }
                boolean retryable = result.status() == Status.FAILED || result.status() == Status.FAULT || result.status() == Status.TIMED_OUT;
                if (!retryable || attempt > retry.maxRetries() || stop.isStopped()) {
                    break;
                }
                Duration wait = retry.backoff(attempt);
                listener.onEvent(new RunEvent.Retrying(runId, clock.instant(), stage.name(), action.name(), "build",
                        attempt + 1, wait, result.failure().map(Failure::message).orElse(result.status().name())));
                if (sleeper.sleep(wait, stop)) {
                    break;
                }
                attempt++;
            }
            if (result instanceof BuildResult build) {
                result = build.withAttempts(attempts);
            }
            record(action, result);
            listener.onEvent(new RunEvent.ActionFinished(runId, clock.instant(), stage.name(), result));
            return result;
        }

        private ActionResult runAttempt(Stage stage, Action action, int attempt) {
            Instant start = clock.instant();
            listener.onEvent(new RunEvent.ActionStarted(runId, start, stage.name(), action.name(), attempt));
            ActionContext context;
            synchronized (exported) {
                context = new ActionContext(runId, pipeline, stage.name(), action, attempt, options, inputsOf(action),
                        exported, listener, clock, stop);
            }
            try {
                return runner.run(context);
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(PipelineExecutor.class).warn("action {} failed unexpectedly", action.name(), e);
                String reason = e.getMessage() == null ? e.getClass().getName() : e.getMessage();
                return faulted(action, start, reason);
            }
        }

        private List<ArtifactInput> inputsOf(Action action) {
            List<ArtifactInput> inputs = new ArrayList<>();
            for (String name : action.inputArtifacts()) {
                ArtifactInput input = artifacts.get(name);
                if (input != null) {
                    inputs.add(input);
                }
            }
            return inputs;
        }

        private void record(Action action, ActionResult result) {
            String commit = result instanceof SourceResult source
                    ? source.commit()
                    : inputsOf(action).stream().findFirst().map(ArtifactInput::commit).orElse("");
            for (Artifact artifact : result.artifacts()) {
                artifacts.put(artifact.name(), new ArtifactInput(artifact, action.name(), commit));
            }
            if (result instanceof BuildResult build && !build.exportedVariables().isEmpty()) {
                synchronized (exported) {
                    exported.remove(action.name());
                    exported.put(action.name(), build.exportedVariables());
                }
            }
        }

        private ActionResult faulted(Action action, Instant start, String reason) {
            Duration duration = Duration.between(start, clock.instant());
            Optional<Failure> failure = Optional.of(Failure.fault(reason));
            if (action instanceof SourceAction s) {
                return new SourceResult(s.name(), Status.FAULT, start, duration, failure, s.location().toString(),
                        s.ref().toString(), "", List.of());
            }
            if (action instanceof BuildAction b) {
                return new BuildResult(b.name(), Status.FAULT, start, duration, failure, "", 0, b.projectName(),
                        List.of(), Map.of(), List.of(), List.of(), "");
            }
            PublishAction p = (PublishAction) action;
            return new PublishResult(p.name(), Status.FAULT, start, duration, failure, p.repository(), p.tags(), "");
        }
    }
}
