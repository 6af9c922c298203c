package dev.slipway.runtime.aws.internal;

import dev.slipway.core.RunEvent;
import dev.slipway.core.RunListener;
import dev.slipway.core.spi.StopSignal;
import dev.slipway.core.spi.Sleeper;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.random.RandomGenerator;

/**
 * What following a run needs: its ID, the listener (and whether anybody listens, so that logs are fetched only
 * then), the clock, the sleeper, the jitter source, the stop signal, and where the calls that carry out a stop run
 * (stop() returns at once).
 */
public record RunContext(String runId, RunListener listener, boolean wantsLogs, Clock clock, Sleeper sleeper,
                         RandomGenerator random, StopSignal stop, Executor background) {

    public void emit(RunEvent event) {
        listener.onEvent(event);
    }

    public AwsCalls.Site site(String stage, String action) {
        return new AwsCalls.Site(runId, stage, action, listener);
    }

    /** After a stop, waits run their full length: the follower keeps polling until AWS says the run ended. */
    private static final StopSignal NEVER = new StopSignal();

    /**
     * Waits; a stop ends the wait early (once), so that the stop is seen at once. Returns false when the thread was
     * interrupted: the run then ends as it stands.
     */
    public boolean sleep(Duration duration) {
        sleeper.sleep(duration, stop.isStopped() ? NEVER : stop);
        return !Thread.currentThread().isInterrupted();
    }
}
