package dev.slipway.runtime.aws.internal;

import dev.slipway.core.Action;
import dev.slipway.core.ActionResult;
import dev.slipway.core.BuildAction;
import dev.slipway.core.BuildAttempt;
import dev.slipway.core.BuildResult;
import dev.slipway.core.Pipeline;
import dev.slipway.core.PipelineResult;
import dev.slipway.core.PublishAction;
import dev.slipway.core.RunEvent;
import dev.slipway.core.SourceAction;
import dev.slipway.core.Stage;
import dev.slipway.core.StageResult;
import dev.slipway.core.Status;
import dev.slipway.core.spi.SecretMasker;
import software.amazon.awssdk.services.codepipeline.model.ActionExecutionDetail;
import software.amazon.awssdk.services.codepipeline.model.ListActionExecutionsResponse;
import software.amazon.awssdk.services.codepipeline.model.PipelineExecution;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Follows a CodePipeline execution to its end and returns the same {@link PipelineResult} LocalRuntime would.
 *
 * <p>Each tick costs as few calls as the moment needs. While builds run, only BatchGetBuilds (one call for all of
 * them, at a phase-aware pace), plus a look at CodePipeline once a minute in case something else ends the
 * execution. While CodePipeline itself is what moves (a source action, a stage transition, a build that just
 * ended), GetPipelineExecution and ListActionExecutions filtered by this execution (GetPipelineState would only
 * show the latest execution of each stage). Stages and actions are reported as they start and end; for CodeBuild
 * actions the build's phases and, when somebody listens, its log lines. Failed builds with {@code retry(n)} run
 * again ({@link BuildRetries}).
 */
public final class ExecutionFollower {
    private static final Duration LOOK_AT_PIPELINE_EVERY = Duration.ofSeconds(60);
    private static final Duration GIVE_UP_ON_RETRY_AFTER = Duration.ofMinutes(10);

    private final AwsClients clients;
    private final AwsCalls calls;
    private final Pipeline pipeline;
    private final RunContext ctx;
    private final String executionId;
    private final Instant start;
    private final BuildRetries retries;
    private final Map<String, Tracker> trackers = new LinkedHashMap<>();
    private final BuildWatchers watchers;
    private final Set<String> stagesStarted = new LinkedHashSet<>();
    private final Map<String, StageResult> stageResults = new LinkedHashMap<>();
    private PipelineExecution execution;

    /** One action of this execution, as far as it has got, over all its attempts. */
    private static final class Tracker {
        final Stage stage;
        final Action action;
        ActionExecutionDetail detail;
        BuildWatcher watcher;
        ActionResult result;
        int attempt = 1;
        final List<BuildAttempt> attempts = new ArrayList<>();
        ActionResult failedAttempt;        // ended and is to run again
        ActionResult retried;              // the attempt a retry was asked for after
        Instant retriedAt;                 // when: CodePipeline has not started the retry yet

        Tracker(Stage stage, Action action) {
            this.stage = stage;
            this.action = action;
        }

        boolean finished() {
            return result != null;
        }
    }

    public ExecutionFollower(AwsClients clients, AwsCalls calls, Pipeline pipeline, RunContext ctx, String executionId, Instant start) {
        this.clients = clients;
        this.calls = calls;
        this.pipeline = pipeline;
        this.ctx = ctx;
        this.executionId = executionId;
        this.start = start;
        this.retries = new BuildRetries(clients, calls, pipeline.name(), executionId, ctx);
        this.watchers = new BuildWatchers(clients, calls, ctx);
    }

    /** The builds in progress, for a stop. */
    public Collection<String> activeBuilds() {
        return watchers.runningIds();
    }

    /**
     * Tells AWS to stop: StopPipelineExecution with abandon (nothing further starts, actions in progress are
     * abandoned) and StopBuild for the builds in progress, which CodePipeline would otherwise let run. The follower
     * goes on until AWS reports the end.
     */
    public void stopOnAws() {
        try {
            calls.call("codepipeline:StopPipelineExecution", () -> clients.codePipeline().stopPipelineExecution(b -> b
                    .pipelineName(pipeline.name()).pipelineExecutionId(executionId).abandon(true).reason("stopped by Slipway")));
        } catch (dev.slipway.runtime.aws.AwsRuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(ExecutionFollower.class).warn("could not stop execution {}: {}", executionId, e.getMessage());
        }
        for (String build : activeBuilds()) {
            try {
                calls.call("codebuild:StopBuild", () -> clients.codeBuild().stopBuild(b -> b.id(build)));
            } catch (dev.slipway.runtime.aws.AwsRuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(ExecutionFollower.class).warn("could not stop build {}: {}", build, e.getMessage());
            }
        }
    }

