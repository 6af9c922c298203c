package dev.slipway.runtime.aws.internal;

import dev.slipway.runtime.aws.Plan;
import software.amazon.awssdk.services.codebuild.CodeBuildClient;
import software.amazon.awssdk.services.codebuild.model.EnvironmentVariable;
import software.amazon.awssdk.services.codebuild.model.Project;
import software.amazon.awssdk.services.codebuild.model.ProjectArtifacts;
import software.amazon.awssdk.services.codebuild.model.ProjectEnvironment;
import software.amazon.awssdk.services.codebuild.model.ProjectSource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * CodeBuild projects: read in one BatchGetProjects call, compared setting by setting, created or updated with
 * their full settings.
 *
 * <p>A note on {@code location}: for source and artifacts of type CODEPIPELINE, CodeBuild's API reference says
 * a location "should not be specified; if it is, CodePipeline ignores it". moto (5.x) rejects a project without
 * one ("Project source location is required"). So the request carries a location that AWS ignores: the pipeline's
 * name, for both. It is never compared, since AWS may not echo it. NO_SOURCE and NO_ARTIFACTS projects are sent without a location, as AWS wants them.
 */
final class ProjectDeployer {
    private final CodeBuildClient codeBuild;
    private final AwsCalls calls;
    private final AwsCalls callsWhileRolePropagates;

    ProjectDeployer(CodeBuildClient codeBuild, AwsCalls calls) {
        this.codeBuild = codeBuild;
        this.calls = calls;
        // A role made seconds ago may not be assumable yet: CodeBuild says so with InvalidInputException.
        this.callsWhileRolePropagates = calls.alsoRetrying(e -> String.valueOf(e.getMessage()).contains("sts:AssumeRole")
                || String.valueOf(e.getMessage()).contains("not authorized to perform"));
    }

    Map<String, Drift> plan(List<ResourceModel.Project> projects, ResourceModel model) {
        Map<String, Drift> drifts = new HashMap<>();
        if (projects.isEmpty()) {
            return drifts;
        }
        Map<String, Project> existing = new HashMap<>();
        List<String> names = projects.stream().map(ResourceModel.Project::name).toList();
        for (int i = 0; i < names.size(); i += 100) {
            List<String> batch = names.subList(i, Math.min(names.size(), i + 100));
            calls.call("codebuild:BatchGetProjects", () -> codeBuild.batchGetProjects(b -> b.names(batch)))
                    .projects().forEach(p -> existing.put(p.name(), p));
        }
        for (ResourceModel.Project project : projects) {
            Project deployed = existing.get(project.name());
            drifts.put(project.name(), deployed == null ? Drift.missing(Plan.ResourceType.CODEBUILD_PROJECT, project.name())
                    : compare(project, deployed, model));
        }
        return drifts;
    }

    private Drift compare(ResourceModel.Project want, Project have, ResourceModel model) {
        Drift drift = Drift.existing(Plan.ResourceType.CODEBUILD_PROJECT, want.name());
        ProjectSource source = have.source();
        ProjectEnvironment env = have.environment();
        drift.compare("settings", "source.type", source == null ? null : source.typeAsString(), want.sourceType());
        drift.compare("settings", "source.buildspec", source == null ? null : source.buildspec(), want.buildspec());
        drift.compare("settings", "artifacts.type", have.artifacts() == null ? null : have.artifacts().typeAsString(), want.artifactsType());
        drift.compare("settings", "environment.type", env == null ? null : env.typeAsString(), "LINUX_CONTAINER");
        drift.compare("settings", "environment.image", env == null ? null : env.image(), want.image());
        drift.compare("settings", "environment.computeType", env == null ? null : env.computeTypeAsString(), want.computeType());
        drift.compare("settings", "environment.privilegedMode", env == null ? null : Boolean.TRUE.equals(env.privilegedMode()), want.privileged());
        drift.compare("settings", "environment.environmentVariables", env == null ? List.of() : env.environmentVariables().stream()
                .map(v -> v.name() + "=" + v.value() + " (" + v.typeAsString() + ")").toList(), want.variables().stream()
                .map(v -> v.name() + "=" + v.value() + " (" + v.type() + ")").toList());
        drift.compare("settings", "timeoutInMinutes", have.timeoutInMinutes(), want.timeoutInMinutes());
        drift.compare("settings", "serviceRole", have.serviceRole(), model.scope().roleArn(want.roleName()));
        drift.compare("settings", "description", have.description(), want.description());
        return drift;
    }

    void apply(ResourceModel.Project project, Drift drift, ResourceModel model) {
        if (!drift.hasChanges()) {
            return;
        }
        ProjectSource source = source(project, model);
        ProjectArtifacts artifacts = artifacts(project, model);
        ProjectEnvironment environment = environment(project);
        String role = model.scope().roleArn(project.roleName());
        if (drift.isMissing()) {
            callsWhileRolePropagates.call("codebuild:CreateProject", () -> codeBuild.createProject(b -> b.name(project.name())
                    .description(project.description()).source(source).artifacts(artifacts).environment(environment)
                    .serviceRole(role).timeoutInMinutes(project.timeoutInMinutes())));
        } else {
            callsWhileRolePropagates.call("codebuild:UpdateProject", () -> codeBuild.updateProject(b -> b.name(project.name())
                    .description(project.description()).source(source).artifacts(artifacts).environment(environment)
                    .serviceRole(role).timeoutInMinutes(project.timeoutInMinutes())));
        }
    }

    static ProjectSource source(ResourceModel.Project project, ResourceModel model) {
        ProjectSource.Builder source = ProjectSource.builder().type(project.sourceType()).buildspec(project.buildspec());
        if (project.sourceType().equals("CODEPIPELINE")) {
            source.location(model.pipelineName());
        }
        return source.build();
    }

    static ProjectArtifacts artifacts(ResourceModel.Project project, ResourceModel model) {
        ProjectArtifacts.Builder artifacts = ProjectArtifacts.builder().type(project.artifactsType());
        if (project.artifactsType().equals("CODEPIPELINE")) {
            artifacts.location(model.pipelineName());
        }
        return artifacts.build();
    }

    static ProjectEnvironment environment(ResourceModel.Project project) {
        return ProjectEnvironment.builder()
                .type("LINUX_CONTAINER")
                .image(project.image())
                .computeType(project.computeType())
                .privilegedMode(project.privileged())
                .environmentVariables(project.variables().stream().map(v -> EnvironmentVariable.builder()
                        .name(v.name()).value(v.value()).type(v.type()).build()).toList())
                .build();
    }
}
