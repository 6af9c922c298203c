package dev.slipway.runtime.aws.internal;

import dev.slipway.core.BuildAction;
import dev.slipway.core.BuildEnvironment;
import dev.slipway.core.EnvValue;
import dev.slipway.core.Pipeline;
import dev.slipway.core.Secret;
import dev.slipway.core.Stage;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A build action as a CodeBuild project: source from the pipeline (or none, for a build that is all there is),
 * the buildspec rendered from the model (or the path of the file in the source), the environment with its
 * variables typed as CodeBuild types them, the timeout and the service role.
 */
public final class ProjectSettings {
    private static final Pattern ECR_IMAGE = Pattern.compile(
            "^(\\d{12})\\.dkr\\.ecr\\.([a-z0-9-]+)\\.amazonaws\\.com(?:\\.cn)?/([^:@]+)(?::[^@]+)?(?:@.+)?$");

    private ProjectSettings() {
    }

    /** An image kept in ECR: its account, region and repository. */
    public record EcrImage(String accountId, String region, String repository) {
    }

    public static Optional<EcrImage> ecrImage(String image) {
        Matcher m = ECR_IMAGE.matcher(image);
        return m.matches() ? Optional.of(new EcrImage(m.group(1), m.group(2), m.group(3))) : Optional.empty();
    }

    /**
     * The project of a build action.
     *
     * @param inPipeline whether CodePipeline runs it (source and artifacts CODEPIPELINE) or it runs alone (NO_SOURCE)
     */
    static ResourceModel.Project project(Pipeline pipeline, Stage stage, BuildAction build, boolean inPipeline, String roleName) {
        BuildEnvironment env = build.environment();
        String buildspec = build.buildSpec().map(spec -> spec.toYaml()).orElse(build.buildSpecPath());
        List<ResourceModel.EnvVar> variables = new ArrayList<>();
        env.variables().forEach((name, value) -> variables.add(variable(name, value)));
        String description = "Slipway: pipeline " + pipeline.name() + ", stage " + stage.name() + ", action " + build.name();
        return new ResourceModel.Project(Naming.logicalId("Project", build.projectName()), build.projectName(), description,
                inPipeline ? "CODEPIPELINE" : "NO_SOURCE", buildspec, inPipeline ? "CODEPIPELINE" : "NO_ARTIFACTS",
                env.image(), env.computeType().awsName(), env.privileged() || env.hostDockerSocket(), variables,
                (int) env.timeout().toMinutes(), roleName);
    }

    /** A variable as CodeBuild holds it: plain text, or the name of a Parameter Store parameter or Secrets Manager secret. */
    public static ResourceModel.EnvVar variable(String name, EnvValue value) {
        if (value instanceof EnvValue.Plain plain) {
            return new ResourceModel.EnvVar(name, plain.value(), "PLAINTEXT");
        }
        if (value instanceof Secret.ParameterStore parameter) {
            return new ResourceModel.EnvVar(name, parameter.parameterName(), "PARAMETER_STORE");
        }
        if (value instanceof Secret.SecretsManager secret) {
            return new ResourceModel.EnvVar(name, secret.reference(), "SECRETS_MANAGER");
        }
        throw new IllegalArgumentException(name + ": " + AwsRules.secretValueMessage());
    }
}
