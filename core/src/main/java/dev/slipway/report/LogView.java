package dev.slipway.report;

import dev.slipway.core.ActionResult;
import dev.slipway.core.BuildResult;
import dev.slipway.core.PhaseType;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An action's recorded log in a {@code <details>}: open when the action did not succeed. Lines keep their numbers
 * in the whole output; lines of a phase that did not succeed are marked, and so is the line that says why.
 */
final class LogView {
    private static final Pattern PHASE_ERROR = Pattern.compile("Phase context status code: \\S");

    private LogView() {
    }

    static void render(Html h, RunView.ActionView action, ActionLog log, String fullLog, ActionResult result) {
        boolean open = !result.status().isSuccessful();
        Set<PhaseType> badPhases = EnumSet.noneOf(PhaseType.class);
        if (result instanceof BuildResult build) {
            build.phases().stream().filter(p -> !p.status().isSuccessful()).forEach(p -> badPhases.add(p.type()));
        }
        h.raw("<details class=\"log\"" + h.attr("data-log", action.name()) + (open ? " open" : "") + "><summary>Log <span class=\"muted\">\u00B7 ")
                .text(count(log.lines().size(), "line"));
        if (log.truncated()) {
            h.raw(", the last ones of ").text(String.format(Locale.ROOT, "%,d", log.droppedLines() + log.lines().size()));
        }
        h.raw("</span></summary>\n");
        if (log.truncated()) {
            h.raw("<p class=\"log-note\" role=\"note\">").text(count(log.droppedLines(), "earlier line")
                    + " not kept in this report (the recorder keeps the last lines of each action).");
            h.raw(fullLog.isEmpty() ? "" : " Full log: <code>" + h.t(fullLog) + "</code>");
            h.raw("</p>\n");
        }
        lines(h, log.lines(), badPhases, "log-lines");
        h.raw("</details>\n");
    }

    /** Numbered lines in a {@code <pre>}; lines of {@code badPhases} in the last attempt marked. */
    static void lines(Html h, List<ActionLog.Line> lines, Set<PhaseType> badPhases, String css) {
        h.raw("<pre class=\"" + css + "\"><code>");
        int attempt = lines.isEmpty() ? 1 : lines.get(0).attempt();
        for (ActionLog.Line line : lines) {
            if (line.attempt() != attempt) {
                attempt = line.attempt();
                h.raw("<span class=\"log-attempt\">").text("\u2500\u2500 attempt " + attempt + " \u2500\u2500").raw("</span>");
            }
            String text = line.text();
            StringBuilder classes = new StringBuilder("ln");
            boolean lastAttempt = attempt == lines.get(lines.size() - 1).attempt();
            if (lastAttempt && line.phase().filter(badPhases::contains).isPresent()) {
                classes.append(" in-bad-phase");
            }
            if (text.startsWith("[Container]")) {
                classes.append(" agent");
            }
            if (isWhy(text)) {
                classes.append(" why-line");
            }
            h.raw("<span class=\"" + classes + "\" data-n=\"" + line.number() + "\"")
                    .raw(line.phase().map(p -> " data-log-phase=\"" + p.name() + "\"").orElse(""))
                    .raw(">").text(text).raw("</span>");
        }
        h.raw("</code></pre>\n");
    }

    /** The agent's lines that say why a phase did not succeed. */
    private static boolean isWhy(String text) {
        return text.startsWith("[Container]") && (text.contains("Command did not exit successfully")
                || text.contains("Build timed out") || PHASE_ERROR.matcher(text).find());
    }

    private static String count(long n, String noun) {
        return String.format(Locale.ROOT, "%,d %s%s", n, noun, n == 1 ? "" : "s");
    }
}
