package dev.slipway.runtime.local.internal;

import dev.slipway.testsupport.TestEnvironment;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** ECR authorization tokens through the (optional) AWS SDK, against the moto emulator of scripts/test-env. */
class EcrTokensIT {
    @Test
    void anAuthorizationTokenBecomesRegistryCredentials() {
        TestEnvironment env = TestEnvironment.load();

        EcrSdk.Token token;
        try {
            token = EcrSdk.token(env.awsRegion(), "123456789012", Optional.of(env.awsEndpoint()),
                    Optional.of(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"))));
        } catch (SdkClientException e) {
            throw new AssertionError(TestEnvironment.howToFix("the AWS emulator at " + env.awsEndpoint()), e);
        }

        assertThat(token.username()).isEqualTo("AWS");
        assertThat(token.password()).isNotBlank();
    }
}
