package dev.slipway.report;

import dev.slipway.core.Action;
import dev.slipway.core.ActionResult;
import dev.slipway.core.Artifact;
import dev.slipway.core.BuildAction;
import dev.slipway.core.BuildAttempt;
import dev.slipway.core.BuildResult;
import dev.slipway.core.BuildSpec;
import dev.slipway.core.EnvValue;
import dev.slipway.core.Failure;
import dev.slipway.core.PhaseResult;
import dev.slipway.core.PhaseType;
import dev.slipway.core.PublishAction;
import dev.slipway.core.PublishResult;
import dev.slipway.core.RunEvent;
import dev.slipway.core.Secret;
import dev.slipway.core.SourceAction;
import dev.slipway.core.SourceResult;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One action in detail: what it is, how it ended, its build phases with their commands, attempts, exported
 * variables, artifacts and its log.
 */
final class ActionSection {
    private final Html h;
    private final Instant runStart;
    private final Map<String, ActionLog> logs;
    private final boolean recorded;

    ActionSection(Html h, Instant runStart, Map<String, ActionLog> logs, boolean recorded) {
        this.h = h;
        this.runStart = runStart;
        this.logs = logs;
        this.recorded = recorded;
    }

    void render(RunView.ActionView action) {
        Outcome outcome = action.outcome();
        h.raw("<article class=\"action-detail " + outcome.css() + "\" id=\"" + action.id() + "\"" + h.attr("data-stage", action.stage())
                + h.attr("data-action", action.name()) + h.attr("data-kind", action.kind()) + " data-status=\"" + outcome.key() + "\">\n");
        h.raw("<header><h3><span class=\"kind\">").text(action.kind()).raw("</span> <span class=\"crumb\">").text(action.stage())
                .raw(" \u203A </span>").text(action.name()).raw("</h3>");
        ReportPage.badge(h, outcome, false);
        action.result().ifPresent(r -> h.raw(" <span class=\"dur\">").text(Times.duration(r.duration())).raw("</span>"));
        h.raw("</header>\n");
        if (action.result().isEmpty()) {
            h.raw("<p class=\"not-run-note\">Did not run: the run ended before it reached this action.");
            action.definition().ifPresent(d -> h.raw(" Defined as <code>").text(d.describe()).raw("</code>."));
            h.raw("</p>\n</article>\n");
            return;
        }
        ActionResult result = action.result().get();
        facts(action, result);
        result.failure().ifPresent(f -> ReportPage.failureBox(h, f));
        if (result instanceof BuildResult build) {
            attempts(build, Optional.ofNullable(logs.get(action.id())));
            phases(action, build);
        }
        log(action, result);
        h.raw("</article>\n");
    }

    private void facts(RunView.ActionView action, ActionResult result) {
        h.raw("<dl class=\"facts\">");
        fact("Started", Times.utc(result.start()) + " (" + Times.offset(runStart, result.start()) + ")");
        if (result instanceof SourceResult source) {
            fact("Location", source.location());
            fact("Ref", source.ref());
            if (!source.commit().isEmpty()) {
                codeFact("Commit", source.commit());
            }
        } else if (result instanceof BuildResult build) {
            fact("Project", build.projectName());
            if (!build.buildId().isEmpty()) {
                codeFact("Build ID", build.buildId());
                fact("Build number", String.valueOf(build.buildNumber()));
            }
            action.definition().filter(BuildAction.class::isInstance).map(BuildAction.class::cast).ifPresent(def -> {
                codeFact("Image", def.environment().image());
                fact("Compute", def.environment().computeType() + (def.environment().privileged() ? ", privileged" : "")
                        + ", timeout " + def.environment().timeout().toMinutes() + " min");
                if (!def.environment().variables().isEmpty()) {
                    variables(def.environment().variables());
                }
            });
            if (!build.exportedVariables().isEmpty()) {
                h.raw("<dt>Exported variables</dt><dd><ul class=\"kv\">");
                build.exportedVariables().forEach((k, v) -> h.raw("<li><code>").text(k).raw("</code> = <code>").text(v).raw("</code></li>"));
                h.raw("</ul></dd>");
            }
            if (!build.logLocation().isEmpty()) {
                codeFact("Full log", build.logLocation());
            }
        } else if (result instanceof PublishResult publish) {
            codeFact("Image", publish.image());
            fact("Tags", String.join(", ", publish.tags()));
            if (!publish.digest().isEmpty()) {
                codeFact("Digest", publish.digest());
                codeFact("Pull by digest", publish.imageReference());
            }
        }
        if (!result.artifacts().isEmpty()) {
            h.raw("<dt>Artifacts</dt><dd><ul class=\"kv\">");
            for (Artifact artifact : result.artifacts()) {
                h.raw("<li><code>").text(artifact.name()).raw("</code> <span class=\"muted\">").text(artifact.location().toString())
                        .raw("</span></li>");
            }
            h.raw("</ul></dd>");
        }
        h.raw("</dl>\n");
    }

