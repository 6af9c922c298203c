package dev.slipway.runtime.aws.internal;

import dev.slipway.core.PhaseType;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * How long to wait before the next status call: starts fast and slows down while nothing changes, differently
 * per phase, and starts fast again when the phase changes. Short phases at the start (SUBMITTED, QUEUED) are
 * watched closely; a long BUILD phase is looked at every 25 s at most; the phases that end a build
 * (POST_BUILD, UPLOAD_ARTIFACTS, FINALIZING) stay quick, so the end is seen within seconds. Every wait is
 * jittered by ±20 % so that many followers do not call in step. Never a fixed one-second loop: AWS throttles
 * those (CODEBUILD.md §6.3).
 */
public final class PollSchedule {

    /** A pace: the first wait, its growth per unchanged poll, and the longest wait. */
    record Pace(Duration first, double growth, Duration max) {
    }

    static final Pace STARTING = new Pace(Duration.ofSeconds(1), 1.5, Duration.ofSeconds(5));
    static final Pace PREPARING = new Pace(Duration.ofSeconds(2), 1.5, Duration.ofSeconds(10));
    static final Pace BUILDING = new Pace(Duration.ofSeconds(3), 1.5, Duration.ofSeconds(25));
    static final Pace ENDING = new Pace(Duration.ofSeconds(2), 1.25, Duration.ofSeconds(5));
    /** Waiting for CodePipeline: a source action, a stage transition, an action that is not a build. */
    static final Pace WAITING = new Pace(Duration.ofSeconds(2), 1.5, Duration.ofSeconds(15));
    /** A build has ended and CodePipeline is about to say so. */
    static final Pace SETTLING = new Pace(Duration.ofSeconds(2), 1.5, Duration.ofSeconds(8));

    private final RandomGenerator random;
    private Object lastKey;
    private int step;

    public PollSchedule(RandomGenerator random) {
        this.random = Objects.requireNonNull(random, "random");
    }

    /** The wait while a build is in {@code phase}. */
    public Duration next(PhaseType phase) {
        return next(phase == null ? "STARTING" : phase, pace(phase));
    }

    /** The wait while CodePipeline, not a build, is what changes next. */
    public Duration nextWaiting() {
        return next("WAITING", WAITING);
    }

    /** The wait after a build ended, until CodePipeline reports its action. */
    public Duration nextSettling() {
        return next("SETTLING", SETTLING);
    }

    private Duration next(Object key, Pace pace) {
        if (!key.equals(lastKey)) {
            lastKey = key;
            step = 0;
        }
        double millis = Math.min(pace.first().toMillis() * Math.pow(pace.growth(), step), pace.max().toMillis());
        step++;
        double jitter = 0.8 + 0.4 * random.nextDouble();
        return Duration.ofMillis(Math.round(millis * jitter));
    }

    static Pace pace(PhaseType phase) {
        if (phase == null) {
            return STARTING;
        }
        return switch (phase) {
            case SUBMITTED, QUEUED -> STARTING;
            case PROVISIONING, DOWNLOAD_SOURCE, INSTALL, PRE_BUILD -> PREPARING;
            case BUILD -> BUILDING;
            case POST_BUILD, UPLOAD_ARTIFACTS, FINALIZING, COMPLETED -> ENDING;
        };
    }
}
