package dev.slipway.runtime.local;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectVolumeResponse;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Network;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import dev.slipway.testsupport.TestEnvironment;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The real Docker Engine, registry and images of {@code scripts/test-env}, as the integration tests use them:
 * a plain docker-java client to look at what LocalRuntime left behind, runtimes on temporary directories,
 * and the check that nothing labelled by Slipway outlives a test class.
 */
final class DockerTestSupport {
    static final TestEnvironment ENV = TestEnvironment.load();
    private static DockerClient client;

    private DockerTestSupport() {
    }

    /** A docker-java client for assertions; fails naming scripts/test-env when Docker does not answer. */
    static synchronized DockerClient docker() {
        if (client == null) {
            String host = ENV.dockerHost();
            DefaultDockerClientConfig config = new DefaultDockerClientConfig.Builder().withDockerHost(host).build();
            client = DockerClientImpl.getInstance(config, new ApacheDockerHttpClient.Builder()
                    .dockerHost(config.getDockerHost()).connectionTimeout(Duration.ofSeconds(3))
                    .responseTimeout(Duration.ofSeconds(60)).build());
            try {
                client.pingCmd().exec();
            } catch (RuntimeException e) {
                client = null;
                fail(TestEnvironment.howToFix("the Docker Engine at " + host) + " (" + e.getMessage() + ")");
            }
        }
        return client;
    }

    /** Fails (never skips) unless Docker answers and the test images exist. */
    static void requireDockerAndImages() {
        for (String image : List.of(ENV.busyboxImage(), ENV.debianImage())) {
            try {
                docker().inspectImageCmd(image).exec();
            } catch (RuntimeException e) {
                fail("image " + image + " is missing: " + TestEnvironment.howToFix("the test image " + image));
            }
        }
    }

    static LocalRuntime.Builder runtimeBuilder(Path directory) {
        docker();
        return LocalRuntime.builder()
                .dockerHost(ENV.dockerHost())
                .cacheDirectory(directory.resolve("cache"))
                .workspace(directory.resolve("runs"))
                .dockerConfigDirectory(directory.resolve("docker-config"));
    }

    static LocalRuntime runtime(Path directory) {
        return runtimeBuilder(directory).build();
    }

    static List<Container> containers(String label, String value) {
        return docker().listContainersCmd().withShowAll(true).withLabelFilter(Map.of(label, value)).exec();
    }

    static List<Container> containersOfRun(String runId) {
        return containers("dev.slipway.run", runId);
    }

    /** Waits (polling, with a deadline) until nothing labelled {@code dev.slipway} is left, else fails listing it. */
    static void assertNothingLeft() {
        awaitCondition(Duration.ofSeconds(30), () -> leftovers().isEmpty());
        assertThat(leftovers()).as("containers, volumes and networks labelled dev.slipway left behind").isEmpty();
    }

    static List<String> leftovers() {
        List<String> left = new java.util.ArrayList<>();
        for (Container c : docker().listContainersCmd().withShowAll(true).withLabelFilter(List.of("dev.slipway")).exec()) {
            left.add("container " + c.getId().substring(0, 12) + " " + c.getLabels());
        }
        List<InspectVolumeResponse> volumes = docker().listVolumesCmd().withFilter("label", List.of("dev.slipway")).exec().getVolumes();
        for (InspectVolumeResponse v : volumes == null ? List.<InspectVolumeResponse>of() : volumes) {
            left.add("volume " + v.getName());
        }
        for (Network n : docker().listNetworksCmd().withFilter("label", List.of("dev.slipway")).exec()) {
            left.add("network " + n.getName());
        }
        return left;
    }

    /** Polls {@code condition} every 50 ms until it holds or {@code timeout} passes; returns whether it held. */
    static boolean awaitCondition(Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(50_000_000);
        }
        return condition.getAsBoolean();
    }
}
