package dev.slipway.core;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How a publish action ended.
 *
 * @param image  the pushed repository, with its registry ({@code 127.0.0.1:5000/todobackend})
 * @param tags   the tags pushed, variables resolved
 * @param digest the manifest digest the registry reported ({@code sha256:…}); empty when nothing was pushed
 */
public record PublishResult(
        String name,
        Status status,
        Instant start,
        Duration duration,
        Optional<Failure> failure,
        String image,
        List<String> tags,
        String digest) implements ActionResult {

    public PublishResult {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(failure, "failure");
        Objects.requireNonNull(image, "image");
        tags = List.copyOf(tags);
        Objects.requireNonNull(digest, "digest");
    }

    /** {@code registry/repository@sha256:…}, the immutable reference of what was pushed. */
    public String imageReference() {
        return digest.isEmpty() ? image : image + "@" + digest;
    }

    @Override
    public List<Artifact> artifacts() {
        return List.of();
    }

    @Override
    public String summary() {
        return failure.map(Failure::message).orElse(image + ":" + String.join(",", tags) + (digest.isEmpty() ? "" : " " + digest));
    }

    @Override
    public String toString() {
        return "PublishResult " + name + " " + status + " " + Durations.format(duration) + " " + summary();
    }
}
