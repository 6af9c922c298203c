package dev.slipway.runtime.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.core.BuildAction;
import dev.slipway.core.BuildResult;
import dev.slipway.core.PhaseResult;
import dev.slipway.core.Pipeline;
import dev.slipway.core.Status;
import dev.slipway.runtime.aws.Plan.ChangeType;
import dev.slipway.runtime.aws.Plan.ResourceType;
import dev.slipway.runtime.aws.support.CallLog;
import dev.slipway.runtime.aws.support.DesignPipeline;
import dev.slipway.runtime.aws.support.Moto;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.services.codebuild.CodeBuildClient;
import software.amazon.awssdk.services.codebuild.model.Build;
import software.amazon.awssdk.services.codebuild.model.BuildPhase;
import software.amazon.awssdk.services.codebuild.model.Project;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.codepipeline.model.ActionDeclaration;
import software.amazon.awssdk.services.codepipeline.model.PipelineDeclaration;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.s3.S3Client;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static dev.slipway.dsl.Slipway.codeBuild;
import static dev.slipway.dsl.Slipway.dockerImage;
import static dev.slipway.dsl.Slipway.git;
import static dev.slipway.dsl.Slipway.pipeline;
import static dev.slipway.dsl.Slipway.registry;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The DESIGN.md pipeline deployed to moto, looked at with plain SDK clients: bucket, roles, ECR repository,
 * project and pipeline as described; a second deploy makes no mutating call; plan sees changes; runBuild's phases
 * are moto's.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeployIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String suffix = "-" + UUID.randomUUID().toString().substring(0, 8);
    private final Pipeline pipeline = DesignPipeline.withSecrets(suffix);
    private final String name = pipeline.name();
    private final String bucket = "slipway-" + name + "-123456789012-" + Moto.region();
    private final CallLog calls = new CallLog();
    private AwsRuntime runtime;
    private Plan firstDeploy;

    private final S3Client s3 = Moto.client(S3Client.builder().forcePathStyle(true));
    private final IamClient iam = Moto.client(IamClient.builder());
    private final EcrClient ecr = Moto.client(EcrClient.builder());
    private final CodeBuildClient codeBuild = Moto.client(CodeBuildClient.builder());
    private final CodePipelineClient codePipeline = Moto.client(CodePipelineClient.builder());

    @BeforeAll
    void deploy() {
        runtime = Moto.runtime(calls).build();
        firstDeploy = runtime.deploy(pipeline);
    }

    @AfterAll
    void close() {
        runtime.close();
    }

    @Test
    @Order(1)
    void theFirstDeployCreatesEveryResource() {
        assertThat(firstDeploy.changes()).extracting(Plan.ResourceChange::type, Plan.ResourceChange::name, Plan.ResourceChange::change)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(ResourceType.S3_BUCKET, bucket, ChangeType.CREATE),
                        org.assertj.core.groups.Tuple.tuple(ResourceType.IAM_ROLE, "slipway-" + name + "-codebuild", ChangeType.CREATE),
                        org.assertj.core.groups.Tuple.tuple(ResourceType.IAM_ROLE, "slipway-" + name + "-codepipeline", ChangeType.CREATE),
                        org.assertj.core.groups.Tuple.tuple(ResourceType.ECR_REPOSITORY, DesignPipeline.repository(suffix), ChangeType.CREATE),
                        org.assertj.core.groups.Tuple.tuple(ResourceType.CODEBUILD_PROJECT, name, ChangeType.CREATE),
                        org.assertj.core.groups.Tuple.tuple(ResourceType.CODEBUILD_PROJECT, name + "-Publish-publish", ChangeType.CREATE),
                        org.assertj.core.groups.Tuple.tuple(ResourceType.CODEPIPELINE, name, ChangeType.CREATE));
    }

    @Test
    @Order(2)
    void theArtifactBucketIsVersionedEncryptedAndNotPublic() {
        assertThat(s3.getBucketVersioning(b -> b.bucket(bucket)).statusAsString()).isEqualTo("Enabled");
        var block = s3.getPublicAccessBlock(b -> b.bucket(bucket)).publicAccessBlockConfiguration();
        assertThat(List.of(block.blockPublicAcls(), block.ignorePublicAcls(), block.blockPublicPolicy(), block.restrictPublicBuckets()))
                .containsOnly(true);
        assertThat(s3.getBucketEncryption(b -> b.bucket(bucket)).serverSideEncryptionConfiguration().rules())
                .singleElement().satisfies(r -> assertThat(r.applyServerSideEncryptionByDefault().sseAlgorithmAsString()).isEqualTo("AES256"));
    }

    @Test
    @Order(3)
    void eachRoleTrustsItsServiceAndGrantsListedActionsOnThisPipelinesResources() throws Exception {
        for (String service : List.of("codebuild", "codepipeline")) {
            String role = "slipway-" + name + "-" + service;
            JsonNode trust = json(iam.getRole(b -> b.roleName(role)).role().assumeRolePolicyDocument());
            assertThat(trust.at("/Statement/0/Principal/Service").asText()).isEqualTo(service + ".amazonaws.com");
            assertThat(trust.at("/Statement/0/Action").asText()).isEqualTo("sts:AssumeRole");
            assertThat(iam.listRolePolicies(b -> b.roleName(role)).policyNames()).containsExactly("slipway-" + service);
            JsonNode policy = json(iam.getRolePolicy(b -> b.roleName(role).policyName("slipway-" + service)).policyDocument());
            List<String> actions = new ArrayList<>();
            List<String> resources = new ArrayList<>();
            policy.get("Statement").forEach(s -> {
                s.get("Action").forEach(a -> actions.add(a.asText()));
                s.get("Resource").forEach(r -> resources.add(r.asText()));
            });
            assertThat(actions).isNotEmpty().noneMatch(a -> a.equals("*") || a.endsWith(":*"));
            assertThat(resources).isNotEmpty().noneMatch(r -> r.equals("*"))
                    .allMatch(r -> r.contains(name) || r.equals(DesignPipeline.CONNECTION) || r.contains(":parameter/todobackend/") || r.contains(":secret:todobackend/"), "scoped to this pipeline");
        }
        JsonNode codeBuildPolicy = json(iam.getRolePolicy(b -> b.roleName("slipway-" + name + "-codebuild").policyName("slipway-codebuild")).policyDocument());
        assertThat(codeBuildPolicy.toString()).contains("arn:aws:logs:us-east-1:123456789012:log-group:/aws/codebuild/" + name + ":*",
                "arn:aws:s3:::" + bucket + "/*", "arn:aws:ssm:us-east-1:123456789012:parameter/todobackend/db/password",
                "arn:aws:secretsmanager:us-east-1:123456789012:secret:todobackend/npm-??????");
        JsonNode codePipelinePolicy = json(iam.getRolePolicy(b -> b.roleName("slipway-" + name + "-codepipeline").policyName("slipway-codepipeline")).policyDocument());
        assertThat(codePipelinePolicy.toString()).contains("arn:aws:codebuild:us-east-1:123456789012:project/" + name + "\"",
                "codestar-connections:UseConnection", DesignPipeline.CONNECTION, "arn:aws:s3:::" + bucket);
    }

    @Test
    @Order(4)
    void theBuildImageRepositoryLetsCodeBuildPull() throws Exception {
        String repository = DesignPipeline.repository(suffix);
        assertThat(ecr.describeRepositories(b -> b.repositoryNames(repository)).repositories()).hasSize(1);
        JsonNode statement = json(ecr.getRepositoryPolicy(b -> b.repositoryName(repository)).policyText()).at("/Statement/0");
        assertThat(statement.at("/Principal/Service").asText()).isEqualTo("codebuild.amazonaws.com");
        assertThat(statement.get("Action")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder("ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage", "ecr:BatchCheckLayerAvailability");
        assertThat(statement.at("/Condition/ArnLike/aws:SourceArn/0").asText()).isEqualTo("arn:aws:codebuild:us-east-1:123456789012:project/" + name);
    }

    @Test
    @Order(5)
    void theProjectRunsTheModelsBuildspecInItsEnvironment() {
        Project project = codeBuild.batchGetProjects(b -> b.names(name)).projects().get(0);
        BuildAction build = (BuildAction) pipeline.stage("Build").actions().get(0);
        assertThat(project.source().typeAsString()).isEqualTo("CODEPIPELINE");
        assertThat(project.source().buildspec()).isEqualTo(build.buildSpec().orElseThrow().toYaml());
        assertThat(project.artifacts().typeAsString()).isEqualTo("CODEPIPELINE");
        assertThat(project.environment().typeAsString()).isEqualTo("LINUX_CONTAINER");
        assertThat(project.environment().image()).isEqualTo(DesignPipeline.image(suffix));
        assertThat(project.environment().computeTypeAsString()).isEqualTo("BUILD_GENERAL1_SMALL");
        assertThat(project.environment().privilegedMode()).isTrue();
        assertThat(project.environment().environmentVariables()).extracting(v -> v.name() + "=" + v.value() + " " + v.typeAsString())
                .containsExactly("MAKEFLAGS=-s PLAINTEXT", "DB_PASSWORD=/todobackend/db/password PARAMETER_STORE",
                        "NPM_TOKEN=todobackend/npm:token SECRETS_MANAGER");
        assertThat(project.timeoutInMinutes()).isEqualTo(30);
        assertThat(project.serviceRole()).isEqualTo("arn:aws:iam::123456789012:role/slipway-" + name + "-codebuild");
        Project publish = codeBuild.batchGetProjects(b -> b.names(name + "-Publish-publish")).projects().get(0);
        assertThat(publish.environment().privilegedMode()).isTrue();
        assertThat(publish.source().buildspec()).contains("docker push \"$SLIPWAY_IMAGE:latest\"", "SLIPWAY_IMAGE_DIGEST");
    }

    @Test
    @Order(6)
    void thePipelineIsAV2PipelineWithTheModelsStagesActionsAndArtifacts() {
        PipelineDeclaration declaration = codePipeline.getPipeline(b -> b.name(name)).pipeline();
        assertThat(declaration.pipelineTypeAsString()).isEqualTo("V2");
        assertThat(declaration.roleArn()).isEqualTo("arn:aws:iam::123456789012:role/slipway-" + name + "-codepipeline");
        assertThat(declaration.artifactStore().location()).isEqualTo(bucket);
        assertThat(declaration.stages()).extracting(s -> s.name()).containsExactly("Source", "Build", "Publish");
        ActionDeclaration source = declaration.stages().get(0).actions().get(0);
        assertThat(source.actionTypeId().provider()).isEqualTo("CodeStarSourceConnection");
        assertThat(source.configuration()).containsEntry("ConnectionArn", DesignPipeline.CONNECTION)
                .containsEntry("FullRepositoryId", "docker-in-aws/todobackend").containsEntry("BranchName", "master");
        assertThat(source.outputArtifacts()).extracting(a -> a.name()).containsExactly("SourceOutput");
        ActionDeclaration build = declaration.stages().get(1).actions().get(0);
        assertThat(build.actionTypeId().categoryAsString() + "/" + build.actionTypeId().provider()).isEqualTo("Build/CodeBuild");
        assertThat(build.configuration()).containsEntry("ProjectName", name);
        assertThat(build.inputArtifacts()).extracting(a -> a.name()).containsExactly("SourceOutput");
        ActionDeclaration publish = declaration.stages().get(2).actions().get(0);
        assertThat(publish.configuration()).containsEntry("ProjectName", name + "-Publish-publish");
    }

    @Test
    @Order(7)
    void aSecondDeployOfTheUnchangedPipelineMakesNoMutatingCall_andPlanSeesNoChange() {
        calls.clear();
        Plan again = runtime.deploy(pipeline);
        assertThat(again.hasChanges()).as(again.toString()).isFalse();
        assertThat(calls.all()).isNotEmpty();
        assertThat(calls.mutating()).isEmpty();
        assertThat(runtime.plan(pipeline).changes()).extracting(Plan.ResourceChange::change).containsOnly(ChangeType.NO_CHANGE);
    }

    @Test
    @Order(8)
    void runBuildReturnsThePhasesCodeBuildReports() {
        calls.clear();
        BuildResult result = runtime.runBuild(pipeline, "Build");

        assertThat(calls.mutating()).containsExactly("CodeBuild:StartBuild");
        List<BuildPhase> reported = codeBuild.batchGetBuilds(b -> b.ids(result.buildId())).builds().get(0).phases();
        Set<String> seen = new HashSet<>();
        List<String> expected = new ArrayList<>();
        for (BuildPhase phase : reported) {       // moto repeats phases on every BatchGetBuilds: the first report counts
            if (seen.add(phase.phaseTypeAsString()) && !phase.phaseTypeAsString().equals("COMPLETED")) {
                Duration duration = phase.endTime() != null ? Duration.between(phase.startTime(), phase.endTime())
                        : phase.durationInSeconds() != null ? Duration.ofSeconds(phase.durationInSeconds()) : Duration.ZERO;
                expected.add(phase.phaseTypeAsString() + " " + phase.phaseStatusAsString() + " " + phase.startTime() + " " + duration);
            }
        }
        assertThat(result.phases()).extracting(p -> p.type() + " " + p.status() + " " + p.start() + " " + p.duration())
                .containsExactlyElementsOf(expected);
        assertThat(result.phases()).extracting(PhaseResult::type).doesNotContain(dev.slipway.core.PhaseType.COMPLETED);
        assertThat(result.status()).isEqualTo(Status.SUCCEEDED);
        assertThat(result.projectName()).isEqualTo(name);
        assertThat(result.buildId()).startsWith(name + ":");
        assertThat(result.attempts()).hasSize(1);
    }

    @Test
    @Order(9)
    void planSeesWhatChanged_andDeployAppliesIt() {
        Pipeline changed = pipeline(name)
                .stage("Source", git("https://github.com/docker-in-aws/todobackend.git").branch("main").connection(DesignPipeline.CONNECTION))
                .stage("Build", codeBuild(name).image(DesignPipeline.image(suffix)).privileged(true).env("MAKEFLAGS", "-s")
                        .env("DB_PASSWORD", dev.slipway.dsl.Slipway.parameterStore("/todobackend/db/password"))
                        .env("NPM_TOKEN", dev.slipway.dsl.Slipway.secretsManager("todobackend/npm:token"))
                        .preBuild(((BuildAction) pipeline.stage("Build").actions().get(0)).buildSpec().orElseThrow()
                                .phase(dev.slipway.core.PhaseType.PRE_BUILD).orElseThrow().commands().toArray(String[]::new))
                        .build("make test", "make release", "make publish").postBuild("make clean", "make logout")
                        .timeout(Duration.ofMinutes(45)).retry(3))
                .stage("Publish", dockerImage("todobackend").tag("latest").to(registry("127.0.0.1:5000")))
                .build();

        Plan plan = runtime.plan(changed);
        assertThat(plan.resource(ResourceType.CODEBUILD_PROJECT, name).change()).isEqualTo(ChangeType.UPDATE);
        assertThat(plan.resource(ResourceType.CODEBUILD_PROJECT, name).differences()).containsExactly("timeoutInMinutes: '30' → '45'");
        assertThat(plan.resource(ResourceType.CODEPIPELINE, name).differences())
                .containsExactly("stage 'Source' › action 'Source' › configuration.BranchName: 'master' → 'main'");
        assertThat(plan.changes(ChangeType.NO_CHANGE)).extracting(Plan.ResourceChange::type).contains(ResourceType.S3_BUCKET,
                ResourceType.IAM_ROLE, ResourceType.ECR_REPOSITORY);

        // moto has no UpdateProject (it answers HTTP 500): deploy what it can update, the pipeline
        Pipeline branchOnly = pipeline(name)
                .stage("Source", git("https://github.com/docker-in-aws/todobackend.git").branch("main").connection(DesignPipeline.CONNECTION))
                .stage("Build", pipeline.stage("Build").actions().toArray(dev.slipway.core.Action[]::new).length == 1
                        ? codeBuildLike(pipeline) : null)
                .stage("Publish", dockerImage("todobackend").tag("latest").to(registry("127.0.0.1:5000")))
                .build();
        calls.clear();
        Plan applied = runtime.deploy(branchOnly);
        assertThat(applied.changes(ChangeType.UPDATE)).extracting(Plan.ResourceChange::type).containsExactly(ResourceType.CODEPIPELINE);
        assertThat(calls.mutating()).containsExactly("CodePipeline:UpdatePipeline");
        assertThat(runtime.plan(branchOnly).hasChanges()).isFalse();
        assertThat(codePipeline.getPipeline(b -> b.name(name)).pipeline().stages().get(0).actions().get(0).configuration())
                .containsEntry("BranchName", "main");
    }

    private dev.slipway.dsl.CodeBuildBuilder codeBuildLike(Pipeline p) {
        BuildAction build = (BuildAction) p.stage("Build").actions().get(0);
        return codeBuild(build.projectName()).image(build.environment().image()).privileged(true).env("MAKEFLAGS", "-s")
                .env("DB_PASSWORD", dev.slipway.dsl.Slipway.parameterStore("/todobackend/db/password"))
                .env("NPM_TOKEN", dev.slipway.dsl.Slipway.secretsManager("todobackend/npm:token"))
                .buildspec(build.buildSpec().orElseThrow()).timeout(Duration.ofMinutes(30)).retry(3);
    }

    private static JsonNode json(String document) throws Exception {
        String text = document.trim().startsWith("{") ? document : URLDecoder.decode(document, StandardCharsets.UTF_8);
        return JSON.readTree(text);
    }
}
