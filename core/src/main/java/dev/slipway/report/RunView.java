package dev.slipway.report;

import dev.slipway.core.Action;
import dev.slipway.core.ActionResult;
import dev.slipway.core.BuildAction;
import dev.slipway.core.BuildResult;
import dev.slipway.core.Credentials;
import dev.slipway.core.Pipeline;
import dev.slipway.core.PipelineResult;
import dev.slipway.core.PublishAction;
import dev.slipway.core.Registry;
import dev.slipway.core.Secret;
import dev.slipway.core.SourceAction;
import dev.slipway.core.SourceResult;
import dev.slipway.core.Stage;
import dev.slipway.core.StageResult;
import dev.slipway.core.spi.SecretMasker;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A pipeline definition joined with how a run of it went: every stage and action of the definition, each with
 * its result or none (it did not run), plus anything the result holds that the definition does not.
 */
final class RunView {

    record StageView(int number, String name, Optional<Stage> definition, Optional<StageResult> result, List<ActionView> actions) {
        Outcome outcome() {
            return result.map(r -> Outcome.of(r.status())).orElse(Outcome.NOT_RUN);
        }
    }

    /**
     * @param id an HTML id and Mermaid node id unique in the page ({@code a2-1}: stage 2, action 1)
     */
    record ActionView(String id, String stage, String name, Optional<Action> definition, Optional<ActionResult> result) {
        Outcome outcome() {
            return result.map(r -> Outcome.of(r.status())).orElse(Outcome.NOT_RUN);
        }

        /** {@code source}, {@code build} or {@code publish}. */
        String kind() {
            if (result.isPresent()) {
                ActionResult r = result.get();
                return r instanceof SourceResult ? "source" : r instanceof BuildResult ? "build" : "publish";
            }
            Action a = definition.orElseThrow();
            return a instanceof SourceAction ? "source" : a instanceof BuildAction ? "build" : "publish";
        }

        Optional<BuildResult> build() {
            return result.filter(BuildResult.class::isInstance).map(BuildResult.class::cast);
        }
    }

    private final Optional<Pipeline> pipeline;
    private final Optional<PipelineResult> result;
    private final List<StageView> stages;

    private RunView(Optional<Pipeline> pipeline, Optional<PipelineResult> result) {
        this.pipeline = pipeline;
        this.result = result;
        this.stages = join(pipeline, result);
    }

    static RunView of(Optional<Pipeline> pipeline, Optional<PipelineResult> result) {
        return new RunView(pipeline, result);
    }

    Optional<Pipeline> pipeline() {
        return pipeline;
    }

    Optional<PipelineResult> result() {
        return result;
    }

    List<StageView> stages() {
        return stages;
    }

    List<ActionView> actions() {
        return stages.stream().flatMap(s -> s.actions().stream()).toList();
    }

    /** Masks the values of every {@link Secret.Value} the definition holds, in case one reached a result or log. */
    SecretMasker masker() {
        Set<String> values = new LinkedHashSet<>();
        pipeline.ifPresent(p -> p.actions().forEach(action -> {
            if (action instanceof BuildAction build) {
                build.environment().variables().values().forEach(v -> addSecret(values, v));
            } else if (action instanceof SourceAction source) {
                source.credentials().ifPresent(c -> addSecret(values, c.password()));
            } else if (action instanceof PublishAction publish && publish.registry() instanceof Registry.Docker docker) {
                docker.credentials().map(Credentials::password).ifPresent(s -> addSecret(values, s));
            }
        }));
        return new SecretMasker(values);
    }

    private static void addSecret(Set<String> values, Object value) {
        if (value instanceof Secret.Value secret) {
            values.add(secret.value());
        }
    }

    private static List<StageView> join(Optional<Pipeline> pipeline, Optional<PipelineResult> result) {
        List<StageView> stages = new ArrayList<>();
        List<String> named = new ArrayList<>();
        for (Stage stage : pipeline.map(Pipeline::stages).orElse(List.of())) {
            Optional<StageResult> stageResult = result.flatMap(r -> r.findStage(stage.name()));
            stages.add(stage(stages.size() + 1, stage.name(), Optional.of(stage), stageResult));
            named.add(stage.name());
        }
        for (StageResult stageResult : result.map(PipelineResult::stages).orElse(List.of())) {
            if (!named.contains(stageResult.name())) {
                stages.add(stage(stages.size() + 1, stageResult.name(), Optional.empty(), Optional.of(stageResult)));
            }
        }
        return List.copyOf(stages);
    }

    private static StageView stage(int number, String name, Optional<Stage> definition, Optional<StageResult> result) {
        List<ActionView> actions = new ArrayList<>();
        List<String> named = new ArrayList<>();
        for (Action action : definition.map(Stage::actions).orElse(List.of())) {
            Optional<ActionResult> actionResult = result.flatMap(r -> r.action(action.name()));
            actions.add(new ActionView(id(number, actions.size() + 1), name, action.name(), Optional.of(action), actionResult));
            named.add(action.name());
        }
        for (ActionResult actionResult : result.map(StageResult::actions).orElse(List.of())) {
            if (!named.contains(actionResult.name())) {
                actions.add(new ActionView(id(number, actions.size() + 1), name, actionResult.name(), Optional.empty(), Optional.of(actionResult)));
            }
        }
        return new StageView(number, name, definition, result, List.copyOf(actions));
    }

    private static String id(int stage, int action) {
        return "a" + stage + "-" + action;
    }
}