    public PipelineResult follow() {
        ctx.emit(new RunEvent.PipelineStarted(ctx.runId(), start, pipeline.name(), "aws"));
        PollSchedule schedule = new PollSchedule(ctx.random());
        boolean refresh = true;
        Instant lastRefresh = Instant.MIN;
        while (true) {
            if (refresh) {
                refresh();
                lastRefresh = ctx.clock().instant();
            }
            List<BuildWatcher> active = watchers.running();
            if (!active.isEmpty()) {
                watchers.poll(active);
            }
            finishActions();
            boolean executionEnded = ResultMapper.executionStatus(execution.statusAsString()).isFinal();
            boolean buildsRunning = watchers.anyRunning();
            if (executionEnded && !buildsRunning) {
                if (!refresh) {           // the end was seen in an older answer: read the final action states once more
                    refresh();
                    finishActions();
                }
                if (!retryFailedBuilds()) {
                    break;
                }
            }
            boolean buildEnded = active.stream().anyMatch(BuildWatcher::isComplete);
            boolean awaitingPipeline = trackers.values().stream().anyMatch(t -> !t.finished()
                    && (t.failedAttempt != null || t.retriedAt != null || t.watcher != null && t.watcher.isComplete()));
            Duration wait;
            if (ctx.stop().isStopped() || buildEnded || awaitingPipeline) {
                wait = schedule.nextSettling();
                refresh = true;
            } else if (buildsRunning) {
                wait = schedule.next(watchers.mostUrgentPhase());
                refresh = Duration.between(lastRefresh, ctx.clock().instant().plus(wait)).compareTo(LOOK_AT_PIPELINE_EVERY) >= 0;
            } else {
                wait = schedule.nextWaiting();
                refresh = true;
            }
            if (!ctx.sleep(wait)) {
                break;
            }
        }
        return result();
    }

    /** Retries the failed builds that ask for it, once the execution has failed; false when there was none. */
    private boolean retryFailedBuilds() {
        boolean waiting = false;
        for (Tracker t : trackers.values()) {
            if (t.failedAttempt != null) {
                ActionResult failed = t.failedAttempt;
                t.failedAttempt = null;
                if (retries.retry(t.stage.name(), (BuildAction) t.action, failed, t.attempt)) {
                    t.attempts.add(((BuildResult) failed).asAttempt(t.attempt));
                    t.attempt++;
                    t.retried = failed;
                    t.retriedAt = ctx.clock().instant();
                    t.watcher = null;
                } else {
                    finish(t, failed);
                }
            }
            if (t.retriedAt != null) {
                if (Duration.between(t.retriedAt, ctx.clock().instant()).compareTo(GIVE_UP_ON_RETRY_AFTER) > 0) {
                    t.retriedAt = null;     // CodePipeline never started the retry: the last attempt stands
                    t.attempt--;
                    t.attempts.remove(t.attempts.size() - 1);
                    finish(t, t.retried);
                } else {
                    waiting = true;
                }
            }
        }
        return waiting;
    }

