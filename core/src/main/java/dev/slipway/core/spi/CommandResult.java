package dev.slipway.core.spi;

import java.util.Objects;

/**
 * How one command ended in a {@link BuildHost}: it exited (with a code), the build's deadline passed, the
 * run was stopped, or the host broke (a fault, with the reason).
 */
public record CommandResult(Kind kind, int exitCode, String message) {

    public enum Kind { EXITED, TIMED_OUT, STOPPED, FAULT }

    public CommandResult {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
    }

    public static CommandResult exited(int exitCode) {
        return new CommandResult(Kind.EXITED, exitCode, "");
    }

    public static CommandResult timedOut() {
        return new CommandResult(Kind.TIMED_OUT, -1, "");
    }

    public static CommandResult stopped() {
        return new CommandResult(Kind.STOPPED, -1, "");
    }

    public static CommandResult fault(String reason) {
        return new CommandResult(Kind.FAULT, -1, reason);
    }

    public boolean succeeded() {
        return kind == Kind.EXITED && exitCode == 0;
    }
}
