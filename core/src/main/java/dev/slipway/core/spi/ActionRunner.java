package dev.slipway.core.spi;

import dev.slipway.core.ActionResult;

/**
 * Runs one attempt of one action; a runtime's part of the {@link PipelineExecutor}. A failure of the work is
 * a result with a FAILED (or FAULT, TIMED_OUT, STOPPED) status; an exception thrown here is turned into a
 * FAULT result by the executor.
 */
@FunctionalInterface
public interface ActionRunner {
    ActionResult run(ActionContext context);
}
