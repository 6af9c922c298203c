package dev.slipway.runtime.aws;

import dev.slipway.core.Pipeline;
import dev.slipway.runtime.aws.support.DesignPipeline;
import dev.slipway.runtime.aws.support.Moto;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Deploys the DESIGN.md pipeline to moto, then has an independent client look at it: boto3, in
 * {@code src/test/scripts/check_deployment.py}, starting from the pipeline and following what it names.
 */
class CheckDeploymentIT {
    private static final Path SCRIPT = Path.of("src/test/scripts/check_deployment.py");

    @Test
    void boto3FindsTheDeployedPipelineAsDescribed() throws IOException, InterruptedException {
        Pipeline pipeline = DesignPipeline.withSecrets("-" + UUID.randomUUID().toString().substring(0, 8));
        try (AwsRuntime runtime = Moto.runtime().build()) {
            runtime.deploy(pipeline);
        }

        ProcessBuilder check = new ProcessBuilder(List.of("python3", SCRIPT.toString(), "--pipeline", pipeline.name(),
                "--endpoint", Moto.endpoint().toString(), "--region", Moto.region())).redirectErrorStream(true);
        Path log = Files.createTempFile("check_deployment", ".log");
        check.redirectOutput(log.toFile());
        check.environment().put("AWS_ACCESS_KEY_ID", "testing");
        check.environment().put("AWS_SECRET_ACCESS_KEY", "testing");
        check.environment().remove("AWS_PROFILE");
        Process process = check.start();
        boolean ended = process.waitFor(120, TimeUnit.SECONDS);
        if (!ended) {
            process.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        Files.delete(log);

        assertThat(Files.isExecutable(SCRIPT)).isTrue();
        assertThat(ended).as("the check ended within 2 minutes:%n%s", output).isTrue();
        assertThat(process.exitValue()).as("check_deployment.py said:%n%s", output).isZero();
        assertThat(output).contains("all checks passed", "lets CodeBuild pull");
    }
}
