package dev.slipway.runtime.aws.internal;

import dev.slipway.core.Action;
import dev.slipway.core.BuildAction;
import dev.slipway.core.Pipeline;
import dev.slipway.core.PublishAction;
import dev.slipway.core.SourceAction;
import dev.slipway.core.SourceLocation;
import dev.slipway.core.Stage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A pipeline as a CodePipeline V2 declaration (CODEBUILD.md §5.1, §5.8, §5.9): source actions per provider,
 * build and publish actions as CodeBuild actions, run orders, artifacts wired by name, and a namespace for every
 * build whose exported variables are used later or that declares some.
 */
public final class PipelineDeclarations {
    public static final String OUTPUT_ARTIFACT_FORMAT = "CODE_ZIP";

    private PipelineDeclarations() {
    }

    static ResourceModel.PipelineDeclaration declaration(Pipeline pipeline, String roleName, String bucketName) {
        Set<String> referenced = Set.copyOf(PublishBuild.referencedBuilds(pipeline));
        Set<String> artifacts = new java.util.HashSet<>();
        pipeline.actions().forEach(a -> artifacts.addAll(a.outputArtifacts()));
        List<ResourceModel.Stage> stages = new ArrayList<>();
        for (Stage stage : pipeline.stages()) {
            List<ResourceModel.Action> actions = new ArrayList<>();
            for (Action action : stage.actions()) {
                actions.add(action(pipeline, action, referenced, artifacts));
            }
            stages.add(new ResourceModel.Stage(stage.name(), actions));
        }
        return new ResourceModel.PipelineDeclaration("Pipeline", pipeline.name(), roleName, bucketName, stages);
    }

    private static ResourceModel.Action action(Pipeline pipeline, Action action, Set<String> referenced, Set<String> artifacts) {
        if (action instanceof SourceAction source) {
            return source(source);
        }
        Map<String, String> configuration = new LinkedHashMap<>();
        String project;
        Optional<String> namespace = Optional.empty();
        if (action instanceof BuildAction build) {
            project = build.projectName();
            if (referenced.contains(build.name()) || !build.exportedVariables().isEmpty()) {
                namespace = Optional.of(namespace(build.name(), artifacts));
            }
        } else {
            PublishAction publish = (PublishAction) action;
            project = Naming.publishProject(pipeline.name(), publish.name());
        }
        configuration.put("ProjectName", project);
        if (action.inputArtifacts().size() > 1) {
            configuration.put("PrimarySource", action.inputArtifacts().get(0));
        }
        if (action instanceof PublishAction publish) {
            PublishBuild.actionVariablesJson(pipeline, publish).ifPresent(json -> configuration.put("EnvironmentVariables", json));
        }
        return new ResourceModel.Action(action.name(), "Build", "AWS", "CodeBuild", "1", action.runOrder(), configuration,
                action.inputArtifacts(), action.outputArtifacts(), namespace, Optional.of(project));
    }

    /** The namespace of a build action's variables in this pipeline. */
    static String namespace(Pipeline pipeline, String actionName) {
        Set<String> artifacts = new java.util.HashSet<>();
        pipeline.actions().forEach(a -> artifacts.addAll(a.outputArtifacts()));
        return namespace(actionName, artifacts);
    }

    /** A namespace must not be an artifact's name; the action name is used unless it is one. */
    static String namespace(String actionName, Set<String> artifacts) {
        String namespace = Naming.namespace(actionName);
        return artifacts.contains(namespace) ? namespace + "Variables" : namespace;
    }

    private static ResourceModel.Action source(SourceAction source) {
        Map<String, String> configuration = new LinkedHashMap<>();
        String provider;
        SourceLocation location = source.location();
        if (location instanceof SourceLocation.GitRepository git) {
            provider = "CodeStarSourceConnection";
            configuration.put("ConnectionArn", git.connectionArn().orElse(""));
            configuration.put("FullRepositoryId", git.fullRepositoryId().orElse(git.url()));
            configuration.put("BranchName", source.ref().value());
            configuration.put("OutputArtifactFormat", OUTPUT_ARTIFACT_FORMAT);
        } else if (location instanceof SourceLocation.CodeCommit codeCommit) {
            provider = "CodeCommit";
            configuration.put("RepositoryName", codeCommit.repositoryName());
            configuration.put("BranchName", source.ref().value());
            configuration.put("OutputArtifactFormat", OUTPUT_ARTIFACT_FORMAT);
        } else if (location instanceof SourceLocation.S3Object s3) {
            provider = "S3";
            configuration.put("S3Bucket", s3.bucket());
            configuration.put("S3ObjectKey", s3.key());
        } else {
            throw new IllegalArgumentException(source.name() + ": " + location + " cannot be deployed to CodePipeline");
        }
        return new ResourceModel.Action(source.name(), "Source", "AWS", provider, "1", source.runOrder(), configuration,
                List.of(), List.of(source.outputArtifact()), Optional.empty(), Optional.empty());
    }
}
