package dev.slipway.runtime.aws.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A CodePipeline execution as it unfolds: actions that start and end at given seconds, then the execution's
 * end. Renders GetPipelineExecution and ListActionExecutions answers at any moment, shaped as CODEBUILD.md
 * §5.7/§5.8 describes them (newest action first, the CodeBuild build ID as {@code externalExecutionId}, errorDetails
 * {@code JobFailed} for a failed build).
 */
public final class ExecutionTimeline {
    private static final ObjectMapper JSON = new ObjectMapper();

    public static final class ActionRun {
        final String stage;
        final String action;
        final String category;
        final String provider;
        final Duration start;
        final Duration end;
        final String status;
        String externalId = "";
        String summary = "";
        String errorCode;
        String errorMessage;
        final Map<String, String> configuration = new LinkedHashMap<>();
        final Map<String, String> outputVariables = new LinkedHashMap<>();
        final List<String> inputs = new ArrayList<>();
        final List<String> outputs = new ArrayList<>();

        ActionRun(String stage, String action, String category, String provider, long start, long end, String status) {
            this.stage = stage;
            this.action = action;
            this.category = category;
            this.provider = provider;
            this.start = Duration.ofSeconds(start);
            this.end = Duration.ofSeconds(end);
            this.status = status;
        }

        public ActionRun externalId(String id, String summary) {
            this.externalId = id;
            this.summary = summary;
            return this;
        }

        public ActionRun error(String code, String message) {
            this.errorCode = code;
            this.errorMessage = message;
            return this;
        }

        public ActionRun config(String key, String value) {
            configuration.put(key, value);
            return this;
        }

        public ActionRun variable(String key, String value) {
            outputVariables.put(key, value);
            return this;
        }

        public ActionRun input(String artifact) {
            inputs.add(artifact);
            return this;
        }

        public ActionRun output(String artifact) {
            outputs.add(artifact);
            return this;
        }
    }

    private final String pipeline;
    private final String executionId;
    private final Instant start;
    private final List<ActionRun> actions = new ArrayList<>();
    private Duration end = Duration.ofDays(1);
    private String finalStatus = "Succeeded";
    private String revision = "";
    private java.util.function.BiConsumer<ExecutionTimeline, Duration> onRetry = (timeline, at) -> {
        throw new IllegalStateException("this execution was not scripted for RetryStageExecution");
    };
    private final List<Duration> retries = new ArrayList<>();

    public ExecutionTimeline(String pipeline, String executionId, Instant start) {
        this.pipeline = pipeline;
        this.executionId = executionId;
        this.start = start;
    }

    public String executionId() {
        return executionId;
    }

    public ActionRun action(String stage, String action, String category, String provider, long from, long to, String status) {
        ActionRun run = new ActionRun(stage, action, category, provider, from, to, status);
        actions.add(run);
        return run;
    }

    public ExecutionTimeline ends(long atSecond, String status) {
        this.end = Duration.ofSeconds(atSecond);
        this.finalStatus = status;
        return this;
    }

    /** StopPipelineExecution with abandon at {@code now}: actions in progress are abandoned, the execution stops. */
    public synchronized String stop(Instant now) {
        Duration at = Duration.between(start, now);
        List<ActionRun> abandoned = new ArrayList<>();
        for (ActionRun run : actions) {
            if (run.start.compareTo(at) <= 0 && run.end.compareTo(at) > 0) {
                ActionRun cut = new ActionRun(run.stage, run.action, run.category, run.provider, run.start.toSeconds(), at.toSeconds() + 1, "Abandoned");
                cut.externalId = run.externalId;
                cut.configuration.putAll(run.configuration);
                cut.inputs.addAll(run.inputs);
                abandoned.add(cut);
            } else if (run.start.compareTo(at) <= 0) {
                abandoned.add(run);
            }
        }
        actions.clear();
        actions.addAll(abandoned);
        end = at.plusSeconds(3);
        finalStatus = "Stopped";
        return JSON.createObjectNode().put("pipelineExecutionId", executionId).toString();
    }

    public ExecutionTimeline revision(String commit) {
        this.revision = commit;
        return this;
    }

    /** What a RetryStageExecution does to this execution: {@code script} gets the offset it was called at. */
    public ExecutionTimeline onRetry(java.util.function.BiConsumer<ExecutionTimeline, Duration> script) {
        this.onRetry = script;
        return this;
    }

    /** Serves RetryStageExecution at {@code now}. */
    public synchronized String retryStage(Instant now) {
        Duration at = Duration.between(start, now);
        retries.add(at);
        onRetry.accept(this, at);
        return JSON.createObjectNode().put("pipelineExecutionId", executionId).toString();
    }

