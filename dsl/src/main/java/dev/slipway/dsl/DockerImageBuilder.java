package dev.slipway.dsl;

import dev.slipway.core.Action;
import dev.slipway.core.ImageSource;
import dev.slipway.core.PublishAction;
import dev.slipway.core.Registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A publish action: push a Docker image to a registry. Immutable.
 *
 * <pre>{@code
 * dockerImage("todobackend")
 *     .fromLocalImage("todobackend:latest")        // an image the build left on the daemon
 *     .tag("latest").tag("${APP_VERSION}")          // variables exported by an earlier build
 *     .to(registry("127.0.0.1:5000"));
 * }</pre>
 *
 * <p>Without {@code from…}, the image is built from {@code Dockerfile} at the root of the input artifact
 * (the latest earlier artifact unless {@code input(...)} names one). A local image needs no artifact locally;
 * on AWS, where builds leave nothing on a daemon, it is loaded from a {@code docker save} archive
 * ({@code *.tar}) at the root of the input artifact. Without {@code tag}, the tag is {@code latest}.
 */
public final class DockerImageBuilder extends ActionBuilder {
    private final String repository;
    private final List<String> tags;
    private final ImageSource source;
    private final Registry registry;
    private final List<String> inputs;
    private final String name;
    private final int runOrder;

    DockerImageBuilder(String repository) {
        this(repository, List.of(), null, null, null, null, 1);
    }

    private DockerImageBuilder(String repository, List<String> tags, ImageSource source, Registry registry,
                               List<String> inputs, String name, int runOrder) {
        this.repository = Objects.requireNonNull(repository, "repository");
        this.tags = tags;
        this.source = source;
        this.registry = registry;
        this.inputs = inputs;
        this.name = name;
        this.runOrder = runOrder;
    }

    /** Adds a tag; {@code ${VAR}} and {@code ${Action.VAR}} take variables exported by earlier builds. */
    public DockerImageBuilder tag(String tag) {
        List<String> all = new ArrayList<>(tags);
        all.add(Objects.requireNonNull(tag, "tag"));
        return new DockerImageBuilder(repository, all, source, registry, inputs, name, runOrder);
    }

    public DockerImageBuilder to(Registry target) {
        return new DockerImageBuilder(repository, tags, source, Objects.requireNonNull(target, "target"), inputs, name, runOrder);
    }

    /** Build from this Dockerfile (relative to the input artifact), with the artifact's root as context. */
    public DockerImageBuilder fromDockerfile(String dockerfile) {
        return fromDockerfile(dockerfile, ".");
    }

    public DockerImageBuilder fromDockerfile(String dockerfile, String context) {
        return withSource(new ImageSource.Dockerfile(dockerfile, context));
    }

    /** Push an image that is already on the Docker daemon (a build made it), by reference. */
    public DockerImageBuilder fromLocalImage(String reference) {
        return withSource(new ImageSource.LocalImage(reference));
    }

    /** The artifacts to read, the Dockerfile's first. */
    public DockerImageBuilder input(String... artifactNames) {
        return new DockerImageBuilder(repository, tags, source, registry, List.of(artifactNames), name, runOrder);
    }

    public DockerImageBuilder name(String actionName) {
        return new DockerImageBuilder(repository, tags, source, registry, inputs, Objects.requireNonNull(actionName, "actionName"), runOrder);
    }

    public DockerImageBuilder runOrder(int order) {
        return new DockerImageBuilder(repository, tags, source, registry, inputs, name, order);
    }

    private DockerImageBuilder withSource(ImageSource imageSource) {
        return new DockerImageBuilder(repository, tags, imageSource, registry, inputs, name, runOrder);
    }

    @Override
    String explicitName() {
        return name;
    }

    @Override
    String defaultName() {
        return "Publish-" + repository.replaceAll("[^A-Za-z0-9.@\\-_]", "_");
    }

    @Override
    Action toAction(String actionName, Wiring wiring) {
        ImageSource imageSource = source != null ? source : new ImageSource.Dockerfile("Dockerfile", ".");
        List<String> inputArtifacts = inputs != null ? inputs : wiring.latestOutput().map(List::of).orElse(List.of());
        return new PublishAction(actionName, runOrder, repository, tags.isEmpty() ? List.of("latest") : tags, imageSource,
                registry != null ? registry : new Registry.Docker("", Optional.empty()), inputArtifacts);
    }

    @Override
    public String toString() {
        return "dockerImage " + repository + tags + (registry == null ? "" : " to " + registry);
    }
}
