package dev.slipway.dsl;

import dev.slipway.core.InvalidPipelineException;
import dev.slipway.core.Pipeline;
import dev.slipway.core.Problem;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static dev.slipway.dsl.Slipway.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ValidationTest {

    @Test
    void threeMistakesAreReportedTogether_eachWithItsPath() {
        InvalidPipelineException e = catchThrowableOfType(InvalidPipelineException.class, () -> pipeline("todo backend")
                .stage("Build", codeBuild("todobackend").image(" ").build("make"))
                .stage("Publish", dockerImage("todobackend").fromLocalImage("todobackend").tag("${APP_VERSION}")
                        .to(registry("127.0.0.1:5000")))
                .build());

        assertThat(e.problems()).extracting(Problem::toString).containsExactly(
                "pipeline name: 'todo backend' is not a valid pipeline name: 1–100 letters, digits and . @ - _",
                "stage 'Build' › action 'Build' › image: must not be blank",
                "stage 'Publish' › action 'Publish' › tags[0]: '${APP_VERSION}' uses ${APP_VERSION}, which no earlier build "
                        + "exports (add it to the build's exported variables)");
        assertThat(e.getMessage()).startsWith("pipeline 'todo backend' has 3 problems:\n  - pipeline name:");
    }

    @Test
    void awsNameRulesApply_soWhatValidatesAlsoDeploys() {
        assertThatThrownBy(() -> pipeline("p").stage("Build", codeBuild("-bad").image("i").build("x")).build())
                .hasMessageContaining("'-bad' is not a valid CodeBuild project name");
        assertThatThrownBy(() -> pipeline("p").stage("Build", codeBuild("ok").image("i").build("x").output("bad.name")).build())
                .hasMessageContaining("'bad.name' is not a valid artifact name");
        assertThatThrownBy(() -> pipeline("p".repeat(101)).stage("Build", codeBuild("ok").image("i").build("x")).build())
                .hasMessageContaining("is not a valid pipeline name");
    }

    @Test
    void reservedAndInvalidVariableNamesAreRefused() {
        assertThatThrownBy(() -> pipeline("p").stage("Build", codeBuild("ok").image("i").build("x")
                .env("CODEBUILD_BUILD_ID", "mine").env("1BAD", "x")).build())
                .hasMessageContaining("env › CODEBUILD_BUILD_ID: names starting with CODEBUILD_ are reserved for CodeBuild")
                .hasMessageContaining("'1BAD' is not a valid variable name");
        assertThatThrownBy(() -> pipeline("p").stage("Build", codeBuild("ok").image("i").build("x").exportedVariables("AWS_X")).build())
                .hasMessageContaining("names starting with AWS_ are not exportable");
    }

    @Test
    void artifactsMustComeFromEarlierActions() {
        assertThatThrownBy(() -> pipeline("p")
                .stage("Build", codeBuild("app").image("i").build("x").input("Nowhere"))
                .build())
                .hasMessageContaining("stage 'Build' › action 'Build' › inputArtifacts[0]: 'Nowhere' is not produced by an earlier action");
        assertThatThrownBy(() -> pipeline("p")
                .stage("Build", codeBuild("app").image("i").build("x").output("Out"))
                .build())
                .hasMessageContaining("declares output artifact 'Out' but its buildspec has no artifacts section");
    }

    @Test
    void actionNamesAreUniqueInAStage_andProjectsAreNotSharedWithOtherSettings() {
        assertThatThrownBy(() -> pipeline("p")
                .stage("Test", codeBuild("app").image("i").build("x").name("T"), codeBuild("bld").image("i").build("y").name("T"))
                .build())
                .hasMessageContaining("action names must be unique in a stage");
        assertThatThrownBy(() -> pipeline("p")
                .stage("One", codeBuild("same").image("i").build("x"))
                .stage("Two", codeBuild("same").image("i").build("y"))
                .build())
                .hasMessageContaining("project 'same' is also used by action 'One' with other settings");
    }

    @Test
    void publishNeedsARegistryAndValidTags() {
        assertThatThrownBy(() -> pipeline("p")
                .stage("Build", codeBuild("app").image("i").build("x").artifacts("**/*"))
                .stage("Publish", dockerImage("App").tag("-x"))
                .build())
                .hasMessageContaining("'App' is not a valid image repository name")
                .hasMessageContaining("'-x' is not a valid tag")
                .hasMessageContaining("registry: must not be blank");
    }

    @Test
    void aPipelineOfOneBuildWithoutSourceIsValid() {
        Pipeline p = pipeline("just-build").stage("Build", codeBuild("bld").image("slipway/busybox").build("echo hi")).build();

        assertThat(p.problems()).isEmpty();
    }

    @Test
    void timeoutsAreWithinCodeBuildsMaximum() {
        assertThatThrownBy(() -> pipeline("p").stage("Build", codeBuild("bld").image("i").build("x").timeout(Duration.ofHours(37))).build())
                .hasMessageContaining("timeout: must be within 1 second and 36 hours");
    }
}
