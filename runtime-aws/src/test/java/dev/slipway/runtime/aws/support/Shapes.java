package dev.slipway.runtime.aws.support;

import dev.slipway.core.ActionResult;
import dev.slipway.core.BuildResult;
import dev.slipway.core.PhaseResult;
import dev.slipway.core.PipelineResult;
import dev.slipway.core.StageResult;

import java.util.ArrayList;
import java.util.List;

/** A result's shape: stages, actions, kinds, statuses, phases and failures, without times and IDs. */
public final class Shapes {
    private Shapes() {
    }

    public static List<String> of(PipelineResult result) {
        List<String> lines = new ArrayList<>();
        lines.add("pipeline " + result.pipelineName() + " " + result.status());
        for (StageResult stage : result.stages()) {
            lines.add("stage " + stage.name() + " " + stage.status());
            for (ActionResult action : stage.actions()) {
                lines.add("  " + action.getClass().getSimpleName() + " " + action.name() + " " + action.status()
                        + action.failure().map(f -> " " + f.code() + f.command().map(c -> " [" + c + "]").orElse("")
                        + f.exitCode().map(c -> " exit " + c).orElse("")).orElse(""));
                if (action instanceof BuildResult build) {
                    for (PhaseResult phase : build.phases()) {
                        lines.add("    " + phase.type() + " " + phase.status()
                                + phase.failure().map(f -> " " + f.code() + " " + f.message()).orElse(""));
                    }
                    lines.add("    exported " + build.exportedVariables().keySet() + ", attempts " + build.attempts().size());
                }
            }
        }
        return lines;
    }
}