    public List<Duration> retries() {
        return List.copyOf(retries);
    }

    public Instant start() {
        return start;
    }

    public String startAnswer() {
        return JSON.createObjectNode().put("pipelineExecutionId", executionId).toString();
    }

    public synchronized String getPipelineExecution(Instant now) {
        ObjectNode answer = JSON.createObjectNode();
        ObjectNode e = answer.putObject("pipelineExecution");
        e.put("pipelineName", pipeline);
        e.put("pipelineVersion", 1);
        e.put("pipelineExecutionId", executionId);
        boolean ended = !now.isBefore(start.plus(end));
        e.put("status", ended ? finalStatus : "InProgress");
        if (ended && !finalStatus.equals("Succeeded")) {
            e.put("statusSummary", "Execution ended " + finalStatus);
        }
        ArrayNode revisions = e.putArray("artifactRevisions");
        if (!revision.isEmpty()) {
            revisions.addObject().put("name", "SourceOutput").put("revisionId", revision)
                    .put("revisionSummary", "{\"ProviderType\":\"GitHub\",\"CommitMessage\":\"Fix the tests\"}")
                    .put("created", BuildTimeline.seconds(start))
                    .put("revisionUrl", "https://github.com/docker-in-aws/todobackend/commit/" + revision);
        }
        e.putObject("trigger").put("triggerType", "StartPipelineExecution").put("triggerDetail", "arn:aws:iam::123456789012:user/dev");
        e.put("executionMode", "SUPERSEDED");
        e.put("executionType", "STANDARD");
        e.putArray("variables");
        return answer.toString();
    }

    public synchronized String listActionExecutions(Instant now) {
        ObjectNode answer = JSON.createObjectNode();
        ArrayNode details = answer.putArray("actionExecutionDetails");
        List<ActionRun> started = new ArrayList<>();
        // the newest first, as CodePipeline lists them
        for (ActionRun run : actions) {
            if (!now.isBefore(start.plus(run.start))) {
                started.add(0, run);     // newest first, as CodePipeline lists them
            }
        }
        for (ActionRun run : started) {
            boolean done = !now.isBefore(start.plus(run.end));
            ObjectNode d = details.addObject();
            d.put("pipelineExecutionId", executionId);
            d.put("actionExecutionId", java.util.UUID.nameUUIDFromBytes((executionId + run.action + run.start).getBytes()).toString());
            d.put("pipelineVersion", 1);
            d.put("stageName", run.stage);
            d.put("actionName", run.action);
            d.put("startTime", BuildTimeline.seconds(start.plus(run.start)));
            d.put("lastUpdateTime", BuildTimeline.seconds(done ? start.plus(run.end) : now));
            d.put("updatedBy", "arn:aws:iam::123456789012:role/slipway-" + pipeline + "-codepipeline");
            d.put("status", done ? run.status : "InProgress");
            ObjectNode input = d.putObject("input");
            input.putObject("actionTypeId").put("category", run.category).put("owner", "AWS").put("provider", run.provider).put("version", "1");
            ObjectNode config = input.putObject("configuration");
            run.configuration.forEach(config::put);
            ObjectNode resolved = input.putObject("resolvedConfiguration");
            run.configuration.forEach(resolved::put);
            input.put("roleArn", "arn:aws:iam::123456789012:role/slipway-" + pipeline + "-codepipeline");
            input.put("region", "us-east-1");
            ArrayNode inputs = input.putArray("inputArtifacts");
            run.inputs.forEach(name -> inputs.addObject().put("name", name).putObject("s3location")
                    .put("bucket", "slipway-" + pipeline + "-123456789012-us-east-1").put("key", pipeline + "/" + name + "/a1b2c3d"));
            ObjectNode output = d.putObject("output");
            ArrayNode outputs = output.putArray("outputArtifacts");
            if (done) {
                run.outputs.forEach(name -> outputs.addObject().put("name", name).putObject("s3location")
                        .put("bucket", "slipway-" + pipeline + "-123456789012-us-east-1").put("key", pipeline + "/" + name + "/x9y8z7w"));
            }
            if (!run.externalId.isEmpty()) {
                ObjectNode result = output.putObject("executionResult");
                result.put("externalExecutionId", run.externalId);
                result.put("externalExecutionSummary", done ? run.summary : "");
                result.put("externalExecutionUrl", "https://console.aws.amazon.com/codesuite/codebuild/projects/build/" + run.externalId);
                if (done && run.errorCode != null) {
                    result.putObject("errorDetails").put("code", run.errorCode).put("message", run.errorMessage);
                }
            }
            ObjectNode variables = output.putObject("outputVariables");
            if (done) {
                run.outputVariables.forEach(variables::put);
            }
        }
        return answer.toString();
    }
}
