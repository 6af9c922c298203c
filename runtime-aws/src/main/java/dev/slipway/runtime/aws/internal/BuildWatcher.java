package dev.slipway.runtime.aws.internal;

import dev.slipway.core.PhaseResult;
import dev.slipway.core.PhaseType;
import dev.slipway.core.RunEvent;
import dev.slipway.core.Status;
import software.amazon.awssdk.services.codebuild.model.Build;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Watches one CodeBuild build through its BatchGetBuilds answers: tells the listeners of each phase as it starts
 * and ends, and has the log tail read on. Knows whether the build is complete and which phase it is in (for the
 * poll schedule).
 */
final class BuildWatcher {
    private final String buildId;
    private final String stage;
    private final String action;
    private final RunContext ctx;
    private final Optional<LogTail> logs;
    private final Set<PhaseType> started = EnumSet.noneOf(PhaseType.class);
    private final Set<PhaseType> finished = EnumSet.noneOf(PhaseType.class);
    private volatile Build build;
    private volatile int missing;

    BuildWatcher(String buildId, String stage, String action, RunContext ctx, Optional<LogTail> logs) {
        this.buildId = buildId;
        this.stage = stage;
        this.action = action;
        this.ctx = ctx;
        this.logs = logs;
    }

    String buildId() {
        return buildId;
    }

    String stage() {
        return stage;
    }

    String action() {
        return action;
    }

    Optional<Build> build() {
        return Optional.ofNullable(build);
    }

    /** BatchGetBuilds listed the build as not found; three times in a row and it is given up on. */
    void missing() {
        missing++;
    }

    boolean isComplete() {
        if (missing >= 3) {
            return true;
        }
        return build != null && (Boolean.TRUE.equals(build.buildComplete())
                || build.buildStatus() != null && !"IN_PROGRESS".equals(build.buildStatusAsString()) && build.currentPhase() != null
                && build.currentPhase().equals("COMPLETED"));
    }

    /** The phase the build is in; null before the first answer. */
    PhaseType currentPhase() {
        return build == null ? null : ResultMapper.phaseType(build.currentPhase()).orElse(null);
    }

    void update(Build latest) {
        this.build = latest;
        this.missing = 0;
        List<PhaseResult> phases = ResultMapper.phases(latest, ctx.clock().instant());
        for (PhaseResult phase : phases) {
            if (started.add(phase.type())) {
                ctx.emit(new RunEvent.PhaseStarted(ctx.runId(), phase.start(), stage, action, phase.type()));
            }
            if (phase.status() != Status.IN_PROGRESS && finished.add(phase.type())) {
                ctx.emit(new RunEvent.PhaseFinished(ctx.runId(), phase.end(), stage, action, phase));
            }
        }
        if (logs.isPresent() && latest.logs() != null) {
            logs.get().poll(latest.logs().groupName(), latest.logs().streamName(), phases, isComplete());
        }
    }

    int logCalls() {
        return logs.map(LogTail::calls).orElse(0);
    }
}
