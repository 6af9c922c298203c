package dev.slipway.dsl;

import dev.slipway.core.Action;
import dev.slipway.core.InvalidPipelineException;
import dev.slipway.core.Pipeline;
import dev.slipway.core.Stage;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Builds a {@link Pipeline}. Immutable: every method returns a new builder.
 *
 * <pre>{@code
 * Pipeline p = pipeline("app")
 *     .stage("Source", git("https://example.com/app.git").branch("main"))
 *     .stage("Test", codeBuild("app-unit").image("slipway/debian").build("make test"),
 *                    codeBuild("app-lint").image("slipway/debian").build("make lint"))   // run in parallel
 *     .build();
 * }</pre>
 */
public final class PipelineBuilder {
    private final String name;
    private final List<StageSpec> stages;

    private record StageSpec(String name, List<ActionBuilder> actions) {
    }

    PipelineBuilder(String name) {
        this(name, List.of());
    }

    private PipelineBuilder(String name, List<StageSpec> stages) {
        this.name = Objects.requireNonNull(name, "name");
        this.stages = List.copyOf(stages);
    }

    /**
     * Adds a stage. Its actions run in parallel unless given different {@code runOrder}s. An action without a
     * name is named after the stage when it is alone in it.
     */
    public PipelineBuilder stage(String stageName, ActionBuilder... actions) {
        Objects.requireNonNull(stageName, "stageName");
        Objects.requireNonNull(actions, "actions");
        List<StageSpec> all = new ArrayList<>(stages);
        all.add(new StageSpec(stageName, List.of(actions)));
        return new PipelineBuilder(name, all);
    }

    /**
     * Builds and validates the pipeline; throws {@link InvalidPipelineException} listing every problem with
     * its path.
     */
    public Pipeline build() {
        Wiring wiring = new Wiring();
        List<Stage> built = new ArrayList<>();
        for (StageSpec spec : stages) {
            List<Action> actions = new ArrayList<>();
            for (ActionBuilder builder : spec.actions()) {
                String actionName = builder.explicitName() != null ? builder.explicitName()
                        : spec.actions().size() == 1 ? spec.name() : builder.defaultName();
                actions.add(builder.toAction(actionName, wiring));
            }
            wiring.add(actions);
            built.add(new Stage(spec.name(), actions));
        }
        return new Pipeline(name, built).validated();
    }

    @Override
    public String toString() {
        return "PipelineBuilder[" + name + ", stages=" + stages.stream().map(StageSpec::name).toList() + "]";
    }
}
