package dev.slipway.core;

import java.util.List;
import java.util.Optional;

/**
 * The phases of a CodeBuild build, in the order they run, with CodeBuild's names.
 *
 * <p>Only {@link #INSTALL}, {@link #PRE_BUILD}, {@link #BUILD} and {@link #POST_BUILD} come from the
 * buildspec; the others are run by the build service itself. {@code COMPLETED} is CodeBuild's status-less
 * end marker and never appears as a {@link PhaseResult}.
 *
 * <pre>{@code
 * result.build("Build").phase(PhaseType.POST_BUILD).status();
 * }</pre>
 */
public enum PhaseType {
    SUBMITTED,
    QUEUED,
    PROVISIONING,
    DOWNLOAD_SOURCE,
    INSTALL("install"),
    PRE_BUILD("pre_build"),
    BUILD("build"),
    POST_BUILD("post_build"),
    UPLOAD_ARTIFACTS,
    FINALIZING,
    COMPLETED;

    /** The phases a buildspec can hold, in the order they run. */
    public static final List<PhaseType> BUILDSPEC_PHASES = List.of(INSTALL, PRE_BUILD, BUILD, POST_BUILD);

    private final String buildspecKey;

    PhaseType() {
        this(null);
    }

    PhaseType(String buildspecKey) {
        this.buildspecKey = buildspecKey;
    }

    /** The key of this phase under {@code phases:} in a buildspec ({@code pre_build}), if it has one. */
    public Optional<String> buildspecKey() {
        return Optional.ofNullable(buildspecKey);
    }

    /** Whether commands of this phase come from the buildspec. */
    public boolean isBuildspecPhase() {
        return buildspecKey != null;
    }

    /** The phase a buildspec key names ({@code pre_build} → {@link #PRE_BUILD}). */
    public static Optional<PhaseType> fromBuildspecKey(String key) {
        for (PhaseType type : BUILDSPEC_PHASES) {
            if (type.buildspecKey.equals(key)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
