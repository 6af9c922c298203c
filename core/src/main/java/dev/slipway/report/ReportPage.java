package dev.slipway.report;

import dev.slipway.core.ActionResult;
import dev.slipway.core.BuildResult;
import dev.slipway.core.Failure;
import dev.slipway.core.PhaseResult;
import dev.slipway.core.PhaseType;
import dev.slipway.core.PipelineResult;
import dev.slipway.core.PublishResult;
import dev.slipway.core.SourceResult;
import dev.slipway.core.Status;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Lays out the whole page: header, verdict, pipeline, failures, timeline, actions, diagram. */
final class ReportPage {
    private static final int EXCERPT_LINES = 12;
    private static final String CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

    /** Something that did not succeed, where it happened and why. */
    private record Problem(RunView.ActionView action, Optional<PhaseType> phase, Outcome outcome, Failure failure) {
        String where() {
            return action.stage() + " \u203A " + action.name() + phase.map(p -> " \u203A " + p.name()).orElse("");
        }
    }

    private final Html h;
    private final RunView view;
    private final PipelineResult result;
    private final Map<String, ActionLog> logs;
    private final boolean recorded;

    ReportPage(RunView view, PipelineResult result, Map<String, ActionLog> logs, boolean recorded) {
        this.h = new Html(view.masker());
        this.view = view;
        this.result = result;
        this.logs = logs;
        this.recorded = recorded;
    }

    String render() {
        Outcome outcome = Outcome.of(result.status());
        h.raw("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .raw("<meta http-equiv=\"Content-Security-Policy\" content=\"" + CSP + "\">\n")
                .raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .raw("<meta name=\"generator\" content=\"Slipway\">\n")
                .raw("<title>").text(result.pipelineName() + " \u00B7 " + outcome.label() + " \u2014 Slipway run report").raw("</title>\n")
                .raw("<style>\n").raw(Styles.CSS).raw("</style>\n</head>\n<body>\n");
        header(outcome);
        h.raw("<main>\n");
        verdict(outcome);
        pipeline();
        failures();
        new TimelineSection(h, view, result).render();
        actions();
        diagram();
        h.raw("</main>\n<footer>").text("Slipway run report \u00B7 " + result.pipelineName() + " \u00B7 run " + result.runId()
                + " \u00B7 one self-contained file: no scripts, nothing loaded from elsewhere.").raw("</footer>\n</body>\n</html>\n");
        return h.toString();
    }

    private void header(Outcome outcome) {
        h.raw("<header class=\"run " + outcome.css() + "\"" + h.attr("data-pipeline", result.pipelineName())
                + h.attr("data-run-id", result.runId()) + " data-status=\"" + outcome.key() + "\">\n<div class=\"wrap\">\n")
                .raw("<p class=\"eyebrow\">Slipway run report</p>\n<div class=\"title\"><h1>").text(result.pipelineName()).raw("</h1>");
        badge(h, outcome, false);
        h.raw("</div>\n<dl class=\"facts run-facts\">");
        fact("Runtime", result.runtime(), false);
        fact("Run", result.runId(), true);
        fact("Started", Times.utc(result.start()), false);
        fact("Took", Times.duration(result.duration()), false);
        result.actions().filter(SourceResult.class::isInstance).map(SourceResult.class::cast).filter(s -> !s.commit().isEmpty())
                .forEach(s -> fact("Commit (" + s.name() + ")", s.shortCommit(), true));
        result.actions().filter(PublishResult.class::isInstance).map(PublishResult.class::cast).filter(p -> !p.digest().isEmpty())
                .forEach(p -> fact("Image (" + p.name() + ")", p.imageReference(), true));
        h.raw("</dl>\n<nav aria-label=\"Sections\"><a href=\"#pipeline\">Pipeline</a>");
        if (!problems().isEmpty()) {
            h.raw("<a href=\"#failures\">Failures</a>");
        }
        h.raw("<a href=\"#timeline\">Timeline</a><a href=\"#actions\">Actions</a>");
        if (view.pipeline().isPresent()) {
            h.raw("<a href=\"#diagram\">Diagram</a>");
        }
        h.raw("</nav>\n</div>\n</header>\n");
    }

    private void fact(String name, String value, boolean code) {
        h.raw("<div><dt>").text(name).raw("</dt><dd>").raw(code ? "<code>" : "").text(value).raw(code ? "</code>" : "").raw("</dd></div>");
    }

