package dev.slipway.core;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Something that happened during a run, delivered to {@link RunListener}s as it happens. Sealed, so a
 * listener can pick the events it cares about with {@code instanceof}.
 */
public sealed interface RunEvent {

    String runId();

    Instant time();

    record PipelineStarted(String runId, Instant time, String pipeline, String runtime) implements RunEvent {
    }

    record PipelineFinished(String runId, Instant time, PipelineResult result) implements RunEvent {
    }

    record StageStarted(String runId, Instant time, String stage) implements RunEvent {
    }

    record StageFinished(String runId, Instant time, StageResult result) implements RunEvent {
    }

    /** An action (or a retry of it: {@code attempt} > 1) started. */
    record ActionStarted(String runId, Instant time, String stage, String action, int attempt) implements RunEvent {
    }

    record ActionFinished(String runId, Instant time, String stage, ActionResult result) implements RunEvent {
    }

    record PhaseStarted(String runId, Instant time, String stage, String action, PhaseType phase) implements RunEvent {
    }

    record PhaseFinished(String runId, Instant time, String stage, String action, PhaseResult result) implements RunEvent {
    }

    /**
     * A line of build or action output, secrets already masked as {@code ***}.
     *
     * @param phase the phase it was printed in, or null outside phases (source checkout, image push)
     */
    record LogLine(String runId, Instant time, String stage, String action, PhaseType phase, String line) implements RunEvent {
        public LogLine {
            Objects.requireNonNull(line, "line");
        }
    }

    /**
     * Something is being tried again: a build after a failure ({@code retry(n)}), or a call that met a
     * transient fault (Docker or AWS answering 5xx, throttling).
     *
     * @param what    what is retried ({@code build}, {@code docker: create container}, {@code codebuild:BatchGetBuilds})
     * @param attempt the attempt about to start (2 for the first retry)
     * @param delay   how long it waits first
     * @param reason  why the previous attempt failed
     */
    record Retrying(String runId, Instant time, String stage, String action, String what, int attempt, Duration delay,
                    String reason) implements RunEvent {
    }
}
