package dev.slipway.report;

import dev.slipway.core.BuildResult;
import dev.slipway.core.Pipeline;
import dev.slipway.core.PipelineResult;
import dev.slipway.core.Secret;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A picture of one run as a single self-contained HTML file: the pipeline's stages and actions with their
 * status, a timeline of every build phase, why something failed, each action's details and log, and the
 * pipeline as a Mermaid diagram.
 *
 * <pre>{@code
 * RunRecorder recorder = RunRecorder.create();
 * PipelineResult r = runtime.run(pipeline, recorder);
 * RunReport.of(pipeline, r).logs(recorder).writeTo(Path.of("target/slipway-report.html"));
 * }</pre>
 *
 * <p>The file loads nothing from elsewhere — no scripts at all, no stylesheets, fonts or images — so it can be
 * mailed, archived as a CI artifact or opened offline; its Content-Security-Policy forbids anything else.
 * Statuses are written in words next to their colour. With the {@link Pipeline}, stages and actions the run did
 * not reach show as <em>not run</em> and builds list their commands per phase; {@link #of(PipelineResult)}
 * reports what the result holds alone.
 *
 * <p>Secrets: log lines arrive masked by the runtime; the report also masks every {@link Secret.Value} the
 * pipeline holds wherever it would appear, and shows a secret variable by name only.
 *
 * <p>Elements carry stable attributes for tests and tooling: {@code data-stage}, {@code data-action},
 * {@code data-kind}, {@code data-phase}, {@code data-attempt} and {@code data-status} (a {@code Status} name, or
 * {@code NOT_RUN}); the Mermaid source is in {@code pre.mermaid-source}. Reports are immutable: {@link #logs}
 * returns a new one.
 */
public final class RunReport {
    private final Optional<Pipeline> pipeline;
    private final PipelineResult result;
    private final Map<String, ActionLog> logs;
    private final boolean recorded;

    private RunReport(Optional<Pipeline> pipeline, PipelineResult result, Map<String, ActionLog> logs, boolean recorded) {
        this.pipeline = pipeline;
        this.result = result;
        this.logs = logs;
        this.recorded = recorded;
    }

    /**
     * A report of a run of {@code pipeline}: the definition adds what did not run, the commands of each phase
     * and the diagram.
     *
     * @throws IllegalArgumentException when the result is of another pipeline
     */
    public static RunReport of(Pipeline pipeline, PipelineResult result) {
        Objects.requireNonNull(pipeline, "pipeline");
        Objects.requireNonNull(result, "result");
        if (!pipeline.name().equals(result.pipelineName())) {
            throw new IllegalArgumentException("the result is of pipeline '" + result.pipelineName() + "', not of '"
                    + pipeline.name() + "': pass the pipeline that was run");
        }
        return new RunReport(Optional.of(pipeline), result, Map.of(), false);
    }

    /** A report of what the result holds alone (a result read back with {@link PipelineResult#fromJson}, say). */
    public static RunReport of(PipelineResult result) {
        return new RunReport(Optional.empty(), Objects.requireNonNull(result, "result"), Map.of(), false);
    }

    /**
     * This report with the log lines {@code recorder} kept of this run (matched by run ID): each action's log
     * appears in a collapsible section, open when the action did not succeed. Without it the report points to
     * {@link BuildResult#logLocation()} only.
     */
    public RunReport logs(RunRecorder recorder) {
        Objects.requireNonNull(recorder, "recorder");
        Map<String, ActionLog> byAction = new LinkedHashMap<>();
        List<ActionLog> recorded = recorder.logs(result.runId());
        for (RunView.ActionView action : view().actions()) {
            recorded.stream().filter(l -> l.stage().equals(action.stage()) && l.action().equals(action.name())).findFirst()
                    .ifPresent(log -> byAction.put(action.id(), log));
        }
        return new RunReport(pipeline, result, Map.copyOf(byAction), true);
    }

    /** The report as one HTML document. */
    public String html() {
        return new ReportPage(view(), result, logs, recorded).render();
    }

    /**
     * Writes the report to {@code file} (UTF-8), creating missing parent directories and replacing an older
     * report whole, so a browser never sees half a file.
     *
     * @return the file, for printing where it went
     * @throws UncheckedIOException when the file cannot be written
     */
    public Path writeTo(Path file) {
        Objects.requireNonNull(file, "file");
        Path target = file.toAbsolutePath();
        try {
            Files.createDirectories(target.getParent());
            Path temp = target.resolveSibling("." + target.getFileName() + "." + ProcessHandle.current().pid() + "."
                    + Thread.currentThread().getId() + ".tmp");
            try {
                Files.writeString(temp, html(), StandardCharsets.UTF_8);
                try {
                    Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the run report to " + target + ": " + e.getMessage(), e);
        }
        return file;
    }

    private RunView view() {
        return RunView.of(pipeline, Optional.of(result));
    }

    @Override
    public String toString() {
        return "RunReport[" + result.pipelineName() + " " + result.status() + ", run " + result.runId()
                + (pipeline.isPresent() ? ", with definition" : "") + ", " + logs.size() + " action logs]";
    }
}
