package dev.slipway.core;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A run in progress: follow it, wait for it, stop it.
 *
 * <pre>{@code
 * PipelineRun run = runtime.start(pipeline);
 * run.await(Duration.ofMinutes(5)).orElseGet(() -> { run.stop(); return run.await(); });
 * }</pre>
 */
public interface PipelineRun {

    String runId();

    Pipeline pipeline();

    /** Blocks until the run ends and returns how it ended. Failed builds are results, not exceptions. */
    PipelineResult await();

    /** Waits at most {@code timeout}; empty if the run is still going. */
    Optional<PipelineResult> await(Duration timeout);

    /** Completes with the result when the run ends. */
    CompletableFuture<PipelineResult> result();

    boolean isDone();

    /**
     * Stops the run: running builds end as STOPPED, nothing further starts. Returns at once; {@link #await()}
     * gives the result once everything is cleaned up.
     */
    void stop();
}
