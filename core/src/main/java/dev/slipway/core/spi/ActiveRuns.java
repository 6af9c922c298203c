package dev.slipway.core.spi;

import dev.slipway.core.Pipeline;
import dev.slipway.core.PipelineResult;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The runs a runtime has in progress, so that {@code stop()} and {@code close()} reach each of them. A run is
 * registered before its work starts (a stop at once is never missed) and forgotten when it ends.
 */
public final class ActiveRuns {
    private final Set<RunHandle> runs = ConcurrentHashMap.newKeySet();

    /**
     * Starts {@code work} on a thread of its own as a run of {@code pipeline}; the run completes with what the work
     * returns, or exceptionally with what it throws.
     */
    public RunHandle start(String runId, Pipeline pipeline, Function<StopSignal, PipelineResult> work) {
        RunHandle handle = RunHandle.unstarted(runId, pipeline);
        runs.add(handle);
        handle.result().whenComplete((result, error) -> runs.remove(handle));
        return handle.begin(work);
    }

    /** Asks every run in progress to stop; returns at once. */
    public void stopAll() {
        runs.forEach(RunHandle::stop);
    }

    /** The runs in progress now. */
    public List<RunHandle> snapshot() {
        return List.copyOf(runs);
    }
}
