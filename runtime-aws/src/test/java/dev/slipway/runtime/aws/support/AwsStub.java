package dev.slipway.runtime.aws.support;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * WireMock speaking AWS's JSON 1.1 protocol (CodePipeline, CodeBuild, CloudWatch Logs: {@code POST /} with an
 * {@code X-Amz-Target} header). Answers come from WireMock stubs (scenarios for fault sequences) or, for answers
 * that follow a timeline, from handlers that read the compressed clock.
 */
public final class AwsStub implements AutoCloseable {
    public static final String JSON = "application/x-amz-json-1.1";
    public static final String START_PIPELINE_EXECUTION = "CodePipeline_20150709.StartPipelineExecution";
    public static final String GET_PIPELINE_EXECUTION = "CodePipeline_20150709.GetPipelineExecution";
    public static final String GET_PIPELINE_STATE = "CodePipeline_20150709.GetPipelineState";
    public static final String LIST_ACTION_EXECUTIONS = "CodePipeline_20150709.ListActionExecutions";
    public static final String STOP_PIPELINE_EXECUTION = "CodePipeline_20150709.StopPipelineExecution";
    public static final String BATCH_GET_BUILDS = "CodeBuild_20161006.BatchGetBuilds";
    public static final String STOP_BUILD = "CodeBuild_20161006.StopBuild";
    public static final String RETRY_STAGE_EXECUTION = "CodePipeline_20150709.RetryStageExecution";
    public static final String GET_LOG_EVENTS = "Logs_20140328.GetLogEvents";

    /** An answer: status, body, and how long to wait before sending it. */
    public record Answer(int status, String body, int delayMillis) {
        public static Answer ok(String body) {
            return new Answer(200, body, 0);
        }

        public static Answer xml(int status, String body) {
            return new Answer(status, body, 0);
        }

        public static Answer error(int status, String type, String message) {
            return new Answer(status, "{\"__type\":\"" + type + "\",\"message\":\"" + message + "\"}", 0);
        }
    }

    private static final class Handlers implements ResponseDefinitionTransformerV2 {
        final Map<String, Function<String, Answer>> byTarget = new ConcurrentHashMap<>();

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            String target = event.getRequest().getHeader("X-Amz-Target");
            if (target == null) {      // the query protocol (STS, IAM): Action=GetRole&…
                java.util.regex.Matcher action = java.util.regex.Pattern.compile("(?:^|&)Action=([A-Za-z]+)")
                        .matcher(event.getRequest().getBodyAsString());
                target = action.find() ? "Query." + action.group(1) : null;
            }
            Function<String, Answer> handler = target == null ? null : byTarget.get(target);
            if (handler == null) {
                return event.getResponseDefinition();
            }
            Answer answer = handler.apply(event.getRequest().getBodyAsString());
            return aResponse().withStatus(answer.status())
                    .withHeader("Content-Type", answer.body().startsWith("<") ? "text/xml" : JSON)
                    .withHeader("x-amzn-RequestId", java.util.UUID.randomUUID().toString())
                    .withFixedDelay(answer.delayMillis()).withBody(answer.body()).build();
        }

        @Override
        public boolean applyGlobally() {
            return true;
        }

        @Override
        public String getName() {
            return "slipway-aws-handlers";
        }
    }

    private final Handlers handlers = new Handlers();
    private final WireMockServer server;

    public AwsStub() {
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1").extensions(handlers));
        server.start();
        server.stubFor(any(anyUrl()).atPriority(100).willReturn(aResponse().withStatus(400).withHeader("Content-Type", JSON)
                .withBody("{\"__type\":\"UnknownOperationException\",\"message\":\"no stub for this call\"}")));
    }

    public URI endpoint() {
        return URI.create(server.baseUrl());
    }

    public WireMockServer server() {
        return server;
    }

    /** Answers {@code target} calls with {@code handler}, which gets the request body. */
    public AwsStub on(String target, Function<String, Answer> handler) {
        handlers.byTarget.put(target, handler);
        return this;
    }

    /** Requests made for {@code target}. */
    public List<LoggedRequest> requests(String target) {
        if (target.startsWith("Query.")) {
            return server.findAll(postRequestedFor(urlEqualTo("/"))
                    .withRequestBody(WireMock.matching("(.*&)?Action=" + target.substring(6) + "(&.*)?")));
        }
        return server.findAll(postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(target)));
    }

    public int count(String target) {
        return requests(target).size();
    }

    /** A WireMock stub matching one target, for scenarios. */
    public static com.github.tomakehurst.wiremock.client.MappingBuilder call(String target) {
        return WireMock.post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(target));
    }

    @Override
    public void close() {
        server.stop();
    }
}
