package dev.slipway.core.internal.buildspec;

import dev.slipway.core.BuildSpec;
import dev.slipway.core.InvalidBuildSpecException;
import dev.slipway.core.PhaseType;
import dev.slipway.core.internal.buildspec.NodeReader.Field;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads buildspec YAML into a {@link BuildSpec}, failing with the file, line, column and key path of the first problem. */
public final class BuildSpecReader {

    private static final List<String> TOP_LEVEL_KEYS = List.of(
            "version", "run-as", "env", "environment_variables", "proxy", "batch", "phases", "reports", "artifacts", "cache");
    private static final List<String> ENV_KEYS = List.of(
            "shell", "variables", "parameter-store", "secrets-manager", "exported-variables", "git-credential-helper");
    private static final List<String> PROXY_KEYS = List.of("upload-artifacts", "logs");
    private static final List<String> BATCH_KEYS = List.of("fast-fail", "build-list", "build-matrix", "build-graph", "build-fanout");
    private static final List<String> PHASE_NAMES = PhaseType.BUILDSPEC_PHASES.stream()
            .map(p -> p.buildspecKey().orElseThrow()).toList();

    private final NodeReader nodes;

    private BuildSpecReader(String source) {
        this.nodes = new NodeReader(source);
    }

    /**
     * Parses buildspec YAML.
     *
     * @param yaml       the buildspec text
     * @param sourceName what errors name as the origin (a file name, or {@code <inline>})
     * @throws InvalidBuildSpecException for invalid YAML or a buildspec CodeBuild would not accept
     */
    public static BuildSpec read(String yaml, String sourceName) {
        Node root = YamlSyntax.compose(yaml, sourceName)
                .orElseThrow(() -> new InvalidBuildSpecException(sourceName, 0, 0, "", "the buildspec is empty"));
        return new BuildSpecReader(sourceName).buildSpec(root);
    }

    private BuildSpec buildSpec(Node root) {
        if (!(root instanceof MappingNode)) {
            throw nodes.error(root, "", "expected a mapping of buildspec keys (version, phases, ...), got " + NodeReader.describe(root));
        }
        Map<String, Field> top = topLevel(root);
        String version = version(top, root);
        BuildSpec.Builder spec = BuildSpec.builder().version(version);
        Map<PhaseType, BuildSpec.Phase> phases = new EnumMap<>(PhaseType.class);
        PhaseReader phaseReader = new PhaseReader(nodes);
        OutputReader outputReader = new OutputReader(nodes);
        for (Field field : top.values()) {
            switch (field.name()) {
                case "run-as" -> spec.runAs(nodes.string(field.value(), field.path()));
                case "env" -> spec.env(env(field, version));
                case "environment_variables" -> spec.env(environmentVariables(field, version));
                case "proxy" -> spec.proxy(proxy(field));
                case "batch" -> spec.batch(batch(field));
                case "phases" -> phases.putAll(phases(field, phaseReader));
                case "reports" -> outputReader.reports(field).forEach(spec::report);
                case "artifacts" -> spec.artifacts(outputReader.artifacts(field, true));
                case "cache" -> spec.cache(outputReader.cache(field));
                default -> {
                }
            }
        }
        nodes.require(top, "phases", root, "");
        phases.forEach(spec::phase);
        return spec.build();
    }

    private Map<String, Field> topLevel(Node root) {
        Map<String, Field> top = new LinkedHashMap<>();
        for (Field field : nodes.fields(root, "", "a mapping")) {
            if (!TOP_LEVEL_KEYS.contains(field.name())) {
                throw nodes.error(field.keyNode(), "", PHASE_NAMES.contains(field.name())
                        ? "unknown top-level key '" + field.name() + "'; phases belong under 'phases:' (check the indentation)"
                        : NodeReader.unknownKey(field.name(), "", TOP_LEVEL_KEYS));
            }
            top.put(field.name(), field);
        }
        return top;
    }

    private String version(Map<String, Field> top, Node root) {
        Field field = top.get("version");
        if (field == null) {
            throw nodes.error(root, "", "missing required key 'version' (use version: 0.2)");
        }
        if (!(field.value() instanceof ScalarNode)) {
            throw nodes.error(field.value(), "version", "expected a version number, got " + NodeReader.describe(field.value()));
        }
        String version = ((ScalarNode) field.value()).getValue();
        if (!version.equals(BuildSpec.VERSION_0_2) && !version.equals(BuildSpec.VERSION_0_1)) {
            throw nodes.error(field.value(), "version", "unsupported version '" + version + "'; supported versions are 0.2 and 0.1");
        }
        return version;
    }

    private BuildSpec.Env env(Field field, String version) {
        if (version.equals(BuildSpec.VERSION_0_1)) {
            throw nodes.error(field.keyNode(), "", "'env' needs version 0.2; version 0.1 sets variables with 'environment_variables: plaintext:'");
        }
        Map<String, Field> env = nodes.knownFields(field.value(), "env", "a mapping", ENV_KEYS);
        return new BuildSpec.Env(
                nodes.optionalString(env, "shell"),
                map(env, "variables"),
                map(env, "parameter-store"),
                map(env, "secrets-manager"),
                nodes.optionalStringList(env, "exported-variables"),
                nodes.yesNo(env, "git-credential-helper"));
    }

    private BuildSpec.Env environmentVariables(Field field, String version) {
        if (version.equals(BuildSpec.VERSION_0_2)) {
            throw nodes.error(field.keyNode(), "", "'environment_variables' is the version 0.1 form; with version 0.2 use 'env: variables:'");
        }
        Map<String, Field> env = nodes.knownFields(field.value(), "environment_variables", "a mapping", List.of("plaintext"));
        return BuildSpec.Env.EMPTY.withVariables(map(env, "plaintext"));
    }

    private Map<String, String> map(Map<String, Field> fields, String key) {
        Field field = fields.get(key);
        return field == null ? Map.of() : nodes.stringMap(field.value(), field.path());
    }

    private BuildSpec.Proxy proxy(Field field) {
        Map<String, Field> proxy = nodes.knownFields(field.value(), "proxy", "a mapping", PROXY_KEYS);
        return new BuildSpec.Proxy(nodes.yesNo(proxy, "upload-artifacts"), nodes.yesNo(proxy, "logs"));
    }

    private BuildSpec.Batch batch(Field field) {
        Map<String, Object> definition = new LinkedHashMap<>();
        nodes.knownFields(field.value(), "batch", "a mapping", BATCH_KEYS)
                .forEach((name, entry) -> definition.put(name, nodes.tree(entry.value(), entry.path())));
        return new BuildSpec.Batch(definition);
    }

    private Map<PhaseType, BuildSpec.Phase> phases(Field field, PhaseReader phaseReader) {
        Map<PhaseType, BuildSpec.Phase> phases = new EnumMap<>(PhaseType.class);
        for (Field phase : nodes.fields(field.value(), "phases", "a mapping of phases")) {
            Optional<PhaseType> type = PhaseType.fromBuildspecKey(phase.name());
            if (type.isEmpty()) {
                String problem = KeySuggestion.nearest(phase.name(), PHASE_NAMES)
                        .map(s -> "unknown phase '" + phase.name() + "'; did you mean '" + s + "'?")
                        .orElse("unknown phase '" + phase.name() + "'; phases are " + String.join(", ", PHASE_NAMES));
                throw nodes.error(phase.keyNode(), "phases", problem);
            }
            phases.put(type.get(), phaseReader.phase(phase, type.get()));
        }
        return phases;
    }
}
