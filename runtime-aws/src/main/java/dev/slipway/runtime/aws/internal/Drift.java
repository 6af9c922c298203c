package dev.slipway.runtime.aws.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.slipway.runtime.aws.Plan;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How a deployed resource differs from the model: the aspects that differ (which decide the calls that fix them)
 * and a line per difference for the {@link Plan}.
 */
public final class Drift {
    static final ObjectMapper JSON = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, false);

    private final Plan.ResourceType type;
    private final String name;
    private final boolean missing;
    private final Set<String> aspects = new LinkedHashSet<>();
    private final List<String> differences = new ArrayList<>();

    private Drift(Plan.ResourceType type, String name, boolean missing) {
        this.type = type;
        this.name = name;
        this.missing = missing;
    }

    static Drift missing(Plan.ResourceType type, String name) {
        return new Drift(type, name, true);
    }

    static Drift existing(Plan.ResourceType type, String name) {
        return new Drift(type, name, false);
    }

    public boolean isMissing() {
        return missing;
    }

    public boolean differs(String aspect) {
        return missing || aspects.contains(aspect);
    }

    public boolean hasChanges() {
        return missing || !aspects.isEmpty();
    }

    /** Records a difference when {@code actual} and {@code desired} are not equal. */
    Drift compare(String aspect, String label, Object actual, Object desired) {
        if (!Objects.equals(actual, desired)) {
            add(aspect, label + ": " + show(actual) + " → " + show(desired));
        }
        return this;
    }

    /** Compares two JSON documents by content (the deployed one may be URL-encoded, as IAM returns it). */
    Drift compareJson(String aspect, String label, String actualJson, Object desired) {
        JsonNode want = JSON.valueToTree(desired);
        JsonNode have = actualJson == null ? null : parse(decode(actualJson));
        if (!want.equals(have)) {
            add(aspect, label + (have == null ? ": missing" : ": differs") + " → " + want);
        }
        return this;
    }

    Drift add(String aspect, String description) {
        aspects.add(aspect);
        differences.add(description);
        return this;
    }

    public Plan.ResourceChange change() {
        Plan.ChangeType change = missing ? Plan.ChangeType.CREATE : aspects.isEmpty() ? Plan.ChangeType.NO_CHANGE : Plan.ChangeType.UPDATE;
        return new Plan.ResourceChange(type, name, change, missing ? List.of() : differences);
    }

    static String toJson(Object tree) {
        try {
            return JSON.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            return JSON.getNodeFactory().textNode(json);
        }
    }

    /** IAM returns policy documents URL-encoded. */
    static String decode(String document) {
        String trimmed = document.trim();
        return trimmed.startsWith("{") ? trimmed : URLDecoder.decode(trimmed, StandardCharsets.UTF_8);
    }

    private static String show(Object value) {
        if (value == null) {
            return "(none)";
        }
        String text = value instanceof Map<?, ?> || value instanceof List<?> ? toJson(value) : value.toString();
        text = text.replace("\n", "⏎");
        return "'" + (text.length() > 120 ? text.substring(0, 117) + "…" : text) + "'";
    }
}
