package dev.slipway.runtime.aws;

import dev.slipway.core.EnvValue;
import dev.slipway.core.RunListener;
import dev.slipway.core.RunOptions;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one {@link AwsRuntime#runBuild(dev.slipway.core.Pipeline, String, BuildOptions) runBuild} may change
 * without changing the pipeline: the source version to build, variable overrides (CodeBuild's
 * {@code environmentVariablesOverride}, the highest precedence) and listeners.
 *
 * <pre>{@code
 * runtime.runBuild(pipeline, "Build", BuildOptions.builder()
 *         .sourceVersion("3f9c2a1")                               // a commit, branch or tag
 *         .env("STAGE", "test")
 *         .env("DB_PASSWORD", parameterStore("/app/db/password")) // PARAMETER_STORE, never plain text
 *         .listener(event -> System.out.println(event))
 *         .build());
 * }</pre>
 *
 * @param sourceVersion the commit, branch or tag to build; empty means the branch or ref the source names
 * @param environmentOverrides variables for this build only; secrets must be Parameter Store or Secrets Manager
 *                             references
 * @param listeners     receive the build's phases and, when there is a listener, its CloudWatch log lines
 */
public record BuildOptions(String sourceVersion, Map<String, EnvValue> environmentOverrides, List<RunListener> listeners) {

    public BuildOptions {
        Objects.requireNonNull(sourceVersion, "sourceVersion");
        environmentOverrides = Collections.unmodifiableMap(new LinkedHashMap<>(environmentOverrides));
        listeners = List.copyOf(listeners);
    }

    public static BuildOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The listeners and overrides as core's {@link RunOptions}. */
    public RunOptions runOptions() {
        RunOptions.Builder b = RunOptions.builder();
        listeners.forEach(b::listener);
        environmentOverrides.forEach(b::env);
        return b.build();
    }

    public static final class Builder {
        private String sourceVersion = "";
        private final Map<String, EnvValue> overrides = new LinkedHashMap<>();
        private final java.util.ArrayList<RunListener> listeners = new java.util.ArrayList<>();

        private Builder() {
        }

        /** The commit, branch or tag to build instead of the one the source action names. */
        public Builder sourceVersion(String version) {
            this.sourceVersion = Objects.requireNonNull(version, "version");
            return this;
        }

        public Builder env(String name, String value) {
            return env(name, EnvValue.plain(value));
        }

        public Builder env(String name, EnvValue value) {
            overrides.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        public Builder listener(RunListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        public BuildOptions build() {
            return new BuildOptions(sourceVersion, overrides, listeners);
        }
    }
}