    private void verdict(Outcome outcome) {
        List<Problem> problems = problems();
        List<String> notRun = view.stages().stream().filter(s -> s.result().isEmpty()).map(RunView.StageView::name).toList();
        h.raw("<section class=\"verdict " + outcome.css() + "\" aria-label=\"Verdict\"" + (problems.isEmpty() ? "" : " role=\"alert\"") + ">");
        if (problems.isEmpty()) {
            h.raw("<p class=\"verdict-title\"><span aria-hidden=\"true\">" + outcome.icon() + "</span> ")
                    .text(result.status() == Status.SUCCEEDED
                            ? "Every stage succeeded (" + result.stages().size() + " of " + view.stages().size() + ") in " + Times.duration(result.duration()) + "."
                            : "The run ended " + outcome.label() + ".")
                    .raw("</p>");
        } else {
            Problem first = problems.get(0);
            h.raw("<p class=\"verdict-title\"><span aria-hidden=\"true\">" + first.outcome().icon() + "</span> <strong>")
                    .text(first.outcome().label()).raw("</strong> at <a href=\"#" + first.action().id() + "\">").text(first.where()).raw("</a></p>");
            reason(h, first.failure());
        }
        if (!notRun.isEmpty()) {
            h.raw("<p class=\"verdict-more\">").text("Not run: " + String.join(", ", notRun) + ".").raw("</p>");
        }
        h.raw("</section>\n");
    }

    private void pipeline() {
        h.raw("<section id=\"pipeline\" class=\"card\" aria-labelledby=\"pipeline-title\">\n<h2 id=\"pipeline-title\">Pipeline</h2>\n<ol class=\"stages\">\n");
        for (RunView.StageView stage : view.stages()) {
            Outcome outcome = stage.outcome();
            h.raw("<li class=\"stage " + outcome.css() + "\"" + h.attr("data-stage", stage.name()) + " data-status=\"" + outcome.key() + "\">\n")
                    .raw("<div class=\"stage-head\"><span class=\"stage-num\">" + stage.number() + "</span><h3>").text(stage.name()).raw("</h3></div>")
                    .raw("<div class=\"stage-status\">");
            badge(h, outcome, false);
            stage.result().ifPresent(r -> h.raw(" <span class=\"dur\">").text(Times.duration(r.duration())).raw("</span>"));
            h.raw("</div>\n<ul class=\"actions\">\n");
            for (RunView.ActionView action : stage.actions()) {
                actionCard(action);
            }
            h.raw("</ul>\n");
            if (stage.result().isEmpty()) {
                h.raw("<p class=\"not-run-note\">Not run: the run ended before this stage.</p>\n");
            }
            h.raw("</li>\n");
        }
        h.raw("</ol>\n</section>\n");
    }

    private void actionCard(RunView.ActionView action) {
        Outcome outcome = action.outcome();
        h.raw("<li class=\"action " + outcome.css() + "\"" + h.attr("data-action", action.name()) + h.attr("data-kind", action.kind())
                + " data-status=\"" + outcome.key() + "\"><a href=\"#" + action.id() + "\">")
                .raw("<span class=\"action-head\"><span class=\"kind\">").text(action.kind()).raw("</span> <span class=\"name\">")
                .text(action.name()).raw("</span></span><span class=\"action-status\">");
        badge(h, outcome, true);
        action.result().ifPresent(r -> h.raw(" <span class=\"dur\">").text(Times.duration(r.duration())).raw("</span>"));
        h.raw("</span><span class=\"action-summary\">").text(summary(action)).raw("</span></a></li>\n");
    }

    private static String summary(RunView.ActionView action) {
        if (action.result().isEmpty()) {
            return action.definition().map(ActionSection::definitionSummary).orElse("");
        }
        ActionResult r = action.result().get();
        if (r instanceof SourceResult source) {
            return source.failure().map(Failure::message).orElse(source.commit().isEmpty() ? source.location()
                    : "commit " + source.shortCommit() + " \u00B7 " + source.ref());
        }
        if (r instanceof BuildResult build) {
            String attempts = build.attempts().size() > 1 ? " \u00B7 attempt " + build.attempts().size() : "";
            return build.failedPhase().map(p -> p.type() + " " + p.status() + p.failure().map(f -> ": " + shortReason(f)).orElse(""))
                    .orElse("build #" + build.buildNumber() + " \u00B7 " + build.phases().size() + " phases") + attempts;
        }
        PublishResult publish = (PublishResult) r;
        return publish.failure().map(Failure::message).orElse(publish.image() + ":" + String.join(",", publish.tags())
                + (publish.digest().isEmpty() ? "" : " \u00B7 " + shortDigest(publish.digest())));
    }

    private void failures() {
        List<Problem> problems = problems();
        if (problems.isEmpty()) {
            return;
        }
        h.raw("<section id=\"failures\" class=\"card\" aria-labelledby=\"failures-title\">\n<h2 id=\"failures-title\">Failures</h2>\n<ul class=\"problems\">\n");
        for (Problem problem : problems) {
            h.raw("<li class=\"problem " + problem.outcome().css() + "\"" + h.attr("data-stage", problem.action().stage())
                    + h.attr("data-action", problem.action().name())
                    + problem.phase().map(p -> " data-phase=\"" + p.name() + "\"").orElse("")
                    + " data-status=\"" + problem.outcome().key() + "\"><p class=\"where\">");
            badge(h, problem.outcome(), true);
            h.raw(" <a href=\"#" + problem.action().id() + "\">").text(problem.where()).raw("</a></p>");
            failureBox(h, problem.failure());
            excerpt(problem);
            h.raw("</li>\n");
        }
        h.raw("</ul>\n</section>\n");
    }

