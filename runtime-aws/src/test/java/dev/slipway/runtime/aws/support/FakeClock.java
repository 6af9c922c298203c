package dev.slipway.runtime.aws.support;


import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A compressed clock: time moves only when Slipway sleeps, by exactly the time it asked for, at once. A
 * 10-minute build is followed in milliseconds, and every wait is counted.
 */
public final class FakeClock extends Clock implements dev.slipway.core.spi.Sleeper {
    private final AtomicLong millis;
    private final AtomicLong slept = new AtomicLong();
    private final AtomicLong sleeps = new AtomicLong();

    public FakeClock(Instant start) {
        this.millis = new AtomicLong(start.toEpochMilli());
    }

    @Override
    public boolean sleep(Duration duration, dev.slipway.core.spi.StopSignal stop) {
        sleeps.incrementAndGet();
        slept.addAndGet(duration.toMillis());
        millis.addAndGet(duration.toMillis());
        return stop.isStopped();
    }

    public void advance(Duration duration) {
        millis.addAndGet(duration.toMillis());
    }

    public Duration slept() {
        return Duration.ofMillis(slept.get());
    }

    public long sleeps() {
        return sleeps.get();
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
