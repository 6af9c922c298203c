package dev.slipway.report;

import dev.slipway.core.ActionResult;
import dev.slipway.core.BuildAttempt;
import dev.slipway.core.BuildResult;
import dev.slipway.core.PhaseResult;
import dev.slipway.core.PipelineResult;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The Gantt-like timeline: a row per stage, action, earlier build attempt and build phase, each bar placed by its
 * start and length relative to the whole run. Plain HTML and CSS: percentages in {@code style} attributes.
 */
final class TimelineSection {
    private static final int MAX_TICKS = 8;

    private final Html h;
    private final RunView view;
    private final PipelineResult result;
    private final Instant runStart;
    private final long totalMillis;

    TimelineSection(Html h, RunView view, PipelineResult result) {
        this.h = h;
        this.view = view;
        this.result = result;
        this.runStart = result.start();
        this.totalMillis = Math.max(1, Duration.between(runStart, runEnd(result)).toMillis());
    }

    void render() {
        long tick = Times.tickMillis(totalMillis, MAX_TICKS);
        h.raw("<section id=\"timeline\" class=\"card\" aria-labelledby=\"timeline-title\">\n")
                .raw("<h2 id=\"timeline-title\">Timeline</h2>\n")
                .raw("<p class=\"hint\">Each bar starts when the step started and is as long as it took, on the run's scale of ")
                .text(Times.duration(Duration.ofMillis(totalMillis)))
                .raw(". Hover a bar for its exact times.</p>\n")
                .raw("<div class=\"timeline\" style=\"--tick:" + pct(tick * 100.0 / totalMillis) + "\">\n");
        axis(tick);
        for (RunView.StageView stage : view.stages()) {
            stageRow(stage);
            for (RunView.ActionView action : stage.actions()) {
                actionRows(action);
            }
        }
        h.raw("</div>\n</section>\n");
    }

    private void axis(long tick) {
        h.raw("<div class=\"tl-row tl-axis\" aria-hidden=\"true\"><div class=\"tl-label\"></div><div class=\"tl-ticks\">");
        for (long t = 0; t <= totalMillis; t += tick) {
            double left = t * 100.0 / totalMillis;
            String align = t == 0 ? " first" : t + tick > totalMillis && left > 92 ? " last" : "";
            h.raw("<span class=\"tl-tick" + align + "\" style=\"left:" + pct(left) + "\">").text(Times.tick(t)).raw("</span>");
        }
        h.raw("</div><div class=\"tl-value\"></div></div>\n");
    }

    private void stageRow(RunView.StageView stage) {
        Outcome outcome = stage.outcome();
        h.raw("<div class=\"tl-row tl-stage " + outcome.css() + "\"" + h.attr("data-stage", stage.name())
                + " data-status=\"" + outcome.key() + "\">");
        h.raw("<div class=\"tl-label\">").text(stage.name()).raw("</div>");
        if (stage.result().isPresent()) {
            track(stage.name() + " " + outcome.label(), stage.result().get().start(), stage.result().get().duration(), outcome);
            value(outcome, stage.result().get().duration());
        } else {
            emptyTrack();
            value(outcome, null);
        }
        h.raw("</div>\n");
    }

    private void actionRows(RunView.ActionView action) {
        Outcome outcome = action.outcome();
        h.raw("<div class=\"tl-row tl-action " + outcome.css() + "\"" + h.attr("data-stage", action.stage())
                + h.attr("data-action", action.name()) + " data-status=\"" + outcome.key() + "\">");
        h.raw("<div class=\"tl-label\"><a href=\"#" + action.id() + "\"><span class=\"kind\">").text(action.kind())
                .raw("</span> ").text(action.name()).raw("</a></div>");
        if (action.result().isPresent()) {
            ActionResult r = action.result().get();
            track(action.name() + " " + outcome.label(), r.start(), r.duration(), outcome);
            value(outcome, r.duration());
        } else {
            emptyTrack();
            value(outcome, null);
        }
        h.raw("</div>\n");
        action.build().ifPresent(build -> buildRows(action, build));
    }

    private void buildRows(RunView.ActionView action, BuildResult build) {
        List<BuildAttempt> attempts = build.attempts();
        for (int i = 0; i < attempts.size() - 1; i++) {
            BuildAttempt attempt = attempts.get(i);
            Outcome outcome = Outcome.of(attempt.status());
            h.raw("<div class=\"tl-row tl-attempt " + outcome.css() + "\"" + h.attr("data-stage", action.stage())
                    + h.attr("data-action", action.name()) + " data-attempt=\"" + attempt.number() + "\" data-status=\""
                    + outcome.key() + "\">");
            h.raw("<div class=\"tl-label\">").text("attempt " + attempt.number() + " of " + attempts.size()).raw("</div>");
            track("attempt " + attempt.number() + " " + outcome.label(), attempt.start(), attempt.duration(), outcome);
            value(outcome, attempt.duration());
            h.raw("</div>\n");
        }
        for (PhaseResult phase : build.phases()) {
            Outcome outcome = Outcome.of(phase.status());
            h.raw("<div class=\"tl-row tl-phase " + outcome.css() + "\"" + h.attr("data-stage", action.stage())
                    + h.attr("data-action", action.name()) + " data-phase=\"" + phase.type().name() + "\" data-status=\""
                    + outcome.key() + "\">");
            h.raw("<div class=\"tl-label\">").text(phase.type().name()).raw("</div>");
            track(phase.type() + " " + outcome.label(), phase.start(), phase.duration(), outcome);
            value(outcome, phase.duration());
            h.raw("</div>\n");
        }
    }

    private void track(String what, Instant start, Duration duration, Outcome outcome) {
        double left = clamp(Duration.between(runStart, start).toMillis() * 100.0 / totalMillis);
        double width = Math.min(100 - left, clamp(Math.max(0, duration.toMillis()) * 100.0 / totalMillis));
        String title = what + " \u00B7 " + Times.offset(runStart, start) + " \u2192 " + Times.offset(runStart, start.plus(duration))
                + " (" + Times.duration(duration) + ")";
        h.raw("<div class=\"tl-track\"><span class=\"tl-bar " + outcome.css() + "\" style=\"left:" + pct(left) + ";width:"
                + pct(width) + "\"" + h.attr("title", title) + "></span></div>");
    }

    private void emptyTrack() {
        h.raw("<div class=\"tl-track tl-empty\"></div>");
    }

    private void value(Outcome outcome, Duration duration) {
        h.raw("<div class=\"tl-value\">");
        ReportPage.badge(h, outcome, true);
        if (duration != null) {
            h.raw(" <span class=\"dur\">").text(Times.duration(duration)).raw("</span>");
        }
        h.raw("</div>");
    }

    private static Instant runEnd(PipelineResult result) {
        Instant end = result.start().plus(result.duration());
        for (ActionResult action : result.actions().toList()) {
            end = later(end, action.start().plus(action.duration()));
            if (action instanceof BuildResult build) {
                for (PhaseResult phase : build.phases()) {
                    end = later(end, phase.end());
                }
                for (BuildAttempt attempt : build.attempts()) {
                    end = later(end, attempt.start().plus(attempt.duration()));
                }
            }
        }
        return end;
    }

    private static Instant later(Instant a, Instant b) {
        return b.isAfter(a) ? b : a;
    }

    private static double clamp(double percent) {
        return Math.max(0, Math.min(100, percent));
    }

    private static String pct(double percent) {
        return String.format(Locale.ROOT, "%.3f%%", percent);
    }
}
