package dev.slipway.core;

import java.util.List;

/**
 * One thing a stage does. The kind of action says what it does, so a runtime (or a user) can
 * {@code switch} over it:
 *
 * <pre>{@code
 * if (action instanceof BuildAction build) {            // on Java 21, a pattern switch
 *     System.out.println(build.environment().image());
 * } else if (action instanceof SourceAction source) {
 *     System.out.println(source.location());
 * } else if (action instanceof PublishAction publish) {
 *     System.out.println(publish.repository());
 * }
 * }</pre>
 */
public sealed interface Action permits SourceAction, BuildAction, PublishAction {

    /** Unique within its stage; follows CodePipeline's action-name rules. */
    String name();

    /** 1–999; actions of a stage with the same run order run in parallel. */
    int runOrder();

    /** Names of the artifacts this action reads, primary first. */
    List<String> inputArtifacts();

    /** Names of the artifacts this action produces, primary first. */
    List<String> outputArtifacts();

    /** A short one-line description for {@code toString()} and reports. */
    String describe();
}