    /** The last lines the failed phase (or action) printed, which usually say why. */
    private void excerpt(Problem problem) {
        ActionLog log = logs.get(problem.action().id());
        if (log == null || log.lines().isEmpty()) {
            return;
        }
        int lastAttempt = log.lines().get(log.lines().size() - 1).attempt();
        List<ActionLog.Line> lines = log.lines().stream().filter(l -> l.attempt() == lastAttempt)
                .filter(l -> problem.phase().isEmpty() || l.phase().equals(problem.phase())).toList();
        if (lines.isEmpty()) {
            return;
        }
        List<ActionLog.Line> tail = lines.subList(Math.max(0, lines.size() - EXCERPT_LINES), lines.size());
        h.raw("<p class=\"excerpt-title\">").text(problem.phase().map(p -> "Last lines of " + p.name()).orElse("Last lines of the log"))
                .raw(" \u00B7 <a href=\"#" + problem.action().id() + "\">whole log</a></p>");
        LogView.lines(h, tail, EnumSet.noneOf(PhaseType.class), "log-lines excerpt");
    }

    private void actions() {
        h.raw("<section id=\"actions\" class=\"card\" aria-labelledby=\"actions-title\">\n<h2 id=\"actions-title\">Actions</h2>\n");
        ActionSection section = new ActionSection(h, result.start(), logs, recorded);
        view.actions().forEach(section::render);
        h.raw("</section>\n");
    }

    private void diagram() {
        if (view.pipeline().isEmpty()) {
            return;
        }
        h.raw("<section id=\"diagram\" class=\"card\" aria-labelledby=\"diagram-title\">\n<h2 id=\"diagram-title\">Diagram</h2>\n")
                .raw("<p class=\"hint\">The pipeline as a Mermaid flowchart, nodes classed by status. Paste it into a <code>```mermaid</code> "
                        + "block of a Markdown file or into the Mermaid live editor to draw it.</p>\n")
                .raw("<details><summary>Mermaid source</summary><pre class=\"mermaid-source\">")
                .text(Diagrams.render(view, result.pipelineName())).raw("</pre></details>\n</section>\n");
    }

    private List<Problem> problems() {
        List<Problem> problems = new ArrayList<>();
        for (RunView.ActionView action : view.actions()) {
            if (action.result().isEmpty() || action.result().get().status().isSuccessful()) {
                continue;
            }
            ActionResult r = action.result().get();
            int before = problems.size();
            if (r instanceof BuildResult build) {
                for (PhaseResult phase : build.phases()) {
                    if (!phase.status().isSuccessful()) {
                        problems.add(new Problem(action, Optional.of(phase.type()), Outcome.of(phase.status()),
                                phase.failure().orElse(Failure.of(phase.status().name(), "no reason given"))));
                    }
                }
            }
            if (problems.size() == before) {
                problems.add(new Problem(action, Optional.empty(), Outcome.of(r.status()),
                        r.failure().orElse(Failure.of(r.status().name(), "no reason given"))));
            }
        }
        return problems;
    }

    static void badge(Html h, Outcome outcome, boolean small) {
        h.raw("<span class=\"badge" + (small ? " small " : " ") + outcome.css() + "\"><span aria-hidden=\"true\">" + outcome.icon()
                + "</span> " + outcome.label() + "</span>");
    }

    static void failureBox(Html h, Failure failure) {
        h.raw("<div class=\"failure\"" + h.attr("data-failure-code", failure.code()) + ">");
        reason(h, failure);
        h.raw("</div>");
    }

    /** {@code make test exited with status 2} and CodeBuild's code and message; or the message and the code. */
    static void reason(Html h, Failure failure) {
        h.raw("<p class=\"reason\">");
        boolean command = failure.command().isPresent() && failure.exitCode().isPresent();
        if (command) {
            h.raw("<code class=\"command\">").text(failure.command().get()).raw("</code> exited with status <strong>")
                    .text(String.valueOf(failure.exitCode().get())).raw("</strong>");
        } else {
            h.text(failure.message());
        }
        h.raw("</p><p class=\"message\"><code>").text(failure.code()).raw("</code>");
        if (command) {
            h.raw(" ").text(failure.message());
        }
        h.raw("</p>");
    }

    private static String shortReason(Failure f) {
        return f.command().isPresent() && f.exitCode().isPresent() ? f.command().get() + " (exit " + f.exitCode().get() + ")" : f.message();
    }

    private static String shortDigest(String digest) {
        int colon = digest.indexOf(':');
        return digest.length() > colon + 13 ? digest.substring(0, colon + 13) + "\u2026" : digest;
    }
}
