package dev.slipway.core;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How a source action ended.
 *
 * @param location  the repository or directory
 * @param ref       what was asked for ({@code branch master})
 * @param commit    the resolved commit ({@code CODEBUILD_RESOLVED_SOURCE_VERSION}); empty when there is none
 *                  (a directory that is not a git repository, a failed checkout)
 * @param artifacts the output artifact
 */
public record SourceResult(
        String name,
        Status status,
        Instant start,
        Duration duration,
        Optional<Failure> failure,
        String location,
        String ref,
        String commit,
        List<Artifact> artifacts) implements ActionResult {

    public SourceResult {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(failure, "failure");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(commit, "commit");
        artifacts = List.copyOf(artifacts);
    }

    @Override
    public String summary() {
        return failure.map(Failure::message).orElse(commit.isEmpty() ? location : "commit " + shortCommit());
    }

    public String shortCommit() {
        return commit.length() > 12 ? commit.substring(0, 12) : commit;
    }

    @Override
    public String toString() {
        return "SourceResult " + name + " " + status + " " + Durations.format(duration) + " " + summary();
    }
}
