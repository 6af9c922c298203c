package dev.slipway.core.spi;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Templates in tags and values: {@code ${APP_VERSION}} is the variable as the latest earlier build exported
 * it; {@code ${Build.APP_VERSION}} names the build action. Everything else is literal text.
 */
public final class Templates {
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{(?:([A-Za-z0-9.@\\-_]+)\\.)?([A-Za-z_][A-Za-z0-9_]*)}");

    private Templates() {
    }

    /** A variable reference: an optional action name and a variable name. */
    public record Reference(Optional<String> action, String variable) {
        public Reference {
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(variable, "variable");
        }

        @Override
        public String toString() {
            return "${" + action.map(a -> a + ".").orElse("") + variable + "}";
        }
    }

    public static List<Reference> references(String template) {
        List<Reference> refs = new ArrayList<>();
        Matcher m = REFERENCE.matcher(template);
        while (m.find()) {
            refs.add(new Reference(Optional.ofNullable(m.group(1)), m.group(2)));
        }
        return refs;
    }

    /** The template with its references removed: what must be valid literal text. */
    public static String literalParts(String template) {
        return REFERENCE.matcher(template).replaceAll("");
    }

    /**
     * Looks a reference up: by action when it names one, else in the latest build (last in iteration order)
     * that exported the variable.
     */
    public static Optional<String> lookup(Reference reference, Map<String, Map<String, String>> exportedByAction) {
        if (reference.action().isPresent()) {
            return Optional.ofNullable(exportedByAction.getOrDefault(reference.action().get(), Map.of()).get(reference.variable()));
        }
        String found = null;
        for (Map<String, String> vars : exportedByAction.values()) {
            if (vars.containsKey(reference.variable())) {
                found = vars.get(reference.variable());
            }
        }
        return Optional.ofNullable(found);
    }

    /** Expands every reference; throws {@link IllegalArgumentException} naming the first one that has no value. */
    public static String expand(String template, Function<Reference, Optional<String>> lookup) {
        Matcher m = REFERENCE.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Reference ref = new Reference(Optional.ofNullable(m.group(1)), m.group(2));
            String value = lookup.apply(ref).orElseThrow(() -> new IllegalArgumentException(
                    "'" + template + "' uses " + ref + ", which no earlier build exported"));
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
