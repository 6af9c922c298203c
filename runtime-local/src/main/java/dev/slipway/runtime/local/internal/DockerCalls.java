package dev.slipway.runtime.local.internal;

import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Calls the Docker API with retries of transient faults (connection refused or reset, 5xx answers):
 * exponential backoff with jitter, a few attempts, each retry told to a {@link RetryNotice} so that runs can
 * report it as a {@code RunEvent.Retrying}.
 */
public final class DockerCalls {

    /** Hears about a retry: what is retried, the attempt about to start (2 for the first retry), the wait, why. */
    @FunctionalInterface
    public interface RetryNotice {
        void retrying(String what, int attempt, Duration delay, String reason);

        RetryNotice NONE = (what, attempt, delay, reason) -> { };
    }

    private final RetryConfig config;
    private final RetryNotice notice;

    private DockerCalls(RetryConfig config, RetryNotice notice) {
        this.config = config;
        this.notice = notice;
    }

    /** Four attempts, waiting about 200 ms, 400 ms, 800 ms (±50 %) in between. */
    public static DockerCalls withDefaults() {
        return of(4, Duration.ofMillis(200));
    }

    public static DockerCalls of(int maxAttempts, Duration initialBackoff) {
        RetryConfig config = RetryConfig.custom()
                .maxAttempts(maxAttempts)
                .intervalFunction(IntervalFunction.ofExponentialRandomBackoff(initialBackoff, 2.0, 0.5, Duration.ofSeconds(5)))
                .retryOnException(DockerFaults::isTransient)
                .failAfterMaxAttempts(false)
                .build();
        return new DockerCalls(config, RetryNotice.NONE);
    }

    /** The same retries, reported to {@code notice}. */
    public DockerCalls reportingTo(RetryNotice notice) {
        return new DockerCalls(config, Objects.requireNonNull(notice, "notice"));
    }

    /** Runs {@code call}, again after transient faults; the last fault is thrown as it is. */
    public <T> T call(String what, Supplier<T> call) {
        Retry retry = Retry.of(what, config);
        retry.getEventPublisher().onRetry(event -> notice.retrying("docker: " + what,
                event.getNumberOfRetryAttempts() + 1, event.getWaitInterval(),
                DockerFaults.describe(event.getLastThrowable())));
        return Retry.decorateSupplier(retry, call).get();
    }

    public void run(String what, Runnable call) {
        call(what, () -> {
            call.run();
            return null;
        });
    }
}
