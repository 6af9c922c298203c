package dev.slipway.core;

import java.util.Objects;
import java.util.Optional;

/**
 * Why a phase, action or run did not succeed, in CodeBuild's terms: a {@code code} such as
 * {@code COMMAND_EXECUTION_ERROR}, {@code CLIENT_ERROR} or {@code YAML_FILE_ERROR}, a message, and for a
 * failed command the command and its exit code.
 */
public record Failure(String code, String message, Optional<String> command, Optional<Integer> exitCode) {

    public static final String COMMAND_EXECUTION_ERROR = "COMMAND_EXECUTION_ERROR";
    public static final String CLIENT_ERROR = "CLIENT_ERROR";
    public static final String YAML_FILE_ERROR = "YAML_FILE_ERROR";
    public static final String BUILD_TIMED_OUT = "BUILD_TIMED_OUT";
    public static final String BUILD_STOPPED = "BUILD_STOPPED";
    public static final String FAULT = "FAULT";
    public static final String SOURCE_ERROR = "SOURCE_ERROR";
    public static final String PUBLISH_ERROR = "PUBLISH_ERROR";

    public Failure {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(exitCode, "exitCode");
    }

    /** A command that exited non-zero, with CodeBuild's message. */
    public static Failure command(String command, int exitCode) {
        return new Failure(COMMAND_EXECUTION_ERROR,
                "Error while executing command: " + command + ". Reason: exit status " + exitCode,
                Optional.of(command), Optional.of(exitCode));
    }

    public static Failure of(String code, String message) {
        return new Failure(code, message, Optional.empty(), Optional.empty());
    }

    public static Failure clientError(String message) {
        return of(CLIENT_ERROR, message);
    }

    public static Failure fault(String message) {
        return of(FAULT, message);
    }

    @Override
    public String toString() {
        return code + ": " + message;
    }
}
