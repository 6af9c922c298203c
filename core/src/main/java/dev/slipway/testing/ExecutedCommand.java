package dev.slipway.testing;

import dev.slipway.core.PhaseType;

/** A command a {@link ScriptedRuntime} ran: where, in which phase, and how it ended. */
public record ExecutedCommand(String stage, String action, PhaseType phase, String command, int exitCode) {
    @Override
    public String toString() {
        return stage + "/" + action + " " + phase + ": " + command + (exitCode == 0 ? "" : " → exit " + exitCode);
    }
}