    private void refresh() {
        execution = calls.call("codepipeline:GetPipelineExecution", ctx.site("", ""), () -> clients.codePipeline()
                .getPipelineExecution(b -> b.pipelineName(pipeline.name()).pipelineExecutionId(executionId))).pipelineExecution();
        Map<String, ActionExecutionDetail> latest = new LinkedHashMap<>();
        String token = null;
        do {
            String next = token;
            ListActionExecutionsResponse page = calls.call("codepipeline:ListActionExecutions", ctx.site("", ""), () -> clients.codePipeline()
                    .listActionExecutions(b -> b.pipelineName(pipeline.name()).filter(f -> f.pipelineExecutionId(executionId))
                            .maxResults(100).nextToken(next)));
            for (ActionExecutionDetail detail : page.actionExecutionDetails()) {
                String key = detail.stageName() + "/" + detail.actionName();
                ActionExecutionDetail known = latest.get(key);
                if (known == null || isLater(detail, known)) {
                    latest.put(key, detail);   // a retried action shows up once per attempt: the latest counts
                }
            }
            token = page.nextToken();
        } while (token != null && !token.isEmpty());
        boolean ended = ResultMapper.executionStatus(execution.statusAsString()).isFinal();
        for (Stage stage : pipeline.stages()) {
            for (Action action : stage.actions()) {
                ActionExecutionDetail detail = latest.get(stage.name() + "/" + action.name());
                if (detail != null) {
                    track(stage, action, detail);
                }
            }
            // report what ended in this stage before what started in the next one, as the stages ran
            List<BuildWatcher> lagging = trackers.values().stream().filter(t -> t.stage == stage && t.watcher != null
                    && !t.watcher.isComplete() && ResultMapper.actionStatus(t.detail.statusAsString()).isFinal()).map(t -> t.watcher).toList();
            if (!lagging.isEmpty()) {
                watchers.poll(lagging);
            }
            finishStage(stage, ended);
        }
    }

    private static boolean isLater(ActionExecutionDetail detail, ActionExecutionDetail than) {
        return than.startTime() == null || detail.startTime() != null && detail.startTime().isAfter(than.startTime());
    }

    private void track(Stage stage, Action action, ActionExecutionDetail detail) {
        String key = stage.name() + "/" + action.name();
        Tracker tracker = trackers.get(key);
        Instant when = detail.startTime() == null ? ctx.clock().instant() : detail.startTime();
        if (tracker == null) {
            tracker = new Tracker(stage, action);
            trackers.put(key, tracker);
            if (stagesStarted.add(stage.name())) {
                ctx.emit(new RunEvent.StageStarted(ctx.runId(), when, stage.name()));
            }
            ctx.emit(new RunEvent.ActionStarted(ctx.runId(), when, stage.name(), action.name(), 1));
        } else if (tracker.retriedAt != null) {
            if (!isLater(detail, tracker.detail)) {
                return;                      // still the failed attempt: the retry has not started yet
            }
            tracker.retriedAt = null;
            ctx.emit(new RunEvent.ActionStarted(ctx.runId(), when, stage.name(), action.name(), tracker.attempt));
        }
        tracker.detail = detail;
        String buildId = detail.output() == null || detail.output().executionResult() == null ? null
                : detail.output().executionResult().externalExecutionId();
        if (!(action instanceof SourceAction) && buildId != null && buildId.contains(":")
                && (tracker.watcher == null || !tracker.watcher.buildId().equals(buildId))) {
            Optional<LogTail> logs = ctx.wantsLogs()
                    ? Optional.of(new LogTail(clients.logs(), calls, ctx, stage.name(), action.name(), SecretMasker.none()))
                    : Optional.empty();
            tracker.watcher = new BuildWatcher(buildId, stage.name(), action.name(), ctx, logs);
            watchers.add(tracker.watcher);
        }
    }

    private void finishActions() {
        boolean executionEnded = execution != null && ResultMapper.executionStatus(execution.statusAsString()).isFinal();
        for (Stage stage : pipeline.stages()) {
            finishStage(stage, executionEnded);
        }
    }

    /** Reports the actions of {@code stage} that ended, then the stage if it is done. */
    private void finishStage(Stage stage, boolean executionEnded) {
        for (Tracker t : trackers.values()) {
            if (t.stage != stage || t.finished() || t.failedAttempt != null || t.retriedAt != null) {
                continue;
            }
            Status status = ResultMapper.actionStatus(t.detail.statusAsString());
            boolean buildDone = t.watcher == null || t.watcher.isComplete();
            if (buildDone && (status.isFinal() || executionEnded)) {
                ActionResult result = map(t);
                if (retries.wanted(t.action, result, t.attempt)) {
                    t.failedAttempt = result;
                } else {
                    finish(t, result);
                }
            }
        }
        if (stagesStarted.contains(stage.name()) && !stageResults.containsKey(stage.name()) && stageDone(stage, executionEnded)) {
            StageResult result = stageResult(stage);
            stageResults.put(stage.name(), result);
            ctx.emit(new RunEvent.StageFinished(ctx.runId(), ctx.clock().instant(), result));
        }
    }

