package dev.slipway.runtime.aws;

import dev.slipway.core.BuildSpec;
import dev.slipway.core.Pipeline;
import dev.slipway.runtime.aws.support.DesignPipeline;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import java.util.List;
import java.util.Map;

import static dev.slipway.dsl.Slipway.codeBuild;
import static dev.slipway.dsl.Slipway.dockerImage;
import static dev.slipway.dsl.Slipway.ecr;
import static dev.slipway.dsl.Slipway.git;
import static dev.slipway.dsl.Slipway.pipeline;
import static org.assertj.core.api.Assertions.assertThat;

/** toCloudFormation renders the resources deploy makes, from the same model; no AWS call is needed. */
@SuppressWarnings("unchecked")
class CloudFormationTest {
    private final AwsRuntime runtime = AwsRuntime.builder().region("us-east-1").credentials("testing", "testing").build();

    private static Map<String, Object> load(String yaml) {
        return (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromString(yaml);
    }

    private static Map<String, Object> at(Map<String, Object> map, String... path) {
        Map<String, Object> current = map;
        for (String key : path) {
            assertThat(current).containsKey(key);
            current = (Map<String, Object>) current.get(key);
        }
        return current;
    }

    @Test
    void theDesignPipelineBecomesATemplateOfTheSameResources() {
        Pipeline p = DesignPipeline.withSecrets("");
        Map<String, Object> template = load(runtime.toCloudFormation(p));
        Map<String, Object> resources = at(template, "Resources");

        assertThat(template).containsEntry("AWSTemplateFormatVersion", "2010-09-09");
        assertThat(resources).containsOnlyKeys("ArtifactBucket", "CodeBuildRole", "CodePipelineRole", "RepositoryDockerInAwsCodebuild",
                "ProjectTodobackend", "ProjectTodobackendPublishPublish", "Pipeline");
        assertThat(resources.values()).extracting(r -> ((Map<String, Object>) r).get("Type")).containsExactly("AWS::S3::Bucket",
                "AWS::IAM::Role", "AWS::IAM::Role", "AWS::ECR::Repository", "AWS::CodeBuild::Project", "AWS::CodeBuild::Project",
                "AWS::CodePipeline::Pipeline");

        Map<String, Object> bucket = at(resources, "ArtifactBucket", "Properties");
        assertThat(bucket.get("BucketName")).isEqualTo(Map.of("Fn::Sub", "slipway-todobackend-${AWS::AccountId}-${AWS::Region}"));
        assertThat(at(bucket, "VersioningConfiguration")).containsEntry("Status", "Enabled");
        assertThat(at(bucket, "PublicAccessBlockConfiguration")).containsOnly(Map.entry("BlockPublicAcls", true),
                Map.entry("BlockPublicPolicy", true), Map.entry("IgnorePublicAcls", true), Map.entry("RestrictPublicBuckets", true));
        assertThat(at(bucket, "BucketEncryption").toString()).contains("SSEAlgorithm=AES256");

        Map<String, Object> codeBuildRole = at(resources, "CodeBuildRole", "Properties");
        assertThat(codeBuildRole.get("RoleName")).isEqualTo("slipway-todobackend-codebuild");
        assertThat(at(codeBuildRole, "AssumeRolePolicyDocument").toString()).contains("Service=codebuild.amazonaws.com", "sts:AssumeRole");
        String policy = ((List<Object>) codeBuildRole.get("Policies")).get(0).toString();
        assertThat(policy).contains("logs:PutLogEvents", "Fn::Sub=arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:"
                + "log-group:/aws/codebuild/todobackend:*", "ssm:GetParameters", "parameter/todobackend/db/password",
                "secretsmanager:GetSecretValue", "secret:todobackend/npm-??????").doesNotContain("Action=*", "Action=[*]");
        assertThat(at(resources, "CodePipelineRole", "Properties").toString())
                .contains("codepipeline.amazonaws.com", "codestar-connections:UseConnection", DesignPipeline.CONNECTION,
                        "codebuild:StartBuild", "project/todobackend-Publish-publish");

        Map<String, Object> repository = at(resources, "RepositoryDockerInAwsCodebuild", "Properties");
        assertThat(repository).containsEntry("RepositoryName", "docker-in-aws/codebuild");
        Map<String, Object> statement = ((List<Map<String, Object>>) at(repository, "RepositoryPolicyText").get("Statement")).get(0);
        assertThat(statement).containsEntry("Principal", Map.of("Service", "codebuild.amazonaws.com"))
                .containsEntry("Action", List.of("ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage", "ecr:BatchCheckLayerAvailability"));

        Map<String, Object> project = at(resources, "ProjectTodobackend", "Properties");
        assertThat(project).containsEntry("Name", "todobackend").containsEntry("TimeoutInMinutes", 30)
                .containsEntry("ServiceRole", Map.of("Fn::GetAtt", List.of("CodeBuildRole", "Arn")));
        assertThat(at(project, "Source")).containsEntry("Type", "CODEPIPELINE").doesNotContainKey("Location");
        assertThat(BuildSpec.parse((String) at(project, "Source").get("BuildSpec")))
                .isEqualTo(((dev.slipway.core.BuildAction) p.stage("Build").actions().get(0)).buildSpec().orElseThrow());
        assertThat(at(project, "Artifacts")).containsEntry("Type", "CODEPIPELINE");
        assertThat(at(project, "Environment")).containsEntry("Image", DesignPipeline.image("")).containsEntry("PrivilegedMode", true)
                .containsEntry("ComputeType", "BUILD_GENERAL1_SMALL").containsEntry("Type", "LINUX_CONTAINER")
                .containsEntry("EnvironmentVariables", List.of(
                        Map.of("Name", "MAKEFLAGS", "Value", "-s", "Type", "PLAINTEXT"),
                        Map.of("Name", "DB_PASSWORD", "Value", "/todobackend/db/password", "Type", "PARAMETER_STORE"),
                        Map.of("Name", "NPM_TOKEN", "Value", "todobackend/npm:token", "Type", "SECRETS_MANAGER")));

        Map<String, Object> declaration = at(resources, "Pipeline", "Properties");
        assertThat(declaration).containsEntry("PipelineType", "V2").containsEntry("Name", "todobackend")
                .containsEntry("RoleArn", Map.of("Fn::GetAtt", List.of("CodePipelineRole", "Arn")));
        assertThat(at(declaration, "ArtifactStore")).containsEntry("Type", "S3").containsEntry("Location", Map.of("Ref", "ArtifactBucket"));
        List<Map<String, Object>> stages = (List<Map<String, Object>>) declaration.get("Stages");
        assertThat(stages).extracting(s -> s.get("Name")).containsExactly("Source", "Build", "Publish");
        Map<String, Object> source = ((List<Map<String, Object>>) stages.get(0).get("Actions")).get(0);
        assertThat(source.get("ActionTypeId")).isEqualTo(Map.of("Category", "Source", "Owner", "AWS",
                "Provider", "CodeStarSourceConnection", "Version", "1"));
        assertThat((Map<String, Object>) source.get("Configuration")).containsEntry("ConnectionArn", DesignPipeline.CONNECTION)
                .containsEntry("FullRepositoryId", "docker-in-aws/todobackend").containsEntry("BranchName", "master");
        assertThat(source.get("OutputArtifacts")).isEqualTo(List.of(Map.of("Name", "SourceOutput")));
        Map<String, Object> build = ((List<Map<String, Object>>) stages.get(1).get("Actions")).get(0);
        assertThat((Map<String, Object>) build.get("Configuration")).containsEntry("ProjectName", Map.of("Ref", "ProjectTodobackend"));
        assertThat(build.get("InputArtifacts")).isEqualTo(List.of(Map.of("Name", "SourceOutput")));
        assertThat(build).containsEntry("RunOrder", 1).doesNotContainKey("Namespace");
    }

    @Test
    void exportedVariablesReachPublishTagsThroughANamespace() {
        Pipeline p = pipeline("app")
                .stage("Source", git("https://github.com/acme/app.git").branch("main").connection(DesignPipeline.CONNECTION))
                .stage("Build", codeBuild("app").image("aws/codebuild/standard:7.0").privileged(true)
                        .build("export APP_VERSION=$(git rev-parse --short HEAD)").exportedVariables("APP_VERSION").artifacts("**/*"))
                .stage("Publish", dockerImage("app").tag("latest").tag("${APP_VERSION}").to(ecr()))
                .build();
        Map<String, Object> resources = at(load(runtime.toCloudFormation(p)), "Resources");

        List<Map<String, Object>> stages = (List<Map<String, Object>>) at(resources, "Pipeline", "Properties").get("Stages");
        Map<String, Object> build = ((List<Map<String, Object>>) stages.get(1).get("Actions")).get(0);
        assertThat(build).containsEntry("Namespace", "Build");
        Map<String, Object> publish = ((List<Map<String, Object>>) stages.get(2).get("Actions")).get(0);
        assertThat((Map<String, Object>) publish.get("Configuration"))
                .containsEntry("EnvironmentVariables", "[{\"name\":\"SLIPWAY_Build_APP_VERSION\",\"value\":\"#{Build.APP_VERSION}\",\"type\":\"PLAINTEXT\"}]")
                .containsEntry("ProjectName", Map.of("Ref", "ProjectAppPublishPublish"));
        Map<String, Object> publishProject = at(resources, "ProjectAppPublishPublish", "Properties");
        assertThat(at(publishProject, "Environment")).containsEntry("PrivilegedMode", true)
                .containsEntry("Image", "aws/codebuild/standard:7.0");
        String buildspec = (String) at(publishProject, "Source").get("BuildSpec");
        BuildSpec spec = BuildSpec.parse(buildspec);
        assertThat(spec.env().exportedVariables()).containsExactly("SLIPWAY_IMAGE", "SLIPWAY_IMAGE_TAGS", "SLIPWAY_IMAGE_DIGEST");
        assertThat(spec.allCommands()).contains(
                "aws ecr get-login-password --region \"$SLIPWAY_REGISTRY_REGION\" | docker login --username AWS --password-stdin \"$SLIPWAY_REGISTRY\"",
                "docker tag slipway-publish:build \"$SLIPWAY_IMAGE:${SLIPWAY_Build_APP_VERSION}\"",
                "docker push \"$SLIPWAY_IMAGE:latest\"");
        assertThat(at(publishProject, "Environment").get("EnvironmentVariables").toString())
                .contains("Value={Fn::Sub=${AWS::AccountId}.dkr.ecr.${AWS::Region}.amazonaws.com/app}");
        // pushing to ECR: the one unscoped resource is the login token, which IAM cannot scope
        String policy = at(resources, "CodeBuildRole", "Properties").get("Policies").toString();
        assertThat(policy).contains("ecr:PutImage", "repository/app", "Action=[ecr:GetAuthorizationToken], Resource=[*]");
        assertThat(resources).containsKey("RepositoryApp");
    }
}
