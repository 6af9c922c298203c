package dev.slipway.runtime.aws.internal;

import dev.slipway.core.Action;
import dev.slipway.core.BuildAction;
import dev.slipway.core.Pipeline;
import dev.slipway.core.PublishAction;
import dev.slipway.core.Registry;
import dev.slipway.core.Secret;
import dev.slipway.core.SourceAction;
import dev.slipway.core.Stage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Makes the {@link ResourceModel} of a pipeline: the artifact bucket, the CodeBuild and CodePipeline roles, ECR
 * repositories (with CodeBuild's pull policy for build images), a project per build and publish action, and the
 * pipeline. A pipeline that is not shaped for CodePipeline (a build alone) gets NO_SOURCE projects and no
 * bucket or pipeline: what {@code runBuild} needs.
 */
public final class Resources {
    private Resources() {
    }

    /** Whether the pipeline has CodePipeline's shape: a first stage of sources, and more stages after it. */
    public static boolean isCodePipeline(Pipeline pipeline) {
        return pipeline.stages().size() >= 2 && !pipeline.stages().get(0).actions().isEmpty()
                && pipeline.stages().get(0).actions().stream().allMatch(a -> a instanceof SourceAction);
    }

    public static ResourceModel of(Pipeline pipeline, AwsScope scope, Optional<String> bucketOverride) {
        boolean inPipeline = isCodePipeline(pipeline);
        String bucket = bucketOverride.orElseGet(() -> Naming.artifactBucket(pipeline.name(), scope));
        String codeBuildRole = Naming.codeBuildRole(pipeline.name());
        String codePipelineRole = Naming.codePipelineRole(pipeline.name());
        List<SourceAction> sources = SourceActions.all(pipeline);

        Map<String, ResourceModel.Project> projects = new LinkedHashMap<>();
        Map<String, List<String>> pullers = new LinkedHashMap<>();      // build-image repository → projects
        Set<String> pushRepositories = new LinkedHashSet<>();          // publish repositories in this account
        List<String> pushArns = new ArrayList<>();
        List<String> reportProjects = new ArrayList<>();
        Set<String> parameters = new LinkedHashSet<>();
        Set<String> secrets = new LinkedHashSet<>();
        for (Stage stage : pipeline.stages()) {
            for (Action action : stage.actions()) {
                if (action instanceof BuildAction build && !projects.containsKey(build.projectName())) {
                    projects.put(build.projectName(), ProjectSettings.project(pipeline, stage, build, inPipeline, codeBuildRole));
                    ProjectSettings.ecrImage(build.environment().image())
                            .filter(image -> scope.isTemplate() || (image.accountId().equals(scope.accountId()) && image.region().equals(scope.region())))
                            .ifPresent(image -> pullers.computeIfAbsent(image.repository(), k -> new ArrayList<>()).add(build.projectName()));
                    if (build.buildSpec().map(spec -> !spec.reports().isEmpty()).orElse(false)) {
                        reportProjects.add(build.projectName());
                    }
                    PolicyDocuments.secretsOf(build, parameters, secrets);
                } else if (action instanceof PublishAction publish && inPipeline) {
                    ResourceModel.Project project = PublishBuild.project(pipeline, publish, scope, codeBuildRole);
                    projects.put(project.name(), project);
                    if (publish.registry() instanceof Registry.Ecr ecr) {
                        AwsScope target = new AwsScope(scope.partition(), ecr.region().orElse(scope.region()), ecr.accountId().orElse(scope.accountId()));
                        pushArns.add(target.repositoryArn(publish.repository()));
                        if (target.equals(scope)) {
                            pushRepositories.add(publish.repository());
                        }
                    } else if (publish.registry() instanceof Registry.Docker docker) {
                        docker.credentials().map(c -> c.password()).ifPresent(password -> {
                            if (password instanceof Secret.ParameterStore p) {
                                parameters.add(p.parameterName());
                            } else if (password instanceof Secret.SecretsManager s) {
                                secrets.add(s.reference());
                            }
                        });
                    }
                }
            }
        }

        List<ResourceModel.Repository> repositories = new ArrayList<>();
        pullers.forEach((name, users) -> repositories.add(new ResourceModel.Repository(Naming.logicalId("Repository", name), name,
                Optional.of(PolicyDocuments.codeBuildPull(scope, users)))));
        pushRepositories.stream().filter(name -> !pullers.containsKey(name)).forEach(name ->
                repositories.add(new ResourceModel.Repository(Naming.logicalId("Repository", name), name, Optional.empty())));

        List<String> projectNames = List.copyOf(projects.keySet());
        List<String> connections = SourceActions.connections(sources);
        List<String> codeCommit = SourceActions.codeCommitRepositories(sources);
        var s3Sources = SourceActions.s3Objects(sources);
        PolicyDocuments.CodeBuildNeeds codeBuildNeeds = new PolicyDocuments.CodeBuildNeeds(projectNames, reportProjects, parameters,
                secrets, pushArns, connections, codeCommit, s3Sources);
        List<ResourceModel.Role> roles = new ArrayList<>();
        roles.add(new ResourceModel.Role("CodeBuildRole", codeBuildRole, "codebuild.amazonaws.com", Naming.CODEBUILD_POLICY,
                PolicyDocuments.trust("codebuild.amazonaws.com"),
                PolicyDocuments.codeBuild(scope, inPipeline ? bucket : null, codeBuildNeeds)));
        Optional<ResourceModel.PipelineDeclaration> declaration = Optional.empty();
        Optional<ResourceModel.Bucket> artifactBucket = Optional.empty();
        if (inPipeline) {
            artifactBucket = Optional.of(new ResourceModel.Bucket("ArtifactBucket", bucket));
            roles.add(new ResourceModel.Role("CodePipelineRole", codePipelineRole, "codepipeline.amazonaws.com", Naming.CODEPIPELINE_POLICY,
                    PolicyDocuments.trust("codepipeline.amazonaws.com"),
                    PolicyDocuments.codePipeline(scope, bucket, new PolicyDocuments.CodePipelineNeeds(projectNames, connections, codeCommit, s3Sources))));
            declaration = Optional.of(PipelineDeclarations.declaration(pipeline, codePipelineRole, bucket));
        }
        return new ResourceModel(pipeline.name(), scope, artifactBucket, roles, repositories, List.copyOf(projects.values()), declaration);
    }

    /** What one build needs to run alone: the CodeBuild role, the repository of its image, its project. */
    public static ResourceModel forBuild(ResourceModel full, String projectName) {
        ResourceModel.Project project = full.project(projectName)
                .orElseThrow(() -> new IllegalArgumentException("no project " + projectName + " in the model of " + full.pipelineName()));
        List<ResourceModel.Role> roles = full.roles().stream().filter(r -> r.name().equals(project.roleName())).toList();
        List<ResourceModel.Repository> repositories = ProjectSettings.ecrImage(project.image())
                .flatMap(image -> full.repositories().stream().filter(r -> r.name().equals(image.repository())).findFirst())
                .map(List::of).orElse(List.of());
        return new ResourceModel(full.pipelineName(), full.scope(), Optional.empty(), roles, repositories, List.of(project), Optional.empty());
    }
}
