package dev.slipway.report;

import dev.slipway.core.Action;
import dev.slipway.core.Pipeline;
import dev.slipway.core.PipelineResult;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Draws a pipeline as a <a href="https://mermaid.js.org/syntax/flowchart.html">Mermaid</a> flowchart: a subgraph
 * per stage, a node per action labelled with its kind and name, an arrow per artifact from the action that
 * produces it to each action that reads it, and dotted arrows for the order of the stages. Paste the text into a
 * Markdown file (GitHub, GitLab and most wikis render {@code ```mermaid} blocks) or the Mermaid live editor.
 *
 * <pre>{@code
 * String diagram = Diagrams.mermaid(pipeline);
 * Files.writeString(Path.of("pipeline.md"), "```mermaid\n" + diagram + "```\n");
 *
 * PipelineResult r = runtime.run(pipeline);
 * String coloured = Diagrams.mermaid(pipeline, r);   // nodes classed by status: succeeded, failed, notRun…
 * }</pre>
 *
 * <p>Node ids are stable ({@code a2_1} is the first action of the second stage); labels carry the status in
 * words as well as in colour.
 */
public final class Diagrams {
    private Diagrams() {
    }

    /** The pipeline definition as a Mermaid flowchart, left to right. */
    public static String mermaid(Pipeline pipeline) {
        Objects.requireNonNull(pipeline, "pipeline");
        return render(RunView.of(Optional.of(pipeline), Optional.empty()), pipeline.name());
    }

    /**
     * The pipeline definition as a Mermaid flowchart whose nodes are classed by how the run went
     * ({@code succeeded}, {@code failed}, {@code fault}, {@code timedOut}, {@code stopped}, {@code inProgress},
     * {@code notRun} for actions the run did not reach), with {@code classDef}s that colour them.
     */
    public static String mermaid(Pipeline pipeline, PipelineResult result) {
        Objects.requireNonNull(pipeline, "pipeline");
        Objects.requireNonNull(result, "result");
        return render(RunView.of(Optional.of(pipeline), Optional.of(result)), pipeline.name());
    }

    static String render(RunView view, String title) {
        boolean withStatus = view.result().isPresent();
        StringBuilder s = new StringBuilder("flowchart LR\n");
        s.append("  accTitle: ").append(plain("Pipeline " + title)).append('\n');
        Map<String, String> producers = new LinkedHashMap<>();
        for (RunView.StageView stage : view.stages()) {
            String stageId = "s" + stage.number();
            s.append("  subgraph ").append(stageId).append("[\"").append(label(stage.name())).append("\"]\n");
            for (RunView.ActionView action : stage.actions()) {
                String text = action.kind() + ": " + action.name();
                if (withStatus) {
                    text += " (" + action.outcome().label().toLowerCase(java.util.Locale.ROOT) + ")";
                }
                s.append("    ").append(nodeId(action)).append("[\"").append(label(text)).append("\"]\n");
                action.definition().map(Action::outputArtifacts).orElse(List.of())
                        .forEach(artifact -> producers.putIfAbsent(artifact, nodeId(action)));
            }
            s.append("  end\n");
        }
        for (int i = 1; i < view.stages().size(); i++) {
            s.append("  s").append(i).append(" -.-> s").append(i + 1).append('\n');
        }
        for (RunView.ActionView action : view.actions()) {
            for (String artifact : action.definition().map(Action::inputArtifacts).orElse(List.of())) {
                String producer = producers.get(artifact);
                if (producer != null) {
                    s.append("  ").append(producer).append(" -->|\"").append(label(artifact)).append("\"| ")
                            .append(nodeId(action)).append('\n');
                }
            }
        }
        if (withStatus) {
            Set<Outcome> used = EnumSet.noneOf(Outcome.class);
            view.actions().forEach(a -> used.add(a.outcome()));
            for (Outcome outcome : used) {
                s.append("  classDef ").append(outcome.mermaidClass()).append(' ').append(style(outcome)).append('\n');
            }
            for (RunView.ActionView action : view.actions()) {
                s.append("  class ").append(nodeId(action)).append(' ').append(action.outcome().mermaidClass()).append('\n');
            }
        }
        return s.toString();
    }

    static String nodeId(RunView.ActionView action) {
        return action.id().replace('-', '_');
    }

    /** Text inside a quoted Mermaid label: quotes, angle brackets and {@code #} as Mermaid entity codes. */
    static String label(String text) {
        StringBuilder s = new StringBuilder();
        for (char c : text.toCharArray()) {
            switch (c) {
                case '#' -> s.append("#35;");
                case '"' -> s.append("#quot;");
                case '<' -> s.append("#lt;");
                case '>' -> s.append("#gt;");
                case '&' -> s.append("#amp;");
                case '\n', '\r' -> s.append(' ');
                default -> s.append(c);
            }
        }
        return s.toString();
    }

    private static String plain(String text) {
        return text.replaceAll("[\\r\\n]+", " ");
    }

    private static String style(Outcome outcome) {
        return switch (outcome) {
            case SUCCEEDED -> "fill:#dafbe1,stroke:#1a7f37,color:#0f3d1f";
            case FAILED -> "fill:#ffebe9,stroke:#cf222e,color:#82071e";
            case FAULT -> "fill:#fbefff,stroke:#8250df,color:#3e1f79";
            case TIMED_OUT -> "fill:#fff8c5,stroke:#9a6700,color:#4d2d00";
            case STOPPED -> "fill:#eaeef2,stroke:#57606a,color:#24292f";
            case IN_PROGRESS -> "fill:#ddf4ff,stroke:#0969da,color:#0a3069";
            case NOT_RUN -> "fill:#f6f8fa,stroke:#8c959f,color:#57606a,stroke-dasharray:4 3";
        };
    }
}
