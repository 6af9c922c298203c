package dev.slipway.core;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A stage: actions that run together. Actions with the same {@link Action#runOrder()} run in parallel;
 * a larger run order runs after a smaller one has succeeded.
 */
public record Stage(String name, List<Action> actions) {

    public Stage {
        Objects.requireNonNull(name, "name");
        actions = List.copyOf(actions);
    }

    public Optional<Action> action(String actionName) {
        return actions.stream().filter(a -> a.name().equals(actionName)).findFirst();
    }

    /** The actions grouped by run order, smallest first. */
    public SortedMap<Integer, List<Action>> actionsByRunOrder() {
        SortedMap<Integer, List<Action>> groups = new TreeMap<>();
        for (Action action : actions) {
            groups.computeIfAbsent(action.runOrder(), k -> new java.util.ArrayList<>()).add(action);
        }
        groups.replaceAll((k, v) -> List.copyOf(v));
        return groups;
    }

    @Override
    public String toString() {
        return name + " " + actions.stream().map(Action::describe).toList();
    }
}
