package dev.slipway.examples.todobackend;

import dev.slipway.core.PhaseType;
import dev.slipway.core.Pipeline;
import dev.slipway.core.PipelineResult;
import dev.slipway.core.Status;
import dev.slipway.testing.ScriptedRuntime;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How users test a pipeline definition: on the scripted runtime, without Docker or AWS. The runtime applies
 * CodeBuild's real phase rules; the test says what commands do and asserts on results and on what ran.
 */
class TodobackendPipelineTest {
    private static final String APP_VERSION = "3f1c2a9.5b7e2d31-8a61-4c8e-9d0a-1f2e3d4c5b6a";

    private final Pipeline pipeline = Todobackend.local("https://example.com/todobackend.git", "registry.example.com:5000");

    /** The value the pre_build commands would compute in a real shell. */
    private final ScriptedRuntime runtime = ScriptedRuntime.create().variable("APP_VERSION", APP_VERSION);

    @Test
    void publishesTheReleasedImageUnderItsVersion_whenEverythingPasses() {
        PipelineResult result = runtime.run(pipeline);

        assertThat(result.status()).isEqualTo(Status.SUCCEEDED);
        assertThat(result.build("Build").exportedVariables()).containsEntry("APP_VERSION", APP_VERSION);
        assertThat(result.publish("Publish").tags()).containsExactly(APP_VERSION, "latest");
        assertThat(runtime.published()).containsExactly(
                "registry.example.com:5000/todobackend:" + APP_VERSION, "registry.example.com:5000/todobackend:latest");
    }

    @Test
    void cleansUpAndPublishesNothing_whenMakeTestFails() {
        ScriptedRuntime failing = runtime.fail("make test", 2);

        PipelineResult result = failing.run(pipeline);

        assertThat(result.status()).isEqualTo(Status.FAILED);
        assertThat(result.build("Build").phase(PhaseType.BUILD).status()).isEqualTo(Status.FAILED);
        assertThat(result.build("Build").phase(PhaseType.POST_BUILD).status()).isEqualTo(Status.SUCCEEDED);
        assertThat(result.findStage("Publish")).isEmpty();
        assertThat(failing.commands()).doesNotContain("make release").endsWith("make clean", "make logout");
        assertThat(failing.published()).isEmpty();
    }

    @Test
    void runsTheBooksCommandsInTheirOrder() {
        runtime.run(pipeline);

        assertThat(runtime.commands()).containsExactly(
                "timeout 15 sh -c \"until docker info >/dev/null 2>&1; do echo .; sleep 1; done\"",
                "export BUILD_ID=$(echo $CODEBUILD_BUILD_ID | sed 's/^[^:]*://g')",
                "export APP_VERSION=$CODEBUILD_RESOLVED_SOURCE_VERSION.$BUILD_ID",
                "make login",
                "make test",
                "make release",
                "make clean",
                "make logout");
    }
}
