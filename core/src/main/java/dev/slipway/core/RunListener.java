package dev.slipway.core;

/**
 * Receives {@link RunEvent}s while a pipeline runs. Called from the runtime's threads, possibly from
 * several at once (parallel actions): implementations must be thread-safe and quick.
 *
 * <pre>{@code
 * runtime.run(pipeline, event -> {
 *     if (event instanceof RunEvent.LogLine log) System.out.println(log.line());
 * });
 * }</pre>
 */
@FunctionalInterface
public interface RunListener {

    void onEvent(RunEvent event);

    RunListener NONE = event -> { };

    /** Delivers to both; a failing listener does not keep the other from its event. */
    default RunListener andThen(RunListener other) {
        return event -> {
            try {
                onEvent(event);
            } finally {
                other.onEvent(event);
            }
        };
    }
}
