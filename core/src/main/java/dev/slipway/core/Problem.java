package dev.slipway.core;

import java.util.Objects;

/**
 * One thing wrong with a definition: where ({@code stage 'Build' › action 'Build' › image}) and what
 * ({@code must not be blank}).
 */
public record Problem(String path, String message) {
    public Problem {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return path.isEmpty() ? message : path + ": " + message;
    }
}
