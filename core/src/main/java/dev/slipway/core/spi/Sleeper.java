package dev.slipway.core.spi;

import java.time.Duration;

/**
 * Waits between retries and polls. Passed in, so that runtimes wait for real (and stop waiting when a run is
 * stopped) while the scripted runtime and tests on a compressed clock do not wait at all.
 */
@FunctionalInterface
public interface Sleeper {

    /** Waits for {@code duration} unless {@code stop} fires first; returns whether it fired. */
    boolean sleep(Duration duration, StopSignal stop);

    /** Real waiting that ends early on stop. */
    Sleeper REAL = (duration, stop) -> stop.awaitStop(duration);

    /** No waiting at all. */
    Sleeper NONE = (duration, stop) -> stop.isStopped();
}
