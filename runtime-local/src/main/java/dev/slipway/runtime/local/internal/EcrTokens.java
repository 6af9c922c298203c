package dev.slipway.runtime.local.internal;

import com.github.dockerjava.api.model.AuthConfig;

import java.util.Optional;

/**
 * ECR credentials from an authorization token, through the AWS SDK's ECR client when the application has
 * {@code software.amazon.awssdk:ecr} on its class path (an optional dependency of LocalRuntime). The SDK's
 * default credentials chain supplies the AWS credentials.
 */
public final class EcrTokens {
    private static final String SDK_CLASS = "software.amazon.awssdk.services.ecr.EcrClient";

    private EcrTokens() {
    }

    public static boolean available() {
        try {
            Class.forName(SDK_CLASS, false, EcrTokens.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** {@code *.dkr.ecr.<region>.amazonaws.com[.cn]}. */
    public static boolean isEcrHost(String registry) {
        return registry.matches("[0-9]{12}\\.dkr\\.ecr(-fips)?\\.[a-z0-9-]+\\.amazonaws\\.com(\\.cn)?");
    }

    /** The region in an ECR host name. */
    public static Optional<String> regionOf(String registry) {
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("[0-9]{12}\\.dkr\\.ecr(?:-fips)?\\.([a-z0-9-]+)\\.amazonaws\\.com(?:\\.cn)?").matcher(registry);
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /**
     * A token for {@code registry} in {@code region}; throws {@link IllegalStateException} saying what to add
     * when the SDK is missing.
     */
    public static AuthConfig authorization(String registry, String region, String accountId) {
        if (!available()) {
            throw new IllegalStateException("pushing to or pulling from ECR (" + registry + ") needs an ECR "
                    + "authorization token: add software.amazon.awssdk:ecr to the application's dependencies, "
                    + "or log in with docker login so that ~/.docker/config.json holds credentials");
        }
        EcrSdk.Token token = EcrSdk.token(region, accountId);
        return RegistryAuth.token(registry, token.username(), token.password());
    }
}
