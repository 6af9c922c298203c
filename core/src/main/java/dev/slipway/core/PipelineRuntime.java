package dev.slipway.core;

import java.util.Objects;

/**
 * Runs pipelines: locally in Docker ({@code LocalRuntime}), on AWS ({@code AwsRuntime}), or scripted in
 * memory for unit tests ({@code ScriptedRuntime}). Every runtime returns the same {@link PipelineResult}.
 *
 * <pre>{@code
 * try (PipelineRuntime runtime = LocalRuntime.create()) {
 *     PipelineResult result = runtime.run(pipeline, ConsoleReporter.create());
 * }
 * }</pre>
 *
 * <p>Closing a runtime stops its runs and removes whatever it created for them.
 */
public interface PipelineRuntime extends AutoCloseable {

    /** Starts a run and returns at once. Throws {@link InvalidPipelineException} for an invalid pipeline. */
    PipelineRun start(Pipeline pipeline, RunOptions options);

    default PipelineRun start(Pipeline pipeline) {
        return start(pipeline, RunOptions.defaults());
    }

    /** Runs the pipeline to the end and returns how it went. */
    default PipelineResult run(Pipeline pipeline) {
        return start(pipeline).await();
    }

    /** Runs the pipeline to the end, telling the listeners as it goes. */
    default PipelineResult run(Pipeline pipeline, RunListener... listeners) {
        Objects.requireNonNull(listeners, "listeners");
        return start(pipeline, RunOptions.of(listeners)).await();
    }

    /** Stops every run of this runtime that is in progress. */
    void stop();

    /** Stops runs in progress and releases what the runtime holds. */
    @Override
    void close();
}
