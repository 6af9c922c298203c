package dev.slipway.core;

import java.util.Objects;
import java.util.Optional;

/** A container registry images are pushed to. */
public sealed interface Registry permits Registry.Docker, Registry.Ecr {

    /**
     * Any Docker registry by host ({@code 127.0.0.1:5000}, {@code ghcr.io}). Without explicit credentials the
     * runtime uses {@code ~/.docker/config.json}.
     */
    record Docker(String host, Optional<Credentials> credentials) implements Registry {
        public Docker {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(credentials, "credentials");
        }

        @Override
        public String toString() {
            return host;
        }
    }

    /**
     * Amazon ECR. Account and region default to the runtime's (the caller identity and the SDK's region);
     * credentials come from an ECR authorization token.
     */
    record Ecr(Optional<String> accountId, Optional<String> region) implements Registry {
        public Ecr {
            Objects.requireNonNull(accountId, "accountId");
            Objects.requireNonNull(region, "region");
        }

        /** {@code <account>.dkr.ecr.<region>.amazonaws.com} once both are known. */
        public String host(String account, String defaultRegion) {
            return accountId.orElse(account) + ".dkr.ecr." + region.orElse(defaultRegion) + ".amazonaws.com";
        }

        @Override
        public String toString() {
            return "ECR " + accountId.orElse("<account>") + "/" + region.orElse("<region>");
        }
    }
}
