package dev.slipway.runtime.aws.internal;

import dev.slipway.core.BuildAction;
import dev.slipway.core.EnvValue;
import dev.slipway.core.GitRef;
import dev.slipway.core.Pipeline;
import dev.slipway.core.SourceAction;
import dev.slipway.core.SourceLocation;
import software.amazon.awssdk.services.codebuild.model.EnvironmentVariable;
import software.amazon.awssdk.services.codebuild.model.SourceAuthType;
import software.amazon.awssdk.services.codebuild.model.StartBuildRequest;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The StartBuild request that runs one build action alone. A project made for CodePipeline (source and
 * artifacts CODEPIPELINE) cannot fetch its own source, so the request names the source directly, from the
 * source action that feeds the build: a git repository through its CodeStar connection ({@code CODECONNECTIONS}
 * source auth), a CodeCommit repository or an S3 object; NO_SOURCE when there is none. Artifacts are not kept
 * (NO_ARTIFACTS). Variable overrides get CodeBuild's highest precedence; secrets go as Parameter Store or Secrets
 * Manager references. An idempotency token makes a retried StartBuild start one build, not two.
 */
public final class BuildStarter {
    private BuildStarter() {
    }

    public static StartBuildRequest request(Pipeline pipeline, BuildAction build, ResourceModel.Project project, String region,
                                            String sourceVersion, Map<String, EnvValue> overrides) {
        StartBuildRequest.Builder request = StartBuildRequest.builder()
                .projectName(project.name())
                .idempotencyToken(UUID.randomUUID().toString());
        Optional<SourceAction> source = SourceActions.primarySource(pipeline, build);
        if (source.isPresent()) {
            SourceLocation location = source.get().location();
            if (location instanceof SourceLocation.GitRepository git) {
                request.sourceTypeOverride(gitSourceType(git.url())).sourceLocationOverride(git.url());
                git.connectionArn().ifPresent(arn -> request.sourceAuthOverride(a -> a.type(SourceAuthType.CODECONNECTIONS).resource(arn)));
            } else if (location instanceof SourceLocation.CodeCommit codeCommit) {
                request.sourceTypeOverride("CODECOMMIT")
                        .sourceLocationOverride("https://git-codecommit." + region + ".amazonaws.com/v1/repos/" + codeCommit.repositoryName());
            } else if (location instanceof SourceLocation.S3Object s3) {
                request.sourceTypeOverride("S3").sourceLocationOverride(s3.bucket() + "/" + s3.key());
            }
            String version = !sourceVersion.isEmpty() ? sourceVersion
                    : source.get().ref().kind() == GitRef.Kind.DEFAULT_BRANCH ? "" : source.get().ref().value();
            if (!version.isEmpty() && !(location instanceof SourceLocation.S3Object && sourceVersion.isEmpty())) {
                request.sourceVersion(version);
            }
        } else if (!project.sourceType().equals("NO_SOURCE")) {
            request.sourceTypeOverride("NO_SOURCE").buildspecOverride(project.buildspec());
        }
        if (!project.artifactsType().equals("NO_ARTIFACTS")) {
            request.artifactsOverride(a -> a.type("NO_ARTIFACTS"));
        }
        if (!overrides.isEmpty()) {
            List<EnvironmentVariable> variables = new ArrayList<>();
            overrides.forEach((name, value) -> {
                ResourceModel.EnvVar v = ProjectSettings.variable(name, value);
                variables.add(EnvironmentVariable.builder().name(v.name()).value(v.value()).type(v.type()).build());
            });
            request.environmentVariablesOverride(variables);
        }
        return request.build();
    }

    /** CodeBuild's source type for a repository URL: GitHub, Bitbucket, GitLab, else a GitHub Enterprise server. */
    static String gitSourceType(String url) {
        String host;
        try {
            host = Optional.ofNullable(URI.create(url.replaceFirst("^git@([^:]+):", "ssh://git@$1/")).getHost()).orElse("");
        } catch (IllegalArgumentException e) {
            host = "";
        }
        host = host.toLowerCase(Locale.ROOT);
        if (host.equals("github.com") || host.endsWith(".github.com")) {
            return "GITHUB";
        }
        if (host.equals("bitbucket.org")) {
            return "BITBUCKET";
        }
        if (host.equals("gitlab.com")) {
            return "GITLAB";
        }
        return "GITHUB_ENTERPRISE";
    }
}