    /** Variable names with plain values; a secret shows its kind (and a reference its name), never a value. */
    private void variables(Map<String, EnvValue> variables) {
        h.raw("<dt>Variables</dt><dd><ul class=\"kv\">");
        variables.forEach((name, value) -> {
            h.raw("<li><code>").text(name).raw("</code> = ");
            if (value instanceof EnvValue.Plain plain) {
                h.raw("<code>").text(plain.value()).raw("</code>");
            } else if (value instanceof Secret.ParameterStore ps) {
                h.raw("<span class=\"secret\">parameter store</span> <code>").text(ps.parameterName()).raw("</code>");
            } else if (value instanceof Secret.SecretsManager sm) {
                h.raw("<span class=\"secret\">secrets manager</span> <code>").text(sm.reference()).raw("</code>");
            } else {
                h.raw("<span class=\"secret\">secret value</span>");
            }
            h.raw("</li>");
        });
        h.raw("</ul></dd>");
    }

    private void phases(RunView.ActionView action, BuildResult build) {
        Optional<BuildSpec> spec = action.definition().filter(BuildAction.class::isInstance).map(BuildAction.class::cast)
                .flatMap(BuildAction::buildSpec);
        h.raw("<table class=\"phases\"><caption>Phases").text(build.attempts().size() > 1 ? " of attempt " + build.attempts().size() : "")
                .raw("</caption><thead><tr><th scope=\"col\">Phase</th><th scope=\"col\">Status</th><th scope=\"col\">Started</th>"
                        + "<th scope=\"col\">Took</th><th scope=\"col\">Commands and outcome</th></tr></thead><tbody>\n");
        for (PhaseType type : PhaseType.values()) {
            Optional<PhaseResult> phase = build.findPhase(type);
            List<String> commands = spec.flatMap(s -> s.phase(type)).map(BuildSpec.Phase::commands).orElse(List.of());
            if (phase.isEmpty() && commands.isEmpty()) {
                continue;
            }
            Outcome outcome = phase.map(p -> Outcome.of(p.status())).orElse(Outcome.NOT_RUN);
            h.raw("<tr class=\"" + outcome.css() + "\"" + h.attr("data-stage", action.stage()) + h.attr("data-action", action.name())
                    + " data-phase=\"" + type.name() + "\" data-status=\"" + outcome.key() + "\"><th scope=\"row\">")
                    .text(type.name()).raw("</th><td>");
            ReportPage.badge(h, outcome, true);
            h.raw("</td><td>").text(phase.map(p -> Times.offset(runStart, p.start())).orElse("")).raw("</td><td>")
                    .text(phase.map(p -> Times.duration(p.duration())).orElse("")).raw("</td><td>");
            Optional<String> failedCommand = phase.flatMap(PhaseResult::failure).flatMap(Failure::command);
            if (!commands.isEmpty()) {
                h.raw("<ol class=\"commands\">");
                for (String command : commands) {
                    boolean failed = failedCommand.filter(command::equals).isPresent();
                    h.raw(failed ? "<li class=\"failed-command\"><code>" : "<li><code>").text(command).raw("</code>");
                    if (failed) {
                        h.raw(" <span class=\"why\">").text("exit status " + phase.get().failure().get().exitCode().map(String::valueOf).orElse("?"))
                                .raw("</span>");
                    }
                    h.raw("</li>");
                }
                h.raw("</ol>");
            }
            phase.flatMap(PhaseResult::failure).filter(f -> failedCommand.isEmpty() || !commands.contains(failedCommand.get()))
                    .ifPresent(f -> h.raw("<p class=\"why\">").text(f.code() + ": " + f.message()).raw("</p>"));
            h.raw("</td></tr>\n");
        }
        h.raw("</tbody></table>\n");
    }

