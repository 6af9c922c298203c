package dev.slipway.core;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * How one action ended. Sealed, so a {@code switch} (or {@code instanceof}) covers every kind:
 * {@link SourceResult}, {@link BuildResult}, {@link PublishResult}.
 */
public sealed interface ActionResult permits SourceResult, BuildResult, PublishResult {

    String name();

    Status status();

    Instant start();

    Duration duration();

    /** Why the action did not succeed; empty when it did. */
    Optional<Failure> failure();

    /** The artifacts this action produced. */
    List<Artifact> artifacts();

    /** A one-line summary, as in the result table. */
    String summary();
}
