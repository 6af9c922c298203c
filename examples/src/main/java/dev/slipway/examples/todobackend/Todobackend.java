package dev.slipway.examples.todobackend;

import dev.slipway.core.Pipeline;
import dev.slipway.core.Registry;
import dev.slipway.dsl.SourceBuilder;

import java.time.Duration;

import static dev.slipway.dsl.Slipway.codeBuild;
import static dev.slipway.dsl.Slipway.dockerImage;
import static dev.slipway.dsl.Slipway.ecr;
import static dev.slipway.dsl.Slipway.git;
import static dev.slipway.dsl.Slipway.pipeline;
import static dev.slipway.dsl.Slipway.registry;

/**
 * The book's todobackend pipeline — Source → Build → Publish — written in Java, once, for both runtimes.
 *
 * <pre>{@code
 * Pipeline local = Todobackend.local("file:///tmp/todobackend", "127.0.0.1:5000");
 * Pipeline aws = Todobackend.onAws("arn:aws:codestar-connections:us-east-1:123456789012:connection/1a2b");
 * }</pre>
 *
 * <p>The build follows the book's buildspec: pre_build waits for Docker and computes
 * {@code APP_VERSION = <commit>.<build uuid>} from {@code CODEBUILD_RESOLVED_SOURCE_VERSION} and
 * {@code CODEBUILD_BUILD_ID}; build runs {@code make test} and {@code make release}, which builds the image and
 * saves it to {@code dist/}; post_build cleans up, and runs even when the build fails. Publish tags the image
 * with {@code APP_VERSION} and {@code latest} and pushes it. Only where it runs differs: the build image, the
 * source, the registry.
 */
public final class Todobackend {
    private Todobackend() {
    }

    /**
     * Locally: a git repository by URL, built in {@code slipway/debian} with the host's Docker daemon (so the
     * image the build makes is there for Publish), pushed to a registry such as {@code 127.0.0.1:5000}.
     */
    public static Pipeline local(String repositoryUrl, String registryHost) {
        return definition(git(repositoryUrl).branch("main"), "slipway/debian", registry(registryHost));
    }

    /**
     * On AWS: the book's GitHub repository through a CodeStar connection, built in CodeBuild's standard image in
     * privileged mode, pushed to ECR.
     */
    public static Pipeline onAws(String connectionArn) {
        return definition(git("https://github.com/docker-in-aws/todobackend.git").branch("master").connection(connectionArn),
                "aws/codebuild/standard:7.0", ecr());
    }

    /** The pipeline, with what differs between runtimes given. */
    public static Pipeline definition(SourceBuilder source, String buildImage, Registry target) {
        return pipeline("todobackend")
            .stage("Source", source)
            .stage("Build", codeBuild("todobackend")
                .image(buildImage)
                .hostDockerSocket(true)                 // locally the host's daemon; on AWS, privileged mode
                .env("MAKEFLAGS", "-s")
                .preBuild(
                    "timeout 15 sh -c \"until docker info >/dev/null 2>&1; do echo .; sleep 1; done\"",
                    "export BUILD_ID=$(echo $CODEBUILD_BUILD_ID | sed 's/^[^:]*://g')",
                    "export APP_VERSION=$CODEBUILD_RESOLVED_SOURCE_VERSION.$BUILD_ID",
                    "make login")
                .build("make test", "make release")
                .postBuild("make clean", "make logout")
                .exportedVariables("APP_VERSION")
                .artifacts(dev.slipway.core.BuildSpec.Artifacts.files("*.tar").withBaseDirectory("dist"))
                .timeout(Duration.ofMinutes(15)))
            .stage("Publish", dockerImage("todobackend")
                .fromLocalImage("todobackend:${APP_VERSION}")
                .tag("${APP_VERSION}")
                .tag("latest")
                .to(target))
            .build();
    }
}
