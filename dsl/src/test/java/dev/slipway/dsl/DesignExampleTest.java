package dev.slipway.dsl;

import dev.slipway.core.PhaseType;
import dev.slipway.core.Pipeline;
import dev.slipway.core.PipelineResult;
import dev.slipway.core.Status;
import dev.slipway.testing.ScriptedRuntime;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static dev.slipway.dsl.Slipway.codeBuild;
import static dev.slipway.dsl.Slipway.dockerImage;
import static dev.slipway.dsl.Slipway.git;
import static dev.slipway.dsl.Slipway.pipeline;
import static dev.slipway.dsl.Slipway.registry;
import static org.assertj.core.api.Assertions.assertThat;

/** The example of DESIGN.md's "Public API shape", as written, on the scripted runtime. */
class DesignExampleTest {

    static Pipeline designExample() {
        Pipeline p = pipeline("todobackend")
            .stage("Source", git("https://github.com/docker-in-aws/todobackend.git").branch("master"))
            .stage("Build", codeBuild("todobackend")
                .image("docker-in-aws/codebuild")
                .privileged(true)
                .env("MAKEFLAGS", "-s")
                .preBuild("export APP_VERSION=$CODEBUILD_RESOLVED_SOURCE_VERSION")
                .build("make test", "make release")          // buildspec phase names: install, preBuild, build, postBuild
                .postBuild("make clean")
                .timeout(Duration.ofMinutes(30))
                .retry(3))
            .stage("Publish", dockerImage("todobackend").tag("latest").to(registry("127.0.0.1:5000")))
            .build();                                   // validates; InvalidPipelineException lists every problem
        return p;
    }

    @Test
    void succeedsWithEveryPhase_whenNoCommandFails() {
        ScriptedRuntime fake = ScriptedRuntime.create();

        PipelineResult r = fake.run(designExample());

        assertThat(r.status()).isEqualTo(Status.SUCCEEDED);
        assertThat(r.build("Build").phases()).extracting(p -> p.type())
                .containsExactly(PhaseType.SUBMITTED, PhaseType.QUEUED, PhaseType.PROVISIONING, PhaseType.DOWNLOAD_SOURCE,
                        PhaseType.INSTALL, PhaseType.PRE_BUILD, PhaseType.BUILD, PhaseType.POST_BUILD,
                        PhaseType.UPLOAD_ARTIFACTS, PhaseType.FINALIZING);
        assertThat(r.build("Build").phases()).allMatch(p -> p.status() == Status.SUCCEEDED);
        assertThat(r.source("Source").commit()).hasSize(40);
        assertThat(r.publish("Publish").digest()).startsWith("sha256:");
        assertThat(fake.commands()).containsExactly(
                "export APP_VERSION=$CODEBUILD_RESOLVED_SOURCE_VERSION", "make test", "make release", "make clean");
    }

    @Test
    void postBuildStillRunsAndPipelineFails_whenMakeTestFails() {
        ScriptedRuntime fake = ScriptedRuntime.create().fail("make test", 2);  // every other command succeeds

        PipelineResult r = fake.run(designExample());

        assertThat(r.build("Build").phase(PhaseType.BUILD).status()).isEqualTo(Status.FAILED);
        assertThat(r.build("Build").phase(PhaseType.BUILD).failure()).hasValueSatisfying(f -> {
            assertThat(f.command()).hasValue("make test");
            assertThat(f.exitCode()).hasValue(2);
            assertThat(f.message()).isEqualTo("Error while executing command: make test. Reason: exit status 2");
        });
        assertThat(r.build("Build").phase(PhaseType.POST_BUILD).status()).isEqualTo(Status.SUCCEEDED);   // it ran
        assertThat(r.status()).isEqualTo(Status.FAILED);
        assertThat(r.findStage("Publish")).isEmpty();
        assertThat(r.build("Build").attempts()).hasSize(4);    // retry(3): the first run and three retries
        assertThat(fake.commands()).containsSubsequence("make test", "make clean");
        assertThat(fake.commands()).doesNotContain("make release");
    }
}
