package dev.slipway.core.internal.buildspec;

import dev.slipway.core.BuildSpec;
import dev.slipway.core.PhaseType;
import dev.slipway.core.internal.buildspec.NodeReader.Field;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.PatternSyntaxException;

final class PhaseReader {
    private static final List<String> PHASE_KEYS = List.of("run-as", "on-failure", "runtime-versions", "commands", "finally");
    private static final String COMMAND_HINT = " (quote the command if it contains ': ')";

    private final NodeReader nodes;

    PhaseReader(NodeReader nodes) {
        this.nodes = nodes;
    }

    BuildSpec.Phase phase(Field field, PhaseType type) {
        Map<String, Field> phase = nodes.knownFields(field.value(), field.path(), "a mapping", PHASE_KEYS);
        Optional<String> runAs = Optional.empty();
        Optional<BuildSpec.OnFailure> onFailure = Optional.empty();
        Map<String, String> runtimeVersions = Map.of();
        List<String> commands = List.of();
        List<String> finallyCommands = List.of();
        for (Field entry : phase.values()) {
            switch (entry.name()) {
                case "run-as" -> runAs = Optional.of(nodes.string(entry.value(), entry.path()));
                case "on-failure" -> onFailure = Optional.of(onFailure(entry));
                case "runtime-versions" -> {
                    if (type != PhaseType.INSTALL) {
                        throw nodes.error(entry.keyNode(), field.path(), "runtime-versions is only allowed in the install phase");
                    }
                    runtimeVersions = nodes.stringMap(entry.value(), entry.path());
                }
                case "commands" -> commands = nodes.stringList(entry.value(), entry.path(), COMMAND_HINT);
                default -> finallyCommands = nodes.stringList(entry.value(), entry.path(), COMMAND_HINT);
            }
        }
        if (type != PhaseType.INSTALL) {
            nodes.require(phase, "commands", field.keyNode(), field.path());
        }
        return new BuildSpec.Phase(runAs, onFailure, runtimeVersions, commands, finallyCommands);
    }

    private List<String> commands(Field field) {
        return field == null ? List.of() : nodes.stringList(field.value(), field.path(), COMMAND_HINT);
    }

    private BuildSpec.OnFailure onFailure(Field field) {
        String value = nodes.string(field.value(), field.path());
        try {
            return BuildSpec.OnFailure.parse(value);
        } catch (PatternSyntaxException e) {
            throw nodes.error(field.value(), field.path(),
                    "the retry pattern in '" + value + "' is not a valid regular expression: " + e.getDescription());
        } catch (NumberFormatException e) {
            throw nodes.error(field.value(), field.path(), "the retry count in '" + value + "' is too large; use 0 to 100");
        } catch (IllegalArgumentException e) {
            throw nodes.error(field.value(), field.path(), e.getMessage());
        }
    }
}
