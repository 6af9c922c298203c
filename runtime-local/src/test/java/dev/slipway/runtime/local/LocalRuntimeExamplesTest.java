package dev.slipway.runtime.local;

import dev.slipway.core.ConsoleReporter;
import dev.slipway.core.PhaseType;
import dev.slipway.core.Pipeline;
import dev.slipway.core.PipelineResult;
import dev.slipway.core.SecretResolver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The Javadoc examples of LocalRuntime, compiled here so that they cannot drift from the API. */
class LocalRuntimeExamplesTest {
    @TempDir
    Path tmp;

    @SuppressWarnings("unused")
    static void classExample(Pipeline pipeline) {
        try (LocalRuntime runtime = LocalRuntime.create()) {
            PipelineResult result = runtime.run(pipeline, ConsoleReporter.create());
            result.build("Build").phase(PhaseType.POST_BUILD).status();
        }
    }

    @Test
    void builderExampleBuildsARuntimeWithoutContactingDocker() {
        LocalRuntime runtime = LocalRuntime.builder()
                .dockerHost("unix:///var/run/docker.sock")
                .workspace(Path.of("build/slipway"))
                .secrets(SecretResolver.fromMap(Map.of("/app/db/password", "s3cr3t")))
                .cacheDirectory(tmp)
                .build();
        try {
            assertThat(runtime.workspace()).isEqualTo(Path.of("build/slipway"));
            assertThat(runtime.dockerHost()).isEqualTo("unix:///var/run/docker.sock");
        } finally {
            runtime.close();
        }
    }
}
