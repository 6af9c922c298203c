package dev.slipway.runtime.aws;

import dev.slipway.core.BuildAction;
import dev.slipway.core.BuildResult;
import dev.slipway.core.InvalidPipelineException;
import dev.slipway.core.Pipeline;
import dev.slipway.core.PipelineResult;
import dev.slipway.core.PipelineRun;
import dev.slipway.core.PipelineRuntime;
import dev.slipway.core.Problem;
import dev.slipway.core.RunListener;
import dev.slipway.core.RunOptions;
import dev.slipway.core.SlipwayException;
import dev.slipway.core.Stage;
import dev.slipway.core.spi.ActiveRuns;
import dev.slipway.core.spi.RunHandle;
import dev.slipway.core.spi.Sleeper;
import dev.slipway.core.spi.StopSignal;
import dev.slipway.runtime.aws.internal.AwsCalls;
import dev.slipway.runtime.aws.internal.AwsClients;
import dev.slipway.runtime.aws.internal.AwsRules;
import dev.slipway.runtime.aws.internal.AwsScope;
import dev.slipway.runtime.aws.internal.BuildRunner;
import dev.slipway.runtime.aws.internal.CloudFormationTemplate;
import dev.slipway.runtime.aws.internal.Deployment;
import dev.slipway.runtime.aws.internal.ExecutionFollower;
import dev.slipway.runtime.aws.internal.ResourceModel;
import dev.slipway.runtime.aws.internal.Resources;
import dev.slipway.runtime.aws.internal.RunContext;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.codebuild.CodeBuildClient;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sts.StsClient;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

/**
 * Deploys pipelines to AWS CodePipeline and CodeBuild, runs them there, and returns the same typed results as
 * LocalRuntime.
 *
 * <pre>{@code
 * try (AwsRuntime aws = AwsRuntime.create()) {                 // the SDK's default region and credentials
 *     System.out.println(aws.plan(pipeline));                  // what deploy would create or change
 *     PipelineResult result = aws.deployAndRun(pipeline, ConsoleReporter.create());
 *     result.build("Build").phase(PhaseType.BUILD).status();
 *     BuildResult build = aws.runBuild(pipeline, "Build");     // one build alone, on CodeBuild
 *     String template = aws.toCloudFormation(pipeline);        // for aws cloudformation deploy
 * }
 * }</pre>
 *
 * <p>{@link #deploy} makes an S3 artifact bucket (versioned, public access blocked, encrypted), a CodeBuild and a
 * CodePipeline service role with least-privilege inline policies, an ECR repository with CodeBuild's pull policy
 * for a build image kept in ECR, a CodeBuild project per build (and per publish) action and a V2 CodePipeline.
 * It is idempotent: an unchanged pipeline costs read calls only. A pipeline must have CodePipeline's shape (a
 * first stage of source actions, then at least one more stage); a pipeline that is only a build runs with
 * {@link #runBuild}. Throttling, 5xx answers and connection faults are retried with exponential backoff and
 * jitter (the SDK's own retries are off); anything else fails at once with an {@link AwsRuntimeException}.
 */
public final class AwsRuntime implements PipelineRuntime {

    private static final Duration CLOSE_GRACE = Duration.ofSeconds(30);

