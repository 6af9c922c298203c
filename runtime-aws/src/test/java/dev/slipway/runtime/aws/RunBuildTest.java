package dev.slipway.runtime.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.core.BuildAction;
import dev.slipway.core.BuildResult;
import dev.slipway.core.PhaseType;
import dev.slipway.core.Pipeline;
import dev.slipway.core.RunEvent;
import dev.slipway.core.Status;
import dev.slipway.runtime.aws.support.AwsStub;
import dev.slipway.runtime.aws.support.BuildTimeline;
import dev.slipway.runtime.aws.support.DeployStubs;
import dev.slipway.runtime.aws.support.DesignPipeline;
import dev.slipway.runtime.aws.support.FakeClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.slipway.dsl.Slipway.codeBuild;
import static dev.slipway.dsl.Slipway.parameterStore;
import static dev.slipway.dsl.Slipway.pipeline;
import static dev.slipway.runtime.aws.support.AwsStub.Answer.ok;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * runBuild against WireMock: what it deploys for one build, the StartBuild it sends (what AWS wants, checked on
 * the wire), and the build it follows on the compressed clock.
 */
class RunBuildTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

    private final FakeClock clock = new FakeClock(T0);
    private final AwsStub aws = new AwsStub();
    private final AwsRuntime runtime = AwsRuntime.builder().region("us-east-1").credentials("testing", "testing")
            .endpointOverride(aws.endpoint()).clock(clock).sleeper(clock).build();
    private final List<BuildTimeline> builds = new CopyOnWriteArrayList<>();

    @BeforeEach
    void account() {
        DeployStubs.emptyAccount(aws);
        aws.on(AwsStub.BATCH_GET_BUILDS, body -> ok(builds.get(builds.size() - 1).batchGetBuilds(clock.instant())))
                .on(AwsStub.GET_LOG_EVENTS, body -> ok(builds.get(builds.size() - 1).logEvents(body, clock.instant())));
    }

    @AfterEach
    void close() {
        runtime.close();
        aws.close();
    }

    private void builds(String project, String failingPhase) {
        AtomicInteger started = new AtomicInteger();
        aws.on(DeployStubs.START_BUILD, body -> {
            BuildTimeline build = new BuildTimeline(project, "00000000-0000-4000-8000-00000000000" + started.incrementAndGet(), clock.instant())
                    .phase("SUBMITTED", 0, 1).phase("QUEUED", 1, 2).phase("PROVISIONING", 2, 20).phase("DOWNLOAD_SOURCE", 20, 22)
                    .phase("INSTALL", 22, 23).phase("PRE_BUILD", 23, 25);
            if ("BUILD".equals(failingPhase)) {
                build.phase("BUILD", 25, 85, "FAILED", "COMMAND_EXECUTION_ERROR", "Error while executing command: make nightly. Reason: exit status 1")
                        .status("FAILED");
            } else {
                build.phase("BUILD", 25, 85);
            }
            build.phase("POST_BUILD", 85, 86).phase("UPLOAD_ARTIFACTS", 86, 87).phase("FINALIZING", 87, 89)
                    .log(26, "Running make nightly").export("NIGHTLY", "2026.03.02");
            builds.add(build);
            return ok("{\"build\":" + build.buildJson(clock.instant()) + "}");
        });
    }

    private JsonNode body(String target, int index) throws Exception {
        return JSON.readTree(aws.requests(target).get(index).getBodyAsString());
    }

    @Test
    void aBuildAloneRunsAsANoSourceProject_createdTheWayAwsWantsIt() throws Exception {
        Pipeline nightly = pipeline("nightly").stage("Build", codeBuild("nightly").image("aws/codebuild/standard:7.0")
                .build("make nightly").exportedVariables("NIGHTLY")).build();
        builds("nightly", null);
        List<RunEvent> events = new CopyOnWriteArrayList<>();

        BuildResult result = runtime.runBuild(nightly, "Build", BuildOptions.builder().listener(events::add).build());

        assertThat(result.status()).isEqualTo(Status.SUCCEEDED);
        assertThat(result.phases()).extracting(p -> p.type()).containsExactly(PhaseType.SUBMITTED, PhaseType.QUEUED,
                PhaseType.PROVISIONING, PhaseType.DOWNLOAD_SOURCE, PhaseType.INSTALL, PhaseType.PRE_BUILD, PhaseType.BUILD,
                PhaseType.POST_BUILD, PhaseType.UPLOAD_ARTIFACTS, PhaseType.FINALIZING);
        assertThat(result.exportedVariables()).containsEntry("NIGHTLY", "2026.03.02");
        assertThat(result.projectName()).isEqualTo("nightly");
        JsonNode project = body(DeployStubs.CREATE_PROJECT, 0);
        assertThat(project.at("/source/type").asText()).isEqualTo("NO_SOURCE");
        assertThat(project.at("/source").has("location")).isFalse();
        assertThat(project.at("/source/buildspec").asText())
                .isEqualTo(((BuildAction) nightly.stage("Build").actions().get(0)).buildSpec().orElseThrow().toYaml());
        assertThat(project.at("/artifacts/type").asText()).isEqualTo("NO_ARTIFACTS");
        assertThat(project.at("/artifacts").has("location")).isFalse();
        assertThat(project.at("/serviceRole").asText()).isEqualTo("arn:aws:iam::123456789012:role/slipway-nightly-codebuild");
        assertThat(aws.count("Query.CreateRole")).isEqualTo(1);
        JsonNode start = body(DeployStubs.START_BUILD, 0);
        assertThat(start.get("projectName").asText()).isEqualTo("nightly");
        assertThat(start.has("sourceTypeOverride")).isFalse();
        assertThat(start.get("idempotencyToken").asText()).hasSize(36);
        assertThat(events).filteredOn(e -> e instanceof RunEvent.LogLine).extracting(e -> ((RunEvent.LogLine) e).line())
                .containsExactly("Running make nightly");
        assertThat(events.get(0)).isInstanceOf(RunEvent.ActionStarted.class);
        assertThat(events.get(events.size() - 1)).isInstanceOf(RunEvent.ActionFinished.class);
    }

    @Test
    void aPipelinesBuildRunsAloneWithItsSourceNamedDirectly_andTheGivenVersionAndOverrides() throws Exception {
        Pipeline pipeline = DesignPipeline.of("");
        builds("todobackend", null);

        BuildResult result = runtime.runBuild(pipeline, "Build", BuildOptions.builder().sourceVersion("3f9c2a1")
                .env("STAGE", "test").env("DB_PASSWORD", parameterStore("/todobackend/db/password")).build());

        assertThat(result.status()).isEqualTo(Status.SUCCEEDED);
        JsonNode project = body(DeployStubs.CREATE_PROJECT, 0);
        assertThat(project.at("/source/type").asText()).isEqualTo("CODEPIPELINE");
        assertThat(project.at("/source/location").asText()).as("ignored by AWS, wanted by moto").isEqualTo("todobackend");
        assertThat(project.at("/artifacts/location").asText()).isEqualTo("todobackend");
        assertThat(project.at("/environment/privilegedMode").asBoolean()).isTrue();
        JsonNode start = body(DeployStubs.START_BUILD, 0);
        assertThat(start.get("sourceTypeOverride").asText()).isEqualTo("GITHUB");
        assertThat(start.get("sourceLocationOverride").asText()).isEqualTo("https://github.com/docker-in-aws/todobackend.git");
        assertThat(start.at("/sourceAuthOverride/type").asText()).isEqualTo("CODECONNECTIONS");
        assertThat(start.at("/sourceAuthOverride/resource").asText()).isEqualTo(DesignPipeline.CONNECTION);
        assertThat(start.get("sourceVersion").asText()).isEqualTo("3f9c2a1");
        assertThat(start.at("/artifactsOverride/type").asText()).isEqualTo("NO_ARTIFACTS");
        assertThat(start.get("environmentVariablesOverride").toString())
                .isEqualTo("[{\"name\":\"STAGE\",\"value\":\"test\",\"type\":\"PLAINTEXT\"},"
                        + "{\"name\":\"DB_PASSWORD\",\"value\":\"/todobackend/db/password\",\"type\":\"PARAMETER_STORE\"}]");
        assertThat(aws.count("AmazonEC2ContainerRegistry_V20150921.SetRepositoryPolicy")).isEqualTo(1);
        // without a listener, no log is read
        assertThat(aws.count(AwsStub.GET_LOG_EVENTS)).isZero();
    }

    @Test
    void aRoleJustMadeIsWaitedFor_whileCodeBuildCannotAssumeItYet() {
        Pipeline nightly = pipeline("nightly").stage("Build", codeBuild("nightly").image("aws/codebuild/standard:7.0")
                .build("make nightly")).build();
        builds("nightly", null);
        aws.on(DeployStubs.CREATE_PROJECT, new java.util.function.Function<String, AwsStub.Answer>() {
            private int calls;

            @Override
            public AwsStub.Answer apply(String body) {
                return ++calls < 3 ? AwsStub.Answer.error(400, "InvalidInputException",
                        "CodeBuild is not authorized to perform: sts:AssumeRole on arn:aws:iam::123456789012:role/slipway-nightly-codebuild")
                        : ok("{\"project\":{\"name\":\"nightly\"}}");
            }
        });

        assertThat(runtime.runBuild(nightly, "Build").status()).isEqualTo(Status.SUCCEEDED);
        assertThat(aws.count(DeployStubs.CREATE_PROJECT)).isEqualTo(3);
    }

    @Test
    void aFailedBuildWithRetriesRunsAgain_andTheResultListsEveryAttempt() {
        Pipeline nightly = pipeline("nightly").stage("Build", codeBuild("nightly").image("aws/codebuild/standard:7.0")
                .build("make nightly").retry(2)).build();
        builds("nightly", "BUILD");
        List<RunEvent> events = new CopyOnWriteArrayList<>();

        BuildResult result = runtime.runBuild(nightly, "Build", BuildOptions.builder().listener(events::add).build());

        assertThat(result.status()).isEqualTo(Status.FAILED);
        assertThat(result.attempts()).hasSize(3).extracting(a -> a.buildId()).doesNotHaveDuplicates();
        assertThat(aws.count(DeployStubs.START_BUILD)).isEqualTo(3);
        assertThat(events).filteredOn(e -> e instanceof RunEvent.Retrying).extracting(e -> ((RunEvent.Retrying) e).what())
                .containsExactly("build", "build");
        assertThat(result.phase(PhaseType.BUILD).failure().orElseThrow().exitCode()).contains(1);
    }
}
