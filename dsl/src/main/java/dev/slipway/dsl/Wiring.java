package dev.slipway.dsl;

import dev.slipway.core.Action;
import dev.slipway.core.BuildAction;
import dev.slipway.core.SourceAction;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the actions of earlier stages produced, so that an action without explicit artifacts reads the right
 * ones: a build reads the latest source, a publish from a Dockerfile reads the latest artifact.
 */
final class Wiring {
    private final List<Action> earlier = new ArrayList<>();

    void add(List<Action> stageActions) {
        earlier.addAll(stageActions);
    }

    Optional<String> latestSourceOutput() {
        for (int i = earlier.size() - 1; i >= 0; i--) {
            if (earlier.get(i) instanceof SourceAction source) {
                return Optional.of(source.outputArtifact());
            }
        }
        return Optional.empty();
    }

    Optional<String> latestOutput() {
        for (int i = earlier.size() - 1; i >= 0; i--) {
            Action action = earlier.get(i);
            if (!action.outputArtifacts().isEmpty() && (action instanceof BuildAction || action instanceof SourceAction)) {
                return Optional.of(action.outputArtifacts().get(0));
            }
        }
        return Optional.empty();
    }

    /** {@code <action>Output}, with characters an artifact name cannot hold replaced by {@code _}. */
    static String outputName(String actionName) {
        return actionName.replaceAll("[^A-Za-z0-9_\\-]", "_") + "Output";
    }
}
