package dev.slipway.runtime.local;

import dev.slipway.core.BuildAction;
import dev.slipway.core.Pipeline;
import dev.slipway.core.PipelineRun;
import dev.slipway.core.PipelineRuntime;
import dev.slipway.core.PublishAction;
import dev.slipway.core.RunOptions;
import dev.slipway.core.SecretResolver;
import dev.slipway.core.spi.PipelineExecutor;
import dev.slipway.core.spi.ActiveRuns;
import dev.slipway.core.spi.RunHandle;
import dev.slipway.core.spi.Sleeper;
import dev.slipway.runtime.local.internal.BuildNumbers;
import dev.slipway.runtime.local.internal.CacheStore;
import dev.slipway.runtime.local.internal.DockerCalls;
import dev.slipway.runtime.local.internal.DockerClients;
import dev.slipway.runtime.local.internal.Labels;
import dev.slipway.runtime.local.internal.LocalActionRunner;
import dev.slipway.runtime.local.internal.LocalServices;
import dev.slipway.runtime.local.internal.PrivilegedMode;
import dev.slipway.runtime.local.internal.RegistryAuth;
import dev.slipway.runtime.local.internal.ResourceTracker;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Runs pipelines on this machine's Docker Engine the way CodePipeline and CodeBuild would run them: sources
 * cloned with JGit, each build in a container of its image with CodeBuild's phases, variables and failure
 * rules, images pushed to a registry.
 *
 * <pre>{@code
 * try (LocalRuntime runtime = LocalRuntime.create()) {
 *     PipelineResult result = runtime.run(pipeline, ConsoleReporter.create());
 *     result.build("Build").phase(PhaseType.POST_BUILD).status();
 * }
 * }</pre>
 *
 * <p>Every container and volume it creates is labelled {@code dev.slipway.run=<run id>} and removed when its
 * build ends (also after a failure, a timeout or a stop), when the runtime is closed, and when the JVM exits.
 * {@link #prune()} removes what a JVM that crashed left behind.
 *
 * <p>A run's artifacts and build logs stay in {@code <workspace>/<run id>/}; the cache directory keeps git
 * mirrors, build caches ({@code cache.paths}) and each project's build counter between runs.
 */
public final class LocalRuntime implements PipelineRuntime {
    private static final Duration CLOSE_WAIT = Duration.ofMinutes(2);

    private final DockerClients docker;
    private final LocalServices services;
    private final PipelineExecutor executor;
    private final ActiveRuns runs = new ActiveRuns();
    private final Thread shutdownHook;
    private volatile boolean closed;

    private LocalRuntime(Builder b) {
        this.docker = DockerClients.create(b.dockerHost, b.dockerCertPath, b.dockerConfigDirectory);
        ResourceTracker tracker = new ResourceTracker(docker.client());
        this.services = new LocalServices(docker.client(), DockerCalls.withDefaults(), tracker, new PrivilegedMode(),
                new RegistryAuth(b.dockerConfigDirectory, b.secrets), new CacheStore(b.cacheDirectory.resolve("build-cache")),
                new BuildNumbers(b.cacheDirectory.resolve("build-numbers")), b.workspace, b.cacheDirectory, b.region,
                b.accountId, b.secrets, b.gitCredentials, b.clock, Labels.thisJvm());
        this.executor = new PipelineExecutor("local", new LocalActionRunner(services), b.clock, Sleeper.REAL);
        this.shutdownHook = new Thread(this::cleanUpAtExit, "slipway-local-runtime-cleanup");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** A runtime with the defaults: {@code DOCKER_HOST} (or the local socket), the user's cache directory. */
    public static LocalRuntime create() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder(System.getenv());
    }

    /**
     * Starts a run. Throws {@link dev.slipway.core.InvalidPipelineException} for an invalid pipeline and
     * {@link DockerUnavailableException} when the pipeline needs Docker and Docker does not answer; in
     * either case nothing has started.
     */
    @Override
    public PipelineRun start(Pipeline pipeline, RunOptions options) {
        Objects.requireNonNull(pipeline, "pipeline");
        Objects.requireNonNull(options, "options");
        Pipeline valid = pipeline.validated();
        if (closed) {
            throw new IllegalStateException("this LocalRuntime is closed");
        }
        if (valid.actions().anyMatch(a -> a instanceof BuildAction || a instanceof PublishAction)) {
            docker.requireReachable();
        }
        String runId = RunHandle.newRunId();
        return runs.start(runId, valid, stop -> executor.execute(runId, valid, options, stop));
    }

    /** Stops every run in progress: running builds end STOPPED, their containers are killed and removed. */
    @Override
    public void stop() {
        runs.stopAll();
    }

    /** Stops runs in progress, waits for their clean-up and removes anything left; the runtime cannot start runs after. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        stop();
        for (RunHandle run : runs.snapshot()) {
            try {
                run.await(CLOSE_WAIT);
            } catch (RuntimeException e) {
                // the run failed; its resources are removed below
            }
        }
        services.tracker().close();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook runs anyway
        }
        docker.close();
    }

    /**
     * Removes containers, volumes and networks labelled {@code dev.slipway} that a JVM which is no longer
     * running left behind (a crash, a kill -9). Resources of live Slipway JVMs on this machine are kept; those
     * created from other machines count as left behind. Returns how many were removed.
     */
    public int prune() {
        docker.requireReachable();
        return services.tracker().prune();
    }

    /** Where runs keep their artifacts and logs: {@code <workspace>/<run id>/}. */
    public Path workspace() {
        return services.workspace();
    }

    public Path cacheDirectory() {
        return services.cacheDirectory();
    }

    public String dockerHost() {
        return docker.host();
    }

    private void cleanUpAtExit() {
        runs.stopAll();
        services.tracker().removeAll();
    }

    @Override
    public String toString() {
        return "LocalRuntime[" + docker.host() + ", workspace=" + services.workspace() + "]";
    }

    /**
     * Configures a {@link LocalRuntime}; each option says when to change its default.
     *
     * <pre>{@code
     * LocalRuntime runtime = LocalRuntime.builder()
     *     .dockerHost("unix:///var/run/docker.sock")
     *     .workspace(Path.of("build/slipway"))
     *     .secrets(SecretResolver.fromMap(Map.of("/app/db/password", "s3cr3t")))
     *     .build();
     * }</pre>
     */
    public static final class Builder {
        private String dockerHost;
        private Optional<Path> dockerCertPath;
        private Path dockerConfigDirectory;
        private Path cacheDirectory;
        private Path workspace;
        private String region;
        private String accountId = "000000000000";
        private SecretResolver secrets = SecretResolver.valuesOnly();
        private GitCredentialsProvider gitCredentials;
        private Clock clock = Clock.systemUTC();

        private Builder(Map<String, String> env) {
            String home = System.getProperty("user.home");
            dockerHost = nonBlank(env.get("DOCKER_HOST")).orElse("unix:///var/run/docker.sock");
            dockerCertPath = "1".equals(env.get("DOCKER_TLS_VERIFY"))
                    ? Optional.of(Path.of(nonBlank(env.get("DOCKER_CERT_PATH")).orElse(home + "/.docker")))
                    : Optional.empty();
            dockerConfigDirectory = Path.of(nonBlank(env.get("DOCKER_CONFIG")).orElse(home + "/.docker"));
            cacheDirectory = Path.of(nonBlank(env.get("XDG_CACHE_HOME")).orElse(home + "/.cache")).resolve("slipway");
            workspace = Path.of(System.getProperty("java.io.tmpdir"), "slipway", "runs");
            region = nonBlank(env.get("AWS_REGION")).or(() -> nonBlank(env.get("AWS_DEFAULT_REGION"))).orElse("us-east-1");
            gitCredentials = GitCredentialsProvider.fromEnvironment(env);
        }

        /**
         * The Docker Engine: {@code unix:///path/docker.sock} or {@code tcp://host:port}. Default:
         * {@code DOCKER_HOST}, else {@code unix:///var/run/docker.sock}. TLS is used when
         * {@code DOCKER_TLS_VERIFY=1} (certificates from {@code DOCKER_CERT_PATH}).
         */
        public Builder dockerHost(String host) {
            this.dockerHost = Objects.requireNonNull(host, "host");
            return this;
        }

        /** Where {@code config.json} with registry credentials is; default {@code DOCKER_CONFIG}, else {@code ~/.docker}. */
        public Builder dockerConfigDirectory(Path directory) {
            this.dockerConfigDirectory = Objects.requireNonNull(directory, "directory");
            return this;
        }

        /**
         * Git mirrors, build caches and build counters. Default {@code $XDG_CACHE_HOME/slipway}, else
         * {@code ~/.cache/slipway}; change it to isolate projects or tests, or to put it on a larger disk.
         */
        public Builder cacheDirectory(Path directory) {
            this.cacheDirectory = Objects.requireNonNull(directory, "directory");
            return this;
        }

        /**
         * Where runs write artifacts and build logs ({@code <workspace>/<run id>/}). Default
         * {@code <java.io.tmpdir>/slipway/runs}; set it to keep outputs, e.g. under {@code build/}.
         */
        public Builder workspace(Path directory) {
            this.workspace = Objects.requireNonNull(directory, "directory");
            return this;
        }

        /** {@code AWS_REGION} inside builds and ECR's region. Default {@code AWS_REGION}, else {@code us-east-1}. */
        public Builder region(String region) {
            this.region = Objects.requireNonNull(region, "region");
            return this;
        }

        /** The account in {@code CODEBUILD_BUILD_ARN} and of ECR registries. Default {@code 000000000000}. */
        public Builder accountId(String accountId) {
            this.accountId = Objects.requireNonNull(accountId, "accountId");
            return this;
        }

        /**
         * Resolves Parameter Store and Secrets Manager variables (and git passwords) locally. Default: values
         * marked {@code secret(...)} only; give one that knows the references your builds use.
         */
        public Builder secrets(SecretResolver resolver) {
            this.secrets = Objects.requireNonNull(resolver, "resolver");
            return this;
        }

        /** Credentials for private repositories. Default {@link GitCredentialsProvider#fromEnvironment()}. */
        public Builder gitCredentials(GitCredentialsProvider provider) {
            this.gitCredentials = Objects.requireNonNull(provider, "provider");
            return this;
        }

        /** Timestamps of results and events. Default the system clock (UTC). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public LocalRuntime build() {
            return new LocalRuntime(this);
        }

        private static Optional<String> nonBlank(String value) {
            return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
        }
    }
}
