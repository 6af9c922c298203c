package dev.slipway.examples.aws;

import dev.slipway.core.BuildResult;
import dev.slipway.core.ConsoleReporter;
import dev.slipway.core.Pipeline;
import dev.slipway.examples.todobackend.Todobackend;
import dev.slipway.runtime.aws.AwsRuntime;
import dev.slipway.runtime.aws.BuildOptions;
import dev.slipway.runtime.aws.Plan;

import java.io.PrintStream;
import java.net.URI;
import java.util.Optional;

/**
 * Deploys the todobackend pipeline to AWS CodePipeline + CodeBuild, runs its build once, and prints the
 * CloudFormation template of the same resources.
 *
 * <pre>
 * # against the local emulator (scripts/test-env starts moto):
 * source .test-env/env && mvn -q -pl examples exec:java -Dexec.mainClass=dev.slipway.examples.aws.TodobackendOnAws
 * # against AWS: the SDK's region and credentials, and a CodeStar connection to GitHub
 * SLIPWAY_CONNECTION_ARN=arn:aws:codestar-connections:... mvn -q -pl examples exec:java -Dexec.mainClass=...
 * </pre>
 *
 * <p>With {@code SLIPWAY_AWS_ENDPOINT} set, every AWS client talks to that endpoint (moto); without it, to AWS.
 */
public final class TodobackendOnAws {
    /** moto's account; on AWS give your own connection. */
    static final String EMULATOR_CONNECTION =
            "arn:aws:codestar-connections:us-east-1:123456789012:connection/00000000-0000-0000-0000-000000000000";

    private TodobackendOnAws() {
    }

    public static void main(String[] args) {
        Optional<String> endpoint = Optional.ofNullable(System.getenv("SLIPWAY_AWS_ENDPOINT"));
        String connection = Optional.ofNullable(System.getenv("SLIPWAY_CONNECTION_ARN")).orElse(EMULATOR_CONNECTION);
        AwsRuntime.Builder builder = AwsRuntime.builder();
        endpoint.ifPresent(url -> builder.endpointOverride(URI.create(url)));
        try (AwsRuntime aws = builder.build()) {
            BuildResult build = deployAndBuild(aws, Todobackend.onAws(connection), System.out);
            System.exit(build.status().isSuccessful() ? 0 : 1);
        }
    }

    /** Plans, deploys, runs the Build action once and prints the template; returns the build's result. */
    public static BuildResult deployAndBuild(AwsRuntime aws, Pipeline pipeline, PrintStream out) {
        out.println("== plan");
        out.println(aws.plan(pipeline));
        Plan applied = aws.deploy(pipeline);
        out.println("== deployed: " + applied.changes(Plan.ChangeType.CREATE).size() + " created, "
                + applied.changes(Plan.ChangeType.UPDATE).size() + " updated");
        BuildResult build = aws.runBuild(pipeline, "Build",
                BuildOptions.builder().listener(ConsoleReporter.to(out, true)).build());
        out.println("== build");
        out.println(build);
        out.println("== CloudFormation (aws cloudformation deploy --capabilities CAPABILITY_NAMED_IAM)");
        out.println(aws.toCloudFormation(pipeline));
        return build;
    }
}
