package dev.slipway.core;

/**
 * The root of Slipway's exceptions. All are unchecked: a failing build is a {@link Status#FAILED} result,
 * not an exception; exceptions are for misuse and for a world that is not there.
 */
public class SlipwayException extends RuntimeException {
    public SlipwayException(String message) {
        super(message);
    }

    public SlipwayException(String message, Throwable cause) {
        super(message, cause);
    }
}
