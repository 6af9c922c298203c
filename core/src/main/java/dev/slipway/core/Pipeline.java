package dev.slipway.core;

import dev.slipway.core.internal.PipelineValidator;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A pipeline definition: stages run one after the other, each holding actions. Pure, immutable data;
 * runtimes execute it and return a {@link PipelineResult}.
 *
 * <pre>{@code
 * Pipeline p = Slipway.pipeline("todobackend")
 *     .stage("Source", git("https://github.com/docker-in-aws/todobackend.git").branch("master"))
 *     .stage("Build", codeBuild("todobackend").image("slipway/debian").build("make test"))
 *     .build();
 * p.stage("Build").actions();
 * }</pre>
 *
 * <p>The DSL's {@code build()} validates once and throws {@link InvalidPipelineException}; a pipeline made
 * with this constructor directly can be checked with {@link #problems()}.
 */
public record Pipeline(String name, List<Stage> stages) {

    public Pipeline {
        Objects.requireNonNull(name, "name");
        stages = List.copyOf(stages);
    }

    /** Every problem that would keep this pipeline from running or deploying; empty when valid. */
    public List<Problem> problems() {
        return PipelineValidator.validate(this);
    }

    /** Throws {@link InvalidPipelineException} listing every problem, or returns this pipeline. */
    public Pipeline validated() {
        List<Problem> problems = problems();
        if (!problems.isEmpty()) {
            throw new InvalidPipelineException(name, problems);
        }
        return this;
    }

    public Stage stage(String stageName) {
        return findStage(stageName).orElseThrow(() -> new IllegalArgumentException(
                "pipeline '" + name + "' has no stage '" + stageName + "'; its stages are " + stageNames()));
    }

    public Optional<Stage> findStage(String stageName) {
        return stages.stream().filter(s -> s.name().equals(stageName)).findFirst();
    }

    public List<String> stageNames() {
        return stages.stream().map(Stage::name).toList();
    }

    /** Every action of every stage, in stage order. */
    public Stream<Action> actions() {
        return stages.stream().flatMap(s -> s.actions().stream());
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("Pipeline ").append(name);
        stages.forEach(stage -> s.append("\n  ").append(stage));
        return s.toString();
    }
}
