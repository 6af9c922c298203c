package dev.slipway.testing;

import dev.slipway.core.Artifact;
import dev.slipway.core.BuildSpec;
import dev.slipway.core.PhaseType;
import dev.slipway.core.spi.ActionContext;
import dev.slipway.core.spi.BuildHost;
import dev.slipway.core.spi.CommandResult;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** A {@link BuildHost} that runs nothing: scripted outcomes, recorded commands, variables in a map. */
final class ScriptedBuildHost implements BuildHost {
    private final ScriptedRuntime runtime;
    private final ActionContext context;
    private final Map<String, String> environment = new LinkedHashMap<>();

    ScriptedBuildHost(ScriptedRuntime runtime, ActionContext context) {
        this.runtime = runtime;
        this.context = context;
    }

    @Override
    public void provision() {
    }

    @Override
    public Optional<String> downloadSource(Optional<String> buildSpecPath) {
        return buildSpecPath.isPresent() ? runtime.sourceBuildspecText() : Optional.empty();
    }

    @Override
    public String sourceDirectory() {
        return "/codebuild/output/src000000001/src";
    }

    @Override
    public String secondarySourceDirectory(String artifactName) {
        return "/codebuild/output/src000000001/" + artifactName;
    }

    @Override
    public void startShell(BuildSpec spec, Map<String, String> env) {
        environment.putAll(env);
    }

    @Override
    public CommandResult execute(PhaseType phase, String command, long deadlineMillis, Consumer<String> output) {
        if (context.stopSignal().isStopped()) {
            return CommandResult.stopped();
        }
        runtime.outputOf(command).forEach(output);
        Optional<CommandScript> script = runtime.scriptFor(command);
        CommandResult result = script.map(s -> switch (s.outcome()) {
            case EXIT -> CommandResult.exited(s.exitCode());
            case HANG -> CommandResult.timedOut();
            case FAULT -> CommandResult.fault(s.faultReason());
        }).orElse(CommandResult.exited(0));
        if (result.succeeded()) {
            ScriptedRuntime.literalExport(command).ifPresent(e -> environment.put(e.getKey(), e.getValue()));
        }
        runtime.record(new ExecutedCommand(context.stage(), context.action().name(), phase, command, result.exitCode()));
        return result;
    }

    @Override
    public void setVariable(String name, String value) {
        environment.put(name, value);
    }

    @Override
    public Map<String, String> readVariables(List<String> names) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String name : names) {
            String value = runtime.scriptedVariables().getOrDefault(name, environment.get(name));
            if (value != null) {
                values.put(name, value);
            }
        }
        return values;
    }

    @Override
    public List<Artifact> uploadArtifacts(BuildSpec.Artifacts artifacts, List<String> outputArtifacts, Consumer<String> output) {
        List<Artifact> result = new ArrayList<>();
        for (String name : outputArtifacts) {
            result.add(new Artifact(name, URI.create("memory:/" + context.runId() + "/" + name)));
        }
        return result;
    }

    @Override
    public void finish(Consumer<String> output) {
    }

    @Override
    public String logLocation() {
        return "";
    }
}
