package dev.slipway.runtime.local;

import dev.slipway.core.SecretResolver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The builder example of LocalRuntime's Javadoc, run. (examples' JavadocExamplesTest compiles every example.) */
class LocalRuntimeExamplesTest {
    @TempDir
    Path tmp;

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
