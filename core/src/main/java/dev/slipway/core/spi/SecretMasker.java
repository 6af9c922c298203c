package dev.slipway.core.spi;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Masks secret values as {@code ***} in text, as CodeBuild does in its logs: exact values (the longest first,
 * so a secret that contains another is masked whole) and AWS access key IDs. A transformed secret (base64,
 * reversed) is not recognised — as on CodeBuild.
 */
public final class SecretMasker {
    public static final String MASK = "***";
    private static final Pattern ACCESS_KEY_ID = Pattern.compile("\\b(?:AKIA|ASIA)[A-Z0-9]{16}\\b");
    private static final Pattern URL_CREDENTIALS = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*://)[^/@\\s]+@");

    private final List<String> secrets;

    public SecretMasker(Collection<String> secretValues) {
        this.secrets = Objects.requireNonNull(secretValues, "secretValues").stream()
                .filter(s -> s != null && !s.isEmpty())
                .distinct()
                .sorted(Comparator.comparingInt(String::length).reversed())
                .toList();
    }

    public static SecretMasker none() {
        return new SecretMasker(List.of());
    }

    public String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String masked = text;
        for (String secret : secrets) {
            if (masked.contains(secret)) {
                masked = masked.replace(secret, MASK);
            }
        }
        return ACCESS_KEY_ID.matcher(masked).replaceAll(MASK);
    }

    /** {@code text} with what is written before {@code @} in its URLs ({@code https://user:token@host/…}) as {@code ***}. */
    public static String withoutUrlCredentials(String text) {
        return URL_CREDENTIALS.matcher(text).replaceAll("$1" + MASK + "@");
    }

    /** Whether there is anything to mask besides access key IDs. */
    public boolean hasSecrets() {
        return !secrets.isEmpty();
    }
}
