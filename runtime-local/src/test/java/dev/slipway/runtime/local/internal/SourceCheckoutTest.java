package dev.slipway.runtime.local.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SourceCheckoutTest {
    @Test
    void credentialsInUrlsNeverReachLogsOrMessages() {
        assertThat(SourceCheckout.redact("cannot fetch https://bot:ghp_secret@github.com/o/r.git: not authorized"))
                .isEqualTo("cannot fetch https://***@github.com/o/r.git: not authorized");
        assertThat(SourceCheckout.redact("Fetching file:///tmp/repo")).isEqualTo("Fetching file:///tmp/repo");
    }
}
