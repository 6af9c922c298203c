package dev.slipway.dsl;

import dev.slipway.core.Action;
import dev.slipway.core.BuildAction;
import dev.slipway.core.BuildEnvironment;
import dev.slipway.core.BuildSpec;
import dev.slipway.core.ComputeType;
import dev.slipway.core.EnvValue;
import dev.slipway.core.PhaseType;
import dev.slipway.core.RetryPolicy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A CodeBuild build action. Immutable: every method returns a new builder.
 *
 * <pre>{@code
 * codeBuild("todobackend")
 *     .image("slipway/debian")
 *     .privileged(true)
 *     .env("MAKEFLAGS", "-s")
 *     .preBuild("export APP_VERSION=$CODEBUILD_RESOLVED_SOURCE_VERSION")
 *     .build("make test", "make release")
 *     .postBuild("make clean")
 *     .exportedVariables("APP_VERSION")
 *     .timeout(Duration.ofMinutes(30))
 *     .retry(3);
 * }</pre>
 *
 * <p>The buildspec comes from, in this order: {@link #buildspec(BuildSpec)} with any inline phases added
 * to it; inline phases alone; or, with neither, the file {@code buildspec.yml} in the source at run time —
 * as CodeBuild does ({@link #buildspecFromSource(String)} names another file).
 */
public final class CodeBuildBuilder extends ActionBuilder {

    private static final class State {
        String project;
        String name;
        int runOrder = 1;
        String image = "";
        ComputeType computeType = ComputeType.SMALL;
        boolean privileged;
        boolean hostDockerSocket;
        Map<String, EnvValue> variables = new LinkedHashMap<>();
        Duration timeout = BuildEnvironment.DEFAULT_TIMEOUT;
        RetryPolicy retry = RetryPolicy.none();
        BuildSpec base;
        String buildSpecPath = BuildAction.DEFAULT_BUILDSPEC_PATH;
        EnumMap<PhaseType, List<String>> commands = new EnumMap<>(PhaseType.class);
        EnumMap<PhaseType, List<String>> finallyCommands = new EnumMap<>(PhaseType.class);
        EnumMap<PhaseType, BuildSpec.OnFailure> onFailure = new EnumMap<>(PhaseType.class);
        List<String> exportedVariables = new ArrayList<>();
        BuildSpec.Artifacts artifacts;
        BuildSpec.Cache cache;
        String shell;
        List<String> inputs;
        List<String> outputs;

        State copy() {
            State s = new State();
            s.project = project;
            s.name = name;
            s.runOrder = runOrder;
            s.image = image;
            s.computeType = computeType;
            s.privileged = privileged;
            s.hostDockerSocket = hostDockerSocket;
            s.variables = new LinkedHashMap<>(variables);
            s.timeout = timeout;
            s.retry = retry;
            s.base = base;
            s.buildSpecPath = buildSpecPath;
            commands.forEach((k, v) -> s.commands.put(k, new ArrayList<>(v)));
            finallyCommands.forEach((k, v) -> s.finallyCommands.put(k, new ArrayList<>(v)));
            s.onFailure.putAll(onFailure);
            s.exportedVariables = new ArrayList<>(exportedVariables);
            s.artifacts = artifacts;
            s.cache = cache;
            s.shell = shell;
            s.inputs = inputs;
            s.outputs = outputs;
            return s;
        }
    }

    private final State state;

    CodeBuildBuilder(String projectName) {
        state = new State();
        state.project = Objects.requireNonNull(projectName, "projectName");
    }

    private CodeBuildBuilder(State state) {
        this.state = state;
    }

    private CodeBuildBuilder with(Consumer<State> change) {
        State copy = state.copy();
        change.accept(copy);
        return new CodeBuildBuilder(copy);
    }

    /** The build image: a local image, an ECR URI, or a CodeBuild curated image. */
    public CodeBuildBuilder image(String image) {
        Objects.requireNonNull(image, "image");
        return with(s -> s.image = image);
    }

    /** The compute size; LocalRuntime limits memory to match. Default SMALL. */
    public CodeBuildBuilder computeType(ComputeType computeType) {
        Objects.requireNonNull(computeType, "computeType");
        return with(s -> s.computeType = computeType);
    }

    /** Privileged mode, for Docker-in-Docker ({@code nohup dockerd &} in pre_build, as in the book). */
    public CodeBuildBuilder privileged(boolean privileged) {
        return with(s -> s.privileged = privileged);
    }

    /**
     * LocalRuntime: give the build the host's Docker socket instead of Docker-in-Docker — faster, and images
     * it builds stay on the host for a later publish. On AWS this deploys as privileged mode.
     */
    public CodeBuildBuilder hostDockerSocket(boolean mount) {
        return with(s -> s.hostDockerSocket = mount);
    }

    /** A plain-text project variable; it wins over the buildspec's {@code env.variables}. */
    public CodeBuildBuilder env(String name, String value) {
        return env(name, EnvValue.plain(Objects.requireNonNull(value, "value")));
    }

    /** A project variable, plain or secret ({@code secret(...)}, {@code parameterStore(...)}, {@code secretsManager(...)}). */
    public CodeBuildBuilder env(String name, EnvValue value) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        return with(s -> s.variables.put(name, value));
    }

    public CodeBuildBuilder install(String... commands) {
        return phase(PhaseType.INSTALL, commands);
    }

    public CodeBuildBuilder preBuild(String... commands) {
        return phase(PhaseType.PRE_BUILD, commands);
    }

    public CodeBuildBuilder build(String... commands) {
        return phase(PhaseType.BUILD, commands);
    }

    public CodeBuildBuilder postBuild(String... commands) {
        return phase(PhaseType.POST_BUILD, commands);
    }

    /** Adds commands to a buildspec phase (added after a given buildspec's own commands). */
    public CodeBuildBuilder phase(PhaseType phase, String... commands) {
        requireBuildspecPhase(phase);
        List<String> list = List.of(commands);
        return with(s -> s.commands.computeIfAbsent(phase, k -> new ArrayList<>()).addAll(list));
    }

    /** The phase's {@code finally} block: runs after its commands even when one failed. */
    public CodeBuildBuilder finallyCommands(PhaseType phase, String... commands) {
        requireBuildspecPhase(phase);
        List<String> list = List.of(commands);
        return with(s -> s.finallyCommands.computeIfAbsent(phase, k -> new ArrayList<>()).addAll(list));
    }

    /** The phase's {@code on-failure}: {@code OnFailure.ABORT}, {@code OnFailure.CONTINUE}, or {@code OnFailure.parse("RETRY-2")}. */
    public CodeBuildBuilder onFailure(PhaseType phase, BuildSpec.OnFailure onFailure) {
        requireBuildspecPhase(phase);
        Objects.requireNonNull(onFailure, "onFailure");
        return with(s -> s.onFailure.put(phase, onFailure));
    }

    /** Variables whose final values the build exports, for later stages (image tags) and the result. */
    public CodeBuildBuilder exportedVariables(String... names) {
        List<String> list = List.of(names);
        return with(s -> s.exportedVariables.addAll(list));
    }

    /** The buildspec's {@code artifacts}: these file globs become the build's output artifact. */
    public CodeBuildBuilder artifacts(String... files) {
        return artifacts(BuildSpec.Artifacts.files(files));
    }

    public CodeBuildBuilder artifacts(BuildSpec.Artifacts artifacts) {
        Objects.requireNonNull(artifacts, "artifacts");
        return with(s -> s.artifacts = artifacts);
    }

    /** Paths kept between builds ({@code cache: paths}). */
    public CodeBuildBuilder cache(String... paths) {
        BuildSpec.Cache cache = BuildSpec.Cache.paths(paths);
        return with(s -> s.cache = cache);
    }

    /** {@code env.shell}: {@code bash} or {@code /bin/sh}; default POSIX sh. */
    public CodeBuildBuilder shell(String shell) {
        Objects.requireNonNull(shell, "shell");
        return with(s -> s.shell = shell);
    }

    /** An existing buildspec drives the build; inline phases add to its phases. */
    public CodeBuildBuilder buildspec(BuildSpec spec) {
        Objects.requireNonNull(spec, "spec");
        return with(s -> s.base = spec);
    }

    /** Reads and parses a buildspec file now (errors name the file, line and key). */
    public CodeBuildBuilder buildspec(Path file) {
        return buildspec(BuildSpec.parse(file));
    }

    /** Read the buildspec from this file in the source at run time, as CodeBuild does. */
    public CodeBuildBuilder buildspecFromSource(String path) {
        Objects.requireNonNull(path, "path");
        return with(s -> {
            s.buildSpecPath = path;
            s.base = null;
        });
    }

    /** 5 minutes to 36 hours on AWS (LocalRuntime accepts shorter); default 60 minutes. */
    public CodeBuildBuilder timeout(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        return with(s -> s.timeout = timeout);
    }

    /** Run the build again up to {@code retries} times after a failure (1 s, 2 s, 4 s … apart). */
    public CodeBuildBuilder retry(int retries) {
        return retry(RetryPolicy.retries(retries));
    }

    public CodeBuildBuilder retry(RetryPolicy policy) {
        Objects.requireNonNull(policy, "policy");
        return with(s -> s.retry = policy);
    }

    public CodeBuildBuilder name(String actionName) {
        Objects.requireNonNull(actionName, "actionName");
        return with(s -> s.name = actionName);
    }

    public CodeBuildBuilder runOrder(int order) {
        return with(s -> s.runOrder = order);
    }

    /** The input artifacts, primary first (default: the latest source's output). */
    public CodeBuildBuilder input(String... artifactNames) {
        List<String> list = List.of(artifactNames);
        return with(s -> s.inputs = list);
    }

    /**
     * The output artifacts (default: {@code <action>Output} when the buildspec has artifacts, plus one per
     * secondary artifact).
     */
    public CodeBuildBuilder output(String... artifactNames) {
        List<String> list = List.of(artifactNames);
        return with(s -> s.outputs = list);
    }

    private static void requireBuildspecPhase(PhaseType phase) {
        Objects.requireNonNull(phase, "phase");
        if (!phase.isBuildspecPhase()) {
            throw new IllegalArgumentException(phase + " is not a buildspec phase; use one of " + PhaseType.BUILDSPEC_PHASES);
        }
    }

    @Override
    String explicitName() {
        return state.name;
    }

    @Override
    String defaultName() {
        return state.project;
    }

    @Override
    Action toAction(String actionName, Wiring wiring) {
        Optional<BuildSpec> spec = buildSpec();
        List<String> inputs = state.inputs != null ? state.inputs : wiring.latestSourceOutput().map(List::of).orElse(List.of());
        List<String> outputs = state.outputs;
        if (outputs == null) {
            outputs = new ArrayList<>();
            Optional<BuildSpec.Artifacts> artifacts = spec.flatMap(BuildSpec::artifacts);
            if (artifacts.isPresent()) {
                outputs.add(Wiring.outputName(actionName));
                outputs.addAll(artifacts.get().secondaryArtifacts().keySet());
            }
        }
        BuildEnvironment environment = new BuildEnvironment(state.image, state.computeType, state.privileged,
                state.hostDockerSocket, state.variables, state.timeout, state.retry);
        return new BuildAction(actionName, state.runOrder, state.project, environment, spec, state.buildSpecPath, inputs, outputs);
    }

    private Optional<BuildSpec> buildSpec() {
        boolean inline = !state.commands.isEmpty() || !state.finallyCommands.isEmpty() || !state.onFailure.isEmpty()
                || !state.exportedVariables.isEmpty() || state.artifacts != null || state.cache != null || state.shell != null;
        if (state.base == null && !inline) {
            return Optional.empty();
        }
        BuildSpec.Builder b = (state.base != null ? state.base : BuildSpec.empty()).toBuilder();
        state.commands.forEach(b::addCommands);
        BuildSpec partial = b.build();
        state.finallyCommands.forEach((phase, commands) -> {
            BuildSpec.Phase current = partial.phase(phase).orElse(BuildSpec.Phase.EMPTY);
            List<String> all = new ArrayList<>(current.finallyCommands());
            all.addAll(commands);
            b.phase(phase, current.withFinally(all));
        });
        BuildSpec withFinally = b.build();
        state.onFailure.forEach((phase, rule) ->
                b.phase(phase, withFinally.phase(phase).orElse(BuildSpec.Phase.EMPTY).withOnFailure(rule)));
        BuildSpec.Env env = withFinally.env();
        if (!state.exportedVariables.isEmpty()) {
            List<String> exported = new ArrayList<>(env.exportedVariables());
            state.exportedVariables.stream().filter(v -> !exported.contains(v)).forEach(exported::add);
            env = env.withExportedVariables(exported);
        }
        if (state.shell != null) {
            env = env.withShell(state.shell);
        }
        b.env(env);
        if (state.artifacts != null) {
            b.artifacts(state.artifacts);
        }
        if (state.cache != null) {
            b.cache(state.cache);
        }
        return Optional.of(b.build());
    }

    @Override
    public String toString() {
        return "codeBuild " + state.project + (state.image.isEmpty() ? "" : " in " + state.image);
    }
}
