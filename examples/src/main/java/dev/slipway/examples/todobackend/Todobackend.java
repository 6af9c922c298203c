package dev.slipway.examples.todobackend;

import dev.slipway.core.Pipeline;

import java.time.Duration;

import static dev.slipway.dsl.Slipway.codeBuild;
import static dev.slipway.dsl.Slipway.dockerImage;
import static dev.slipway.dsl.Slipway.git;
import static dev.slipway.dsl.Slipway.pipeline;
import static dev.slipway.dsl.Slipway.registry;

/**
 * The book's todobackend pipeline — Source → Build → Publish — written in Java.
 *
 * <pre>{@code
 * Pipeline p = Todobackend.pipeline("file:///tmp/todobackend", "127.0.0.1:5000");
 * }</pre>
 *
 * <p>The build follows the book's buildspec: pre_build waits for Docker and computes
 * {@code APP_VERSION = <commit>.<build uuid>} from {@code CODEBUILD_RESOLVED_SOURCE_VERSION} and
 * {@code CODEBUILD_BUILD_ID}; build runs {@code make test} and {@code make release} (which builds the image);
 * post_build cleans up, and runs even when the build fails. The build talks to the host's Docker daemon, so
 * the image it builds is there for the Publish stage, which tags it {@code APP_VERSION} and {@code latest}
 * and pushes it.
 */
public final class Todobackend {
    private Todobackend() {
    }

    public static Pipeline pipeline(String repositoryUrl, String registryHost) {
        return pipeline("todobackend")
            .stage("Source", git(repositoryUrl).branch("main"))
            .stage("Build", codeBuild("todobackend")
                .image("slipway/debian")
                .hostDockerSocket(true)
                .env("MAKEFLAGS", "-s")
                .preBuild(
                    "timeout 15 sh -c \"until docker info >/dev/null 2>&1; do echo .; sleep 1; done\"",
                    "export BUILD_ID=$(echo $CODEBUILD_BUILD_ID | sed 's/^[^:]*://g')",
                    "export APP_VERSION=$CODEBUILD_RESOLVED_SOURCE_VERSION.$BUILD_ID",
                    "make login")
                .build("make test", "make release")
                .postBuild("make clean", "make logout")
                .exportedVariables("APP_VERSION")
                .timeout(Duration.ofMinutes(15)))
            .stage("Publish", dockerImage("todobackend")
                .fromLocalImage("todobackend:${APP_VERSION}")
                .tag("${APP_VERSION}")
                .tag("latest")
                .to(registry(registryHost)))
            .build();
    }
}
