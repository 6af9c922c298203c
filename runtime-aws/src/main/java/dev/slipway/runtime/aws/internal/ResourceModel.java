package dev.slipway.runtime.aws.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Every AWS resource a pipeline needs, as plain data: the one source of truth that {@code deploy} (through the
 * SDK) and {@code toCloudFormation} (as a template) both render. Policy documents are JSON trees of maps, lists
 * and strings.
 */
public record ResourceModel(
        String pipelineName,
        AwsScope scope,
        Optional<Bucket> bucket,
        List<Role> roles,
        List<Repository> repositories,
        List<Project> projects,
        Optional<PipelineDeclaration> pipeline) {

    public ResourceModel {
        Objects.requireNonNull(pipelineName, "pipelineName");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(bucket, "bucket");
        roles = List.copyOf(roles);
        repositories = List.copyOf(repositories);
        projects = List.copyOf(projects);
        Objects.requireNonNull(pipeline, "pipeline");
    }

    public Optional<Project> project(String name) {
        return projects.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    public Optional<Role> role(String name) {
        return roles.stream().filter(r -> r.name().equals(name)).findFirst();
    }

    /** The artifact store: versioned, public access blocked, encrypted with SSE-S3 (AES256). */
    public record Bucket(String logicalId, String name) {
    }

    /** A service role with its trust policy for one service principal and one inline policy. */
    public record Role(String logicalId, String name, String servicePrincipal, String policyName,
                       Map<String, Object> trustPolicy, Map<String, Object> policy) {
        public Role {
            trustPolicy = ordered(trustPolicy);
            policy = ordered(policy);
        }
    }

    /** An ECR repository; the policy lets CodeBuild pull a build image from it. */
    public record Repository(String logicalId, String name, Optional<Map<String, Object>> policy) {
    }

    /** A CodeBuild environment variable: PLAINTEXT, PARAMETER_STORE or SECRETS_MANAGER. */
    public record EnvVar(String name, String value, String type) {
    }

    /**
     * A CodeBuild project.
     *
     * @param sourceType    CODEPIPELINE for a pipeline's build, NO_SOURCE for a build that has no source
     * @param buildspec     inline YAML or a path in the source
     * @param artifactsType CODEPIPELINE or NO_ARTIFACTS
     * @param roleName      the service role (a {@link Role} of this model)
     */
    public record Project(String logicalId, String name, String description, String sourceType, String buildspec,
                          String artifactsType, String image, String computeType, boolean privileged,
                          List<EnvVar> variables, int timeoutInMinutes, String roleName) {
        public Project {
            variables = List.copyOf(variables);
        }
    }

    /** A CodePipeline (V2) declaration. */
    public record PipelineDeclaration(String logicalId, String name, String roleName, String bucketName, List<Stage> stages) {
        public PipelineDeclaration {
            stages = List.copyOf(stages);
        }
    }

    public record Stage(String name, List<Action> actions) {
        public Stage {
            actions = List.copyOf(actions);
        }
    }

    /**
     * An action declaration. {@code configuration} values are strings, as CodePipeline has them.
     *
     * @param project the CodeBuild project of a build action ({@code ProjectName}), if this model deploys it
     */
    public record Action(String name, String category, String owner, String provider, String version, int runOrder,
                         Map<String, String> configuration, List<String> inputArtifacts, List<String> outputArtifacts,
                         Optional<String> namespace, Optional<String> project) {
        public Action {
            configuration = ordered(configuration);
            inputArtifacts = List.copyOf(inputArtifacts);
            outputArtifacts = List.copyOf(outputArtifacts);
        }
    }

    private static <V> Map<String, V> ordered(Map<String, V> map) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
