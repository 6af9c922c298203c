package dev.slipway.runtime.local;

import dev.slipway.core.BuildResult;
import dev.slipway.core.PhaseType;
import dev.slipway.core.Pipeline;
import dev.slipway.core.PipelineRun;
import dev.slipway.core.RunEvent;
import dev.slipway.core.RunOptions;
import dev.slipway.core.Status;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static dev.slipway.dsl.Slipway.codeBuild;
import static dev.slipway.dsl.Slipway.pipeline;
import static org.assertj.core.api.Assertions.assertThat;

/** Docker API faults, injected by a proxy in front of the real daemon. */
class DockerFaultsIT {
    @TempDir
    static Path tmp;

    @BeforeAll
    static void requireDocker() {
        DockerTestSupport.requireDockerAndImages();
    }

    @AfterAll
    static void nothingLeft() {
        DockerTestSupport.assertNothingLeft();
    }

    private static Path socket() {
        String host = DockerTestSupport.ENV.dockerHost();
        assertThat(host).as("these tests proxy the daemon's unix socket").startsWith("unix://");
        return Path.of(host.substring("unix://".length()));
    }

    @Test
    void transientFaultsOfTheDockerApiAreRetriedAndReported() throws Exception {
        EventRecorder events = new EventRecorder();
        try (DockerProxy proxy = new DockerProxy(socket());
             LocalRuntime runtime = DockerTestSupport.runtimeBuilder(tmp).dockerHost(proxy.host()).build()) {
            proxy.fail("/containers/create", 500, 1);
            proxy.fail("/containers/create", 502, 1);
            proxy.fail("/start", 0, 1);
            Pipeline p = pipeline("faults").stage("Build", codeBuild("faults").image(DockerTestSupport.ENV.busyboxImage())
                    .build("echo made it")).build();

            BuildResult build = runtime.run(p, events).build("Build");

            assertThat(build.status()).as(build.toString()).isEqualTo(Status.SUCCEEDED);
            assertThat(proxy.injected()).hasSize(3);
            assertThat(events.events(RunEvent.Retrying.class)).as(proxy.injected() + " " + events.events(RunEvent.Retrying.class)).extracting(RunEvent.Retrying::what, RunEvent.Retrying::attempt)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("docker: create container", 2),
                            org.assertj.core.groups.Tuple.tuple("docker: create container", 3),
                            org.assertj.core.groups.Tuple.tuple("docker: start container", 2));
            assertThat(events.events(RunEvent.Retrying.class).get(0).reason()).contains("injected fault 500");
            assertThat(events.lines()).contains("made it");
        }
    }

    @Test
    void aDaemonThatGoesAwayMidBuildEndsTheBuildAsAFaultWithTheReason() throws Exception {
        EventRecorder events = new EventRecorder();
        String runId;
        DockerProxy proxy = new DockerProxy(socket());
        try (LocalRuntime runtime = DockerTestSupport.runtimeBuilder(tmp).dockerHost(proxy.host()).build()) {
            PipelineRun run = runtime.start(pipeline("gone").stage("Build", codeBuild("gone")
                    .image(DockerTestSupport.ENV.busyboxImage()).build("echo ready", "sleep 60")).build(), RunOptions.of(events));
            runId = run.runId();
            events.awaitLine("ready", Duration.ofSeconds(30));
            Instant cut = Instant.now();

            proxy.cut();
            BuildResult build = run.await(Duration.ofSeconds(30)).orElseThrow().build("Build");

            assertThat(Duration.between(cut, Instant.now())).isLessThan(Duration.ofSeconds(15));
            assertThat(build.status()).isEqualTo(Status.FAULT);
            assertThat(build.phase(PhaseType.BUILD).status()).isEqualTo(Status.FAULT);
            assertThat(build.phase(PhaseType.BUILD).failure().orElseThrow().message())
                    .contains("the build container's output ended");
        } finally {
            proxy.close();
        }
        // the daemon was unreachable for the runtime, so its container is still there: remove it as a user would
        DockerTestSupport.containersOfRun(runId).forEach(c ->
                DockerTestSupport.docker().removeContainerCmd(c.getId()).withForce(true).exec());
    }
}
