/**
 * Pictures of pipelines and runs: a self-contained HTML {@link dev.slipway.report.RunReport} of a run, the
 * {@link dev.slipway.report.RunRecorder} that keeps its log lines for it, and Mermaid
 * {@link dev.slipway.report.Diagrams} of a definition.
 *
 * <pre>{@code
 * RunRecorder recorder = RunRecorder.create();
 * PipelineResult r = runtime.run(pipeline, recorder, ConsoleReporter.quiet());
 * Path html = RunReport.of(pipeline, r).logs(recorder).writeTo(Path.of("target/slipway-report.html"));
 * String mermaid = Diagrams.mermaid(pipeline, r);
 * }</pre>
 *
 * <p>Nothing here needs a library beyond core: the page is built as text, with every value escaped.
 */
package dev.slipway.report;
