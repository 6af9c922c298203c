package dev.slipway.runtime.aws.internal;

import dev.slipway.core.RunEvent;
import dev.slipway.core.RunListener;
import dev.slipway.core.spi.Sleeper;
import dev.slipway.core.spi.StopSignal;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Makes AWS calls with resilience4j's retry: exponential backoff with jitter on throttling, 5xx answers, connection
 * faults and slow answers; any other error fails at once. The SDK clients themselves never retry (their retry
 * strategy is "do not retry"), so a call is never retried twice over. Waits go through the injected sleeper, and a
 * run hears of each retry as a {@link RunEvent.Retrying}.
 */
public final class AwsCalls {
    private static final Logger LOG = LoggerFactory.getLogger(AwsCalls.class);

    /** Where a call is made from: a run's stage and action, to tell its listener about retries. */
    public record Site(String runId, String stage, String action, RunListener listener) {
        public static final Site NONE = new Site("", "", "", RunListener.NONE);
    }

    /** Backoff waits are not cut short by a run's stop: the calls that carry out the stop must be retried too. */
    private static final StopSignal UNSTOPPABLE = new StopSignal();

    private final RetryConfig config;
    private final Sleeper sleeper;
    private final Clock clock;
    private final String endpoint;

    public AwsCalls(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Sleeper sleeper, Clock clock, String endpoint) {
        this(RetryConfig.custom()
                .maxAttempts(maxAttempts)
                .intervalFunction(IntervalFunction.ofExponentialRandomBackoff(initialBackoff, 2.0, 0.5, maxBackoff))
                .retryOnException(AwsErrors::isRetryable)
                .build(), sleeper, clock, endpoint);
    }

    private AwsCalls(RetryConfig config, Sleeper sleeper, Clock clock, String endpoint) {
        this.config = config;
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.endpoint = endpoint;
    }

    /** The same calls, also retrying errors that {@code alsoRetry} accepts (IAM's eventual consistency, say). */
    public AwsCalls alsoRetrying(Predicate<Throwable> alsoRetry) {
        return new AwsCalls(RetryConfig.from(config).retryOnException(e -> AwsErrors.isRetryable(e) || alsoRetry.test(e)).build(),
                sleeper, clock, endpoint);
    }

    public <T> T call(String operation, Supplier<T> request) {
        return call(operation, Site.NONE, request);
    }

    /**
     * Calls {@code request}, retrying transient faults; throws an {@link dev.slipway.runtime.aws.AwsRuntimeException}
     * when it gives up.
     *
     * @param operation {@code service:Operation}, for events and messages
     */
    public <T> T call(String operation, Site site, Supplier<T> request) {
        Retry retry = Retry.of(operation, config);
        Retry.AsyncContext<T> context = retry.asyncContext();
        int attempt = 1;
        while (true) {
            try {
                T result = request.get();
                context.onComplete();
                return result;
            } catch (RuntimeException e) {
                long delay = context.onError(e);
                if (delay < 0) {
                    throw AwsErrors.translate(operation, e, attempt, endpoint);
                }
                attempt++;
                String reason = reason(e);
                LOG.debug("{} failed ({}); attempt {} in {} ms", operation, reason, attempt, delay);
                site.listener().onEvent(new RunEvent.Retrying(site.runId(), clock.instant(), site.stage(), site.action(), operation,
                        attempt, Duration.ofMillis(delay), reason));
                sleeper.sleep(Duration.ofMillis(delay), UNSTOPPABLE);
                if (Thread.currentThread().isInterrupted()) {
                    throw AwsErrors.translate(operation, e, attempt - 1, endpoint);
                }
            }
        }
    }

    private static String reason(RuntimeException e) {
        if (e instanceof software.amazon.awssdk.awscore.exception.AwsServiceException aws) {
            String code = AwsErrors.code(aws);
            return (code == null ? "HTTP " + aws.statusCode() : code + " (HTTP " + aws.statusCode() + ")") + ": " + AwsErrors.awsMessage(aws);
        }
        return AwsErrors.rootMessage(e);
    }
}