    private void attempts(BuildResult build, Optional<ActionLog> log) {
        List<RunEvent.Retrying> retries = log.map(ActionLog::retries).orElse(List.of());
        if (build.attempts().size() < 2 && retries.isEmpty()) {
            return;
        }
        if (build.attempts().size() > 1) {
            h.raw("<table class=\"attempts\"><caption>").text(build.attempts().size() + " attempts")
                    .raw("</caption><thead><tr><th scope=\"col\">Attempt</th><th scope=\"col\">Status</th><th scope=\"col\">Build ID</th>"
                            + "<th scope=\"col\">Started</th><th scope=\"col\">Took</th><th scope=\"col\">Why it ended so</th></tr></thead><tbody>\n");
            for (BuildAttempt attempt : build.attempts()) {
                Outcome outcome = Outcome.of(attempt.status());
                h.raw("<tr class=\"" + outcome.css() + "\" data-attempt=\"" + attempt.number() + "\" data-status=\"" + outcome.key()
                        + "\"><th scope=\"row\">").text(String.valueOf(attempt.number())).raw("</th><td>");
                ReportPage.badge(h, outcome, true);
                h.raw("</td><td><code>").text(attempt.buildId()).raw("</code></td><td>").text(Times.offset(runStart, attempt.start()))
                        .raw("</td><td>").text(Times.duration(attempt.duration())).raw("</td><td>")
                        .text(attempt.failure().map(Failure::message).orElse("")).raw("</td></tr>\n");
            }
            h.raw("</tbody></table>\n");
        }
        if (!retries.isEmpty()) {
            h.raw("<ul class=\"retries\">");
            for (RunEvent.Retrying retry : retries) {
                h.raw("<li>").text("\u21BB retried " + retry.what() + " (attempt " + retry.attempt() + ") after "
                        + Times.duration(retry.delay()) + ": " + retry.reason()).raw("</li>");
            }
            h.raw("</ul>\n");
        }
    }

    private void log(RunView.ActionView action, ActionResult result) {
        ActionLog log = logs.get(action.id());
        String location = result instanceof BuildResult build ? build.logLocation() : "";
        if (log == null || log.lines().isEmpty()) {
            if (!(result instanceof BuildResult)) {
                return;
            }
            h.raw("<p class=\"hint\">");
            h.text(recorded ? "No log lines were recorded for this action." : "No log lines in this report: pass a RunRecorder to the run and to RunReport.logs(…).");
            if (!location.isEmpty()) {
                h.raw(" Full log: <code>").text(location).raw("</code>");
            }
            h.raw("</p>\n");
            return;
        }
        LogView.render(h, action, log, location, result);
    }

    private void fact(String name, String value) {
        h.raw("<dt>").text(name).raw("</dt><dd>").text(value).raw("</dd>");
    }

    private void codeFact(String name, String value) {
        h.raw("<dt>").text(name).raw("</dt><dd><code>").text(value).raw("</code></dd>");
    }

    static String definitionSummary(Action action) {
        if (action instanceof SourceAction s) {
            return s.location() + " \u00B7 " + s.ref();
        }
        if (action instanceof BuildAction b) {
            return "project " + b.projectName() + " in " + b.environment().image();
        }
        PublishAction p = (PublishAction) action;
        return p.repository() + ":" + String.join(",", p.tags()) + " \u2192 " + p.registry();
    }
}
