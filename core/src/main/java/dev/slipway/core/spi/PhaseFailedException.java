package dev.slipway.core.spi;

import dev.slipway.core.Failure;
import dev.slipway.core.Status;

import java.util.Objects;

/**
 * Thrown by a {@link BuildHost} step (provisioning, source download, artifact upload) that did not work:
 * the phase ends with {@code status} (FAILED for the user's mistake, FAULT for the world's) and the failure.
 */
public class PhaseFailedException extends RuntimeException {
    private final Status status;
    private final Failure failure;

    public PhaseFailedException(Status status, Failure failure) {
        this(status, failure, null);
    }

    public PhaseFailedException(Status status, Failure failure, Throwable cause) {
        super(failure.message(), cause);
        this.status = Objects.requireNonNull(status, "status");
        this.failure = Objects.requireNonNull(failure, "failure");
    }

    public static PhaseFailedException failed(String code, String message) {
        return new PhaseFailedException(Status.FAILED, Failure.of(code, message));
    }

    public static PhaseFailedException fault(String message, Throwable cause) {
        return new PhaseFailedException(Status.FAULT, Failure.fault(message), cause);
    }

    public Status status() {
        return status;
    }

    public Failure failure() {
        return failure;
    }
}
