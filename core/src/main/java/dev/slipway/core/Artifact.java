package dev.slipway.core;

import java.net.URI;
import java.util.Objects;

/**
 * A named artifact an action produced, and where it is: a local directory ({@code file:}) or an S3 object
 * ({@code s3://bucket/key}).
 */
public record Artifact(String name, URI location) {
    public Artifact {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(location, "location");
    }

    @Override
    public String toString() {
        return name + " @ " + location;
    }
}
