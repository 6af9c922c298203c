package dev.slipway.core;

import java.util.Objects;

/**
 * The value of a build environment variable: plain text, or a {@link Secret} whose value never appears in
 * {@code toString}, logs, results or rendered files.
 */
public sealed interface EnvValue permits EnvValue.Plain, Secret {

    /** A plain-text value, visible wherever the build's settings are (as on CodeBuild). */
    record Plain(String value) implements EnvValue {
        public Plain {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String toString() {
            return value;
        }
    }

    static EnvValue plain(String value) {
        return new Plain(value);
    }
}
