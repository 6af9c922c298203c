package dev.slipway.core;

import java.time.Duration;
import java.util.Objects;

/**
 * How often a failed build is run again, and how long to wait in between. A retried build gets a new build
 * ID and number, as with CodeBuild's auto-retry; the result lists every attempt.
 *
 * <pre>{@code
 * codeBuild("it").retry(2);                                              // up to 2 retries, default backoff
 * codeBuild("it").retry(RetryPolicy.exponential(3, Duration.ofSeconds(5)));
 * }</pre>
 *
 * @param maxRetries     retries after the first attempt (0–10, CodeBuild's auto-retry limit)
 * @param initialBackoff wait before the first retry
 * @param multiplier     growth of the wait per retry (≥ 1)
 * @param maxBackoff     the longest wait
 */
public record RetryPolicy(int maxRetries, Duration initialBackoff, double multiplier, Duration maxBackoff) {

    public static final int MAX_RETRIES = 10;
    private static final RetryPolicy NONE = new RetryPolicy(0, Duration.ZERO, 1, Duration.ZERO);

    public RetryPolicy {
        if (maxRetries < 0 || maxRetries > MAX_RETRIES) {
            throw new IllegalArgumentException("maxRetries must be within 0.." + MAX_RETRIES + ", got " + maxRetries);
        }
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (initialBackoff.isNegative() || maxBackoff.isNegative() || multiplier < 1) {
            throw new IllegalArgumentException("backoff must not be negative and multiplier must be >= 1");
        }
    }

    public static RetryPolicy none() {
        return NONE;
    }

    /** {@code maxRetries} retries, waiting 1 s, then 2 s, 4 s … up to 30 s. */
    public static RetryPolicy retries(int maxRetries) {
        return exponential(maxRetries, Duration.ofSeconds(1));
    }

    public static RetryPolicy exponential(int maxRetries, Duration initialBackoff) {
        return new RetryPolicy(maxRetries, initialBackoff, 2.0, Duration.ofSeconds(30).compareTo(initialBackoff) > 0
                ? Duration.ofSeconds(30) : initialBackoff);
    }

    public int maxAttempts() {
        return maxRetries + 1;
    }

    /** The wait before retry number {@code retry} (1-based). */
    public Duration backoff(int retry) {
        if (retry < 1) {
            return Duration.ZERO;
        }
        double millis = initialBackoff.toMillis() * Math.pow(multiplier, retry - 1);
        return millis >= maxBackoff.toMillis() ? maxBackoff : Duration.ofMillis((long) millis);
    }
}
