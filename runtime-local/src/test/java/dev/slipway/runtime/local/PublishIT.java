package dev.slipway.runtime.local;

import dev.slipway.core.Failure;
import dev.slipway.core.Pipeline;
import dev.slipway.core.PipelineResult;
import dev.slipway.core.PublishResult;
import dev.slipway.core.Status;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.UUID;

import static dev.slipway.dsl.Slipway.codeBuild;
import static dev.slipway.dsl.Slipway.dockerImage;
import static dev.slipway.dsl.Slipway.localPath;
import static dev.slipway.dsl.Slipway.pipeline;
import static dev.slipway.dsl.Slipway.registry;
import static org.assertj.core.api.Assertions.assertThat;

/** Publish actions against the real registry of scripts/test-env. */
class PublishIT {
    @TempDir
    static Path tmp;
    static LocalRuntime runtime;
    static String registryHost;
    static RegistryClient registryClient;
    static String suffix;

    @BeforeAll
    static void start() {
        DockerTestSupport.requireDockerAndImages();
        runtime = DockerTestSupport.runtime(tmp);
        registryHost = DockerTestSupport.ENV.registry();
        registryClient = new RegistryClient(registryHost);
        suffix = UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterAll
    static void stop() {
        runtime.close();
        DockerTestSupport.assertNothingLeft();
        for (String reference : new String[] {"slipway-it/hosted-" + suffix, registryHost + "/hosted-" + suffix,
                registryHost + "/fromsource-" + suffix}) {
            DockerTestSupport.docker().listImagesCmd().withReferenceFilter(reference).exec().forEach(image ->
                    DockerTestSupport.docker().removeImageCmd(image.getId()).withForce(true).exec());
        }
    }

    @Test
    void anImageABuildLeftOnTheHostDaemonIsPushedWithExportedVariablesAsTags() throws Exception {
        EventRecorder events = new EventRecorder();
        String local = "slipway-it/hosted-" + suffix;
        Pipeline p = pipeline("hosted")
                .stage("Build", codeBuild("hosted").image(DockerTestSupport.ENV.debianImage()).hostDockerSocket(true)
                        .build("export TAG=v$CODEBUILD_BUILD_NUMBER",
                                "printf 'FROM %s\\nLABEL build=%s\\n' " + DockerTestSupport.ENV.busyboxImage()
                                        + " \"$CODEBUILD_BUILD_ID\" | docker build -q -t " + local + ":$TAG -")
                        .exportedVariables("TAG"))
                .stage("Publish", dockerImage("hosted-" + suffix).fromLocalImage(local + ":${TAG}")
                        .tag("${TAG}").tag("latest").to(registry(registryHost)))
                .build();

        PipelineResult result = runtime.run(p, events);

        assertThat(result.status()).as(result + "\n" + String.join("\n", events.lines())).isEqualTo(Status.SUCCEEDED);
        PublishResult publish = result.publish("Publish");
        assertThat(publish.image()).isEqualTo(registryHost + "/hosted-" + suffix);
        assertThat(publish.tags()).containsExactly("v1", "latest");
        assertThat(registryClient.digest("hosted-" + suffix, "v1")).isEqualTo(publish.digest());
        assertThat(registryClient.digest("hosted-" + suffix, "latest")).isEqualTo(publish.digest());
        assertThat(publish.imageReference()).isEqualTo(publish.image() + "@" + publish.digest());
        assertThat(events.lines()).anyMatch(l -> l.contains("Pushed")).anyMatch(l -> l.startsWith("Pushing " + publish.image()));
    }

    @Test
    void aDockerfileInTheSourceIsBuiltAndPushed() throws Exception {
        Path app = java.nio.file.Files.createDirectories(tmp.resolve("app"));
        java.nio.file.Files.writeString(app.resolve("Dockerfile"), "FROM " + DockerTestSupport.ENV.busyboxImage()
                + "\nCOPY hello.txt /\n");
        java.nio.file.Files.writeString(app.resolve("hello.txt"), "hello\n");

        PipelineResult result = runtime.run(pipeline("fromsource").stage("Source", localPath(app))
                .stage("Publish", dockerImage("fromsource-" + suffix).tag("1.0").to(registry(registryHost))).build());

        assertThat(result.status()).as(result.toString()).isEqualTo(Status.SUCCEEDED);
        assertThat(registryClient.digest("fromsource-" + suffix, "1.0")).isEqualTo(result.publish("Publish").digest());
    }

    @Test
    void aMissingImageAnUnexportedVariableOrAnUnreachableRegistryFailThePublish() {
        PipelineResult missingImage = runtime.run(pipeline("missing").stage("Publish",
                dockerImage("nothing").fromLocalImage("slipway-it/not-there:" + suffix).to(registry(registryHost))).build());
        PipelineResult unexported = runtime.run(pipeline("unexported")
                .stage("Build", codeBuild("unexported").image(DockerTestSupport.ENV.busyboxImage()).build("true")
                        .exportedVariables("NEVER_SET"))
                .stage("Publish", dockerImage("nothing").fromLocalImage(DockerTestSupport.ENV.busyboxImage())
                        .tag("${NEVER_SET}").to(registry(registryHost))).build());
        PipelineResult unreachable = runtime.run(pipeline("unreachable").stage("Publish",
                dockerImage("nothing").fromLocalImage(DockerTestSupport.ENV.busyboxImage()).tag("x" + suffix)
                        .to(registry("127.0.0.1:1"))).build());

        assertThat(missingImage.publish("Publish").status()).isEqualTo(Status.FAILED);
        assertThat(missingImage.publish("Publish").failure().map(Failure::message).orElseThrow()).contains("slipway-it/not-there");
        assertThat(unexported.publish("Publish").failure().map(Failure::message).orElseThrow()).contains("${NEVER_SET}");
        assertThat(unreachable.publish("Publish").status()).isEqualTo(Status.FAILED);
        assertThat(unreachable.publish("Publish").failure().map(Failure::message).orElseThrow()).contains("127.0.0.1:1");
        assertThat(unreachable.publish("Publish").digest()).isEmpty();
        DockerTestSupport.docker().removeImageCmd("127.0.0.1:1/nothing:x" + suffix).exec();
    }
}
