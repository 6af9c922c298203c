package dev.slipway.core;

import java.util.Map;
import java.util.Objects;

/**
 * Turns a {@link Secret} into its value where a build runs locally. On AWS, CodeBuild resolves Parameter
 * Store and Secrets Manager references itself.
 *
 * <pre>{@code
 * LocalRuntime.builder().secrets(SecretResolver.fromMap(Map.of("/app/db/password", "s3cr3t"))).build();
 * }</pre>
 */
@FunctionalInterface
public interface SecretResolver {

    /** The value; throws {@link SlipwayException} saying what could not be resolved and how to fix it. */
    String resolve(Secret secret);

    /** Values marked secret resolve to themselves; references fail with a message saying how to provide them. */
    static SecretResolver valuesOnly() {
        return secret -> {
            if (secret instanceof Secret.Value value) {
                return value.value();
            }
            throw new SlipwayException("cannot resolve " + secret + " here: give the runtime a SecretResolver "
                    + "(for example SecretResolver.fromMap(...)) that knows it");
        };
    }

    /**
     * Values marked secret resolve to themselves; Parameter Store names and Secrets Manager references are
     * looked up in {@code values} by name or reference.
     */
    static SecretResolver fromMap(Map<String, String> values) {
        Map<String, String> copy = Map.copyOf(Objects.requireNonNull(values, "values"));
        SecretResolver fallback = valuesOnly();
        return secret -> {
            String key = secret instanceof Secret.ParameterStore p ? p.parameterName()
                    : secret instanceof Secret.SecretsManager s ? s.reference() : null;
            if (key != null && copy.containsKey(key)) {
                return copy.get(key);
            }
            return fallback.resolve(secret);
        };
    }
}