    private void finish(Tracker t, ActionResult result) {
        if (result instanceof BuildResult build) {
            List<BuildAttempt> all = new ArrayList<>(t.attempts);
            all.add(build.asAttempt(t.attempt));
            result = build.withAttempts(all);
        }
        t.result = result;
        ctx.emit(new RunEvent.ActionFinished(ctx.runId(), ctx.clock().instant(), t.stage.name(), result));
    }

    private boolean stageDone(Stage stage, boolean executionEnded) {
        List<Tracker> mine = trackers.values().stream().filter(t -> t.stage == stage).toList();
        if (mine.stream().anyMatch(t -> !t.finished())) {
            return false;
        }
        boolean all = mine.size() == stage.actions().size();
        boolean failed = mine.stream().anyMatch(t -> !t.result.status().isSuccessful());
        boolean later = pipeline.stages().stream().skip(pipeline.stages().indexOf(stage) + 1L).anyMatch(s -> stagesStarted.contains(s.name()));
        return all || failed || later || executionEnded;
    }

    private ActionResult map(Tracker t) {
        Instant now = ctx.clock().instant();
        if (t.action instanceof SourceAction source) {
            return ResultMapper.source(source, t.detail, execution == null ? List.of() : execution.artifactRevisions(), now);
        }
        Optional<BuildResult> build = t.watcher == null ? Optional.empty() : t.watcher.build().map(b ->
                ResultMapper.build(t.action.name(), b, now, ResultMapper.artifacts(t.detail), ResultMapper.outputVariables(t.detail)));
        if (t.action instanceof PublishAction publish) {
            return ResultMapper.publish(publish, build, t.detail, now);
        }
        BuildAction action = (BuildAction) t.action;
        return build.orElseGet(() -> ResultMapper.buildNotStarted(action, action.projectName(), t.detail, now));
    }

    private StageResult stageResult(Stage stage) {
        List<ActionResult> actions = new ArrayList<>();
        for (List<Action> group : stage.actionsByRunOrder().values()) {
            for (Action action : group) {
                Tracker t = trackers.get(stage.name() + "/" + action.name());
                if (t != null) {
                    if (!t.finished()) {
                        finish(t, t.failedAttempt != null ? t.failedAttempt : map(t));
                    }
                    actions.add(t.result);
                }
            }
        }
        Status status = actions.stream().map(ActionResult::status).reduce(Status.SUCCEEDED, Status::and);
        Instant first = actions.stream().map(ActionResult::start).min(Instant::compareTo).orElse(ctx.clock().instant());
        Instant last = actions.stream().map(a -> a.start().plus(a.duration())).max(Instant::compareTo).orElse(first);
        return new StageResult(stage.name(), status, first, Duration.between(first, last), actions);
    }

    private PipelineResult result() {
        List<StageResult> stages = new ArrayList<>();
        for (Stage stage : pipeline.stages()) {
            if (!stagesStarted.contains(stage.name())) {
                continue;
            }
            StageResult result = stageResults.get(stage.name());
            if (result == null) {
                result = stageResult(stage);
                stageResults.put(stage.name(), result);
                ctx.emit(new RunEvent.StageFinished(ctx.runId(), ctx.clock().instant(), result));
            }
            stages.add(result);
        }
        Status status = stages.stream().map(StageResult::status).reduce(Status.SUCCEEDED, Status::and);
        Status ended = execution == null ? Status.IN_PROGRESS : ResultMapper.executionStatus(execution.statusAsString());
        if (ended == Status.STOPPED || ended == Status.IN_PROGRESS) {
            status = status.and(Status.STOPPED);
        } else if (ended == Status.FAILED && status.isSuccessful()) {
            status = Status.FAILED;
        }
        PipelineResult result = new PipelineResult(executionId, pipeline.name(), "aws", status, start,
                Duration.between(start, ctx.clock().instant()), stages);
        ctx.emit(new RunEvent.PipelineFinished(ctx.runId(), ctx.clock().instant(), result));
        return result;
    }
}
