package dev.slipway.report;

import dev.slipway.core.BuildResult;
import dev.slipway.core.PhaseType;
import dev.slipway.core.RunEvent;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The log lines a {@link RunRecorder} kept of one action in one run: the last ones, within the recorder's
 * bounds. The complete log stays where the runtime wrote it ({@link BuildResult#logLocation()}).
 *
 * <pre>{@code
 * RunRecorder recorder = RunRecorder.create();
 * PipelineResult r = runtime.run(pipeline, recorder);
 * recorder.log(r.runId(), "Build", "Build").ifPresent(log ->
 *     log.lines().forEach(line -> System.out.println(line.text())));
 * }</pre>
 *
 * @param runId        the run
 * @param stage        the stage the action is in
 * @param action       the action
 * @param lines        the lines kept, oldest first, secrets already masked by the runtime
 * @param droppedLines how many lines were not kept to stay within the recorder's bounds (the earliest ones)
 * @param retries      the {@link RunEvent.Retrying} events of this action (a build run again, a call retried)
 */
public record ActionLog(String runId, String stage, String action, List<Line> lines, long droppedLines,
                        List<RunEvent.Retrying> retries) {

    public ActionLog {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(action, "action");
        lines = List.copyOf(lines);
        retries = List.copyOf(retries);
    }

    /** Whether earlier lines were dropped: the log starts in the middle. */
    public boolean truncated() {
        return droppedLines > 0;
    }

    /**
     * One line of output.
     *
     * @param number  its number in the action's whole output, from 1 (attempts counted together)
     * @param attempt the attempt of the action that printed it (1 unless the build was retried)
     * @param phase   the build phase it was printed in; empty outside phases (source checkout, image push)
     * @param time    when the runtime saw it
     * @param text    the line, secrets masked as {@code ***}; cut when longer than the recorder's byte bound
     */
    public record Line(long number, int attempt, Optional<PhaseType> phase, Instant time, String text) {
        public Line {
            Objects.requireNonNull(phase, "phase");
            Objects.requireNonNull(time, "time");
            Objects.requireNonNull(text, "text");
        }
    }
}
