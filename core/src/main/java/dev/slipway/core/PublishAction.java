package dev.slipway.core;

import java.util.List;
import java.util.Objects;

/**
 * Pushes a Docker image to a registry.
 *
 * <p>Tags may use variables exported by earlier builds: {@code ${APP_VERSION}} takes the value of
 * {@code APP_VERSION} from the latest earlier build that exported it; {@code ${Build.APP_VERSION}} names
 * the build action.
 *
 * @param name           action name
 * @param runOrder       1–999
 * @param repository     image repository name in the registry ({@code todobackend})
 * @param tags           tags to push, templates allowed
 * @param source         where the image comes from
 * @param registry       where it goes
 * @param inputArtifacts artifacts read (the Dockerfile's artifact first)
 */
public record PublishAction(
        String name,
        int runOrder,
        String repository,
        List<String> tags,
        ImageSource source,
        Registry registry,
        List<String> inputArtifacts) implements Action {

    public PublishAction {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(repository, "repository");
        tags = List.copyOf(tags);
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(registry, "registry");
        inputArtifacts = List.copyOf(inputArtifacts);
    }

    @Override
    public List<String> outputArtifacts() {
        return List.of();
    }

    @Override
    public String describe() {
        return name + ": publish " + repository + ":" + String.join(",", tags) + " to " + registry;
    }
}
