package dev.slipway.core;

import java.util.Objects;

/**
 * A secret build variable. Either a value held in memory and marked secret, or a reference that is resolved
 * where the build runs: an SSM Parameter Store name or a Secrets Manager reference. Resolved values are
 * masked as {@code ***} in every log line; {@code toString} never shows them.
 *
 * <pre>{@code
 * codeBuild("app").env("NPM_TOKEN", secret(System.getenv("NPM_TOKEN")))
 *                 .env("DB_PASSWORD", parameterStore("/app/db/password"));
 * }</pre>
 */
public sealed interface Secret extends EnvValue permits Secret.Value, Secret.ParameterStore, Secret.SecretsManager {

    /** A value marked secret. On AWS it is stored nowhere in plain text: deploy refuses it (use a reference). */
    record Value(String value) implements Secret {
        public Value {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String toString() {
            return "Secret[***]";
        }
    }

    /** An SSM Parameter Store parameter name ({@code /app/db/password}); CodeBuild type PARAMETER_STORE. */
    record ParameterStore(String parameterName) implements Secret {
        public ParameterStore {
            Objects.requireNonNull(parameterName, "parameterName");
        }

        @Override
        public String toString() {
            return "ParameterStore[" + parameterName + "]";
        }
    }

    /**
     * A Secrets Manager reference {@code secret-id[:json-key[:version-stage[:version-id]]]}; CodeBuild type
     * SECRETS_MANAGER.
     */
    record SecretsManager(String reference) implements Secret {
        public SecretsManager {
            Objects.requireNonNull(reference, "reference");
        }

        @Override
        public String toString() {
            return "SecretsManager[" + reference + "]";
        }
    }
}
