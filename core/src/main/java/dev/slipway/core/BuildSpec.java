package dev.slipway.core;

import dev.slipway.core.internal.buildspec.BuildSpecReader;
import dev.slipway.core.internal.buildspec.BuildSpecWriter;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A CodeBuild buildspec (version 0.2, and the older 0.1) as an immutable value.
 *
 * <pre>{@code
 * BuildSpec spec = BuildSpec.parse(Path.of("buildspec.yml"));
 * spec.phase(PhaseType.BUILD).map(BuildSpec.Phase::commands);   // [make test, make release]
 * String yaml = spec.toYaml();                                  // BuildSpec.parse(yaml).equals(spec)
 * }</pre>
 *
 * <p>Every key CodeBuild documents is kept; commands are kept exactly as written (block scalars included).
 * Parsing fails with an {@link InvalidBuildSpecException} that names the file, line, column and key path;
 * an unknown key is an error that suggests the key that was probably meant.
 *
 * @param version       {@code "0.2"} (recommended) or {@code "0.1"} (one shell per command)
 * @param runAs         Linux user for every command; absent means root
 * @param env           the {@code env} section ({@code environment_variables} in 0.1)
 * @param proxy         the {@code proxy} section
 * @param batch         the {@code batch} section, kept as written (Slipway passes it to CodeBuild untouched)
 * @param phases        buildspec phases in run order ({@link PhaseType#BUILDSPEC_PHASES} only)
 * @param reports       report groups by name or ARN
 * @param artifacts     the {@code artifacts} section
 * @param cache         the {@code cache} section
 */
public record BuildSpec(
        String version,
        Optional<String> runAs,
        Env env,
        Optional<Proxy> proxy,
        Optional<Batch> batch,
        Map<PhaseType, Phase> phases,
        Map<String, Report> reports,
        Optional<Artifacts> artifacts,
        Optional<Cache> cache) {

    public static final String VERSION_0_1 = "0.1";
    public static final String VERSION_0_2 = "0.2";

    public BuildSpec {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(runAs, "runAs");
        Objects.requireNonNull(env, "env");
        Objects.requireNonNull(proxy, "proxy");
        Objects.requireNonNull(batch, "batch");
        Objects.requireNonNull(artifacts, "artifacts");
        Objects.requireNonNull(cache, "cache");
        EnumMap<PhaseType, Phase> ordered = new EnumMap<>(PhaseType.class);
        Objects.requireNonNull(phases, "phases").forEach((type, phase) -> {
            if (!type.isBuildspecPhase()) {
                throw new IllegalArgumentException(type + " is not a buildspec phase; use one of " + PhaseType.BUILDSPEC_PHASES);
            }
            ordered.put(type, Objects.requireNonNull(phase, "phase " + type));
        });
        phases = Collections.unmodifiableMap(ordered);
        reports = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(reports, "reports")));
    }

    /** An empty version 0.2 buildspec, the start of a {@link #toBuilder()} chain. */
    public static BuildSpec empty() {
        return new BuildSpec(VERSION_0_2, Optional.empty(), Env.EMPTY, Optional.empty(), Optional.empty(),
                Map.of(), Map.of(), Optional.empty(), Optional.empty());
    }

    public static Builder builder() {
        return empty().toBuilder();
    }

    /** Parses buildspec YAML; errors name the source as {@code <inline>}. */
    public static BuildSpec parse(String yaml) {
        return parse(yaml, "<inline>");
    }

    /** Parses buildspec YAML; {@code sourceName} (a file name, say) is what errors name as the origin. */
    public static BuildSpec parse(String yaml, String sourceName) {
        Objects.requireNonNull(yaml, "yaml");
        Objects.requireNonNull(sourceName, "sourceName");
        return BuildSpecReader.read(yaml, sourceName);
    }

    /** Reads and parses a buildspec file. */
    public static BuildSpec parse(Path file) {
        Objects.requireNonNull(file, "file");
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidBuildSpecException(file.toString(), "cannot read the file: " + e.getMessage(), e);
        }
        return parse(text, file.toString());
    }

    /** Reads and parses a buildspec from a stream (UTF-8); the stream is not closed. */
    public static BuildSpec parse(InputStream in) {
        Objects.requireNonNull(in, "in");
        try {
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "<stream>");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the buildspec stream", e);
        }
    }

    /** Renders this buildspec as YAML that CodeBuild accepts and that {@link #parse(String)} reads back equal. */
    public String toYaml() {
        return BuildSpecWriter.write(this);
    }

    public Optional<Phase> phase(PhaseType type) {
        return Optional.ofNullable(phases.get(type));
    }

    /** Version 0.1 runs each command in a shell of its own; 0.2 runs all commands in one shell. */
    public boolean oneShellPerCommand() {
        return VERSION_0_1.equals(version);
    }

    /** Every command in run order, {@code finally} blocks included: handy in tests and reports. */
    public List<String> allCommands() {
        List<String> all = new ArrayList<>();
        phases.values().forEach(phase -> {
            all.addAll(phase.commands());
            all.addAll(phase.finallyCommands());
        });
        return List.copyOf(all);
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    @Override
    public String toString() {
        return "BuildSpec[version=" + version + ", phases=" + phases.keySet()
                + ", commands=" + allCommands().size()
                + (artifacts.isPresent() ? ", artifacts" : "")
                + (env.exportedVariables().isEmpty() ? "" : ", exports=" + env.exportedVariables()) + "]";
    }

    /** Builds a {@link BuildSpec}; every method returns this builder. */
    public static final class Builder {
        private String version;
        private Optional<String> runAs;
        private Env env;
        private Optional<Proxy> proxy;
        private Optional<Batch> batch;
        private final EnumMap<PhaseType, Phase> phases = new EnumMap<>(PhaseType.class);
        private final Map<String, Report> reports = new LinkedHashMap<>();
        private Optional<Artifacts> artifacts;
        private Optional<Cache> cache;

        private Builder(BuildSpec from) {
            version = from.version;
            runAs = from.runAs;
            env = from.env;
            proxy = from.proxy;
            batch = from.batch;
            phases.putAll(from.phases);
            reports.putAll(from.reports);
            artifacts = from.artifacts;
            cache = from.cache;
        }

        public Builder version(String version) {
            this.version = Objects.requireNonNull(version, "version");
            return this;
        }

        public Builder runAs(String user) {
            this.runAs = Optional.ofNullable(user);
            return this;
        }

        public Builder env(Env env) {
            this.env = Objects.requireNonNull(env, "env");
            return this;
        }

        public Builder proxy(Proxy proxy) {
            this.proxy = Optional.ofNullable(proxy);
            return this;
        }

        public Builder batch(Batch batch) {
            this.batch = Optional.ofNullable(batch);
            return this;
        }

        public Builder phase(PhaseType type, Phase phase) {
            phases.put(Objects.requireNonNull(type, "type"), Objects.requireNonNull(phase, "phase"));
            return this;
        }

        /** Appends commands to a phase, creating it when absent: inline DSL commands add to a file's phases. */
        public Builder addCommands(PhaseType type, List<String> commands) {
            Phase current = phases.getOrDefault(type, Phase.EMPTY);
            List<String> merged = new ArrayList<>(current.commands());
            merged.addAll(commands);
            phases.put(type, current.withCommands(merged));
            return this;
        }

        public Builder report(String group, Report report) {
            reports.put(Objects.requireNonNull(group, "group"), Objects.requireNonNull(report, "report"));
            return this;
        }

        public Builder artifacts(Artifacts artifacts) {
            this.artifacts = Optional.ofNullable(artifacts);
            return this;
        }

        public Builder cache(Cache cache) {
            this.cache = Optional.ofNullable(cache);
            return this;
        }

        public BuildSpec build() {
            return new BuildSpec(version, runAs, env, proxy, batch, phases, reports, artifacts, cache);
        }
    }

    /**
     * The {@code env} section.
     *
     * @param shell              {@code bash} or {@code /bin/sh} (Linux); absent means POSIX {@code sh}
     * @param variables          plain-text variables, values taken literally
     * @param parameterStore     local name → SSM parameter name
     * @param secretsManager     local name → {@code secret-id[:json-key[:version-stage[:version-id]]]}
     * @param exportedVariables  names whose final values the build exports
     * @param gitCredentialHelper {@code git-credential-helper: yes|no}
     */
    public record Env(
            Optional<String> shell,
            Map<String, String> variables,
            Map<String, String> parameterStore,
            Map<String, String> secretsManager,
            List<String> exportedVariables,
            Optional<Boolean> gitCredentialHelper) {

        public static final Env EMPTY = new Env(Optional.empty(), Map.of(), Map.of(), Map.of(), List.of(), Optional.empty());

        public Env {
            Objects.requireNonNull(shell, "shell");
            variables = orderedCopy(variables, "variables");
            parameterStore = orderedCopy(parameterStore, "parameterStore");
            secretsManager = orderedCopy(secretsManager, "secretsManager");
            exportedVariables = List.copyOf(exportedVariables);
            Objects.requireNonNull(gitCredentialHelper, "gitCredentialHelper");
        }

        public boolean isEmpty() {
            return equals(EMPTY);
        }

        public Env withVariables(Map<String, String> variables) {
            return new Env(shell, variables, parameterStore, secretsManager, exportedVariables, gitCredentialHelper);
        }

        public Env withExportedVariables(List<String> exportedVariables) {
            return new Env(shell, variables, parameterStore, secretsManager, exportedVariables, gitCredentialHelper);
        }

        public Env withShell(String shell) {
            return new Env(Optional.ofNullable(shell), variables, parameterStore, secretsManager, exportedVariables, gitCredentialHelper);
        }

        /** Values of parameter-store and secrets-manager entries are secret: they never appear here. */
        @Override
        public String toString() {
            return "Env[shell=" + shell.orElse("sh") + ", variables=" + variables
                    + ", parameterStore=" + parameterStore.keySet() + ", secretsManager=" + secretsManager.keySet()
                    + ", exportedVariables=" + exportedVariables + "]";
        }
    }

    /**
     * One buildspec phase.
     *
     * @param runAs            user for this phase (wins over the buildspec's {@code run-as})
     * @param onFailure        what to do when the phase fails; absent means CodeBuild's default transition
     * @param runtimeVersions  {@code install} only: runtime → version, kept as written
     * @param commands         commands in order; each item is one command, a multi-line block included
     * @param finallyCommands  the {@code finally} block, run after {@code commands} even when one failed
     */
    public record Phase(
            Optional<String> runAs,
            Optional<OnFailure> onFailure,
            Map<String, String> runtimeVersions,
            List<String> commands,
            List<String> finallyCommands) {

        public static final Phase EMPTY = new Phase(Optional.empty(), Optional.empty(), Map.of(), List.of(), List.of());

        public Phase {
            Objects.requireNonNull(runAs, "runAs");
            Objects.requireNonNull(onFailure, "onFailure");
            runtimeVersions = orderedCopy(runtimeVersions, "runtimeVersions");
            commands = List.copyOf(commands);
            finallyCommands = List.copyOf(finallyCommands);
        }

        public static Phase of(String... commands) {
            return EMPTY.withCommands(List.of(commands));
        }

        public Phase withCommands(List<String> commands) {
            return new Phase(runAs, onFailure, runtimeVersions, commands, finallyCommands);
        }

        public Phase withFinally(List<String> finallyCommands) {
            return new Phase(runAs, onFailure, runtimeVersions, commands, finallyCommands);
        }

        public Phase withOnFailure(OnFailure onFailure) {
            return new Phase(runAs, Optional.ofNullable(onFailure), runtimeVersions, commands, finallyCommands);
        }
    }

    /**
     * A phase's {@code on-failure}: {@code ABORT}, {@code CONTINUE}, or one of the {@code RETRY} forms
     * ({@code RETRY}, {@code RETRY-<count>}, {@code RETRY-<regex>}, {@code RETRY-<count>-<regex>}).
     *
     * @param action       what to do
     * @param retryCount   for RETRY: how many times to re-run the phase (CodeBuild's default is 3)
     * @param retryPattern for RETRY: retry only when the failure message matches; absent means any failure
     */
    public record OnFailure(Action action, int retryCount, Optional<String> retryPattern) {

        public enum Action { ABORT, CONTINUE, RETRY }

        public static final OnFailure ABORT = new OnFailure(Action.ABORT, 0, Optional.empty());
        public static final OnFailure CONTINUE = new OnFailure(Action.CONTINUE, 0, Optional.empty());
        public static final int DEFAULT_RETRY_COUNT = 3;

        private static final Pattern RETRY_FORM = Pattern.compile("RETRY(?:-(\\d+))?(?:-(.+))?", Pattern.DOTALL);

        public OnFailure {
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(retryPattern, "retryPattern");
            if (action != Action.RETRY && (retryCount != 0 || retryPattern.isPresent())) {
                throw new IllegalArgumentException("only RETRY takes a count or a pattern");
            }
            if (retryCount < 0 || retryCount > 100) {
                throw new IllegalArgumentException("retry count must be within 0..100, got " + retryCount);
            }
            retryPattern.ifPresent(Pattern::compile);
        }

        /** Reads the buildspec form; throws {@link IllegalArgumentException} saying what is accepted. */
        public static OnFailure parse(String value) {
            Objects.requireNonNull(value, "value");
            String trimmed = value.trim();
            switch (trimmed.toUpperCase(Locale.ROOT)) {
                case "ABORT":
                    return ABORT;
                case "CONTINUE":
                    return CONTINUE;
                default:
                    break;
            }
            Matcher m = RETRY_FORM.matcher(trimmed);
            if (trimmed.startsWith("RETRY") && m.matches()) {
                int count = m.group(1) == null ? DEFAULT_RETRY_COUNT : Integer.parseInt(m.group(1));
                return new OnFailure(Action.RETRY, count, Optional.ofNullable(m.group(2)));
            }
            throw new IllegalArgumentException(
                    "expected ABORT, CONTINUE, RETRY, RETRY-<count>, RETRY-<regex> or RETRY-<count>-<regex>, got '" + value + "'");
        }

        /** The buildspec form, which {@link #parse(String)} reads back. */
        public String toBuildspecValue() {
            return switch (action) {
                case ABORT -> "ABORT";
                case CONTINUE -> "CONTINUE";
                case RETRY -> {
                    StringBuilder s = new StringBuilder("RETRY");
                    if (retryCount != DEFAULT_RETRY_COUNT || retryPattern.map(p -> p.matches("\\d+.*")).orElse(false)) {
                        s.append('-').append(retryCount);
                    }
                    retryPattern.ifPresent(p -> s.append('-').append(p));
                    yield s.toString();
                }
            };
        }
    }

    /**
     * An artifact set: the primary {@code artifacts} section or one of its {@code secondary-artifacts}.
     *
     * @param files              globs relative to {@code CODEBUILD_SRC_DIR} or {@code baseDirectory}; required
     * @param name               artifact name, evaluated with shell syntax at build time
     * @param discardPaths       flatten paths ({@code yes}); default {@code no}
     * @param baseDirectory      directory (or glob) whose contents are the artifact
     * @param excludePaths       globs, relative to the base directory, to leave out
     * @param enableSymlinks     keep internal symlinks
     * @param s3Prefix           S3 key prefix (with namespace BUILD_ID)
     * @param secondaryArtifacts identifier → artifact set; only in the primary section
     */
    public record Artifacts(
            List<String> files,
            Optional<String> name,
            Optional<Boolean> discardPaths,
            Optional<String> baseDirectory,
            List<String> excludePaths,
            Optional<Boolean> enableSymlinks,
            Optional<String> s3Prefix,
            Map<String, Artifacts> secondaryArtifacts) {

        public Artifacts {
            files = List.copyOf(files);
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(discardPaths, "discardPaths");
            Objects.requireNonNull(baseDirectory, "baseDirectory");
            excludePaths = List.copyOf(excludePaths);
            Objects.requireNonNull(enableSymlinks, "enableSymlinks");
            Objects.requireNonNull(s3Prefix, "s3Prefix");
            secondaryArtifacts = orderedCopy(secondaryArtifacts, "secondaryArtifacts");
        }

        public static Artifacts files(String... globs) {
            return new Artifacts(List.of(globs), Optional.empty(), Optional.empty(), Optional.empty(), List.of(),
                    Optional.empty(), Optional.empty(), Map.of());
        }

        public Artifacts withBaseDirectory(String baseDirectory) {
            return new Artifacts(files, name, discardPaths, Optional.ofNullable(baseDirectory), excludePaths, enableSymlinks, s3Prefix, secondaryArtifacts);
        }

        public Artifacts withDiscardPaths(boolean discard) {
            return new Artifacts(files, name, Optional.of(discard), baseDirectory, excludePaths, enableSymlinks, s3Prefix, secondaryArtifacts);
        }

        public Artifacts withName(String name) {
            return new Artifacts(files, Optional.ofNullable(name), discardPaths, baseDirectory, excludePaths, enableSymlinks, s3Prefix, secondaryArtifacts);
        }

        public Artifacts withExcludePaths(List<String> excludePaths) {
            return new Artifacts(files, name, discardPaths, baseDirectory, excludePaths, enableSymlinks, s3Prefix, secondaryArtifacts);
        }

        public Artifacts withSecondary(String identifier, Artifacts secondary) {
            Map<String, Artifacts> all = new LinkedHashMap<>(secondaryArtifacts);
            all.put(identifier, secondary);
            return new Artifacts(files, name, discardPaths, baseDirectory, excludePaths, enableSymlinks, s3Prefix, all);
        }
    }

    /**
     * The {@code cache} section.
     *
     * @param paths        paths to cache; required when the section is present
     * @param key          cache key (newer CodeBuild)
     * @param fallbackKeys up to five prefix-matched keys, used only with {@code key}
     * @param action       {@code restore} or {@code save}; absent means both
     */
    public record Cache(List<String> paths, Optional<String> key, List<String> fallbackKeys, Optional<String> action) {
        public Cache {
            paths = List.copyOf(paths);
            Objects.requireNonNull(key, "key");
            fallbackKeys = List.copyOf(fallbackKeys);
            Objects.requireNonNull(action, "action");
        }

        public static Cache paths(String... paths) {
            return new Cache(List.of(paths), Optional.empty(), List.of(), Optional.empty());
        }
    }

    /**
     * A report group's entry under {@code reports}.
     *
     * @param fileFormat kept as written (CodeBuild reads it case-insensitively); absent means JUNITXML
     */
    public record Report(List<String> files, Optional<String> baseDirectory, Optional<Boolean> discardPaths, Optional<String> fileFormat) {
        public Report {
            files = List.copyOf(files);
            Objects.requireNonNull(baseDirectory, "baseDirectory");
            Objects.requireNonNull(discardPaths, "discardPaths");
            Objects.requireNonNull(fileFormat, "fileFormat");
        }
    }

    /** The {@code proxy} section: {@code upload-artifacts} and {@code logs}. */
    public record Proxy(Optional<Boolean> uploadArtifacts, Optional<Boolean> logs) {
        public Proxy {
            Objects.requireNonNull(uploadArtifacts, "uploadArtifacts");
            Objects.requireNonNull(logs, "logs");
        }
    }

    /**
     * The {@code batch} section, kept as the YAML tree it was written as: maps (insertion-ordered), lists and
     * strings (scalars keep their text). Slipway does not run batch builds locally; AwsRuntime passes the
     * section to CodeBuild.
     */
    public record Batch(Map<String, Object> definition) {
        public Batch {
            definition = orderedCopy(definition, "definition");
        }
    }

    private static <K, V> Map<K, V> orderedCopy(Map<K, V> map, String what) {
        Objects.requireNonNull(map, what);
        LinkedHashMap<K, V> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> copy.put(Objects.requireNonNull(k, what + " key"), Objects.requireNonNull(v, what + " value of " + k)));
        return Collections.unmodifiableMap(copy);
    }
}
