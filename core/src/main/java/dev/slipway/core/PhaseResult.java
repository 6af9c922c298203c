package dev.slipway.core;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * How one build phase went, shaped like CodeBuild's {@code BuildPhase}.
 *
 * @param type     the phase
 * @param status   how it ended
 * @param start    when it started
 * @param duration how long it took
 * @param failure  why it did not succeed (the command and exit code, the client error, the fault)
 */
public record PhaseResult(PhaseType type, Status status, Instant start, Duration duration, Optional<Failure> failure) {

    public PhaseResult {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(failure, "failure");
    }

    public static PhaseResult succeeded(PhaseType type, Instant start, Duration duration) {
        return new PhaseResult(type, Status.SUCCEEDED, start, duration, Optional.empty());
    }

    public Instant end() {
        return start.plus(duration);
    }

    @Override
    public String toString() {
        return type + " " + status + " " + Durations.format(duration) + failure.map(f -> " (" + f.message() + ")").orElse("");
    }
}
