package dev.slipway.examples.aws;

import dev.slipway.core.BuildResult;
import dev.slipway.core.PhaseType;
import dev.slipway.core.Pipeline;
import dev.slipway.core.Status;
import dev.slipway.examples.todobackend.Todobackend;
import dev.slipway.runtime.aws.AwsRuntime;
import dev.slipway.runtime.aws.Plan;
import dev.slipway.testsupport.TestEnvironment;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The AWS example against the local emulator (moto), as README's "Deploying to AWS" shows it. */
class TodobackendOnAwsIT {
    private static final TestEnvironment ENV = TestEnvironment.load();

    @BeforeAll
    static void startFromAnEmptyAccount() throws IOException, InterruptedException {
        URI reset = ENV.awsEndpoint().resolve("/moto-api/reset");
        HttpResponse<String> answer;
        try {
            answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(reset).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(TestEnvironment.howToFix("the AWS emulator at " + ENV.awsEndpoint()), e);
        }
        assertThat(answer.statusCode()).as("moto reset").isEqualTo(200);
    }

    @Test
    void deploysThePipelineRunsItsBuildAndPrintsTheTemplate() {
        Pipeline pipeline = Todobackend.onAws(TodobackendOnAws.EMULATOR_CONNECTION);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        try (AwsRuntime aws = AwsRuntime.builder().endpointOverride(ENV.awsEndpoint()).region(ENV.awsRegion()).build()) {
            BuildResult build = TodobackendOnAws.deployAndBuild(aws, pipeline, new PrintStream(printed, true, StandardCharsets.UTF_8));

            assertThat(build.status()).isEqualTo(Status.SUCCEEDED);
            assertThat(build.buildId()).startsWith("todobackend:");
            assertThat(build.phase(PhaseType.BUILD).status()).isEqualTo(Status.SUCCEEDED);
            assertThat(aws.plan(pipeline).hasChanges()).as("a second plan of the deployed pipeline").isFalse();
            assertThat(aws.plan(pipeline).changes(Plan.ChangeType.NO_CHANGE)).hasSize(7);
        }
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .contains("CREATE    CODEPIPELINE      todobackend", "== deployed: 7 created, 0 updated")
                .contains("Type: AWS::CodePipeline::Pipeline", "Type: AWS::CodeBuild::Project", "Type: AWS::ECR::Repository");
    }
}
