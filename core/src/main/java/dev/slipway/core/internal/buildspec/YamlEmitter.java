package dev.slipway.core.internal.buildspec;

import java.util.List;
import java.util.Map;

final class YamlEmitter {

    record Typed(String text) {
    }

    private final StringBuilder out = new StringBuilder();

    static String write(Map<String, ?> document) {
        YamlEmitter emitter = new YamlEmitter();
        emitter.mapping(document, 0, false);
        return emitter.out.toString();
    }

    private void mapping(Map<String, ?> map, int indent, boolean firstOnDashLine) {
        boolean first = true;
        for (Map.Entry<String, ?> entry : map.entrySet()) {
            if (!(first && firstOnDashLine)) {
                out.append(" ".repeat(indent));
            }
            first = false;
            out.append(YamlScalars.key(entry.getKey())).append(':');
            Object value = entry.getValue();
            if (value instanceof Map<?, ?> nested && !nested.isEmpty()) {
                out.append('\n');
                mapping(cast(nested), indent + 2, false);
            } else if (value instanceof List<?> items && !items.isEmpty()) {
                out.append('\n');
                sequence(items, indent + 2, false);
            } else {
                out.append(' ');
                leaf(value, indent + 2);
            }
        }
    }

    private void sequence(List<?> items, int indent, boolean firstOnDashLine) {
        boolean first = true;
        for (Object item : items) {
            if (!(first && firstOnDashLine)) {
                out.append(" ".repeat(indent));
            }
            first = false;
            out.append("- ");
            if (item instanceof Map<?, ?> nested && !nested.isEmpty()) {
                mapping(cast(nested), indent + 2, true);
            } else if (item instanceof List<?> nested && !nested.isEmpty()) {
                sequence(nested, indent + 2, true);
            } else {
                leaf(item, indent + 2);
            }
        }
    }

    private void leaf(Object value, int blockIndent) {
        if (value instanceof Map<?, ?>) {
            out.append("{}");
        } else if (value instanceof List<?>) {
            out.append("[]");
        } else if (value instanceof Typed typed) {
            out.append(YamlScalars.value(typed.text(), blockIndent, true));
        } else {
            out.append(YamlScalars.value((String) value, blockIndent, false));
        }
        out.append('\n');
    }

    @SuppressWarnings("unchecked")
    private static Map<String, ?> cast(Map<?, ?> map) {
        return (Map<String, ?>) map;
    }
}
