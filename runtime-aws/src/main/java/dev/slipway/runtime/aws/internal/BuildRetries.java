package dev.slipway.runtime.aws.internal;

import dev.slipway.core.Action;
import dev.slipway.core.ActionResult;
import dev.slipway.core.BuildAction;
import dev.slipway.core.Failure;
import dev.slipway.core.RetryPolicy;
import dev.slipway.core.RunEvent;
import dev.slipway.core.Status;
import dev.slipway.runtime.aws.AwsRuntimeException;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.codepipeline.model.StageRetryMode;

import java.time.Duration;
import java.util.Set;

/**
 * A build's {@code retry(n)} inside a pipeline. CodeBuild's own auto-retry does not apply to builds CodePipeline
 * starts (CODEBUILD.md §2.3), so Slipway re-runs the failed action itself, as LocalRuntime does: once the stage has
 * failed, it waits the policy's backoff and calls RetryStageExecution with FAILED_ACTIONS, which resumes the same
 * execution with a new build. Each attempt shows in the result.
 */
final class BuildRetries {
    private static final Set<String> NOT_RETRYABLE = Set.of("StageNotRetryableException", "NotLatestPipelineExecutionException",
            "ConflictException");

    private final AwsClients clients;
    private final AwsCalls calls;
    private final String pipelineName;
    private final String executionId;
    private final RunContext ctx;

    BuildRetries(AwsClients clients, AwsCalls calls, String pipelineName, String executionId, RunContext ctx) {
        this.clients = clients;
        this.calls = calls;
        this.pipelineName = pipelineName;
        this.executionId = executionId;
        this.ctx = ctx;
    }

    /** Whether attempt {@code attempt} of {@code action}, which ended as {@code result}, is to run again. */
    boolean wanted(Action action, ActionResult result, int attempt) {
        if (!(action instanceof BuildAction build) || ctx.stop().isStopped()) {
            return false;
        }
        Status status = result.status();
        boolean retryable = status == Status.FAILED || status == Status.FAULT || status == Status.TIMED_OUT;
        return retryable && attempt <= build.environment().retry().maxRetries();
    }

    /** Waits the backoff, then has CodePipeline run the stage's failed actions again; false if stopped meanwhile. */
    boolean retry(String stage, BuildAction action, ActionResult failed, int attempt) {
        if (ctx.stop().isStopped()) {
            return false;
        }
        RetryPolicy policy = action.environment().retry();
        Duration wait = policy.backoff(attempt);
        ctx.emit(new RunEvent.Retrying(ctx.runId(), ctx.clock().instant(), stage, action.name(), "build", attempt + 1, wait,
                failed.failure().map(Failure::message).orElse(failed.status().name())));
        if (!ctx.sleep(wait) || ctx.stop().isStopped()) {
            return false;
        }
        try {
            calls.call("codepipeline:RetryStageExecution", ctx.site(stage, action.name()), () -> clients.codePipeline()
                    .retryStageExecution(b -> b.pipelineName(pipelineName).stageName(stage).pipelineExecutionId(executionId)
                            .retryMode(StageRetryMode.FAILED_ACTIONS)));
            return true;
        } catch (AwsRuntimeException e) {
            if (e.errorCode().filter(NOT_RETRYABLE::contains).isEmpty()) {
                throw e;
            }
            // a newer execution took the stage over, or somebody else retried it: this attempt is the last
            LoggerFactory.getLogger(BuildRetries.class).warn("cannot retry stage {} of execution {}: {}", stage, executionId, e.getMessage());
            return false;
        }
    }
}
