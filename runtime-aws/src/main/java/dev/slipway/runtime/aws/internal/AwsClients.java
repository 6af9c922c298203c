package dev.slipway.runtime.aws.internal;

import dev.slipway.core.SlipwayException;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.codebuild.CodeBuildClient;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sts.StsClient;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The SDK clients, made on first use: one region, one credentials provider, one HTTP client, one endpoint
 * override for every client, per-attempt timeouts, and the SDK's own retries switched off (AwsCalls retries).
 * Clients the user built are used as they are and left open.
 */
public final class AwsClients implements AutoCloseable {

    /** How to find credentials: the SDK's default chain, a named profile, or given keys. */
    public record CredentialsSource(Optional<String> profile, Optional<String> accessKeyId, Optional<String> secretAccessKey,
                                    Optional<String> sessionToken) {
        public static final CredentialsSource DEFAULT = new CredentialsSource(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

        AwsCredentialsProvider provider() {
            if (accessKeyId.isPresent()) {
                return StaticCredentialsProvider.create(sessionToken.isPresent()
                        ? AwsSessionCredentials.create(accessKeyId.get(), secretAccessKey.orElse(""), sessionToken.get())
                        : AwsBasicCredentials.create(accessKeyId.get(), secretAccessKey.orElse("")));
            }
            if (profile.isPresent()) {
                return ProfileCredentialsProvider.create(profile.get());
            }
            return DefaultCredentialsProvider.builder().build();
        }
    }

    /** Clients a user made; absent ones are made here. */
    public record Given(Optional<S3Client> s3, Optional<IamClient> iam, Optional<EcrClient> ecr, Optional<CodeBuildClient> codeBuild,
                        Optional<CodePipelineClient> codePipeline, Optional<CloudWatchLogsClient> logs, Optional<StsClient> sts) {
    }

    private final Optional<String> regionName;
    private final CredentialsSource credentials;
    private final Optional<URI> endpoint;
    private final Duration callTimeout;
    private final Given given;
    private final List<AutoCloseable> owned = new ArrayList<>();
    private volatile Region region;
    private volatile AwsCredentialsProvider provider;
    private volatile SdkHttpClient http;
    private volatile S3Client s3;
    private volatile IamClient iam;
    private volatile EcrClient ecr;
    private volatile CodeBuildClient codeBuild;
    private volatile CodePipelineClient codePipeline;
    private volatile CloudWatchLogsClient logs;
    private volatile StsClient sts;

    public AwsClients(Optional<String> region, CredentialsSource credentials, Optional<URI> endpoint, Duration callTimeout, Given given) {
        this.regionName = region;
        this.credentials = credentials;
        this.endpoint = endpoint;
        this.callTimeout = callTimeout;
        this.given = given;
    }

    /** The region: the one given, else the SDK's default chain (AWS_REGION, the profile…). */
    public synchronized String region() {
        if (region == null) {
            if (regionName.isPresent()) {
                region = Region.of(regionName.get());
            } else {
                try {
                    region = new DefaultAwsRegionProviderChain().getRegion();
                } catch (SdkClientException e) {
                    throw new SlipwayException("no AWS region is configured: set AWS_REGION, give the profile a region, "
                            + "or use AwsRuntime.builder().region(\"eu-west-1\")", e);
                }
            }
        }
        return region.id();
    }

    /** Where calls go, for messages: the endpoint override or the region's endpoints. */
    public String endpointDescription() {
        return endpoint.map(URI::toString).orElseGet(() -> regionName.orElse("the region's") + " AWS endpoints");
    }

    public synchronized S3Client s3() {
        if (s3 == null) {
            s3 = make(given.s3(), () -> configure(S3Client.builder()).forcePathStyle(endpoint.isPresent()).build());
        }
        return s3;
    }

    public synchronized IamClient iam() {
        if (iam == null) {
            iam = make(given.iam(), () -> configure(IamClient.builder()).region(globalRegion()).build());
        }
        return iam;
    }

    public synchronized EcrClient ecr() {
        if (ecr == null) {
            ecr = make(given.ecr(), () -> configure(EcrClient.builder()).build());
        }
        return ecr;
    }

    public synchronized CodeBuildClient codeBuild() {
        if (codeBuild == null) {
            codeBuild = make(given.codeBuild(), () -> configure(CodeBuildClient.builder()).build());
        }
        return codeBuild;
    }

    public synchronized CodePipelineClient codePipeline() {
        if (codePipeline == null) {
            codePipeline = make(given.codePipeline(), () -> configure(CodePipelineClient.builder()).build());
        }
        return codePipeline;
    }

    public synchronized CloudWatchLogsClient logs() {
        if (logs == null) {
            logs = make(given.logs(), () -> configure(CloudWatchLogsClient.builder()).build());
        }
        return logs;
    }

    public synchronized StsClient sts() {
        if (sts == null) {
            sts = make(given.sts(), () -> configure(StsClient.builder()).build());
        }
        return sts;
    }

    private synchronized <C extends AutoCloseable> C make(Optional<C> user, Supplier<C> factory) {
        if (user.isPresent()) {
            return user.get();
        }
        C client = factory.get();
        owned.add(client);
        return client;
    }

    private <B extends AwsClientBuilder<B, ?>> B configure(B builder) {
        ClientOverrideConfiguration.Builder override = ClientOverrideConfiguration.builder()
                .retryStrategy(AwsRetryStrategy.doNotRetry())
                .apiCallAttemptTimeout(callTimeout)
                .apiCallTimeout(callTimeout);
        if (endpoint.isPresent()) {
            builder.endpointOverride(endpoint.get());
            override.addExecutionInterceptor(new EmulatorTimestamps());
        }
        builder.region(Region.of(region())).credentialsProvider(provider()).overrideConfiguration(override.build());
        if (builder instanceof software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder<?, ?> sync) {
            sync.httpClient(httpClient());
        }
        return builder;
    }

    private synchronized AwsCredentialsProvider provider() {
        if (provider == null) {
            provider = credentials.provider();
            if (provider instanceof AutoCloseable closeable) {
                owned.add(closeable);
            }
        }
        return provider;
    }

    private synchronized SdkHttpClient httpClient() {
        if (http == null) {
            http = ApacheHttpClient.builder()
                    .connectionTimeout(Duration.ofSeconds(10).compareTo(callTimeout) < 0 ? Duration.ofSeconds(10) : callTimeout)
                    .socketTimeout(callTimeout)
                    .maxConnections(16)
                    .build();
            owned.add(http);
        }
        return http;
    }

    /** IAM is global: its signing region is the partition's global one. */
    private Region globalRegion() {
        String partition = AwsScope.partitionOf(region());
        return switch (partition) {
            case "aws-cn" -> Region.AWS_CN_GLOBAL;
            case "aws-us-gov" -> Region.AWS_US_GOV_GLOBAL;
            default -> endpoint.isPresent() ? Region.of(region()) : Region.AWS_GLOBAL;
        };
    }

    @Override
    public synchronized void close() {
        for (int i = owned.size() - 1; i >= 0; i--) {
            try {
                owned.get(i).close();
            } catch (Exception e) {
                org.slf4j.LoggerFactory.getLogger(AwsClients.class).debug("closing an AWS client failed", e);
            }
        }
        owned.clear();
    }
}
