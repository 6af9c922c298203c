package dev.slipway.runtime.aws;

import dev.slipway.core.BuildResult;
import dev.slipway.core.ConsoleReporter;
import dev.slipway.core.PhaseType;
import dev.slipway.core.Pipeline;
import dev.slipway.core.PipelineResult;
import dev.slipway.core.Status;
import dev.slipway.runtime.aws.support.DesignPipeline;
import org.junit.jupiter.api.Test;

import java.net.URI;

import static dev.slipway.dsl.Slipway.parameterStore;
import static org.assertj.core.api.Assertions.assertThat;

/** The Javadoc examples of the public types, compiled here so that they cannot drift from the API. */
class ExamplesTest {

    @SuppressWarnings("unused")
    private static void awsRuntimeJavadoc(Pipeline pipeline) {
        try (AwsRuntime aws = AwsRuntime.create()) {                 // the SDK's default region and credentials
            System.out.println(aws.plan(pipeline));                  // what deploy would create or change
            PipelineResult result = aws.deployAndRun(pipeline, ConsoleReporter.create());
            result.build("Build").phase(PhaseType.BUILD).status();
            BuildResult build = aws.runBuild(pipeline, "Build");     // one build alone, on CodeBuild
            String template = aws.toCloudFormation(pipeline);        // for aws cloudformation deploy
        }
        AwsRuntime.builder().region("eu-west-1").profile("ci").endpointOverride(URI.create("http://127.0.0.1:4566"))
                .artifactBucket("my-artifacts").build().close();
    }

    @SuppressWarnings("unused")
    private static void planJavadoc(AwsRuntime runtime, Pipeline pipeline) {
        Plan plan = runtime.plan(pipeline);
        System.out.println(plan);
        plan.hasChanges();
        plan.resource(Plan.ResourceType.CODEBUILD_PROJECT, "todobackend").differences();
    }

    @SuppressWarnings("unused")
    private static void buildOptionsJavadoc(AwsRuntime runtime, Pipeline pipeline) {
        runtime.runBuild(pipeline, "Build", BuildOptions.builder()
                .sourceVersion("3f9c2a1")
                .env("STAGE", "test")
                .env("DB_PASSWORD", parameterStore("/app/db/password"))
                .listener(event -> System.out.println(event))
                .build());
    }

    @Test
    void aPlanPrintsAsATable() {
        Plan plan = new Plan("todobackend", "us-east-1", java.util.List.of(
                new Plan.ResourceChange(Plan.ResourceType.S3_BUCKET, "slipway-todobackend-123456789012-us-east-1", Plan.ChangeType.NO_CHANGE, java.util.List.of()),
                new Plan.ResourceChange(Plan.ResourceType.CODEBUILD_PROJECT, "todobackend", Plan.ChangeType.UPDATE,
                        java.util.List.of("timeoutInMinutes: '30' → '45'"))));
        assertThat(plan.toString()).isEqualTo("""
                Plan for pipeline 'todobackend' in us-east-1
                  NO_CHANGE S3_BUCKET         slipway-todobackend-123456789012-us-east-1
                  UPDATE    CODEBUILD_PROJECT todobackend
                            timeoutInMinutes: '30' → '45'""");
        assertThat(plan.hasChanges()).isTrue();
        assertThat(Status.SUCCEEDED).isNotNull();
        assertThat(DesignPipeline.of("").name()).isEqualTo("todobackend");
    }
}
