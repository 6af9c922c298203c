package dev.slipway.core.internal.buildspec;

import dev.slipway.core.InvalidBuildSpecException;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

final class NodeReader {

    private static final Set<String> NULL_WORDS = Set.of("", "~", "null", "Null", "NULL");
    private static final Set<String> BOOLEAN_WORDS = Set.of("true", "false", "yes", "no", "on", "off");
    private static final Pattern NUMBER = Pattern.compile(
            "[-+]?(?:[0-9][0-9_]*(?:\\.[0-9_]*)?|\\.[0-9_]+)(?:[eE][-+]?[0-9]+)?|0x[0-9a-fA-F_]+|0o[0-7_]+|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN)");

    private final String source;

    NodeReader(String source) {
        this.source = source;
    }

    record Field(ScalarNode keyNode, String name, Node value, String path) {
    }

    InvalidBuildSpecException error(Node at, String path, String problem) {
        Optional<Mark> mark = at == null ? Optional.empty() : at.getStartMark();
        return error(mark, path, problem);
    }

    InvalidBuildSpecException error(Optional<Mark> mark, String path, String problem) {
        int line = mark.map(m -> m.getLine() + 1).orElse(0);
        int column = mark.map(m -> m.getColumn() + 1).orElse(0);
        return new InvalidBuildSpecException(source, line, column, path, problem);
    }

    static String child(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    static boolean isNull(Node node) {
        return node instanceof ScalarNode s && s.getScalarStyle() == ScalarStyle.PLAIN && NULL_WORDS.contains(s.getValue());
    }

    List<Field> fields(Node node, String path, String expected) {
        if (isNull(node)) {
            return List.of();
        }
        if (!(node instanceof MappingNode mapping)) {
            throw error(node, path, "expected " + expected + ", got " + describe(node));
        }
        Map<String, Field> byName = new LinkedHashMap<>();
        Map<String, Field> merged = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            Node keyNode = tuple.getKeyNode();
            if (keyNode instanceof ScalarNode key && key.getScalarStyle() == ScalarStyle.PLAIN && "<<".equals(key.getValue())) {
                for (Field inherited : mergeSource(tuple.getValueNode(), path)) {
                    merged.putIfAbsent(inherited.name(), inherited);
                }
                continue;
            }
            if (!(keyNode instanceof ScalarNode key)) {
                throw error(keyNode, path, "expected a key, got " + describe(keyNode));
            }
            Field field = new Field(key, key.getValue(), tuple.getValueNode(), child(path, key.getValue()));
            Field earlier = byName.putIfAbsent(field.name(), field);
            if (earlier != null) {
                int firstLine = earlier.keyNode().getStartMark().map(m -> m.getLine() + 1).orElse(0);
                throw error(key, path, "duplicate key '" + field.name() + "' (first defined on line " + firstLine + ")");
            }
        }
        List<Field> all = new ArrayList<>(byName.values());
        merged.values().stream().filter(f -> !byName.containsKey(f.name())).forEach(all::add);
        return all;
    }

    private List<Field> mergeSource(Node value, String path) {
        if (value instanceof SequenceNode sequence) {
            List<Field> all = new ArrayList<>();
            sequence.getValue().forEach(item -> all.addAll(fields(item, path, "a mapping to merge")));
            return all;
        }
        return fields(value, path, "a mapping to merge");
    }

    Map<String, Field> knownFields(Node node, String path, String expected, Collection<String> allowed) {
        Map<String, Field> byName = new LinkedHashMap<>();
        for (Field field : fields(node, path, expected)) {
            if (!allowed.contains(field.name())) {
                throw error(field.keyNode(), path, unknownKey(field.name(), path, allowed));
            }
            byName.put(field.name(), field);
        }
        return byName;
    }

    static String unknownKey(String key, String path, Collection<String> allowed) {
        String where = (path.isEmpty() ? "unknown top-level key '" : "unknown key '") + key + "'";
        return KeySuggestion.nearest(key, allowed)
                .map(s -> where + "; did you mean '" + s + "'?")
                .orElse(where + "; expected one of " + String.join(", ", allowed));
    }

