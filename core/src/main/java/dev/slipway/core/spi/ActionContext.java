package dev.slipway.core.spi;

import dev.slipway.core.Action;
import dev.slipway.core.Pipeline;
import dev.slipway.core.PhaseType;
import dev.slipway.core.RunEvent;
import dev.slipway.core.RunListener;
import dev.slipway.core.RunOptions;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything an {@link ActionRunner} needs to run one attempt of one action: the run, the action, its input
 * artifacts, the variables exported by earlier builds, the listener, the clock and the stop signal.
 *
 * @param exportedVariables action name → its exported variables, for every earlier build action that ran, in the
 *                          order they finished
 */
public record ActionContext(
        String runId,
        Pipeline pipeline,
        String stage,
        Action action,
        int attempt,
        RunOptions options,
        List<ArtifactInput> inputs,
        Map<String, Map<String, String>> exportedVariables,
        RunListener listener,
        Clock clock,
        StopSignal stopSignal) {

    public ActionContext {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(pipeline, "pipeline");
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(options, "options");
        inputs = List.copyOf(inputs);
        exportedVariables = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(exportedVariables));
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(stopSignal, "stopSignal");
    }

    public Optional<ArtifactInput> primaryInput() {
        return inputs.isEmpty() ? Optional.empty() : Optional.of(inputs.get(0));
    }

    public void emit(RunEvent event) {
        listener.onEvent(event);
    }

    /** Emits one line of output of this action (masking is the caller's job). */
    public void log(PhaseType phase, String line) {
        listener.onEvent(new RunEvent.LogLine(runId, clock.instant(), stage, action.name(), phase, line));
    }

    /** Looks a tag or value template's variable up in the variables earlier builds exported. */
    public Optional<String> variable(Templates.Reference reference) {
        return Templates.lookup(reference, exportedVariables);
    }
}
