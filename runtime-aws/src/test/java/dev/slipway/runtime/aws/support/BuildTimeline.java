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
 * A CodeBuild build as it unfolds over time: phases with their start and end, the final status, log lines and
 * exported variables. {@link #buildJson(Instant)} renders the {@code Build} that BatchGetBuilds returns at a
 * given moment (phases so far, the running one without a status, COMPLETED with a start time only), as CodeBuild
 * does; {@link #logEvents} serves GetLogEvents with forward tokens.
 */
public final class BuildTimeline {
    private static final ObjectMapper JSON = new ObjectMapper();

    public record Phase(String type, Duration start, Duration end, String status, String code, String message) {
    }

    public record LogLine(Duration at, String text) {
    }

    private final String project;
    private final String uuid;
    private final Instant start;
    private final List<Phase> phases = new ArrayList<>();
    private final List<LogLine> lines = new ArrayList<>();
    private final Map<String, String> exported = new LinkedHashMap<>();
    private String finalStatus = "SUCCEEDED";
    private Duration completedAt = Duration.ZERO;

    public BuildTimeline(String project, String uuid, Instant start) {
        this.project = project;
        this.uuid = uuid;
        this.start = start;
    }

    public String id() {
        return project + ":" + uuid;
    }

    public Instant start() {
        return start;
    }

    public Instant completedAt() {
        return start.plus(completedAt);
    }

    public BuildTimeline phase(String type, long fromSecond, long toSecond) {
        return phase(type, fromSecond, toSecond, "SUCCEEDED", "", "");
    }

    public BuildTimeline phase(String type, long fromSecond, long toSecond, String status, String code, String message) {
        phases.add(new Phase(type, Duration.ofSeconds(fromSecond), Duration.ofSeconds(toSecond), status, code, message));
        completedAt = Duration.ofSeconds(Math.max(completedAt.toSeconds(), toSecond));
        return this;
    }

    /** StopBuild at {@code now}: the running phase ends STOPPED two seconds later, then FINALIZING. */
    public synchronized void stop(Instant now) {
        Duration at = Duration.between(start, now);
        List<Phase> kept = new ArrayList<>();
        for (Phase p : phases) {
            if (p.start().compareTo(at) > 0) {
                break;
            }
            kept.add(p.end().compareTo(at) <= 0 ? p
                    : new Phase(p.type(), p.start(), at.plusSeconds(2), "STOPPED", "BUILD_STOPPED", "Build was stopped"));
        }
        kept.add(new Phase("FINALIZING", at.plusSeconds(2), at.plusSeconds(4), "SUCCEEDED", "", ""));
        phases.clear();
        phases.addAll(kept);
        completedAt = at.plusSeconds(4);
        finalStatus = "STOPPED";
    }

    public BuildTimeline status(String status) {
        this.finalStatus = status;
        return this;
    }

    public BuildTimeline log(long atSecond, String text) {
        lines.add(new LogLine(Duration.ofSeconds(atSecond), text));
        return this;
    }

    public BuildTimeline export(String name, String value) {
        exported.put(name, value);
        return this;
    }

    public boolean isComplete(Instant now) {
        return !now.isBefore(completedAt());
    }

    /** The Build object CodeBuild would return at {@code now}. */
    public synchronized ObjectNode buildJson(Instant now) {
        ObjectNode b = JSON.createObjectNode();
        b.put("id", id());
        b.put("arn", "arn:aws:codebuild:us-east-1:123456789012:build/" + id());
        b.put("buildNumber", 7);
        b.put("startTime", seconds(start));
        b.put("projectName", project);
        b.put("sourceVersion", "arn:aws:s3:::slipway-artifacts/todobackend/SourceOutp/JrWYRbf");
        b.put("resolvedSourceVersion", "5bd7c3e8b1d0a7c2f9e4d6b8a1c3e5f7a9b0c2d4");
        b.put("initiator", "codepipeline/todobackend");
        b.put("timeoutInMinutes", 30);
        boolean complete = isComplete(now);
        ArrayNode ps = b.putArray("phases");
        String current = "SUBMITTED";
        for (Phase p : phases) {
            Instant from = start.plus(p.start());
            Instant to = start.plus(p.end());
            if (now.isBefore(from)) {
                break;
            }
            ObjectNode phase = ps.addObject();
            phase.put("phaseType", p.type());
            phase.put("startTime", seconds(from));
            current = p.type();
            if (!now.isBefore(to)) {
                phase.put("phaseStatus", p.status());
                phase.put("endTime", seconds(to));
                phase.put("durationInSeconds", p.end().minus(p.start()).toSeconds());
                ObjectNode context = phase.putArray("contexts").addObject();
                context.put("statusCode", p.code());
                context.put("message", p.message());
            }
        }
        if (complete) {
            ps.addObject().put("phaseType", "COMPLETED").put("startTime", seconds(completedAt()));
            current = "COMPLETED";
            b.put("endTime", seconds(completedAt()));
            b.put("buildStatus", finalStatus);
            ArrayNode vars = b.putArray("exportedEnvironmentVariables");
            exported.forEach((k, v) -> vars.addObject().put("name", k).put("value", v));
        } else {
            b.put("buildStatus", "IN_PROGRESS");
        }
        b.put("currentPhase", current);
        b.put("buildComplete", complete);
        ObjectNode logs = b.putObject("logs");
        if (!phases.isEmpty() && phases.size() > 2 && !now.isBefore(start.plus(phases.get(2).start()))) {
            logs.put("groupName", "/aws/codebuild/" + project);
            logs.put("streamName", uuid);
            logs.put("deepLink", "https://console.aws.amazon.com/cloudwatch/home?region=us-east-1#logEvent:group=/aws/codebuild/"
                    + project + ";stream=" + uuid);
            logs.put("cloudWatchLogsArn", "arn:aws:logs:us-east-1:123456789012:log-group:/aws/codebuild/" + project + ":log-stream:" + uuid);
        }
        logs.putObject("cloudWatchLogs").put("status", "ENABLED");
        return b;
    }

    /** A BatchGetBuilds answer with this build at {@code now}. */
    public String batchGetBuilds(Instant now) {
        ObjectNode answer = JSON.createObjectNode();
        answer.putArray("builds").add(buildJson(now));
        answer.putArray("buildsNotFound");
        return answer.toString();
    }

    /** A GetLogEvents answer: the lines logged by {@code now} after the request's token (an index). */
    public String logEvents(String requestBody, Instant now) {
        int from = 0;
        try {
            var request = JSON.readTree(requestBody);
            if (request.hasNonNull("nextToken")) {
                from = Integer.parseInt(request.get("nextToken").asText().substring(2));
            }
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
        ObjectNode answer = JSON.createObjectNode();
        ArrayNode events = answer.putArray("events");
        int next = from;
        for (int i = from; i < lines.size(); i++) {
            Instant at = start.plus(lines.get(i).at());
            if (at.isAfter(now)) {
                break;
            }
            events.addObject().put("timestamp", at.toEpochMilli()).put("message", lines.get(i).text() + "\n")
                    .put("ingestionTime", at.toEpochMilli() + 200);
            next = i + 1;
        }
        answer.put("nextForwardToken", "f/" + next);
        answer.put("nextBackwardToken", "b/0");
        return answer.toString();
    }

    static double seconds(Instant instant) {
        return instant.toEpochMilli() / 1000.0;
    }
}
