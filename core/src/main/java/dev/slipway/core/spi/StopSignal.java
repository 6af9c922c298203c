package dev.slipway.core.spi;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Tells a run's parts that {@code stop()} was called. Parts that block (a running command, a backoff wait)
 * register a callback or wait on the signal, so a stop takes effect at once.
 */
public final class StopSignal {
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final List<Runnable> callbacks = new CopyOnWriteArrayList<>();

    public boolean isStopped() {
        return stopped.getCount() == 0;
    }

    public void stop() {
        if (isStopped()) {
            return;
        }
        stopped.countDown();
        callbacks.forEach(StopSignal::runQuietly);
    }

    /**
     * Runs {@code callback} when the signal fires (at once if it has fired). Returns a handle that
     * unregisters it.
     */
    public AutoCloseable onStop(Runnable callback) {
        callbacks.add(callback);
        if (isStopped() && callbacks.remove(callback)) {
            runQuietly(callback);
        }
        return () -> callbacks.remove(callback);
    }

    /** Waits for {@code timeout} or the stop, whichever comes first; true when stopped. */
    public boolean awaitStop(Duration timeout) {
        try {
            return stopped.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return isStopped();
        }
    }

    private static void runQuietly(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(StopSignal.class).warn("stop callback failed", e);
        }
    }
}
