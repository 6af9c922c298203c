package dev.slipway.runtime.aws;

import dev.slipway.core.InvalidPipelineException;
import dev.slipway.core.Pipeline;
import dev.slipway.core.Problem;
import dev.slipway.runtime.aws.support.DesignPipeline;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static dev.slipway.dsl.Slipway.codeBuild;
import static dev.slipway.dsl.Slipway.dockerImage;
import static dev.slipway.dsl.Slipway.git;
import static dev.slipway.dsl.Slipway.localPath;
import static dev.slipway.dsl.Slipway.pipeline;
import static dev.slipway.dsl.Slipway.registry;
import static dev.slipway.dsl.Slipway.secret;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The rules only CodePipeline and CodeBuild impose, reported before any AWS call, all at once. */
class AwsRulesTest {
    private final AwsRuntime runtime = AwsRuntime.builder().region("us-east-1").credentials("testing", "testing").build();

    @Test
    void theDesignPipelineHasNoProblems() {
        assertThat(dev.slipway.runtime.aws.internal.AwsRules.forPipeline(DesignPipeline.of(""))).isEmpty();
    }

    @Test
    void everyAwsProblemIsReportedAtOnce_withCoreStylePaths() {
        Pipeline p = pipeline("app")
                .stage("Source", localPath(Path.of("/work/app")).name("Local"),
                        codeBuild("app-lint").name("Lint").image("slipway/debian").build("make lint"))
                .stage("Build", codeBuild("app").image("slipway/debian").build("make test")
                                .timeout(Duration.ofMinutes(2)).env("NPM_TOKEN", secret("t0k3n")),
                        git("https://github.com/acme/app.git").name("Late").branch("main"))
                .stage("Publish", dockerImage("app").fromLocalImage("app:latest").input().to(registry("registry.example.com")))
                .build();

        assertThatThrownBy(() -> runtime.plan(p))
                .isInstanceOfSatisfying(InvalidPipelineException.class, e -> assertThat(e.problems()).extracting(Problem::toString)
                        .containsExactlyInAnyOrder(
                                "stage 'Source' › action 'Lint': the first stage may hold only source actions on CodePipeline: "
                                        + "move this action to a later stage",
                                "stage 'Build' › action 'Late': source actions must all be in the first stage on CodePipeline",
                                "stage 'Source' › action 'Local' › path: a local directory cannot be deployed to AWS (it runs with "
                                        + "LocalRuntime only): use git(url).connection(arn), codeCommit(name) or s3(bucket, key)",
                                "stage 'Build' › action 'app' › timeout: CodeBuild takes 5 minutes to 36 hours, got 2m00s",
                                "stage 'Build' › action 'app' › env › NPM_TOKEN: a secret(...) value cannot be deployed: CodeBuild "
                                        + "would keep it in plain text; use parameterStore(name) or secretsManager(reference)",
                                "stage 'Build' › action 'Late' › connection: CodePipeline reads 'https://github.com/acme/app.git' "
                                        + "through a CodeStar connection (GitHub, GitHub Enterprise Server, Bitbucket, GitLab): add "
                                        + ".connection(\"arn:aws:codestar-connections:<region>:<account>:connection/<id>\")",
                                "stage 'Publish' › action 'Publish' › source: fromLocalImage(\"app:latest\") cannot be published on "
                                        + "AWS as it is: every CodeBuild build has a Docker daemon of its own, so an image an earlier "
                                        + "build made is gone. Build from a Dockerfile (fromDockerfile), or docker save the image into "
                                        + "an artifact and read it with .input(...)"));
    }

    @Test
    void aBuildAloneIsNoPipeline_butRunsAlone() {
        Pipeline p = pipeline("just-a-build").stage("Build", codeBuild("just-a-build").image("slipway/debian").build("make")).build();

        assertThatThrownBy(() -> runtime.deploy(p)).isInstanceOfSatisfying(InvalidPipelineException.class, e ->
                assertThat(e.problems()).extracting(Problem::toString).containsExactlyInAnyOrder(
                        "CodePipeline needs at least 2 stages (sources first, then what uses them), got 1: add a source stage, "
                                + "or run the build alone with runBuild(pipeline, \"Build\")",
                        "stage 'Build': CodePipeline's first stage must hold the source actions: add a stage with "
                                + "git(url).connection(arn), codeCommit(name) or s3(bucket, key) first"));
        assertThat(dev.slipway.runtime.aws.internal.AwsRules.forBuild(p, p.stage("Build"),
                (dev.slipway.core.BuildAction) p.stage("Build").actions().get(0))).isEmpty();
    }

    @Test
    void quotasAreChecked() {
        var builder = pipeline("wide").stage("Source", git("https://github.com/acme/app.git").branch("main").connection(DesignPipeline.CONNECTION));
        dev.slipway.dsl.ActionBuilder[] builds = new dev.slipway.dsl.ActionBuilder[51];
        for (int i = 0; i < builds.length; i++) {
            builds[i] = codeBuild("p" + i).name("B" + i).image("slipway/debian").build("make");
        }
        Pipeline p = builder.stage("Build", builds).build();

        assertThatThrownBy(() -> runtime.toCloudFormation(p)).isInstanceOfSatisfying(InvalidPipelineException.class, e ->
                assertThat(e.problems()).extracting(Problem::toString)
                        .containsExactly("stage 'Build': CodePipeline allows at most 50 actions in a stage, got 51"));
    }

    @Test
    void runOverridesMustNotCarrySecretValues() {
        assertThat(dev.slipway.runtime.aws.internal.AwsRules.forOverrides(java.util.Map.of("TOKEN", secret("x"))))
                .extracting(Problem::path).isEqualTo(List.of("overrides › TOKEN"));
    }
}
