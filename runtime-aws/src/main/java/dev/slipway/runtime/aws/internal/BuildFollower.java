package dev.slipway.runtime.aws.internal;

import dev.slipway.core.BuildResult;
import dev.slipway.core.RunEvent;
import dev.slipway.core.spi.SecretMasker;
import dev.slipway.runtime.aws.AwsRuntimeException;
import software.amazon.awssdk.services.codebuild.model.BatchGetBuildsResponse;
import software.amazon.awssdk.services.codebuild.model.Build;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Follows one CodeBuild build to its end with BatchGetBuilds on the {@link PollSchedule}, telling the listeners
 * of its phases and (when somebody listens) its log lines, and returns its {@link BuildResult}. A stop stops the
 * build (StopBuild) and follows it until CodeBuild says STOPPED.
 */
public final class BuildFollower {
    private final AwsClients clients;
    private final AwsCalls calls;
    private int statusCalls;
    private int logCalls;

    public BuildFollower(AwsClients clients, AwsCalls calls) {
        this.clients = clients;
        this.calls = calls;
    }

    /** BatchGetBuilds calls made so far. */
    public int statusCalls() {
        return statusCalls;
    }

    /** GetLogEvents calls made so far. */
    public int logCalls() {
        return logCalls;
    }

    public BuildResult follow(Build started, String stage, String action, RunContext ctx) {
        Optional<LogTail> logs = ctx.wantsLogs()
                ? Optional.of(new LogTail(clients.logs(), calls, ctx, stage, action, SecretMasker.none())) : Optional.empty();
        BuildWatcher watcher = new BuildWatcher(started.id(), stage, action, ctx, logs);
        PollSchedule schedule = new PollSchedule(ctx.random());
        AutoCloseable onStop = ctx.stop().onStop(() -> ctx.background().execute(() -> stop(started.id())));
        try {
            watcher.update(started);
            while (!watcher.isComplete()) {
                if (!ctx.sleep(ctx.stop().isStopped() ? schedule.nextSettling() : schedule.next(watcher.currentPhase()))) {
                    break;
                }
                watcher.update(get(started.id(), stage, action, ctx));
            }
        } finally {
            close(onStop);
            logCalls += watcher.logCalls();
        }
        Build last = watcher.build().orElse(started);
        BuildResult result = ResultMapper.build(action, last, ctx.clock().instant(), List.of(), Map.of());
        ctx.emit(new RunEvent.ActionFinished(ctx.runId(), ctx.clock().instant(), stage, result));
        return result;
    }

    private Build get(String id, String stage, String action, RunContext ctx) {
        statusCalls++;
        BatchGetBuildsResponse response = calls.call("codebuild:BatchGetBuilds", ctx.site(stage, action),
                () -> clients.codeBuild().batchGetBuilds(b -> b.ids(id)));
        return response.builds().stream().filter(b -> id.equals(b.id())).findFirst().orElseThrow(() -> new AwsRuntimeException(
                "codebuild:BatchGetBuilds does not know build " + id + " (buildsNotFound): it may have been deleted", "codebuild:BatchGetBuilds",
                null, 200, 1, null));
    }

    void stop(String id) {
        try {
            calls.call("codebuild:StopBuild", () -> clients.codeBuild().stopBuild(b -> b.id(id)));
        } catch (AwsRuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(BuildFollower.class).warn("could not stop build {}: {}", id, e.getMessage());
        }
    }

    private static void close(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // unregistering a callback does not fail
        }
    }
}
