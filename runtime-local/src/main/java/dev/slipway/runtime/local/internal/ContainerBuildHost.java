package dev.slipway.runtime.local.internal;

import dev.slipway.core.Artifact;
import dev.slipway.core.BuildAction;
import dev.slipway.core.BuildSpec;
import dev.slipway.core.Failure;
import dev.slipway.core.PhaseType;
import dev.slipway.core.Status;
import dev.slipway.core.spi.ActionContext;
import dev.slipway.core.spi.ArtifactInput;
import dev.slipway.core.spi.BuildHost;
import dev.slipway.core.spi.CommandResult;
import dev.slipway.core.spi.PhaseFailedException;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A {@link dev.slipway.core.spi.BuildLifecycle build}'s host in Docker: one {@link BuildContainer} per build
 * attempt, sources copied to CodeBuild's paths ({@code /codebuild/output/src<digits>/src}), commands run by
 * the container's {@link ContainerShell}, artifacts and caches copied out, the container removed at
 * FINALIZING (or by {@link #close()} if the lifecycle never got there). A stop kills the container at once.
 */
public final class ContainerBuildHost implements BuildHost, AutoCloseable {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final LocalServices services;
    private final ActionContext context;
    private final BuildAction action;
    private final String buildId;
    private final Path artifactsDirectory;
    private final Path logFile;
    private final String sourceDirectory;
    private final Map<String, String> secondaryDirectories = new LinkedHashMap<>();
    private volatile BuildContainer container;
    private volatile boolean killed;
    private AutoCloseable stopRegistration;
    private BuildSpec spec;
    private String shell = "sh";
    private boolean oneShellPerCommand;

    public ContainerBuildHost(LocalServices services, ActionContext context, BuildAction action, String buildId,
                              Path artifactsDirectory, Path logFile) {
        this.services = services;
        this.context = context;
        this.action = action;
        this.buildId = buildId;
        this.artifactsDirectory = artifactsDirectory;
        this.logFile = logFile;
        this.sourceDirectory = newSourceRoot() + "/src";
    }

    @Override
    public void provision() {
        String uuid = buildId.substring(buildId.indexOf(':') + 1);
        BuildContainer.Spec spec = new BuildContainer.Spec(action.environment().image(),
                "slipway-" + action.projectName() + "-" + uuid.substring(0, 8),
                Labels.of(context.runId(), buildId, services.owner()), sourceDirectory,
                action.environment().computeType().memoryBytes(), action.environment().privileged(),
                action.environment().hostDockerSocket());
        DockerCalls calls = services.calls().reportingTo((what, attempt, delay, reason) -> context.emit(
                new dev.slipway.core.RunEvent.Retrying(context.runId(), context.clock().instant(), context.stage(),
                        action.name(), what, attempt, delay, reason)));
        container = BuildContainer.start(spec, services.docker(), calls, services.tracker(), services.privilegedMode(),
                services::pullAuth);
        stopRegistration = context.stopSignal().onStop(this::stopNow);
    }

    @Override
    public Optional<String> downloadSource(Optional<String> buildSpecPath) {
        List<ArtifactInput> inputs = context.inputs();
        for (int i = 0; i < inputs.size(); i++) {
            ArtifactInput input = inputs.get(i);
            Path directory = localDirectory(input);
            String target = i == 0 ? sourceDirectory : secondarySourceDirectory(input.name());
            guarded(() -> container.copyIn(() -> Tars.directory(directory, target, path -> false), "/"));
        }
        if (buildSpecPath.isEmpty() || inputs.isEmpty()) {
            return Optional.empty();
        }
        Path file = localDirectory(inputs.get(0)).resolve(buildSpecPath.get());
        try {
            return Files.isRegularFile(file) ? Optional.of(Files.readString(file, StandardCharsets.UTF_8)) : Optional.empty();
        } catch (IOException e) {
            throw PhaseFailedException.failed(Failure.YAML_FILE_ERROR, "cannot read " + file + ": " + e.getMessage());
        }
    }

    @Override
    public String sourceDirectory() {
        return sourceDirectory;
    }

    @Override
    public synchronized String secondarySourceDirectory(String artifactName) {
        return secondaryDirectories.computeIfAbsent(artifactName, name -> newSourceRoot() + "/src");
    }

    @Override
    public void startShell(BuildSpec buildSpec, Map<String, String> environment) {
        this.spec = buildSpec;
        this.shell = buildSpec.env().shell().map(String::strip).filter(s -> !s.isEmpty()).orElse("sh");
        this.oneShellPerCommand = buildSpec.oneShellPerCommand();
        StringBuilder env = new StringBuilder();
        environment.forEach((name, value) -> env.append(AgentScript.exportLine(name, value)));
        env.append("cd ").append(AgentScript.quote(sourceDirectory)).append('\n');
        container.shell().writeFile(AgentScript.BASE_ENV, env.toString(), false);
        container.shell().writeFile(AgentScript.SHELL_ENV, env.toString(), false);
        if (buildSpec.runAs().isPresent() || buildSpec.phases().values().stream().anyMatch(p -> p.runAs().isPresent())) {
            log("run-as is not supported by LocalRuntime: commands run as root");
        }
        if (buildSpec.phase(PhaseType.INSTALL).map(p -> !p.runtimeVersions().isEmpty()).orElse(false)) {
            // What CodeBuild says on every image but its curated ones, which LocalRuntime does not have.
            log("Skipping install of runtimes. Runtime version selection is not supported by this build image.");
        }
        buildSpec.cache().filter(cache -> cache.action().map("restore"::equalsIgnoreCase).orElse(true)).ifPresent(cache -> guarded(() ->
                services.cacheStore().restore(container, action.projectName(), cache, sourceDirectory, this::log)));
    }

    @Override
    public CommandResult execute(PhaseType phase, String command, long deadlineMillis, Consumer<String> output) {
        if (context.stopSignal().isStopped()) {
            return CommandResult.stopped();
        }
        CommandResult result = container.shell().run(shell, environmentFile(), !oneShellPerCommand, command,
                deadlineMillis, output);
        return switch (result.kind()) {
            case EXITED, STOPPED -> result;
            case TIMED_OUT -> {
                killed = true;
                container.shell().abort(CommandResult.fault("the build timed out"), "the build timed out");
                container.kill();
                yield result;
            }
            case FAULT -> context.stopSignal().isStopped() ? CommandResult.stopped()
                    : CommandResult.fault(result.message() + " (" + container.describeState() + ")");
        };
    }

    @Override
    public void setVariable(String name, String value) {
        String line = AgentScript.exportLine(name, value);
        container.shell().writeFile(AgentScript.BASE_ENV, line, true);
        container.shell().writeFile(AgentScript.SHELL_ENV, line, true);
    }

    @Override
    public Map<String, String> readVariables(List<String> names) {
        return container.shell().readVariables(shell, environmentFile(), names,
                System.currentTimeMillis() + 60_000);
    }

    @Override
    public List<Artifact> uploadArtifacts(BuildSpec.Artifacts artifacts, List<String> outputArtifacts, Consumer<String> output) {
        List<Artifact> result = new ArrayList<>();
        if (outputArtifacts.isEmpty()) {
            collect(artifacts, artifactsDirectory.resolve(action.name() + "-artifacts"), output);
            return result;
        }
        for (int i = 0; i < outputArtifacts.size(); i++) {
            String name = outputArtifacts.get(i);
            BuildSpec.Artifacts set = artifacts.secondaryArtifacts().get(name);
            if (set == null && i == 0) {
                set = artifacts;
            }
            if (set == null) {
                throw PhaseFailedException.failed(Failure.CLIENT_ERROR, "no secondary artifact '" + name
                        + "' in the buildspec: with several output artifacts, each one after the first must be a "
                        + "secondary-artifacts identifier");
            }
            Path directory = artifactsDirectory.resolve(name);
            collect(set, directory, output);
            result.add(new Artifact(name, directory.toUri()));
        }
        return result;
    }

    private void collect(BuildSpec.Artifacts set, Path directory, Consumer<String> output) {
        guarded(() -> ArtifactCollector.collect(container, sourceDirectory, ArtifactRules.of(set), directory, output));
    }

    @Override
    public void finish(Consumer<String> output) {
        BuildContainer current = container;
        if (current == null) {
            return;
        }
        try {
            // cache.action restore|save limits a build to one half; absent, it does both, as on CodeBuild.
            if (spec != null && spec.cache().isPresent() && spec.cache().get().action().map("save"::equalsIgnoreCase).orElse(true)
                    && !killed && current.shell().brokenReason() == null) {
                services.cacheStore().save(current, action.projectName(), spec.cache().get(), sourceDirectory, output);
            }
        } finally {
            unregisterStop();
            current.remove();
            container = null;
        }
    }

    @Override
    public String logLocation() {
        return logFile.toString();
    }

    /** Removes the container if FINALIZING did not (an unexpected failure); never throws. */
    @Override
    public void close() {
        unregisterStop();
        BuildContainer current = container;
        container = null;
        if (current != null) {
            current.remove();
        }
    }

    private void stopNow() {
        BuildContainer current = container;
        if (current != null) {
            killed = true;
            current.shell().abort(CommandResult.stopped(), "the build was stopped");
            current.kill();
        }
    }

    private void unregisterStop() {
        if (stopRegistration != null) {
            try {
                stopRegistration.close();
            } catch (Exception e) {
                // unregistering a callback does not fail
            }
            stopRegistration = null;
        }
    }

    private String environmentFile() {
        return oneShellPerCommand ? AgentScript.BASE_ENV : AgentScript.SHELL_ENV;
    }

    private void log(String line) {
        context.log(PhaseType.DOWNLOAD_SOURCE, line);
    }

    /** Runs a Docker step; if the run was stopped meanwhile, its failure is a stop, not a fault. */
    private <T> T guarded(Supplier<T> step) {
        try {
            return step.get();
        } catch (RuntimeException e) {
            if (context.stopSignal().isStopped()) {
                throw new PhaseFailedException(Status.STOPPED, Failure.of(Failure.BUILD_STOPPED, "Build was stopped"), e);
            }
            throw e;
        }
    }

    private void guarded(Runnable step) {
        guarded(() -> {
            step.run();
            return null;
        });
    }

    private static Path localDirectory(ArtifactInput input) {
        URI location = input.artifact().location();
        if (!"file".equals(location.getScheme())) {
            throw PhaseFailedException.fault("LocalRuntime reads artifacts from local directories only, not "
                    + location + " (artifact " + input.name() + ")", null);
        }
        Path path = Path.of(location);
        if (!Files.isDirectory(path)) {
            throw PhaseFailedException.fault("artifact " + input.name() + " is missing: " + path + " is not a directory", null);
        }
        return path;
    }

    private static String newSourceRoot() {
        return "/codebuild/output/src" + (100_000_000 + RANDOM.nextInt(900_000_000));
    }
}
