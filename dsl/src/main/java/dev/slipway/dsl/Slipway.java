package dev.slipway.dsl;

import dev.slipway.core.BuildSpec;
import dev.slipway.core.Credentials;
import dev.slipway.core.Registry;
import dev.slipway.core.Secret;
import dev.slipway.core.SourceLocation;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The entry point of the DSL. Import it statically and describe a pipeline:
 *
 * <pre>{@code
 * import static dev.slipway.dsl.Slipway.*;
 *
 * Pipeline p = pipeline("todobackend")
 *     .stage("Source", git("https://github.com/docker-in-aws/todobackend.git").branch("master"))
 *     .stage("Build", codeBuild("todobackend")
 *         .image("docker-in-aws/codebuild")
 *         .privileged(true)
 *         .preBuild("export APP_VERSION=$CODEBUILD_RESOLVED_SOURCE_VERSION")
 *         .build("make test", "make release")
 *         .postBuild("make clean"))
 *     .stage("Publish", dockerImage("todobackend").tag("latest").to(registry("127.0.0.1:5000")))
 *     .build();
 * }</pre>
 */
public final class Slipway {
    private Slipway() {
    }

    /** Starts a pipeline definition. Names: 1–100 letters, digits and {@code . @ - _}. */
    public static PipelineBuilder pipeline(String name) {
        return new PipelineBuilder(name);
    }

    /** A git repository source ({@code https://}, {@code ssh://}, {@code file://}). */
    public static SourceBuilder git(String url) {
        return new SourceBuilder(new SourceLocation.GitRepository(Objects.requireNonNull(url, "url"), Optional.empty()));
    }

    /** A directory on this machine as it is, uncommitted changes included (LocalRuntime only). */
    public static SourceBuilder localPath(Path directory) {
        return new SourceBuilder(new SourceLocation.LocalDirectory(Objects.requireNonNull(directory, "directory")));
    }

    public static SourceBuilder localPath(String directory) {
        return localPath(Path.of(Objects.requireNonNull(directory, "directory")));
    }

    /** An AWS CodeCommit repository. */
    public static SourceBuilder codeCommit(String repositoryName) {
        return new SourceBuilder(new SourceLocation.CodeCommit(Objects.requireNonNull(repositoryName, "repositoryName")));
    }

    /** A ZIP object in S3 (AwsRuntime only). */
    public static SourceBuilder s3(String bucket, String key) {
        return new SourceBuilder(new SourceLocation.S3Object(bucket, key));
    }

    /** A CodeBuild build; the project name also counts build numbers. */
    public static CodeBuildBuilder codeBuild(String projectName) {
        return new CodeBuildBuilder(projectName);
    }

    /** Publishes a Docker image; {@code repository} is its name in the registry. */
    public static DockerImageBuilder dockerImage(String repository) {
        return new DockerImageBuilder(repository);
    }

    /** A Docker registry by host; credentials come from {@code ~/.docker/config.json}. */
    public static Registry registry(String host) {
        return new Registry.Docker(Objects.requireNonNull(host, "host"), Optional.empty());
    }

    public static Registry registry(String host, Credentials credentials) {
        return new Registry.Docker(Objects.requireNonNull(host, "host"), Optional.of(Objects.requireNonNull(credentials, "credentials")));
    }

    /** Amazon ECR of the runtime's account and region. */
    public static Registry ecr() {
        return new Registry.Ecr(Optional.empty(), Optional.empty());
    }

    public static Registry ecr(String accountId, String region) {
        return new Registry.Ecr(Optional.of(accountId), Optional.of(region));
    }

    /** A value marked secret: masked in logs, absent from results and {@code toString}. */
    public static Secret secret(String value) {
        return new Secret.Value(Objects.requireNonNull(value, "value"));
    }

    /** An SSM Parameter Store parameter by name. */
    public static Secret parameterStore(String parameterName) {
        return new Secret.ParameterStore(Objects.requireNonNull(parameterName, "parameterName"));
    }

    /** A Secrets Manager secret: {@code secret-id[:json-key[:version-stage[:version-id]]]}. */
    public static Secret secretsManager(String reference) {
        return new Secret.SecretsManager(Objects.requireNonNull(reference, "reference"));
    }

    public static Credentials credentials(String username, Secret password) {
        return new Credentials(username, password);
    }

    /** Reads a buildspec file; errors name the file, line, column and key. */
    public static BuildSpec buildspec(Path file) {
        return BuildSpec.parse(file);
    }
}
