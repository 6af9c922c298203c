package dev.slipway.core;

import dev.slipway.core.internal.ResultJson;
import dev.slipway.core.internal.ResultTable;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * How a pipeline run ended, with every stage, action and build phase that ran. The same shape whichever
 * runtime ran it; stages after a failed one did not run and are absent.
 *
 * <pre>{@code
 * PipelineResult r = LocalRuntime.create().run(pipeline);
 * r.status();                                              // SUCCEEDED
 * r.source("Source").commit();
 * r.build("Build").phase(PhaseType.POST_BUILD).status();
 * r.publish("Publish").digest();
 * String json = r.toJson();                                // PipelineResult.fromJson(json).equals(r)
 * }</pre>
 *
 * @param runId        identifies the run (the CodePipeline execution ID on AWS)
 * @param pipelineName the pipeline
 * @param runtime      which runtime ran it: {@code local}, {@code aws}, {@code scripted}
 */
public record PipelineResult(
        String runId,
        String pipelineName,
        String runtime,
        Status status,
        Instant start,
        Duration duration,
        List<StageResult> stages) {

    public PipelineResult {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(pipelineName, "pipelineName");
        Objects.requireNonNull(runtime, "runtime");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(duration, "duration");
        stages = List.copyOf(stages);
    }

    public static PipelineResult fromJson(String json) {
        return ResultJson.read(json);
    }

    public String toJson() {
        return ResultJson.write(this);
    }

    public StageResult stage(String name) {
        return findStage(name).orElseThrow(() -> new IllegalArgumentException(
                "stage '" + name + "' did not run in pipeline '" + pipelineName + "'; stages that ran: "
                        + stages.stream().map(StageResult::name).toList()));
    }

    public Optional<StageResult> findStage(String name) {
        return stages.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** Every action result, stage by stage. */
    public Stream<ActionResult> actions() {
        return stages.stream().flatMap(s -> s.actions().stream());
    }

    /**
     * A build action's result by action name, or by stage name when that stage ran one build action.
     * Throws, naming what did run, when there is none; see {@link #find(String, Class)}.
     */
    public BuildResult build(String name) {
        return get(name, BuildResult.class);
    }

    public SourceResult source(String name) {
        return get(name, SourceResult.class);
    }

    public PublishResult publish(String name) {
        return get(name, PublishResult.class);
    }

    /** An action's result of the given kind by action name, or by stage name when the stage ran one such action. */
    public <T extends ActionResult> Optional<T> find(String name, Class<T> kind) {
        Objects.requireNonNull(name, "name");
        Optional<T> byAction = actions().filter(kind::isInstance).map(kind::cast).filter(a -> a.name().equals(name)).findFirst();
        if (byAction.isPresent()) {
            return byAction;
        }
        return findStage(name).flatMap(stage -> {
            List<T> ofKind = stage.actions().stream().filter(kind::isInstance).map(kind::cast).toList();
            return ofKind.size() == 1 ? Optional.of(ofKind.get(0)) : Optional.empty();
        });
    }

    private <T extends ActionResult> T get(String name, Class<T> kind) {
        return find(name, kind).orElseThrow(() -> new IllegalArgumentException(
                "no " + kind.getSimpleName() + " named '" + name + "' (by action, or by a stage holding one) in run of '"
                        + pipelineName + "' (" + status + "); actions that ran: "
                        + actions().map(a -> a.name() + " (" + a.getClass().getSimpleName() + ")").toList()));
    }

    /** The first action that did not succeed, if any. */
    public Optional<ActionResult> failedAction() {
        return actions().filter(a -> !a.status().isSuccessful()).findFirst();
    }

    /** A table of stages, actions and their outcome, as printed at the end of a run. */
    @Override
    public String toString() {
        return ResultTable.render(this);
    }
}
