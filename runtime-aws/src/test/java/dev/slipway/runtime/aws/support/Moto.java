package dev.slipway.runtime.aws.support;

import dev.slipway.core.spi.Sleeper;
import dev.slipway.runtime.aws.AwsRuntime;
import dev.slipway.runtime.aws.internal.EmulatorTimestamps;
import dev.slipway.testsupport.TestEnvironment;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.codebuild.CodeBuildClient;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sts.StsClient;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;

/**
 * The moto emulator scripts/test-env started: its endpoint (checked to answer, or the test fails saying to run
 * scripts/test-env), an AwsRuntime pointed at it, and plain SDK clients for looking at what was deployed.
 */
public final class Moto {
    private static final TestEnvironment ENV = TestEnvironment.load();

    private Moto() {
    }

    public static URI endpoint() {
        URI endpoint = ENV.awsEndpoint();
        try {
            HttpURLConnection c = (HttpURLConnection) endpoint.resolve("/moto-api/").toURL().openConnection();
            c.setConnectTimeout(2000);
            if (c.getResponseCode() != 200) {
                throw new IllegalStateException(TestEnvironment.howToFix("moto at " + endpoint));
            }
        } catch (IOException e) {
            throw new IllegalStateException(TestEnvironment.howToFix("moto at " + endpoint), e);
        }
        return endpoint;
    }

    public static String region() {
        return ENV.awsRegion();
    }

    /** An AwsRuntime on moto. Moto finishes builds at once, so polls need not wait. */
    public static AwsRuntime.Builder runtime() {
        return AwsRuntime.builder().region(region()).credentials("testing", "testing").endpointOverride(endpoint())
                .sleeper(Sleeper.NONE);
    }

    /** The runtime with clients of its own that report every call to {@code interceptor}. */
    public static AwsRuntime.Builder runtime(ExecutionInterceptor interceptor) {
        return runtime()
                .s3Client(client(S3Client.builder().forcePathStyle(true), interceptor))
                .iamClient(client(IamClient.builder(), interceptor))
                .ecrClient(client(EcrClient.builder(), interceptor))
                .codeBuildClient(client(CodeBuildClient.builder(), interceptor))
                .codePipelineClient(client(CodePipelineClient.builder(), interceptor))
                .logsClient(client(CloudWatchLogsClient.builder(), interceptor))
                .stsClient(client(StsClient.builder(), interceptor));
    }

    /** A plain SDK client on moto: retries off, as AwsRuntime wants the clients it is given. */
    public static <B extends AwsClientBuilder<B, C>, C> C client(B builder, ExecutionInterceptor... interceptors) {
        builder.region(Region.of(region()))
                .endpointOverride(endpoint())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
                .overrideConfiguration(c -> {
                    c.retryStrategy(AwsRetryStrategy.doNotRetry());
                    c.addExecutionInterceptor(new EmulatorTimestamps());   // moto writes ISO-8601 timestamps
                    for (ExecutionInterceptor i : interceptors) {
                        c.addExecutionInterceptor(i);
                    }
                });
        if (builder instanceof software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder<?, ?> sync) {
            sync.httpClient(ApacheHttpClient.create());
        }
        return builder.build();
    }
}
