package dev.slipway.runtime.local;

import com.github.dockerjava.api.model.Container;
import dev.slipway.core.BuildAttempt;
import dev.slipway.core.BuildResult;
import dev.slipway.core.Failure;
import dev.slipway.core.PhaseType;
import dev.slipway.core.Pipeline;
import dev.slipway.core.PipelineResult;
import dev.slipway.core.PipelineRun;
import dev.slipway.core.RetryPolicy;
import dev.slipway.core.RunEvent;
import dev.slipway.core.RunOptions;
import dev.slipway.core.Status;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.slipway.dsl.Slipway.codeBuild;
import static dev.slipway.dsl.Slipway.pipeline;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Timeouts, stops, parallel actions, retries, faults and clean-up of build containers. */
class LifecycleIT {
    @TempDir
    static Path tmp;
    static LocalRuntime runtime;
    static String busybox;

    @BeforeAll
    static void start() {
        DockerTestSupport.requireDockerAndImages();
        busybox = DockerTestSupport.ENV.busyboxImage();
        runtime = DockerTestSupport.runtime(tmp);
    }

    @AfterAll
    static void stop() {
        runtime.close();
        DockerTestSupport.assertNothingLeft();
    }

    @Test
    void aBuildThatRunsPastItsTimeoutEndsTimedOutAndItsContainerIsRemoved() {
        Pipeline p = pipeline("timeout").stage("Build", codeBuild("timeout").image(busybox)
                .timeout(Duration.ofSeconds(2)).build("echo started", "sleep 60").postBuild("echo never")).build();
        Instant start = Instant.now();

        PipelineResult result = runtime.run(p);

        BuildResult build = result.build("Build");
        assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(20));
        assertThat(build.status()).isEqualTo(Status.TIMED_OUT);
        assertThat(build.phase(PhaseType.BUILD).status()).isEqualTo(Status.TIMED_OUT);
        assertThat(build.ran(PhaseType.POST_BUILD)).isFalse();
        assertThat(build.phase(PhaseType.FINALIZING).status()).isEqualTo(Status.SUCCEEDED);
        assertContainersGone(result.runId());
    }

    @Test
    void stopEndsARunningBuildStoppedAndRemovesItsContainer() {
        EventRecorder events = new EventRecorder();
        Pipeline p = pipeline("stop").stage("Build", codeBuild("stop").image(busybox)
                .build("echo started", "sleep 60")).stage("Later", codeBuild("later").image(busybox).build("true")).build();
        PipelineRun run = runtime.start(p, RunOptions.of(events));
        events.awaitLine("started", Duration.ofSeconds(30));
        assertThat(DockerTestSupport.containersOfRun(run.runId())).hasSize(1);

        run.stop();
        PipelineResult result = run.await(Duration.ofSeconds(20)).orElseThrow();

        assertThat(result.status()).isEqualTo(Status.STOPPED);
        assertThat(result.build("Build").phase(PhaseType.BUILD).status()).isEqualTo(Status.STOPPED);
        assertThat(result.findStage("Later")).isEmpty();
        assertContainersGone(run.runId());
    }

    @Test
    void closingTheRuntimeStopsItsRunsAndRemovesTheirContainers() {
        EventRecorder events = new EventRecorder();
        LocalRuntime other = DockerTestSupport.runtime(tmp);
        PipelineRun run = other.start(pipeline("close").stage("Build", codeBuild("close").image(busybox)
                .build("echo started", "sleep 60")).build(), RunOptions.of(events));
        events.awaitLine("started", Duration.ofSeconds(30));

        other.close();

        assertThat(run.isDone()).isTrue();
        assertThat(run.await().status()).isEqualTo(Status.STOPPED);
        assertThat(DockerTestSupport.containersOfRun(run.runId())).isEmpty();
        assertThatThrownBy(() -> other.start(pipeline("closed").stage("B", codeBuild("closed").image(busybox).build("true")).build()))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void actionsWithTheSameRunOrderRunInParallel() {
        EventRecorder events = new EventRecorder();
        Pipeline p = pipeline("parallel").stage("Test",
                codeBuild("left").image(busybox).build("echo left-up", "sleep 2"),
                codeBuild("right").image(busybox).build("echo right-up", "sleep 2")).build();

        PipelineResult result = runtime.run(p, events);

        assertThat(result.status()).isEqualTo(Status.SUCCEEDED);
        BuildResult left = result.build("left");
        BuildResult right = result.build("right");
        Instant leftEnd = left.start().plus(left.duration());
        Instant rightEnd = right.start().plus(right.duration());
        assertThat(right.start()).isBefore(leftEnd);
        assertThat(left.start()).isBefore(rightEnd);
        assertThat(result.stage("Test").duration()).isLessThan(left.duration().plus(right.duration()));
    }

    @Test
    void aBuildWithRetriesRunsAgainAfterAFailureAndListsEveryAttempt() {
        EventRecorder events = new EventRecorder();
        Pipeline p = pipeline("retry").stage("Build", codeBuild("flaky").image(busybox)
                .retry(RetryPolicy.exponential(3, Duration.ofMillis(50)))
                .build("echo attempt $CODEBUILD_BUILD_NUMBER", "[ \"$CODEBUILD_BUILD_NUMBER\" -ge 2 ]")).build();

        BuildResult build = runtime.run(p, events).build("Build");

        assertThat(build.status()).isEqualTo(Status.SUCCEEDED);
        assertThat(build.attempts()).extracting(BuildAttempt::status).containsExactly(Status.FAILED, Status.SUCCEEDED);
        assertThat(build.attempts()).extracting(BuildAttempt::buildNumber).containsExactly(1L, 2L);
        assertThat(build.attempts().get(0).buildId()).isNotEqualTo(build.attempts().get(1).buildId());
        assertThat(events.events(RunEvent.Retrying.class)).singleElement()
                .satisfies(r -> assertThat(r.what()).isEqualTo("build"));
        assertThat(events.lines()).contains("attempt 1", "attempt 2");
    }

    @Test
    void anImageThatIsNeitherLocalNorPullableIsAFaultInProvisioningNamingIt() {
        BuildResult build = runtime.run(pipeline("noimage").stage("Build", codeBuild("noimage")
                .image("127.0.0.1:1/slipway/does-not-exist:1").build("true")).build()).build("Build");

        assertThat(build.status()).isEqualTo(Status.FAULT);
        assertThat(build.phase(PhaseType.PROVISIONING).status()).isEqualTo(Status.FAULT);
        Failure failure = build.phase(PhaseType.PROVISIONING).failure().orElseThrow();
        assertThat(failure.code()).isEqualTo("BUILD_CONTAINER_UNABLE_TO_PULL_IMAGE");
        assertThat(failure.message()).contains("127.0.0.1:1/slipway/does-not-exist:1");
        assertThat(build.ran(PhaseType.BUILD)).isFalse();
    }

    @Test
    void dockerThatDoesNotAnswerIsAClearErrorBeforeAnythingStarts() {
        Pipeline p = pipeline("nodocker").stage("Build", codeBuild("nodocker").image(busybox).build("true")).build();
        for (String host : List.of("unix://" + tmp.resolve("no-such.sock"), "tcp://127.0.0.1:1")) {
            try (LocalRuntime unreachable = DockerTestSupport.runtimeBuilder(tmp).dockerHost(host).build()) {
                Instant start = Instant.now();
                assertThatThrownBy(() -> unreachable.start(p))
                        .isInstanceOf(DockerUnavailableException.class)
                        .hasMessageContaining(host)
                        .hasMessageContaining("Start the Docker Engine");
                assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(10));
            }
        }
    }

    @Test
    void theShutdownHookRemovesContainersOfAJvmThatExitsAndPruneRemovesThoseOfOneThatWasKilled() throws Exception {
        String exited = runChild("exit", false);
        assertContainersGone(exited);

        String killed = runChild("wait", true);
        assertThat(DockerTestSupport.containersOfRun(killed)).as("a killed JVM leaves its container").hasSize(1);
        assertThat(runtime.prune()).isGreaterThanOrEqualTo(1);
        assertThat(DockerTestSupport.containersOfRun(killed)).isEmpty();
    }

    @Test
    void pruneKeepsContainersOfLiveRuntimes() {
        EventRecorder events = new EventRecorder();
        PipelineRun run = runtime.start(pipeline("live").stage("Build", codeBuild("live").image(busybox)
                .build("echo started", "sleep 60")).build(), RunOptions.of(events));
        events.awaitLine("started", Duration.ofSeconds(30));

        try (LocalRuntime other = DockerTestSupport.runtime(tmp)) {
            other.prune();
        }

        assertThat(DockerTestSupport.containersOfRun(run.runId())).hasSize(1);
        run.stop();
        assertThat(run.await().status()).isEqualTo(Status.STOPPED);
    }

    private static String runChild(String mode, boolean kill) throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ShutdownHookMain.class.getName(),
                DockerTestSupport.ENV.dockerHost(), tmp.resolve("child-" + mode).toString(), mode, busybox)
                .redirectErrorStream(true).start();
        String runId = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("RUN ")) {
                    runId = line.substring(4);
                    break;
                }
            }
            assertThat(runId).as("the child JVM started its build").isNotNull();
            if (kill) {
                child.destroyForcibly();
            }
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }
        return runId;
    }

    private static void assertContainersGone(String runId) {
        DockerTestSupport.awaitCondition(Duration.ofSeconds(20), () -> DockerTestSupport.containersOfRun(runId).isEmpty());
        List<Container> left = DockerTestSupport.containersOfRun(runId);
        assertThat(left).as("containers of run " + runId).isEmpty();
        assertThat(DockerTestSupport.docker().listVolumesCmd().withFilter("label", List.of("dev.slipway.run=" + runId))
                .exec().getVolumes()).isNullOrEmpty();
    }
}
