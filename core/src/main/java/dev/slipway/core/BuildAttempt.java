package dev.slipway.core;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One run of a build. A build with {@code retry} runs again after a failure; each run is an attempt with a
 * build ID and number of its own, as with CodeBuild's auto-retry.
 */
public record BuildAttempt(
        int number,
        String buildId,
        long buildNumber,
        Status status,
        Instant start,
        Duration duration,
        List<PhaseResult> phases,
        Optional<Failure> failure) {

    public BuildAttempt {
        Objects.requireNonNull(buildId, "buildId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(duration, "duration");
        phases = List.copyOf(phases);
        Objects.requireNonNull(failure, "failure");
    }

    @Override
    public String toString() {
        return "attempt " + number + " " + buildId + " " + status + failure.map(f -> " (" + f.message() + ")").orElse("");
    }
}
