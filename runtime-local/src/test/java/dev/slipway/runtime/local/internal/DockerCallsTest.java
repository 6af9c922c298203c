package dev.slipway.runtime.local.internal;

import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.InternalServerErrorException;
import com.github.dockerjava.api.exception.NotFoundException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DockerCallsTest {
    private final List<String> notices = new ArrayList<>();
    private final DockerCalls calls = DockerCalls.of(4, Duration.ofMillis(1))
            .reportingTo((what, attempt, delay, reason) -> notices.add(what + " #" + attempt + " " + reason));

    @Test
    void transientFaultsAreRetriedAndEachRetryIsReported() {
        AtomicInteger attempts = new AtomicInteger();
        String result = calls.call("create container", () -> switch (attempts.incrementAndGet()) {
            case 1 -> throw new InternalServerErrorException("{\"message\":\"daemon busy\"}");
            case 2 -> throw new DockerException("{\"message\":\"unavailable\"}", 503);
            case 3 -> throw new RuntimeException(new ConnectException("Connection refused"));
            default -> "ok";
        });

        assertThat(result).isEqualTo("ok");
        assertThat(notices).containsExactly(
                "docker: create container #2 daemon busy (HTTP 500)",
                "docker: create container #3 unavailable (HTTP 503)",
                "docker: create container #4 ConnectException: Connection refused");
    }

    @Test
    void faultsThatCannotGoAwayAreThrownAtOnce() {
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> calls.call("create container", () -> {
            attempts.incrementAndGet();
            throw new NotFoundException("No such image: x");
        })).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> calls.call("start container", () -> {
            attempts.incrementAndGet();
            throw new InternalServerErrorException("{\"message\":\"OCI runtime create failed: unable to apply caps: operation not permitted\"}");
        })).isInstanceOf(InternalServerErrorException.class);

        assertThat(attempts).hasValue(2);
        assertThat(notices).isEmpty();
    }

    @Test
    void theLastFaultIsThrownWhenAttemptsRunOut() {
        assertThatThrownBy(() -> calls.call("remove container", () -> {
            throw new UncheckedIOException(new IOException("Broken pipe"));
        })).isInstanceOf(UncheckedIOException.class);
        assertThat(notices).hasSize(3);
    }
}
