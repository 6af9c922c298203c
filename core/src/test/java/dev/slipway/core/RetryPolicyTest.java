package dev.slipway.core;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetryPolicyTest {

    @Test
    void backoffDoublesUpToTheCap() {
        RetryPolicy policy = RetryPolicy.retries(10);
        assertThat(policy.backoff(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.backoff(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(policy.backoff(4)).isEqualTo(Duration.ofSeconds(8));
        assertThat(policy.backoff(9)).isEqualTo(Duration.ofSeconds(30));
        assertThat(policy.maxAttempts()).isEqualTo(11);
    }

    @Test
    void retriesAreLimitedLikeCodeBuildsAutoRetry() {
        assertThatThrownBy(() -> RetryPolicy.retries(11)).hasMessageContaining("0..10");
        assertThat(RetryPolicy.none().maxAttempts()).isEqualTo(1);
    }
}
