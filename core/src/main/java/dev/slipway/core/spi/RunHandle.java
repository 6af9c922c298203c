package dev.slipway.core.spi;

import dev.slipway.core.Pipeline;
import dev.slipway.core.PipelineResult;
import dev.slipway.core.PipelineRun;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * A {@link PipelineRun} whose work runs on a thread of its own. Runtimes start one per run with
 * {@link ActiveRuns#start}.
 */
public final class RunHandle implements PipelineRun {
    private final String runId;
    private final Pipeline pipeline;
    private final StopSignal stopSignal = new StopSignal();
    private final CompletableFuture<PipelineResult> result = new CompletableFuture<>();

    private RunHandle(String runId, Pipeline pipeline) {
        this.runId = runId;
        this.pipeline = pipeline;
    }

    /** A run that has not started: {@link ActiveRuns} registers it first, then {@link #begin} starts it. */
    static RunHandle unstarted(String runId, Pipeline pipeline) {
        return new RunHandle(runId, pipeline);
    }

    /**
     * Starts {@code work} on a new thread named after the run; the handle completes with what it returns,
     * or exceptionally with what it throws.
     */
    RunHandle begin(Function<StopSignal, PipelineResult> work) {
        Objects.requireNonNull(work, "work");
        Thread thread = new Thread(() -> {
            try {
                result.complete(work.apply(stopSignal));
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        }, "slipway-run-" + runId);
        thread.start();
        return this;
    }

    /** A new run ID: short enough to read, random enough not to collide. */
    public static String newRunId() {
        return java.util.UUID.randomUUID().toString().substring(0, 8);
    }

    @Override
    public String runId() {
        return runId;
    }

    @Override
    public Pipeline pipeline() {
        return pipeline;
    }

    public StopSignal stopSignal() {
        return stopSignal;
    }

    @Override
    public PipelineResult await() {
        try {
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for run " + runId, e);
        } catch (ExecutionException e) {
            throw rethrow(e.getCause());
        }
    }

    @Override
    public Optional<PipelineResult> await(Duration timeout) {
        try {
            return Optional.of(result.get(timeout.toNanos(), TimeUnit.NANOSECONDS));
        } catch (TimeoutException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for run " + runId, e);
        } catch (ExecutionException e) {
            throw rethrow(e.getCause());
        }
    }

    @Override
    public CompletableFuture<PipelineResult> result() {
        return result.copy();
    }

    @Override
    public boolean isDone() {
        return result.isDone();
    }

    @Override
    public void stop() {
        stopSignal.stop();
    }

    private static RuntimeException rethrow(Throwable cause) {
        if (cause instanceof RuntimeException re) {
            return re;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new IllegalStateException(cause);
    }
}
