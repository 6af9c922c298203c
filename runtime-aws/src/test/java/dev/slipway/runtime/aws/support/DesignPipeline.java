package dev.slipway.runtime.aws.support;

import dev.slipway.core.Pipeline;

import java.time.Duration;

import static dev.slipway.dsl.Slipway.codeBuild;
import static dev.slipway.dsl.Slipway.dockerImage;
import static dev.slipway.dsl.Slipway.git;
import static dev.slipway.dsl.Slipway.parameterStore;
import static dev.slipway.dsl.Slipway.pipeline;
import static dev.slipway.dsl.Slipway.registry;
import static dev.slipway.dsl.Slipway.secretsManager;

/**
 * The pipeline of DESIGN.md, as the book has it, made deployable: the GitHub source goes through a CodeStar
 * connection and the build image is kept in ECR (account 123456789012, moto's).
 */
public final class DesignPipeline {
    public static final String ACCOUNT = "123456789012";
    public static final String CONNECTION = "arn:aws:codestar-connections:us-east-1:123456789012:connection/7d2a9c4e-1f3b-4e5a-9c8d-2b6f0e1a3c5d";

    private DesignPipeline() {
    }

    /** Names carry {@code suffix}, so that runs against a shared emulator do not meet. */
    public static Pipeline of(String suffix) {
        return of(suffix, false);
    }

    /** The same, with a Parameter Store and a Secrets Manager variable besides the plain one. */
    public static Pipeline withSecrets(String suffix) {
        return of(suffix, true);
    }

    private static Pipeline of(String suffix, boolean secrets) {
        var build = codeBuild("todobackend" + suffix)
                .image(image(suffix))
                .privileged(true)
                .env("MAKEFLAGS", "-s");
        if (secrets) {
            build = build.env("DB_PASSWORD", parameterStore("/todobackend/db/password"))
                    .env("NPM_TOKEN", secretsManager("todobackend/npm:token"));
        }
        return pipeline("todobackend" + suffix)
                .stage("Source", git("https://github.com/docker-in-aws/todobackend.git").branch("master").connection(CONNECTION))
                .stage("Build", build
                        .preBuild("nohup /usr/local/bin/dockerd --host=unix:///var/run/docker.sock --storage-driver=overlay&",
                                "timeout -t 15 sh -c \"until docker info; do echo .; sleep 1; done\"",
                                "export BUILD_ID=$(echo $CODEBUILD_BUILD_ID | sed 's/^[^:]*://g')",
                                "export APP_VERSION=$CODEBUILD_RESOLVED_SOURCE_VERSION.$BUILD_ID",
                                "make login")
                        .build("make test", "make release", "make publish")
                        .postBuild("make clean", "make logout")
                        .timeout(Duration.ofMinutes(30))
                        .retry(3))
                .stage("Publish", dockerImage("todobackend").tag("latest").to(registry("127.0.0.1:5000")))
                .build();
    }

    public static String repository(String suffix) {
        return "docker-in-aws/codebuild" + suffix.toLowerCase();
    }

    public static String image(String suffix) {
        return ACCOUNT + ".dkr.ecr.us-east-1.amazonaws.com/" + repository(suffix) + ":latest";
    }
}
