package dev.slipway.runtime.local.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ImageRefTest {
    @Test
    void referencesSplitAsDockerSplitsThem() {
        assertThat(ImageRef.parse("slipway/busybox")).isEqualTo(new ImageRef("", "slipway/busybox", "latest", ""));
        assertThat(ImageRef.parse("127.0.0.1:5000/app:1.2")).isEqualTo(new ImageRef("127.0.0.1:5000", "app", "1.2", ""));
        assertThat(ImageRef.parse("localhost/app")).isEqualTo(new ImageRef("localhost", "app", "latest", ""));
        assertThat(ImageRef.parse("ghcr.io/org/app@sha256:abc")).isEqualTo(new ImageRef("ghcr.io", "org/app", "", "sha256:abc"));
        assertThat(ImageRef.parse("aws/codebuild/standard:7.0").registryOrDockerHub()).isEqualTo("docker.io");
        assertThat(ImageRef.parse("127.0.0.1:5000/app:1.2").name()).isEqualTo("127.0.0.1:5000/app");
    }
}
