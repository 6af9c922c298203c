package dev.slipway.core;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How a build action ended, down to every phase. Shaped like CodeBuild's {@code Build}.
 *
 * <pre>{@code
 * BuildResult build = result.build("Build");
 * build.phase(PhaseType.BUILD).status();           // FAILED
 * build.phase(PhaseType.BUILD).failure();          // COMMAND_EXECUTION_ERROR: ... make test ... exit status 2
 * build.exportedVariables().get("APP_VERSION");
 * }</pre>
 *
 * @param buildId           {@code <project>:<uuid>} of the last attempt
 * @param buildNumber       the project's build counter for the last attempt
 * @param projectName       the CodeBuild project
 * @param phases            the last attempt's phases, SUBMITTED to FINALIZING, in order; skipped phases are absent
 * @param exportedVariables {@code env.exported-variables} with their final values
 * @param artifacts         output artifacts
 * @param attempts          every attempt, the last one last (a single one without retries)
 * @param logLocation       where the full log is (a file, or a CloudWatch Logs stream ARN); empty if none
 */
public record BuildResult(
        String name,
        Status status,
        Instant start,
        Duration duration,
        Optional<Failure> failure,
        String buildId,
        long buildNumber,
        String projectName,
        List<PhaseResult> phases,
        Map<String, String> exportedVariables,
        List<Artifact> artifacts,
        List<BuildAttempt> attempts,
        String logLocation) implements ActionResult {

    public BuildResult {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(failure, "failure");
        Objects.requireNonNull(buildId, "buildId");
        Objects.requireNonNull(projectName, "projectName");
        phases = List.copyOf(phases);
        exportedVariables = Collections.unmodifiableMap(new LinkedHashMap<>(exportedVariables));
        artifacts = List.copyOf(artifacts);
        attempts = List.copyOf(attempts);
        Objects.requireNonNull(logLocation, "logLocation");
    }

    /**
     * The result of one phase. Throws when the phase did not run, naming the phases that did; use
     * {@link #findPhase(PhaseType)} to ask.
     */
    public PhaseResult phase(PhaseType type) {
        return findPhase(type).orElseThrow(() -> new IllegalArgumentException(
                "phase " + type + " did not run in build '" + name + "' (" + status + "); phases that ran: "
                        + phases.stream().map(PhaseResult::type).toList()));
    }

    public Optional<PhaseResult> findPhase(PhaseType type) {
        return phases.stream().filter(p -> p.type() == type).findFirst();
    }

    public boolean ran(PhaseType type) {
        return findPhase(type).isPresent();
    }

    /** The first phase that did not succeed, if any. */
    public Optional<PhaseResult> failedPhase() {
        return phases.stream().filter(p -> !p.status().isSuccessful()).findFirst();
    }

    /** This result with its attempts replaced (used by runtimes that retry). */
    public BuildResult withAttempts(List<BuildAttempt> attempts) {
        return new BuildResult(name, status, start, duration, failure, buildId, buildNumber, projectName, phases,
                exportedVariables, artifacts, attempts, logLocation);
    }

    /** This result seen as attempt {@code number}. */
    public BuildAttempt asAttempt(int number) {
        return new BuildAttempt(number, buildId, buildNumber, status, start, duration, phases, failure);
    }

    @Override
    public String summary() {
        String base = failedPhase().map(p -> p.type() + " " + p.status() + p.failure().map(f -> ": " + f.message()).orElse(""))
                .orElse(buildId);
        return attempts.size() > 1 ? base + " (attempt " + attempts.size() + ")" : base;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("BuildResult ").append(name).append(' ').append(status)
                .append(' ').append(Durations.format(duration)).append(" (").append(buildId).append(')');
        phases.forEach(p -> s.append("\n  ").append(p));
        if (!exportedVariables.isEmpty()) {
            s.append("\n  exported ").append(exportedVariables);
        }
        if (attempts.size() > 1) {
            s.append("\n  attempts ").append(attempts.size());
        }
        return s.toString();
    }
}
