package dev.slipway.testing;

import dev.slipway.core.ActionResult;
import dev.slipway.core.BuildAction;
import dev.slipway.core.Failure;
import dev.slipway.core.Pipeline;
import dev.slipway.core.PipelineRun;
import dev.slipway.core.PublishAction;
import dev.slipway.core.RunOptions;
import dev.slipway.core.Secret;
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
import dev.slipway.core.spi.ActiveRuns;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * An in-memory runtime for unit tests of pipeline definitions: no Docker, no AWS. The test scripts what
 * commands do; the runtime applies CodeBuild's real phase rules (the same code LocalRuntime uses) and
 * returns real results, and records every command in the order it ran.
 *
 * <pre>{@code
 * import static org.assertj.core.api.Assertions.assertThat;
 *
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

    /** What the test scripted; copied, never shared, when a scripting method makes a new runtime. */
    private static final class Setup {
        final List<CommandScript> scripts = new ArrayList<>();
        final List<Map.Entry<Predicate<String>, List<String>>> outputs = new ArrayList<>();
        final Map<String, String> variables = new LinkedHashMap<>();
        final Map<String, String> commits = new LinkedHashMap<>();
        final Map<String, String> sourceFailures = new LinkedHashMap<>();
        final Map<String, String> publishFailures = new LinkedHashMap<>();
        Optional<String> sourceBuildspec = Optional.empty();
        SecretResolver secrets = ScriptedRuntime::placeholderSecret;
        Clock clock = Clock.systemUTC();

        Setup copy() {
            Setup s = new Setup();
            s.scripts.addAll(scripts);
            s.outputs.addAll(outputs);
            s.variables.putAll(variables);
            s.commits.putAll(commits);
            s.sourceFailures.putAll(sourceFailures);
            s.publishFailures.putAll(publishFailures);
            s.sourceBuildspec = sourceBuildspec;
            s.secrets = secrets;
            s.clock = clock;
            return s;
        }
    }

    private final Setup setup;
    private final List<ExecutedCommand> executed = new CopyOnWriteArrayList<>();
    private final List<String> published = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicLong> buildNumbers = new ConcurrentHashMap<>();
    private final CommandScript.Counters counters = new CommandScript.Counters();
    private final ActiveRuns runs = new ActiveRuns();

    private ScriptedRuntime(Setup setup) {
        this.setup = setup;
    }

    /** A runtime where every command succeeds and prints nothing. */
    public static ScriptedRuntime create() {
        return new ScriptedRuntime(new Setup());
    }

    private ScriptedRuntime with(Consumer<Setup> change) {
        Setup copy = setup.copy();
        change.accept(copy);
        return new ScriptedRuntime(copy);
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
        Objects.requireNonNull(reason, "reason");
        return withScript(new CommandScript(command::equals, CommandScript.Outcome.FAULT, -1, reason, 0));
    }

    /** The command prints these lines (whatever its exit code). */
    public ScriptedRuntime output(String command, String... lines) {
        Objects.requireNonNull(command, "command");
        List<String> text = List.of(lines);
        return with(s -> s.outputs.add(Map.entry(command::equals, text)));
    }

    /** The value a build's variable has at the end (for {@code exported-variables}), as its commands would set it. */
    public ScriptedRuntime variable(String name, String value) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        return with(s -> s.variables.put(name, value));
    }

    /** The commit a source action resolves (default: a stable fake derived from its location). */
    public ScriptedRuntime commit(String sourceAction, String sha) {
        Objects.requireNonNull(sourceAction, "sourceAction");
        Objects.requireNonNull(sha, "sha");
        return with(s -> s.commits.put(sourceAction, sha));
    }

    /** The source action fails with this message (a wrong URL or ref). */
    public ScriptedRuntime failSource(String sourceAction, String message) {
        Objects.requireNonNull(sourceAction, "sourceAction");
        Objects.requireNonNull(message, "message");
        return with(s -> s.sourceFailures.put(sourceAction, message));
    }

    /** The publish action fails with this message (registry down, push refused). */
    public ScriptedRuntime failPublish(String publishAction, String message) {
        Objects.requireNonNull(publishAction, "publishAction");
        Objects.requireNonNull(message, "message");
        return with(s -> s.publishFailures.put(publishAction, message));
    }

    /** The {@code buildspec.yml} builds without an inline buildspec find in their source. */
    public ScriptedRuntime sourceBuildspec(String yaml) {
        Objects.requireNonNull(yaml, "yaml");
        return with(s -> s.sourceBuildspec = Optional.of(yaml));
    }

    /** The clock results and events are stamped with. */
    public ScriptedRuntime clock(Clock clock) {
        Objects.requireNonNull(clock, "clock");
        return with(s -> s.clock = clock);
    }

    /**
     * Resolves the build's secrets. By default a value marked secret resolves to itself and a Parameter Store or
     * Secrets Manager reference to a placeholder ({@code scripted-secret:/app/db/password}), masked like any secret.
     */
    public ScriptedRuntime secrets(SecretResolver resolver) {
        Objects.requireNonNull(resolver, "resolver");
        return with(s -> s.secrets = resolver);
    }

    private static String placeholderSecret(Secret secret) {
        if (secret instanceof Secret.Value value) {
            return value.value();
        }
        return "scripted-secret:" + (secret instanceof Secret.ParameterStore p
                ? p.parameterName() : ((Secret.SecretsManager) secret).reference());
    }

    private ScriptedRuntime withScript(CommandScript script) {
        return with(s -> s.scripts.add(script));
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
        PipelineExecutor executor = new PipelineExecutor("scripted", this::runAction, setup.clock, Sleeper.NONE);
        return runs.start(runId, valid, stop -> executor.execute(runId, valid, options, stop));
    }

    @Override
    public void stop() {
        runs.stopAll();
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
                    "us-east-1", "000000000000", setup.secrets);
            return BuildLifecycle.run(request, new ScriptedBuildHost(this, context));
        }
        return publish(context, (PublishAction) context.action());
    }

    private SourceResult source(ActionContext context, SourceAction source) {
        Instant start = setup.clock.instant();
        String failure = setup.sourceFailures.get(source.name());
        if (failure != null) {
            return new SourceResult(source.name(), Status.FAILED, start, Duration.between(start, setup.clock.instant()),
                    Optional.of(Failure.of(Failure.SOURCE_ERROR, failure)), source.location().toString(), source.ref().toString(), "", List.of());
        }
        String commit = setup.commits.getOrDefault(source.name(), sha1(source.location() + "@" + source.ref()));
        Artifact artifact = new Artifact(source.outputArtifact(), URI.create("memory:/" + context.runId() + "/" + source.outputArtifact()));
        return new SourceResult(source.name(), Status.SUCCEEDED, start, Duration.between(start, setup.clock.instant()), Optional.empty(),
                source.location().toString(), source.ref().toString(), commit, List.of(artifact));
    }

    private PublishResult publish(ActionContext context, PublishAction publish) {
        Instant start = setup.clock.instant();
        String image = publish.registry() + "/" + publish.repository();
        List<String> tags = new ArrayList<>();
        try {
            for (String tag : publish.tags()) {
                tags.add(Templates.expand(tag, context::variable));
            }
        } catch (IllegalArgumentException e) {
            return new PublishResult(publish.name(), Status.FAILED, start, Duration.between(start, setup.clock.instant()),
                    Optional.of(Failure.of(Failure.PUBLISH_ERROR, e.getMessage())), image, publish.tags(), "");
        }
        String failure = setup.publishFailures.get(publish.name());
        if (failure != null) {
            return new PublishResult(publish.name(), Status.FAILED, start, Duration.between(start, setup.clock.instant()),
                    Optional.of(Failure.of(Failure.PUBLISH_ERROR, failure)), image, tags, "");
        }
        tags.forEach(tag -> published.add(image + ":" + tag));
        return new PublishResult(publish.name(), Status.SUCCEEDED, start, Duration.between(start, setup.clock.instant()), Optional.empty(),
                image, tags, "sha256:" + sha256(image + ":" + String.join(",", tags)));
    }

    // --- what ScriptedBuildHost asks -----------------------------------------------------------------

    Optional<CommandScript> scriptFor(String command) {
        return CommandScript.find(setup.scripts, command, counters);
    }

    List<String> outputOf(String command) {
        List<String> lines = new ArrayList<>();
        setup.outputs.stream().filter(e -> e.getKey().test(command)).forEach(e -> lines.addAll(e.getValue()));
        return lines;
    }

    Map<String, String> scriptedVariables() {
        return setup.variables;
    }

    Optional<String> sourceBuildspecText() {
        return setup.sourceBuildspec;
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
        return "ScriptedRuntime[" + setup.scripts.size() + " scripted commands, " + executed.size() + " run]";
    }
}
