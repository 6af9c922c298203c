package dev.slipway.core.spi;

import dev.slipway.core.Artifact;
import dev.slipway.core.BuildSpec;
import dev.slipway.core.PhaseType;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Where one build attempt runs: a container for LocalRuntime, a script for ScriptedRuntime. The host does
 * the work of each phase; {@link BuildLifecycle} decides, with CodeBuild's rules, which phase runs when and
 * what the results are. A host never decides what runs after a failure.
 *
 * <p>Steps that fail throw {@link PhaseFailedException}; any other exception is a FAULT of that phase.
 */
public interface BuildHost {

    /** PROVISIONING: make the build environment (pull or find the image, create and start the container). */
    void provision();

    /**
     * DOWNLOAD_SOURCE: put the input artifacts in place. When the action has no inline buildspec, return the
     * text of the buildspec file at {@code buildSpecPath} in the primary source; throw a FAILED
     * {@code YAML_FILE_ERROR} when it is missing.
     */
    Optional<String> downloadSource(Optional<String> buildSpecPath);

    /** {@code CODEBUILD_SRC_DIR} as this host lays sources out, e.g. {@code /codebuild/output/src123/src}. */
    String sourceDirectory();

    /** {@code CODEBUILD_SRC_DIR_<name>} for a secondary input artifact. */
    String secondarySourceDirectory(String artifactName);

    /**
     * Prepares the shell commands run in: the buildspec's shell and version (0.1: a shell per command), and
     * the environment, resolved and in CodeBuild's precedence.
     */
    void startShell(BuildSpec spec, Map<String, String> environment);

    /**
     * Runs one command in the build's shell; every line it prints goes to {@code output} as it comes.
     * Returns when the command ends, the stop signal fires ({@link CommandResult#stopped()}) or
     * {@code deadline} (epoch millis) passes ({@link CommandResult#timedOut()}).
     */
    CommandResult execute(PhaseType phase, String command, long deadlineMillis, Consumer<String> output);

    /** Sets a variable in the build's shell for the commands that follow ({@code CODEBUILD_BUILD_SUCCEEDING}). */
    void setVariable(String name, String value);

    /** Reads the current values of variables from the build's shell (for {@code exported-variables}). */
    Map<String, String> readVariables(List<String> names);

    /**
     * UPLOAD_ARTIFACTS: collect the buildspec's artifacts as the named output artifacts (the first from the
     * primary section, others from {@code secondary-artifacts}). Throw a FAILED {@code CLIENT_ERROR} when no
     * file matches.
     */
    List<Artifact> uploadArtifacts(BuildSpec.Artifacts artifacts, List<String> outputArtifacts, Consumer<String> output);

    /** FINALIZING: always called last, whatever happened before. Saves caches and releases the environment. */
    void finish(Consumer<String> output);

    /** Where the build's full log is kept (a file path, a log stream); empty if nowhere. */
    String logLocation();
}
