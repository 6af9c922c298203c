package dev.slipway.runtime.aws.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads timestamps that an emulator writes as ISO-8601 strings where AWS's JSON protocol has epoch seconds.
 * moto (5.x) does so in CodeBuild's builds and CodePipeline's pipeline metadata ({@code "startTime":
 * "2026-03-02T09:00:00.000Z"}); the SDK for Java rejects them ("Input timestamp string must be no longer than 20
 * characters"). Only installed on clients with an endpoint override, and only known timestamp fields whose value
 * is such a string are rewritten, so AWS's own answers pass through unchanged. (moto also labels its JSON
 * {@code text/html}, so the body is looked at, not the content type.)
 */
public final class EmulatorTimestamps implements ExecutionInterceptor {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> FIELDS = Set.of("startTime", "endTime", "created", "updated", "lastModified",
            "lastUpdateTime", "lastStatusChange", "lastChangedAt", "createdAt", "pollingDisabledAt", "timestamp", "ingestionTime");
    private static final Pattern ISO = Pattern.compile("\\d{4}-\\d\\d-\\d\\d[T ]\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?(Z|[+-]\\d\\d:?\\d\\d)?");

    @Override
    public Optional<InputStream> modifyHttpResponseContent(Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
        Optional<InputStream> body = context.responseBody();
        if (body.isEmpty()) {
            return body;
        }
        try {
            byte[] bytes = body.get().readAllBytes();
            if (bytes.length == 0 || bytes[0] != '{') {
                return Optional.of(new ByteArrayInputStream(bytes));
            }
            JsonNode tree;
            try {
                tree = JSON.readTree(bytes);
            } catch (IOException malformed) {
                return Optional.of(new ByteArrayInputStream(bytes));   // the SDK says it cannot read it
            }
            return Optional.of(new ByteArrayInputStream(rewrite(tree) ? JSON.writeValueAsBytes(tree) : bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean rewrite(JsonNode node) {
        boolean changed = false;
        if (node instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                JsonNode value = field.getValue();
                if (value.isTextual() && FIELDS.contains(field.getKey()) && ISO.matcher(value.asText()).matches()) {
                    Optional<BigDecimal> seconds = epochSeconds(value.asText());
                    if (seconds.isPresent()) {
                        field.setValue(JSON.getNodeFactory().numberNode(seconds.get()));
                        changed = true;
                    }
                } else {
                    changed |= rewrite(value);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (JsonNode element : array) {
                changed |= rewrite(element);
            }
        }
        return changed;
    }

    private static Optional<BigDecimal> epochSeconds(String text) {
        String iso = text.replace(' ', 'T');
        if (!iso.endsWith("Z") && !iso.matches(".*[+-]\\d\\d:?\\d\\d$")) {
            iso = iso + "Z";
        }
        try {
            long millis = OffsetDateTime.parse(iso).toInstant().toEpochMilli();
            return Optional.of(BigDecimal.valueOf(millis, 3));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
