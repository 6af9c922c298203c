package dev.slipway.runtime.aws;

import dev.slipway.core.PipelineResult;
import dev.slipway.core.RunEvent;
import dev.slipway.core.Status;
import dev.slipway.runtime.aws.support.AwsStub;
import dev.slipway.runtime.aws.support.DesignPipeline;
import dev.slipway.runtime.aws.support.FakeClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static dev.slipway.runtime.aws.support.AwsStub.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * AWS answering badly, scripted with WireMock scenarios: throttling and 5xx are retried with backoff (on the
 * compressed clock), slow answers time out and are retried, unreadable answers and refusals fail at once with
 * AWS's words. The SDK itself never retries: every attempt is one request.
 */
class FaultsTest {
    private static final String EXECUTION = "{\"pipelineExecutionId\":\"0f0e0d0c-0b0a-4909-8807-060504030201\"}";
    private static final String SUCCEEDED = "{\"pipelineExecution\":{\"pipelineName\":\"todobackend\",\"pipelineVersion\":1,"
            + "\"pipelineExecutionId\":\"0f0e0d0c-0b0a-4909-8807-060504030201\",\"status\":\"Succeeded\",\"artifactRevisions\":[]}}";
    private static final String NO_ACTIONS = "{\"actionExecutionDetails\":[]}";

    private final FakeClock clock = new FakeClock(Instant.parse("2026-03-02T09:00:00Z"));
    private final AwsStub aws = new AwsStub();
    private final List<RunEvent> events = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() {
        aws.close();
    }

    private AwsRuntime runtime(Duration callTimeout) {
        return AwsRuntime.builder().region("us-east-1").credentials("testing", "testing").endpointOverride(aws.endpoint())
                .clock(clock).sleeper(clock).callTimeout(callTimeout).build();
    }

