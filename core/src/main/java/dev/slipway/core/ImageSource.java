package dev.slipway.core;

import java.util.Objects;

/** Where a publish action gets the image it pushes. */
public sealed interface ImageSource permits ImageSource.Dockerfile, ImageSource.LocalImage {

    /**
     * Build the image from a Dockerfile inside the publish action's input artifact.
     *
     * @param dockerfile path of the Dockerfile, relative to the artifact
     * @param context    build context directory, relative to the artifact
     */
    record Dockerfile(String dockerfile, String context) implements ImageSource {
        public Dockerfile {
            Objects.requireNonNull(dockerfile, "dockerfile");
            Objects.requireNonNull(context, "context");
        }
    }

    /**
     * Take an image a build left on the Docker daemon, by reference ({@code todobackend:latest}); like tags,
     * the reference may use variables earlier builds exported ({@code todobackend:${APP_VERSION}}).
     */
    record LocalImage(String reference) implements ImageSource {
        public LocalImage {
            Objects.requireNonNull(reference, "reference");
        }
    }
}
