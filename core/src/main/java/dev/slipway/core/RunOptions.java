package dev.slipway.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a single run may change without changing the pipeline: listeners, environment variable overrides
 * (CodeBuild's {@code environmentVariablesOverride}, the highest precedence) and the initiator.
 *
 * <pre>{@code
 * runtime.start(pipeline, RunOptions.builder().listener(ConsoleReporter.create()).env("STAGE", "test").build());
 * }</pre>
 */
public record RunOptions(List<RunListener> listeners, Map<String, EnvValue> environmentOverrides, Optional<String> initiator) {

    public RunOptions {
        listeners = List.copyOf(listeners);
        environmentOverrides = Collections.unmodifiableMap(new LinkedHashMap<>(environmentOverrides));
        Objects.requireNonNull(initiator, "initiator");
    }

    public static RunOptions defaults() {
        return builder().build();
    }

    public static RunOptions of(RunListener... listeners) {
        Builder b = builder();
        for (RunListener l : listeners) {
            b.listener(l);
        }
        return b.build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** All listeners as one. */
    public RunListener listener() {
        return event -> {
            for (RunListener l : listeners) {
                try {
                    l.onEvent(event);
                } catch (RuntimeException e) {
                    org.slf4j.LoggerFactory.getLogger(RunOptions.class).warn("run listener {} failed on {}", l, event.getClass().getSimpleName(), e);
                }
            }
        };
    }

    public static final class Builder {
        private final List<RunListener> listeners = new ArrayList<>();
        private final Map<String, EnvValue> overrides = new LinkedHashMap<>();
        private Optional<String> initiator = Optional.empty();

        public Builder listener(RunListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        public Builder env(String name, String value) {
            return env(name, EnvValue.plain(value));
        }

        public Builder env(String name, EnvValue value) {
            overrides.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** {@code CODEBUILD_INITIATOR}; by default {@code codepipeline/<pipeline>}, as for a build a pipeline started. */
        public Builder initiator(String initiator) {
            this.initiator = Optional.of(initiator);
            return this;
        }

        public RunOptions build() {
            return new RunOptions(listeners, overrides, initiator);
        }
    }
}
