package dev.slipway.core;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Fetches sources and hands them on as an output artifact.
 *
 * @param name           action name
 * @param runOrder       1–999
 * @param location       where the sources are
 * @param ref            what to check out (git sources)
 * @param credentials    for private repositories; absent means none or the runtime's own
 * @param outputArtifact the artifact later actions read these sources as
 */
public record SourceAction(
        String name,
        int runOrder,
        SourceLocation location,
        GitRef ref,
        Optional<Credentials> credentials,
        String outputArtifact) implements Action {

    public SourceAction {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(outputArtifact, "outputArtifact");
    }

    @Override
    public List<String> inputArtifacts() {
        return List.of();
    }

    @Override
    public List<String> outputArtifacts() {
        return List.of(outputArtifact);
    }

    @Override
    public String describe() {
        return name + ": source " + location + (ref.kind() == GitRef.Kind.DEFAULT_BRANCH ? "" : " @ " + ref) + " → " + outputArtifact;
    }
}
