package dev.slipway.core;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A CodeBuild build: a buildspec run in a build environment.
 *
 * @param name            action name
 * @param runOrder        1–999
 * @param projectName     the CodeBuild project name (also counts build numbers locally)
 * @param environment     image, compute, privileged mode, variables, timeout, retry
 * @param buildSpec       the buildspec to run; absent means the file {@code buildSpecPath} in the primary source
 * @param buildSpecPath   where to find the buildspec in the source when none is given (default {@code buildspec.yml})
 * @param inputArtifacts  artifacts this build reads; the first is the primary source ({@code CODEBUILD_SRC_DIR})
 * @param outputArtifacts artifacts this build produces: one is the buildspec's {@code artifacts}; with several,
 *                        each must be a {@code secondary-artifacts} identifier
 */
public record BuildAction(
        String name,
        int runOrder,
        String projectName,
        BuildEnvironment environment,
        Optional<BuildSpec> buildSpec,
        String buildSpecPath,
        List<String> inputArtifacts,
        List<String> outputArtifacts) implements Action {

    public static final String DEFAULT_BUILDSPEC_PATH = "buildspec.yml";

    public BuildAction {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(projectName, "projectName");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(buildSpec, "buildSpec");
        Objects.requireNonNull(buildSpecPath, "buildSpecPath");
        inputArtifacts = List.copyOf(inputArtifacts);
        outputArtifacts = List.copyOf(outputArtifacts);
    }

    /** The names the buildspec exports ({@code env.exported-variables}), when the buildspec is known. */
    public List<String> exportedVariables() {
        return buildSpec.map(spec -> spec.env().exportedVariables()).orElse(List.of());
    }

    @Override
    public String describe() {
        return name + ": build " + projectName + " in " + environment.image()
                + buildSpec.map(spec -> " (" + spec.allCommands().size() + " commands)").orElse(" (" + buildSpecPath + " from source)");
    }
}
