package dev.slipway.core;

import java.io.PrintStream;
import java.util.Objects;

/**
 * Prints a run's progress to a terminal as it happens: stages, actions, build phases with their outcome and,
 * unless {@link #quiet()}, every log line; at the end, the result table.
 *
 * <pre>{@code
 * LocalRuntime.create().run(pipeline, ConsoleReporter.create());
 * }</pre>
 *
 * <pre>
 * ▶ todobackend (local run 1f2e3d4c)
 * ▶ stage Build
 *   Build │ [Container] 2026/11/23 19:35:11.123456 Running command make test
 *   Build │ ok  todo/tests  0.12s
 *   Build ✓ BUILD SUCCEEDED 3.1s
 * </pre>
 */
public final class ConsoleReporter implements RunListener {
    private final PrintStream out;
    private final boolean logs;

    private ConsoleReporter(PrintStream out, boolean logs) {
        this.out = out;
        this.logs = logs;
    }

    /** Progress and log lines to standard output. */
    public static ConsoleReporter create() {
        return new ConsoleReporter(System.out, true);
    }

    /** Progress only: stages, actions and phases, no log lines. */
    public static ConsoleReporter quiet() {
        return new ConsoleReporter(System.out, false);
    }

    /** Progress (and log lines if {@code logs}) to the given stream. */
    public static ConsoleReporter to(PrintStream out, boolean logs) {
        return new ConsoleReporter(Objects.requireNonNull(out, "out"), logs);
    }

    @Override
    public void onEvent(RunEvent event) {
        String line = format(event);
        if (line != null) {
            synchronized (out) {
                out.println(line);
            }
        }
    }

    private String format(RunEvent event) {
        if (event instanceof RunEvent.PipelineStarted e) {
            return "▶ " + e.pipeline() + " (" + e.runtime() + " run " + e.runId() + ")";
        }
        if (event instanceof RunEvent.StageStarted e) {
            return "▶ stage " + e.stage();
        }
        if (event instanceof RunEvent.ActionStarted e) {
            return "  " + e.action() + " started" + (e.attempt() > 1 ? " (attempt " + e.attempt() + ")" : "");
        }
        if (event instanceof RunEvent.PhaseFinished e) {
            PhaseResult p = e.result();
            return "  " + e.action() + " " + mark(p.status()) + " " + p.type() + " " + p.status() + " " + Durations.format(p.duration())
                    + p.failure().map(f -> " — " + f.message()).orElse("");
        }
        if (event instanceof RunEvent.LogLine e) {
            return logs ? "  " + e.action() + " │ " + e.line() : null;
        }
        if (event instanceof RunEvent.ActionFinished e) {
            ActionResult r = e.result();
            return "  " + r.name() + " " + mark(r.status()) + " " + r.status() + " " + Durations.format(r.duration()) + " " + r.summary();
        }
        if (event instanceof RunEvent.Retrying e) {
            return "  " + e.action() + " ↻ retrying " + e.what() + " (attempt " + e.attempt() + ") in "
                    + Durations.format(e.delay()) + ": " + e.reason();
        }
        if (event instanceof RunEvent.PipelineFinished e) {
            return "\n" + e.result();
        }
        return null;
    }

    private static String mark(Status status) {
        return switch (status) {
            case SUCCEEDED -> "✓";
            case IN_PROGRESS -> "…";
            default -> "✗";
        };
    }
}
