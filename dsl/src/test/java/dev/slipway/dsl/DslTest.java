package dev.slipway.dsl;

import dev.slipway.core.BuildAction;
import dev.slipway.core.BuildSpec;
import dev.slipway.core.ImageSource;
import dev.slipway.core.PhaseType;
import dev.slipway.core.Pipeline;
import dev.slipway.core.PublishAction;
import dev.slipway.core.Secret;
import dev.slipway.core.SourceAction;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.slipway.dsl.Slipway.*;
import static org.assertj.core.api.Assertions.assertThat;

class DslTest {

    @Test
    void aLoneActionIsNamedAfterItsStage_andArtifactsAreWiredByDefault() {
        Pipeline p = pipeline("app")
                .stage("Source", git("https://example.com/app.git"))
                .stage("Build", codeBuild("app").image("slipway/debian").build("make").artifacts("dist/**/*"))
                .stage("Publish", dockerImage("app").to(registry("127.0.0.1:5000")))
                .build();

        SourceAction source = (SourceAction) p.stage("Source").actions().get(0);
        BuildAction build = (BuildAction) p.stage("Build").actions().get(0);
        PublishAction publish = (PublishAction) p.stage("Publish").actions().get(0);
        assertThat(source.name()).isEqualTo("Source");
        assertThat(source.outputArtifact()).isEqualTo("SourceOutput");
        assertThat(build.inputArtifacts()).containsExactly("SourceOutput");
        assertThat(build.outputArtifacts()).containsExactly("BuildOutput");
        assertThat(publish.inputArtifacts()).containsExactly("BuildOutput");
        assertThat(publish.source()).isEqualTo(new ImageSource.Dockerfile("Dockerfile", "."));
        assertThat(publish.tags()).containsExactly("latest");
    }

    @Test
    void parallelActionsAreNamedAfterWhatTheyAre() {
        Pipeline p = pipeline("app")
                .stage("Test", codeBuild("app-unit").image("i").build("make unit"), codeBuild("app-it").image("i").build("make it"))
                .build();

        assertThat(p.stage("Test").actions()).extracting(a -> a.name()).containsExactly("app-unit", "app-it");
        assertThat(p.stage("Test").actionsByRunOrder()).containsOnlyKeys(1);
    }

    @Test
    void buildersAreImmutable_soOneCanBeVaried() {
        CodeBuildBuilder base = codeBuild("app").image("slipway/debian").build("make");
        CodeBuildBuilder withTest = base.build("make test");

        BuildAction plain = (BuildAction) pipeline("a").stage("B", base).build().stage("B").actions().get(0);
        BuildAction tested = (BuildAction) pipeline("a").stage("B", withTest).build().stage("B").actions().get(0);

        assertThat(plain.buildSpec().orElseThrow().allCommands()).containsExactly("make");
        assertThat(tested.buildSpec().orElseThrow().allCommands()).containsExactly("make", "make test");
    }

    @Test
    void inlinePhasesAddToAGivenBuildspec() {
        BuildSpec file = BuildSpec.builder()
                .phase(PhaseType.BUILD, BuildSpec.Phase.of("make test"))
                .phase(PhaseType.POST_BUILD, BuildSpec.Phase.of("make clean"))
                .build();

        BuildAction build = (BuildAction) pipeline("a")
                .stage("Build", codeBuild("app").image("i").buildspec(file).build("make release").exportedVariables("APP_VERSION"))
                .build().stage("Build").actions().get(0);

        BuildSpec spec = build.buildSpec().orElseThrow();
        assertThat(spec.phase(PhaseType.BUILD).orElseThrow().commands()).containsExactly("make test", "make release");
        assertThat(spec.phase(PhaseType.POST_BUILD).orElseThrow().commands()).containsExactly("make clean");
        assertThat(spec.env().exportedVariables()).containsExactly("APP_VERSION");
    }

    @Test
    void withoutAnyPhasesTheBuildspecComesFromTheSource_asOnCodeBuild() {
        BuildAction build = (BuildAction) pipeline("a")
                .stage("Source", localPath("."))
                .stage("Build", codeBuild("app").image("i"))
                .build().stage("Build").actions().get(0);

        assertThat(build.buildSpec()).isEmpty();
        assertThat(build.buildSpecPath()).isEqualTo("buildspec.yml");
    }

    @Test
    void finallyAndOnFailureLandInTheirPhase() {
        BuildAction build = (BuildAction) pipeline("a")
                .stage("Build", codeBuild("app").image("i").build("make")
                        .finallyCommands(PhaseType.BUILD, "make report")
                        .onFailure(PhaseType.BUILD, BuildSpec.OnFailure.CONTINUE))
                .build().stage("Build").actions().get(0);

        BuildSpec.Phase phase = build.buildSpec().orElseThrow().phase(PhaseType.BUILD).orElseThrow();
        assertThat(phase.commands()).containsExactly("make");
        assertThat(phase.finallyCommands()).containsExactly("make report");
        assertThat(phase.onFailure()).contains(BuildSpec.OnFailure.CONTINUE);
    }

    @Test
    void secretsNeverShowInToString() {
        Pipeline p = pipeline("a")
                .stage("Build", codeBuild("app").image("i").build("make").env("TOKEN", secret("hunter2-very-secret")))
                .build();

        assertThat(p.toString()).doesNotContain("hunter2-very-secret");
        assertThat(p.stage("Build").actions().get(0).toString()).doesNotContain("hunter2-very-secret");
        assertThat(secret("hunter2-very-secret").toString()).isEqualTo("Secret[***]");
        assertThat(credentials("bob", secret("pw-123")).toString()).doesNotContain("pw-123");
        assertThat(parameterStore("/a/b")).isInstanceOf(Secret.ParameterStore.class);
    }

    @Test
    void connectionsGoWithGitSources() {
        SourceAction source = (SourceAction) pipeline("a")
                .stage("Source", git("https://github.com/docker-in-aws/todobackend.git").branch("master")
                        .connection("arn:aws:codestar-connections:us-east-1:123456789012:connection/abc-123"))
                .stage("Build", codeBuild("app").image("i").build("make"))
                .build().stage("Source").actions().get(0);

        assertThat(source.location().toString()).isEqualTo("https://github.com/docker-in-aws/todobackend.git");
        assertThat(((dev.slipway.core.SourceLocation.GitRepository) source.location()).fullRepositoryId())
                .contains("docker-in-aws/todobackend");
        assertThat(List.of(source.ref().value())).containsExactly("master");
    }
}
