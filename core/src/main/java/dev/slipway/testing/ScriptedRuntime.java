package dev.slipway.testing;

import dev.slipway.core.ActionResult;
import dev.slipway.core.BuildAction;
import dev.slipway.core.Failure;
import dev.slipway.core.Pipeline;
import dev.slipway.core.PipelineRun;
import dev.slipway.core.PublishAction;
import dev.slipway.core.RunOptions;
import dev.slipway.core.SecretResolver;
import dev.slipway.core.SourceAction;
import dev.slipway.core.SourceResult;
import dev.slipway.core.PublishResult;
import dev.slipway.core.Status;
import dev.slipway.core.PipelineRuntime;
import dev.slipway.core.Artifact;
import dev.slipway.core.spi.ActionContext;
import dev.slipway.core.spi.BuildLifecycle;
import dev.slipway.core.spi.BuildRequest;
import dev.slipway.core.spi.PipelineExecutor;
import dev.slipway.core.spi.RunHandle;
import dev.slipway.core.spi.Sleeper;
import dev.slipway.core.spi.Templates;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * An in-memory runtime for unit tests of pipeline definitions: no Docker, no AWS. The test scripts what
 * commands do; the runtime applies CodeBuild's real phase rules (the same code LocalRuntime uses) and
 * returns real results, and records every command in the order it ran.
 *
 * <pre>{@code
 * ScriptedRuntime fake = ScriptedRuntime.create().fail("make test", 2);   // every other command succeeds
 * PipelineResult r = fake.run(pipeline);
 * assertThat(r.build("Build").phase(PhaseType.BUILD).status()).isEqualTo(Status.FAILED);
 * assertThat(r.build("Build").phase(PhaseType.POST_BUILD).status()).isEqualTo(Status.SUCCEEDED);
 * assertThat(fake.commands()).containsSubsequence("make test", "make clean");
 * }</pre>
 *
 * <p>Scripting methods return a new runtime (the receiver is unchanged); what ran is recorded per runtime.
 * A command {@code export NAME=value} with a literal value sets the variable, as a shell would; use
 * {@link #variable(String, String)} for values a real shell would compute.
 */
public final class ScriptedRuntime implements PipelineRuntime {
    private static final Pattern LITERAL_EXPORT = Pattern.compile("^\\s*export\\s+([A-Za-z_][A-Za-z0-9_]*)=([^$`\\s]*)\\s*$");

    private final List<CommandScript> scripts;
    private final List<Map.Entry<Predicate<String>, List<String>>> outputs;
    private final Map<String, String> variables;
    private final Map<String, String> commits;
    private final Map<String, String> sourceFailures;
    private final Map<String, String> publishFailures;
    private final Optional<String> sourceBuildspec;
    private final Clock clock;

    private final List<ExecutedCommand> executed = new CopyOnWriteArrayList<>();
    private final List<String> published = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicLong> buildNumbers = new ConcurrentHashMap<>();
    private final CommandScript.Counters counters = new CommandScript.Counters();
    private final Set<RunHandle> runs = ConcurrentHashMap.newKeySet();

    private ScriptedRuntime(List<CommandScript> scripts, List<Map.Entry<Predicate<String>, List<String>>> outputs,
                            Map<String, String> variables, Map<String, String> commits, Map<String, String> sourceFailures,
                            Map<String, String> publishFailures, Optional<String> sourceBuildspec, Clock clock) {
        this.scripts = List.copyOf(scripts);
        this.outputs = List.copyOf(outputs);
        this.variables = Map.copyOf(variables);
        this.commits = Map.copyOf(commits);
        this.sourceFailures = Map.copyOf(sourceFailures);
        this.publishFailures = Map.copyOf(publishFailures);
        this.sourceBuildspec = sourceBuildspec;
        this.clock = clock;
    }

    /** A runtime where every command succeeds and prints nothing. */
    public static ScriptedRuntime create() {
        return new ScriptedRuntime(List.of(), List.of(), Map.of(), Map.of(), Map.of(), Map.of(), Optional.empty(), Clock.systemUTC());
    }

    /** The command (exactly this text) exits with {@code exitCode}. */
    public ScriptedRuntime fail(String command, int exitCode) {
        Objects.requireNonNull(command, "command");
        return withScript(new CommandScript(command::equals, CommandScript.Outcome.EXIT, exitCode, "", 0));
    }

    /** Commands matching the regular expression (found anywhere in the command) exit with {@code exitCode}. */
    public ScriptedRuntime failMatching(String regex, int exitCode) {
        Pattern pattern = Pattern.compile(regex);
        return withScript(new CommandScript(c -> pattern.matcher(c).find(), CommandScript.Outcome.EXIT, exitCode, "", 0));
    }

    /** The command fails its first {@code times} runs, then succeeds: a flaky test, for builds with {@code retry}. */
    public ScriptedRuntime failTimes(String command, int exitCode, int times) {
        Objects.requireNonNull(command, "command");
        if (times < 1) {
            throw new IllegalArgumentException("times must be at least 1");
        }
        return withScript(new CommandScript(command::equals, CommandScript.Outcome.EXIT, exitCode, "", times));
    }

    /** The command never ends: the build runs into its timeout and ends TIMED_OUT. */
    public ScriptedRuntime hang(String command) {
        Objects.requireNonNull(command, "command");
        return withScript(new CommandScript(command::equals, CommandScript.Outcome.HANG, -1, "", 0));
    }

    /** The build environment breaks while the command runs (Docker gone): the build ends FAULT. */
    public ScriptedRuntime fault(String command, String reason) {
        Objects.requireNonNull(command, "command");
        return withScript(new CommandScript(command::equals, CommandScript.Outcome.FAULT, -1, Objects.requireNonNull(reason, "reason"), 0));
    }

    /** The command prints these lines (whatever its exit code). */
    public ScriptedRuntime output(String command, String... lines) {
        Objects.requireNonNull(command, "command");
        List<Map.Entry<Predicate<String>, List<String>>> all = new ArrayList<>(outputs);
        all.add(Map.entry(command::equals, List.of(lines)));
        return new ScriptedRuntime(scripts, all, variables, commits, sourceFailures, publishFailures, sourceBuildspec, clock);
    }

    /** The value a build's variable has at the end (for {@code exported-variables}), as its commands would set it. */
    public ScriptedRuntime variable(String name, String value) {
        Map<String, String> all = new LinkedHashMap<>(variables);
        all.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
        return new ScriptedRuntime(scripts, outputs, all, commits, sourceFailures, publishFailures, sourceBuildspec, clock);
    }

    /** The commit a source action resolves (default: a stable fake derived from its location). */
    public ScriptedRuntime commit(String sourceAction, String sha) {
        Map<String, String> all = new LinkedHashMap<>(commits);
        all.put(Objects.requireNonNull(sourceAction, "sourceAction"), Objects.requireNonNull(sha, "sha"));
        return new ScriptedRuntime(scripts, outputs, variables, all, sourceFailures, publishFailures, sourceBuildspec, clock);
    }

    /** The source action fails with this message (a wrong URL or ref). */
    public ScriptedRuntime failSource(String sourceAction, String message) {
        Map<String, String> all = new LinkedHashMap<>(sourceFailures);
        all.put(Objects.requireNonNull(sourceAction, "sourceAction"), Objects.requireNonNull(message, "message"));
        return new ScriptedRuntime(scripts, outputs, variables, commits, all, publishFailures, sourceBuildspec, clock);
    }

    /** The publish action fails with this message (registry down, push refused). */
    public ScriptedRuntime failPublish(String publishAction, String message) {
        Map<String, String> all = new LinkedHashMap<>(publishFailures);
        all.put(Objects.requireNonNull(publishAction, "publishAction"), Objects.requireNonNull(message, "message"));
        return new ScriptedRuntime(scripts, outputs, variables, commits, sourceFailures, all, sourceBuildspec, clock);
    }

    /** The {@code buildspec.yml} builds without an inline buildspec find in their source. */
    public ScriptedRuntime sourceBuildspec(String yaml) {
        return new ScriptedRuntime(scripts, outputs, variables, commits, sourceFailures, publishFailures,
                Optional.of(Objects.requireNonNull(yaml, "yaml")), clock);
    }

    public ScriptedRuntime clock(Clock newClock) {
        return new ScriptedRuntime(scripts, outputs, variables, commits, sourceFailures, publishFailures, sourceBuildspec,
                Objects.requireNonNull(newClock, "clock"));
    }

    private ScriptedRuntime withScript(CommandScript script) {
        List<CommandScript> all = new ArrayList<>(scripts);
        all.add(script);
        return new ScriptedRuntime(all, outputs, variables, commits, sourceFailures, publishFailures, sourceBuildspec, clock);
    }

    /** Every command run so far by this runtime, in order ({@code finally} blocks included). */
    public List<String> commands() {
        return executed.stream().map(ExecutedCommand::command).toList();
    }

    /** Every command run so far, with stage, action, phase and exit code. */
    public List<ExecutedCommand> executed() {
        return List.copyOf(executed);
    }

    /** Every image reference pushed so far ({@code registry/repository:tag}). */
    public List<String> published() {
        return List.copyOf(published);
    }

    @Override
    public PipelineRun start(Pipeline pipeline, RunOptions options) {
        Objects.requireNonNull(options, "options");
        Pipeline valid = Objects.requireNonNull(pipeline, "pipeline").validated();
        String runId = RunHandle.newRunId();
        PipelineExecutor executor = new PipelineExecutor("scripted", this::runAction, clock, Sleeper.NONE);
        RunHandle handle = RunHandle.start(runId, valid, stop -> executor.execute(runId, valid, options, stop));
        runs.add(handle);
        handle.result().whenComplete((result, error) -> runs.remove(handle));
        return handle;
    }

    @Override
    public void stop() {
        runs.forEach(RunHandle::stop);
    }

    @Override
    public void close() {
        stop();
    }

    private ActionResult runAction(ActionContext context) {
        if (context.action() instanceof SourceAction source) {
            return source(context, source);
        }
        if (context.action() instanceof BuildAction build) {
            long number = buildNumbers.computeIfAbsent(build.projectName(), k -> new AtomicLong()).incrementAndGet();
            BuildRequest request = new BuildRequest(context, build, BuildRequest.newBuildId(build.projectName()), number,
                    "us-east-1", "000000000000", SecretResolver.fromMap(Map.of()));
            return BuildLifecycle.run(request, new ScriptedBuildHost(this, context));
        }
        return publish(context, (PublishAction) context.action());
    }

    private SourceResult source(ActionContext context, SourceAction source) {
        Instant start = clock.instant();
        String failure = sourceFailures.get(source.name());
        if (failure != null) {
            return new SourceResult(source.name(), Status.FAILED, start, Duration.between(start, clock.instant()),
                    Optional.of(Failure.of(Failure.SOURCE_ERROR, failure)), source.location().toString(), source.ref().toString(), "", List.of());
        }
        String commit = commits.getOrDefault(source.name(), sha1(source.location() + "@" + source.ref()));
        Artifact artifact = new Artifact(source.outputArtifact(), URI.create("memory:/" + context.runId() + "/" + source.outputArtifact()));
        return new SourceResult(source.name(), Status.SUCCEEDED, start, Duration.between(start, clock.instant()), Optional.empty(),
                source.location().toString(), source.ref().toString(), commit, List.of(artifact));
    }

    private PublishResult publish(ActionContext context, PublishAction publish) {
        Instant start = clock.instant();
        String image = publish.registry() + "/" + publish.repository();
        List<String> tags = new ArrayList<>();
        try {
            for (String tag : publish.tags()) {
                tags.add(Templates.expand(tag, context::variable));
            }
        } catch (IllegalArgumentException e) {
            return new PublishResult(publish.name(), Status.FAILED, start, Duration.between(start, clock.instant()),
                    Optional.of(Failure.of(Failure.PUBLISH_ERROR, e.getMessage())), image, publish.tags(), "");
        }
        String failure = publishFailures.get(publish.name());
        if (failure != null) {
            return new PublishResult(publish.name(), Status.FAILED, start, Duration.between(start, clock.instant()),
                    Optional.of(Failure.of(Failure.PUBLISH_ERROR, failure)), image, tags, "");
        }
        tags.forEach(tag -> published.add(image + ":" + tag));
        return new PublishResult(publish.name(), Status.SUCCEEDED, start, Duration.between(start, clock.instant()), Optional.empty(),
                image, tags, "sha256:" + sha256(image + ":" + String.join(",", tags)));
    }

    // --- what ScriptedBuildHost asks -----------------------------------------------------------------

    Optional<CommandScript> scriptFor(String command) {
        return CommandScript.find(scripts, command, counters);
    }

    List<String> outputOf(String command) {
        List<String> lines = new ArrayList<>();
        outputs.stream().filter(e -> e.getKey().test(command)).forEach(e -> lines.addAll(e.getValue()));
        return lines;
    }

    Map<String, String> scriptedVariables() {
        return variables;
    }

    Optional<String> sourceBuildspecText() {
        return sourceBuildspec;
    }

    void record(ExecutedCommand command) {
        executed.add(command);
    }

    static Optional<Map.Entry<String, String>> literalExport(String command) {
        java.util.regex.Matcher m = LITERAL_EXPORT.matcher(command);
        return m.matches() ? Optional.of(Map.entry(m.group(1), m.group(2))) : Optional.empty();
    }

    private static String sha1(String text) {
        return digest("SHA-1", text);
    }

    private static String sha256(String text) {
        return digest("SHA-256", text);
    }

    private static String digest(String algorithm, String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is missing from this JVM", e);
        }
    }

    @Override
    public String toString() {
        return "ScriptedRuntime[" + scripts.size() + " scripted commands, " + executed.size() + " run]";
    }
}
