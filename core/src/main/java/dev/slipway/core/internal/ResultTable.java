package dev.slipway.core.internal;

import dev.slipway.core.ActionResult;
import dev.slipway.core.BuildResult;
import dev.slipway.core.Durations;
import dev.slipway.core.PhaseResult;
import dev.slipway.core.PipelineResult;
import dev.slipway.core.StageResult;

import java.util.ArrayList;
import java.util.List;

/** Renders a result as the plain-text table printed at the end of a run and by {@code toString()}. */
public final class ResultTable {
    private ResultTable() {
    }

    public static String render(PipelineResult result) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"STAGE", "ACTION", "STATUS", "TIME", "DETAIL"});
        for (StageResult stage : result.stages()) {
            boolean first = true;
            for (ActionResult action : stage.actions()) {
                rows.add(new String[] {first ? stage.name() : "", action.name(), action.status().name(),
                        Durations.format(action.duration()), action.summary()});
                first = false;
                if (action instanceof BuildResult build) {
                    for (PhaseResult phase : build.phases()) {
                        rows.add(new String[] {"", "  " + phase.type(), phase.status().name(), Durations.format(phase.duration()),
                                phase.failure().map(f -> f.message()).orElse("")});
                    }
                }
            }
        }
        int[] widths = new int[4];
        for (String[] row : rows) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder s = new StringBuilder();
        s.append(result.pipelineName()).append(' ').append(result.status()).append(" in ")
                .append(Durations.format(result.duration())).append(" (").append(result.runtime()).append(" run ")
                .append(result.runId()).append(")\n");
        for (String[] row : rows) {
            s.append("  ");
            for (int i = 0; i < widths.length; i++) {
                s.append(pad(row[i], widths[i])).append("  ");
            }
            s.append(firstLine(row[4])).append('\n');
        }
        return s.toString().stripTrailing();
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(width - text.length());
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        String line = newline < 0 ? text : text.substring(0, newline) + " …";
        return line.length() > 160 ? line.substring(0, 157) + "…" : line;
    }
}