    private final AwsClients clients;
    private final AwsCalls calls;
    private final Deployment deployment;
    private final Optional<String> artifactBucket;
    private final Clock clock;
    private final Sleeper sleeper;
    private final RandomGenerator random;
    private final ActiveRuns runs = new ActiveRuns();
    private final Map<StopSignal, CountDownLatch> builds = new ConcurrentHashMap<>();
    /** stop() returns at once: the calls that stop AWS's work are made here; close() waits for them. */
    private final ExecutorService stopper = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "slipway-aws-stop");
        thread.setDaemon(true);
        return thread;
    });
    private volatile AwsScope scope;

    private AwsRuntime(Builder b) {
        this.clients = new AwsClients(b.region, b.credentials, b.endpoint, b.callTimeout,
                new AwsClients.Given(b.s3, b.iam, b.ecr, b.codeBuild, b.codePipeline, b.logs, b.sts));
        this.clock = b.clock;
        this.sleeper = b.sleeper;
        this.random = b.random;
        this.artifactBucket = b.artifactBucket;
        this.calls = new AwsCalls(b.maxAttempts, Duration.ofMillis(500), Duration.ofSeconds(20), sleeper, clock,
                b.endpoint.map(URI::toString).orElse("AWS"));
        this.deployment = new Deployment(clients, calls);
    }

    /** A runtime with the SDK's default region and credentials chains. */
    public static AwsRuntime create() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** What {@link #deploy} would create, update or leave alone; makes read calls only. */
    public Plan plan(Pipeline pipeline) {
        return deployment.plan(model(checked(pipeline)));
    }

    /** Creates or updates what the pipeline needs; a second deploy of an unchanged pipeline changes nothing. */
    public Plan deploy(Pipeline pipeline) {
        return deployment.deploy(model(checked(pipeline)));
    }

    /** Deploys the pipeline, then runs it to the end. */
    public PipelineResult deployAndRun(Pipeline pipeline, RunListener... listeners) {
        deploy(pipeline);
        return run(pipeline, listeners);
    }

    /**
     * Starts an execution of the deployed pipeline (StartPipelineExecution) and follows it on a thread of its
     * own. The run's ID is the CodePipeline execution ID.
     */
    @Override
    public PipelineRun start(Pipeline pipeline, RunOptions options) {
        Objects.requireNonNull(options, "options");
        checked(pipeline);
        if (!options.environmentOverrides().isEmpty()) {
            throw new SlipwayException("a CodePipeline execution takes no per-run build variables (got "
                    + options.environmentOverrides().keySet() + "): set them on the build (.env(...)), or run the build alone "
                    + "with runBuild(pipeline, action, BuildOptions.builder().env(...).build())");
        }
        Instant start = clock.instant();
        String executionId = calls.call("codepipeline:StartPipelineExecution", () -> clients.codePipeline().startPipelineExecution(b -> b
                .name(pipeline.name()).clientRequestToken(UUID.randomUUID().toString()))).pipelineExecutionId();
        return runs.start(executionId, pipeline, stop -> {
            RunContext ctx = new RunContext(executionId, options.listener(), !options.listeners().isEmpty(), clock, sleeper, random, stop,
                    stopper);
            ExecutionFollower follower = new ExecutionFollower(clients, calls, pipeline, ctx, executionId, start);
            AutoCloseable onStop = stop.onStop(() -> stopper.execute(follower::stopOnAws));
            try {
                return follower.follow();
            } finally {
                closeQuietly(onStop);
            }
        });
    }

    /** Runs one build action alone on CodeBuild; see {@link #runBuild(Pipeline, String, BuildOptions)}. */
    public BuildResult runBuild(Pipeline pipeline, String action) {
        return runBuild(pipeline, action, BuildOptions.defaults());
    }

    /**
     * Runs one build action alone on CodeBuild and returns its result: deploys what the build needs first (its
     * project, the CodeBuild role, its image's ECR repository — idempotent, as {@link #deploy}), then starts the
     * project with the source of the action's primary input, the given source version and variable overrides,
     * and follows it. A pipeline that is only a build is fine here (a NO_SOURCE project). A build with
     * {@code retry(n)} runs again after a failure, as CodeBuild's auto-retry does.
     *
     * @param action the build action's name, or the name of a stage that holds one build action
     */
    public BuildResult runBuild(Pipeline pipeline, String action, BuildOptions options) {
        Objects.requireNonNull(pipeline, "pipeline");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(options, "options");
        Stage stage = BuildRunner.stageOf(pipeline, action);
        BuildAction build = BuildRunner.buildAction(stage, action);
        List<Problem> problems = new ArrayList<>(pipeline.problems());
        problems.addAll(AwsRules.forBuild(pipeline, stage, build));
        problems.addAll(AwsRules.forOverrides(options.environmentOverrides()));
        if (!problems.isEmpty()) {
            throw new InvalidPipelineException(pipeline.name(), problems);
        }
        StopSignal stop = new StopSignal();
        CountDownLatch done = new CountDownLatch(1);
        builds.put(stop, done);
        try {
            return new BuildRunner(clients, calls, deployment, clock, sleeper, random, stopper)
                    .run(pipeline, stage, build, model(pipeline), options, stop);
        } finally {
            builds.remove(stop);
            done.countDown();
        }
    }

    /** The CloudFormation template (YAML) of the same resources {@link #deploy} makes; needs no AWS call. */
    public String toCloudFormation(Pipeline pipeline) {
        checked(pipeline);
        return CloudFormationTemplate.render(Resources.of(pipeline, AwsScope.cloudFormation(), artifactBucket));
    }

    /** Stops every execution and build this runtime follows (StopPipelineExecution, StopBuild). */
    @Override
    public void stop() {
        runs.stopAll();
        builds.keySet().forEach(StopSignal::stop);
    }

    /**
     * Stops what runs, waits (at most half a minute) until AWS has been told and the runs have seen their end, then
     * closes the SDK clients this runtime made (not the ones it was given).
     */
    @Override
    public void close() {
        stop();
        long deadline = System.nanoTime() + CLOSE_GRACE.toNanos();
        try {
            stopper.shutdown();
            stopper.awaitTermination(CLOSE_GRACE.toNanos(), TimeUnit.NANOSECONDS);
            for (RunHandle run : runs.snapshot()) {
                try {
                    run.await(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
                } catch (RuntimeException ended) {
                    // the run's failure is its caller's to see
                }
            }
            for (CountDownLatch build : List.copyOf(builds.values())) {
                build.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            clients.close();
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            org.slf4j.LoggerFactory.getLogger(AwsRuntime.class).debug("unregistering a stop callback failed", e);
        }
    }

    private Pipeline checked(Pipeline pipeline) {
        Objects.requireNonNull(pipeline, "pipeline");
        List<Problem> problems = new ArrayList<>(pipeline.problems());
        problems.addAll(AwsRules.forPipeline(pipeline));
        if (!problems.isEmpty()) {
            throw new InvalidPipelineException(pipeline.name(), problems);
        }
        return pipeline;
    }

    private ResourceModel model(Pipeline pipeline) {
        return Resources.of(pipeline, scope(), artifactBucket);
    }

    /** The account (STS GetCallerIdentity, once) and region resources are made in. */
    private AwsScope scope() {
        if (scope == null) {
            String account = calls.call("sts:GetCallerIdentity", () -> clients.sts().getCallerIdentity()).account();
            scope = AwsScope.of(clients.region(), account);
        }
        return scope;
    }

    /**
     * Configures an {@link AwsRuntime}. Every option has a default: the SDK's region and credentials chains,
     * AWS's own endpoints, a derived bucket name, the system clock.
     */
    public static final class Builder {
        private Optional<String> region = Optional.empty();
        private AwsClients.CredentialsSource credentials = AwsClients.CredentialsSource.DEFAULT;
        private Optional<URI> endpoint = Optional.empty();
        private Optional<String> artifactBucket = Optional.empty();
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = Sleeper.REAL;
        private RandomGenerator random = new java.util.Random();
        private Duration callTimeout = Duration.ofSeconds(30);
        private int maxAttempts = 8;
        private Optional<S3Client> s3 = Optional.empty();
        private Optional<IamClient> iam = Optional.empty();
        private Optional<EcrClient> ecr = Optional.empty();
        private Optional<CodeBuildClient> codeBuild = Optional.empty();
        private Optional<CodePipelineClient> codePipeline = Optional.empty();
        private Optional<CloudWatchLogsClient> logs = Optional.empty();
        private Optional<StsClient> sts = Optional.empty();

        private Builder() {
        }

        /** The region ({@code eu-west-1}); default: the SDK's chain (AWS_REGION, the profile's region…). */
        public Builder region(String region) {
            this.region = Optional.of(Objects.requireNonNull(region, "region"));
            return this;
        }

        /** Fixed keys, instead of the SDK's default credentials chain. */
        public Builder credentials(String accessKeyId, String secretAccessKey) {
            return credentials(accessKeyId, secretAccessKey, null);
        }

        /** Fixed temporary keys (an STS session). */
        public Builder credentials(String accessKeyId, String secretAccessKey, String sessionToken) {
            this.credentials = new AwsClients.CredentialsSource(Optional.empty(), Optional.of(Objects.requireNonNull(accessKeyId, "accessKeyId")),
                    Optional.of(Objects.requireNonNull(secretAccessKey, "secretAccessKey")), Optional.ofNullable(sessionToken));
            return this;
        }

        /** A named profile of {@code ~/.aws/config} and {@code ~/.aws/credentials}. */
        public Builder profile(String profileName) {
            this.credentials = new AwsClients.CredentialsSource(Optional.of(Objects.requireNonNull(profileName, "profileName")),
                    Optional.empty(), Optional.empty(), Optional.empty());
            return this;
        }

        /** One endpoint for every AWS client: an emulator (moto, LocalStack) or a proxy. */
        public Builder endpointOverride(URI endpoint) {
            this.endpoint = Optional.of(Objects.requireNonNull(endpoint, "endpoint"));
            return this;
        }

        /** The artifact bucket's name, when the derived {@code slipway-<pipeline>-<account>-<region>} does not suit. */
        public Builder artifactBucket(String bucketName) {
            this.artifactBucket = Optional.of(Objects.requireNonNull(bucketName, "bucketName"));
            return this;
        }

        /** The clock results and events are stamped with. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * What waits between polls and between retries (default: real waits that a stop cuts short); a test passes
         * one that advances a fake clock.
         */
        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        /** How long one attempt of a call may take before it counts as failed and is retried (default 30 s). */
        public Builder callTimeout(Duration timeout) {
            this.callTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** How often a call is made at most when AWS throttles it or fails with 5xx (default 8). */
        public Builder maxAttempts(int attempts) {
            if (attempts < 1) {
                throw new IllegalArgumentException("attempts must be at least 1, got " + attempts);
            }
            this.maxAttempts = attempts;
            return this;
        }

        /**
         * Clients built by the caller, for settings this builder does not offer. They are used as they are: turn
         * their retries off ({@code AwsRetryStrategy.doNotRetry()}), as Slipway retries, and close them yourself.
         */
        public Builder s3Client(S3Client client) {
            this.s3 = Optional.of(client);
            return this;
        }

        public Builder iamClient(IamClient client) {
            this.iam = Optional.of(client);
            return this;
        }

        public Builder ecrClient(EcrClient client) {
            this.ecr = Optional.of(client);
            return this;
        }

        public Builder codeBuildClient(CodeBuildClient client) {
            this.codeBuild = Optional.of(client);
            return this;
        }

        public Builder codePipelineClient(CodePipelineClient client) {
            this.codePipeline = Optional.of(client);
            return this;
        }

        public Builder logsClient(CloudWatchLogsClient client) {
            this.logs = Optional.of(client);
            return this;
        }

        public Builder stsClient(StsClient client) {
            this.sts = Optional.of(client);
            return this;
        }

        public AwsRuntime build() {
            return new AwsRuntime(this);
        }
    }
}
