package dev.slipway.runtime.aws.internal;

import dev.slipway.core.PhaseResult;
import dev.slipway.core.PhaseType;
import dev.slipway.core.RunEvent;
import dev.slipway.core.spi.SecretMasker;
import dev.slipway.runtime.aws.AwsRuntimeException;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;

import java.time.Instant;
import java.util.List;

/**
 * Streams a build's CloudWatch Logs to the run's listeners as {@link RunEvent.LogLine}s, masked: GetLogEvents
 * from the head of the stream the build names ({@code Build.logs}), then on from {@code nextForwardToken}; one
 * call per poll unless a page comes back full. Once the build has ended, the rest is read. A log stream that
 * is not there yet is no error; a failing log read does not fail the run (the lines are then missing).
 */
final class LogTail {
    private static final int PAGE = 10_000;            // GetLogEvents' largest page: a shorter page is all there is
    private static final int PAGES_PER_POLL = 5;
    private static final int PAGES_TO_DRAIN = 50;

    private final CloudWatchLogsClient logs;
    private final AwsCalls calls;
    private final RunContext ctx;
    private final String stage;
    private final String action;
    private final SecretMasker masker;
    private String token;
    private boolean broken;
    private int callCount;

    LogTail(CloudWatchLogsClient logs, AwsCalls calls, RunContext ctx, String stage, String action, SecretMasker masker) {
        this.logs = logs;
        this.calls = calls;
        this.ctx = ctx;
        this.stage = stage;
        this.action = action;
        this.masker = masker;
    }

    int calls() {
        return callCount;
    }

    /** Reads what is new; with {@code toEnd}, everything up to the end of the stream. */
    void poll(String group, String stream, List<PhaseResult> phases, boolean toEnd) {
        if (broken || group == null || stream == null || group.isBlank() || stream.isBlank()) {
            return;
        }
        int pages = toEnd ? PAGES_TO_DRAIN : PAGES_PER_POLL;
        for (int i = 0; i < pages; i++) {
            GetLogEventsResponse page;
            try {
                callCount++;
                page = calls.call("logs:GetLogEvents", ctx.site(stage, action), () -> logs.getLogEvents(b -> {
                    b.logGroupName(group).logStreamName(stream).startFromHead(true).limit(PAGE);
                    if (token != null) {
                        b.nextToken(token);
                    }
                }));
            } catch (AwsRuntimeException e) {
                if (e.errorCode().filter("ResourceNotFoundException"::equals).isEmpty()) {
                    broken = true;
                    LoggerFactory.getLogger(LogTail.class).warn("cannot read the build log {}/{}; its lines will be missing: {}",
                            group, stream, e.getMessage());
                }
                return;
            }
            for (OutputLogEvent event : page.events()) {
                emit(event, phases);
            }
            boolean same = page.nextForwardToken() == null || page.nextForwardToken().equals(token);
            token = page.nextForwardToken() == null ? token : page.nextForwardToken();
            if (same || page.events().isEmpty() || !toEnd && page.events().size() < PAGE) {
                return;            // at the end, read until a page comes back empty: late lines may have arrived
            }
        }
    }

    private void emit(OutputLogEvent event, List<PhaseResult> phases) {
        Instant time = event.timestamp() == null ? ctx.clock().instant() : Instant.ofEpochMilli(event.timestamp());
        PhaseType phase = null;
        for (PhaseResult p : phases) {
            if (!p.start().isAfter(time)) {
                phase = p.type();
            }
        }
        String message = event.message() == null ? "" : event.message();
        while (message.endsWith("\n") || message.endsWith("\r")) {
            message = message.substring(0, message.length() - 1);
        }
        for (String line : message.split("\r?\n", -1)) {
            ctx.emit(new RunEvent.LogLine(ctx.runId(), time, stage, action, phase, masker.mask(line)));
        }
    }
}