    private void stub(String target, String body) {
        aws.server().stubFor(call(target).willReturn(ok(body)));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder ok(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", AwsStub.JSON).withBody(body);
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder error(int status, String type, String message) {
        return aResponse().withStatus(status).withHeader("Content-Type", AwsStub.JSON)
                .withBody("{\"__type\":\"" + type + "\",\"message\":\"" + message + "\"}");
    }

    /** {@code failures} bad answers in a row, then a good one. */
    private void scenario(String target, int failures, com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder bad, String good) {
        for (int i = 0; i < failures; i++) {
            aws.server().stubFor(call(target).inScenario(target).whenScenarioStateIs(i == 0 ? STARTED : "after " + i)
                    .willReturn(bad).willSetStateTo("after " + (i + 1)));
        }
        aws.server().stubFor(call(target).inScenario(target).whenScenarioStateIs("after " + failures).willReturn(ok(good)));
    }

    @Test
    void fiveThrottlingAnswersInARowAreSurvived() {
        scenario(AwsStub.START_PIPELINE_EXECUTION, 5, error(400, "ThrottlingException", "Rate exceeded"), EXECUTION);
        stub(AwsStub.GET_PIPELINE_EXECUTION, SUCCEEDED);
        stub(AwsStub.LIST_ACTION_EXECUTIONS, NO_ACTIONS);

        try (AwsRuntime runtime = runtime(Duration.ofSeconds(5))) {
            PipelineResult result = runtime.run(DesignPipeline.of(""), events::add);
            assertThat(result.status()).isEqualTo(Status.SUCCEEDED);
        }
        assertThat(aws.count(AwsStub.START_PIPELINE_EXECUTION)).isEqualTo(6);
        // backoff grows: exponential with jitter, on the compressed clock
        assertThat(clock.slept()).isGreaterThan(Duration.ofSeconds(3));
    }

    @Test
    void throttlingAndServerErrorsDuringAFollowAreRetried_andTold() {
        stub(AwsStub.START_PIPELINE_EXECUTION, EXECUTION);
        scenario(AwsStub.GET_PIPELINE_EXECUTION, 2, error(500, "InternalFailure", "We encountered an internal error"), SUCCEEDED);
        scenario(AwsStub.LIST_ACTION_EXECUTIONS, 1, aResponse().withStatus(503).withBody("Service Unavailable"), NO_ACTIONS);

        try (AwsRuntime runtime = runtime(Duration.ofSeconds(5))) {
            assertThat(runtime.run(DesignPipeline.of(""), events::add).status()).isEqualTo(Status.SUCCEEDED);
        }
        assertThat(aws.count(AwsStub.GET_PIPELINE_EXECUTION)).isEqualTo(3);
        assertThat(aws.count(AwsStub.LIST_ACTION_EXECUTIONS)).isEqualTo(2);
        List<RunEvent.Retrying> retries = events.stream().filter(e -> e instanceof RunEvent.Retrying).map(e -> (RunEvent.Retrying) e).toList();
        assertThat(retries).extracting(RunEvent.Retrying::what).containsExactly("codepipeline:GetPipelineExecution",
                "codepipeline:GetPipelineExecution", "codepipeline:ListActionExecutions");
        assertThat(retries).extracting(RunEvent.Retrying::attempt).containsExactly(2, 3, 2);
        assertThat(retries.get(0).reason()).contains("InternalFailure", "500", "We encountered an internal error");
    }

    @Test
    void aSlowAnswerTimesOutAndIsAskedAgain() {
        stub(AwsStub.START_PIPELINE_EXECUTION, EXECUTION);
        stub(AwsStub.GET_PIPELINE_EXECUTION, SUCCEEDED);
        aws.server().stubFor(call(AwsStub.LIST_ACTION_EXECUTIONS).inScenario("slow").whenScenarioStateIs(STARTED)
                .willReturn(ok(NO_ACTIONS).withFixedDelay(3_000)).willSetStateTo("fast"));
        aws.server().stubFor(call(AwsStub.LIST_ACTION_EXECUTIONS).inScenario("slow").whenScenarioStateIs("fast").willReturn(ok(NO_ACTIONS)));

        try (AwsRuntime runtime = runtime(Duration.ofMillis(500))) {
            assertThat(runtime.run(DesignPipeline.of(""), events::add).status()).isEqualTo(Status.SUCCEEDED);
        }
        assertThat(aws.count(AwsStub.LIST_ACTION_EXECUTIONS)).isEqualTo(2);
        assertThat(events).filteredOn(e -> e instanceof RunEvent.Retrying).singleElement()
                .satisfies(e -> assertThat(((RunEvent.Retrying) e).reason()).containsIgnoringCase("timeout"));
    }

    @Test
    void aMalformedAnswerFailsAtOnce_saying_itCouldNotBeRead() {
        stub(AwsStub.START_PIPELINE_EXECUTION, EXECUTION);
        stub(AwsStub.GET_PIPELINE_EXECUTION, "{\"pipelineExecution\": {\"status\": \"InProg");

        try (AwsRuntime runtime = runtime(Duration.ofSeconds(5))) {
            assertThatThrownBy(() -> runtime.run(DesignPipeline.of("")))
                    .isInstanceOfSatisfying(AwsRuntimeException.class, e -> {
                        assertThat(e.operation()).isEqualTo("codepipeline:GetPipelineExecution");
                        assertThat(e.attempts()).isEqualTo(1);
                    })
                    .hasMessageContaining("codepipeline:GetPipelineExecution: the answer could not be read")
                    .hasMessageContaining(aws.endpoint().toString());
        }
        assertThat(aws.count(AwsStub.GET_PIPELINE_EXECUTION)).isEqualTo(1);
    }

    @Test
    void accessDeniedFailsAtOnce_withAwsMessage_andExactlyOneRequest() {
        String denied = "User: arn:aws:iam::123456789012:user/dev is not authorized to perform: codepipeline:StartPipelineExecution "
                + "on resource: arn:aws:codepipeline:us-east-1:123456789012:todobackend";
        aws.server().stubFor(call(AwsStub.START_PIPELINE_EXECUTION).willReturn(error(400, "AccessDeniedException", denied)));

        try (AwsRuntime runtime = runtime(Duration.ofSeconds(5))) {
            assertThatThrownBy(() -> runtime.run(DesignPipeline.of("")))
                    .isInstanceOfSatisfying(AwsRuntimeException.class, e -> {
                        assertThat(e.errorCode()).contains("AccessDeniedException");
                        assertThat(e.statusCode()).isEqualTo(400);
                        assertThat(e.attempts()).isEqualTo(1);
                    })
                    .hasMessageContaining(denied)
                    .hasMessageContaining("grant it that permission");
        }
        assertThat(aws.count(AwsStub.START_PIPELINE_EXECUTION)).isEqualTo(1);
        assertThat(clock.sleeps()).isZero();
    }

    @Test
    void anUndeployedPipelineSaysToDeployFirst() {
        aws.server().stubFor(call(AwsStub.START_PIPELINE_EXECUTION).willReturn(error(400, "PipelineNotFoundException",
                "Account '123456789012' does not have a pipeline with name 'todobackend'")));

        try (AwsRuntime runtime = runtime(Duration.ofSeconds(5))) {
            assertThatThrownBy(() -> runtime.run(DesignPipeline.of(""))).isInstanceOf(AwsRuntimeException.class)
                    .hasMessageContaining("does not have a pipeline with name 'todobackend'")
                    .hasMessageContaining("Deploy the pipeline first: runtime.deploy(pipeline)");
        }
    }

    @Test
    void throttlingThatNeverEndsGivesUpAfterTheConfiguredAttempts() {
        aws.server().stubFor(call(AwsStub.START_PIPELINE_EXECUTION).willReturn(error(400, "ThrottlingException", "Rate exceeded")));

        try (AwsRuntime runtime = AwsRuntime.builder().region("us-east-1").credentials("testing", "testing")
                .endpointOverride(aws.endpoint()).clock(clock).sleeper(clock).maxAttempts(3).build()) {
            assertThatThrownBy(() -> runtime.run(DesignPipeline.of(""))).isInstanceOfSatisfying(AwsRuntimeException.class,
                    e -> assertThat(e.attempts()).isEqualTo(3)).hasMessageContaining("after 3 attempts")
                    .hasMessageContaining("kept throttling");
        }
        assertThat(aws.count(AwsStub.START_PIPELINE_EXECUTION)).isEqualTo(3);
    }
}
