package dev.slipway.runtime.local.internal;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.AuthorizationData;
import software.amazon.awssdk.services.ecr.model.GetAuthorizationTokenResponse;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/** The AWS SDK calls of {@link EcrTokens}; loaded only when the SDK is on the class path. */
final class EcrSdk {
    record Token(String username, String password) {
    }

    private EcrSdk() {
    }

    static Token token(String region, String accountId) {
        return token(region, accountId, Optional.empty(), Optional.empty());
    }

    /** With an endpoint (an emulator, a VPC endpoint) and credentials other than the SDK's default chain. */
    @SuppressWarnings("deprecation")
    static Token token(String region, String accountId, Optional<URI> endpoint, Optional<AwsCredentialsProvider> credentials) {
        var builder = EcrClient.builder().region(Region.of(region));
        endpoint.ifPresent(builder::endpointOverride);
        credentials.ifPresent(builder::credentialsProvider);
        try (EcrClient ecr = builder.build()) {
            GetAuthorizationTokenResponse response = ecr.getAuthorizationToken(r -> r.registryIds(accountId));
            AuthorizationData data = response.authorizationData().get(0);
            String decoded = new String(Base64.getDecoder().decode(data.authorizationToken()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return new Token(decoded.substring(0, colon), decoded.substring(colon + 1));
        }
    }
}