    Field require(Map<String, Field> fields, String key, Node owner, String path) {
        Field field = fields.get(key);
        if (field == null) {
            throw error(owner, path, "missing required key '" + key + "'");
        }
        return field;
    }

    String string(Node node, String path) {
        if (node instanceof ScalarNode scalar) {
            if (isNull(node)) {
                throw error(node, path, scalar.getValue().isEmpty()
                        ? "expected a string, got an empty value"
                        : "expected a string, got null (quote it to mean the text '" + scalar.getValue() + "')");
            }
            return scalar.getValue();
        }
        throw error(node, path, "expected a string, got " + describe(node));
    }

    Optional<String> optionalString(Map<String, Field> fields, String key) {
        Field field = fields.get(key);
        return field == null ? Optional.empty() : Optional.of(string(field.value(), field.path()));
    }

    List<String> stringList(Node node, String path) {
        return stringList(node, path, "");
    }

    List<String> stringList(Node node, String path, String mappingHint) {
        if (isNull(node)) {
            return List.of();
        }
        if (!(node instanceof SequenceNode sequence)) {
            throw error(node, path, "expected a list of strings, got " + describe(node));
        }
        List<String> items = new ArrayList<>();
        List<Node> nodes = sequence.getValue();
        for (int i = 0; i < nodes.size(); i++) {
            Node item = nodes.get(i);
            String itemPath = path + "[" + i + "]";
            if (item instanceof MappingNode) {
                throw error(item, itemPath, "expected a string, got a mapping" + mappingHint);
            }
            items.add(string(item, itemPath));
        }
        return List.copyOf(items);
    }

    List<String> optionalStringList(Map<String, Field> fields, String key) {
        Field field = fields.get(key);
        return field == null ? List.of() : stringList(field.value(), field.path());
    }

    Map<String, String> stringMap(Node node, String path) {
        Map<String, String> map = new LinkedHashMap<>();
        for (Field field : fields(node, path, "a mapping of names to values")) {
            map.put(field.name(), string(field.value(), field.path()));
        }
        return map;
    }

    Optional<Boolean> yesNo(Map<String, Field> fields, String key) {
        Field field = fields.get(key);
        if (field == null) {
            return Optional.empty();
        }
        Node node = field.value();
        if (node instanceof ScalarNode scalar && !isNull(node)) {
            switch (scalar.getValue().toLowerCase(Locale.ROOT)) {
                case "yes", "true":
                    return Optional.of(true);
                case "no", "false":
                    return Optional.of(false);
                default:
                    throw error(node, field.path(), "expected yes or no, got '" + scalar.getValue() + "'");
            }
        }
        throw error(node, field.path(), "expected yes or no, got " + describe(node));
    }

    Object tree(Node node, String path) {
        return tree(node, path, Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    private Object tree(Node node, String path, Set<Node> open) {
        if (node instanceof ScalarNode scalar) {
            return scalar.getValue();
        }
        if (!open.add(node)) {
            throw error(node, path, "an alias refers to a node that contains it; recursive structures are not allowed");
        }
        Object value;
        if (node instanceof SequenceNode sequence) {
            List<Object> items = new ArrayList<>();
            for (int i = 0; i < sequence.getValue().size(); i++) {
                items.add(tree(sequence.getValue().get(i), path + "[" + i + "]", open));
            }
            value = List.copyOf(items);
        } else {
            Map<String, Object> map = new LinkedHashMap<>();
            for (Field field : fields(node, path, "a mapping")) {
                map.put(field.name(), tree(field.value(), field.path(), open));
            }
            value = Collections.unmodifiableMap(map);
        }
        open.remove(node);
        return value;
    }

    static String describe(Node node) {
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        ScalarNode scalar = (ScalarNode) node;
        if (scalar.getScalarStyle() != ScalarStyle.PLAIN) {
            return "a string";
        }
        String text = scalar.getValue();
        if (text.isEmpty()) {
            return "an empty value";
        }
        if (NULL_WORDS.contains(text)) {
            return "null";
        }
        if (BOOLEAN_WORDS.contains(text.toLowerCase(Locale.ROOT))) {
            return "a boolean";
        }
        return NUMBER.matcher(text).matches() ? "a number" : "a string";
    }
}
