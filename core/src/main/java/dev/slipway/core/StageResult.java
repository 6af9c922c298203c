package dev.slipway.core;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** How a stage ended: the results of the actions that ran, in run order. */
public record StageResult(String name, Status status, Instant start, Duration duration, List<ActionResult> actions) {

    public StageResult {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(duration, "duration");
        actions = List.copyOf(actions);
    }

    public Optional<ActionResult> action(String actionName) {
        return actions.stream().filter(a -> a.name().equals(actionName)).findFirst();
    }

    @Override
    public String toString() {
        return "StageResult " + name + " " + status + " " + Durations.format(duration) + " " + actions.stream().map(ActionResult::name).toList();
    }
}
