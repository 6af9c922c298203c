package dev.slipway.runtime.aws.internal;

import dev.slipway.core.Action;
import dev.slipway.core.BuildAction;
import dev.slipway.core.Pipeline;
import dev.slipway.core.SourceAction;
import dev.slipway.core.SourceLocation;
import dev.slipway.core.Stage;

import java.util.List;
import java.util.Optional;

/** Finds sources in a pipeline: which source action feeds a build, and what each source needs on AWS. */
public final class SourceActions {
    private SourceActions() {
    }

    /** The source action whose output is the build's primary input, if the primary input is a source's. */
    public static Optional<SourceAction> primarySource(Pipeline pipeline, BuildAction build) {
        if (build.inputArtifacts().isEmpty()) {
            return Optional.empty();
        }
        String primary = build.inputArtifacts().get(0);
        return pipeline.actions().filter(a -> a instanceof SourceAction s && s.outputArtifact().equals(primary))
                .map(SourceAction.class::cast).findFirst();
    }

    public static Stage stageOf(Pipeline pipeline, Action action) {
        return pipeline.stages().stream().filter(s -> s.actions().contains(action)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(action.name() + " is not in pipeline " + pipeline.name()));
    }

    /** Every source action of the pipeline. */
    public static List<SourceAction> all(Pipeline pipeline) {
        return pipeline.actions().filter(a -> a instanceof SourceAction).map(SourceAction.class::cast).toList();
    }

    /** The CodeStar connection ARNs the pipeline's git sources use. */
    public static List<String> connections(List<SourceAction> sources) {
        return sources.stream().map(SourceAction::location)
                .filter(l -> l instanceof SourceLocation.GitRepository).map(l -> (SourceLocation.GitRepository) l)
                .flatMap(g -> g.connectionArn().stream()).distinct().toList();
    }

    public static List<String> codeCommitRepositories(List<SourceAction> sources) {
        return sources.stream().map(SourceAction::location)
                .filter(l -> l instanceof SourceLocation.CodeCommit).map(l -> ((SourceLocation.CodeCommit) l).repositoryName())
                .distinct().toList();
    }

    public static List<SourceLocation.S3Object> s3Objects(List<SourceAction> sources) {
        return sources.stream().map(SourceAction::location)
                .filter(l -> l instanceof SourceLocation.S3Object).map(l -> (SourceLocation.S3Object) l).distinct().toList();
    }

    /** {@code codestar-connections} or {@code codeconnections}: the IAM service prefix of a connection ARN. */
    public static String connectionService(String connectionArn) {
        String[] parts = connectionArn.split(":");
        return parts.length > 2 ? parts[2] : "codestar-connections";
    }
}
