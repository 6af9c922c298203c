package dev.slipway.core.spi;

import dev.slipway.core.Artifact;

import java.util.Objects;

/**
 * An artifact an action reads: where it is, which action made it, and the source commit it derives from
 * (for {@code CODEBUILD_RESOLVED_SOURCE_VERSION}; empty when unknown).
 */
public record ArtifactInput(Artifact artifact, String producer, String commit) {
    public ArtifactInput {
        Objects.requireNonNull(artifact, "artifact");
        Objects.requireNonNull(producer, "producer");
        Objects.requireNonNull(commit, "commit");
    }

    public String name() {
        return artifact.name();
    }
}
