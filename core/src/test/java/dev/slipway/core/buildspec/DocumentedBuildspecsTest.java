package dev.slipway.core.buildspec;

import dev.slipway.core.BuildSpec;
import dev.slipway.core.BuildSpec.OnFailure;
import dev.slipway.core.PhaseType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The example buildspecs of the CodeBuild User Guide (build-spec reference, samples, test and batch pages), the book's
 * buildspec and a few written for Slipway, each in {@code buildspecs/valid} with its source in a leading comment.
 */
class DocumentedBuildspecsTest {

    static Stream<Path> validBuildspecs() {
        return Fixtures.files("valid");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validBuildspecs")
    void parsesAndRoundTripsThroughToYaml(Path file) {
        BuildSpec original = BuildSpec.parse(file);

        String yaml = original.toYaml();

        assertThat(BuildSpec.parse(yaml)).as(yaml).isEqualTo(original);
        assertThat(BuildSpec.parse(yaml).toYaml()).isEqualTo(yaml);
    }

    @Test
    void theBuildSpecReferenceExampleKeepsEverySection() {
        BuildSpec spec = Fixtures.valid("build-spec-ref-example.yml");

        assertThat(spec.version()).isEqualTo("0.2");
        assertThat(spec.env().variables()).containsExactly(Map.entry("JAVA_HOME", "/usr/lib/jvm/java-8-openjdk-amd64"));
        assertThat(spec.env().parameterStore()).containsExactly(Map.entry("LOGIN_PASSWORD", "/CodeBuild/dockerLoginPassword"));
        assertThat(spec.phase(PhaseType.INSTALL).orElseThrow().commands())
                .containsExactly("echo Entered the install phase...", "apt-get update -y", "apt-get install -y maven");
        assertThat(spec.phase(PhaseType.INSTALL).orElseThrow().finallyCommands())
                .containsExactly("echo This always runs even if the update or install command fails");
        assertThat(spec.phase(PhaseType.PRE_BUILD).orElseThrow().commands())
                .contains("docker login –u User –p $LOGIN_PASSWORD");
        assertThat(spec.phase(PhaseType.BUILD).orElseThrow().commands()).contains("echo Build started on `date`");
        assertThat(spec.reports()).containsOnlyKeys(
                "arn:aws:codebuild:your-region:your-aws-account-id:report-group/report-group-name-1", "reportGroupCucumberJson");
        assertThat(spec.reports().get("reportGroupCucumberJson")).isEqualTo(new BuildSpec.Report(
                List.of("cucumber/target/cucumber-tests.xml"), Optional.empty(), Optional.of(true), Optional.of("CUCUMBERJSON")));
        assertThat(spec.reports().get("arn:aws:codebuild:your-region:your-aws-account-id:report-group/report-group-name-1"))
                .isEqualTo(new BuildSpec.Report(List.of("**/*"), Optional.of("target/tests/reports"), Optional.of(false), Optional.empty()));
        BuildSpec.Artifacts artifacts = spec.artifacts().orElseThrow();
        assertThat(artifacts.files()).containsExactly("target/messageUtil-1.0.jar");
        assertThat(artifacts.discardPaths()).hasValue(true);
        assertThat(artifacts.secondaryArtifacts()).containsOnlyKeys("artifact1", "artifact2");
        assertThat(artifacts.secondaryArtifacts().get("artifact2").files()).containsExactly("target/artifact-2.0.jar");
        assertThat(spec.cache().orElseThrow().paths()).containsExactly("/root/.m2/**/*");
    }

    @Test
    void theBooksBuildspecKeepsItsShellCommandsExactly() {
        BuildSpec spec = Fixtures.valid("book-todobackend.yml");

        assertThat(spec.phase(PhaseType.PRE_BUILD).orElseThrow().commands()).containsExactly(
                "nohup /usr/local/bin/dockerd --host=unix:///var/run/docker.sock --storage-driver=overlay&",
                "timeout -t 15 sh -c \"until docker info; do echo .; sleep 1; done\"",
                "export BUILD_ID=$(echo $CODEBUILD_BUILD_ID | sed 's/^[^:]*://g')",
                "export APP_VERSION=$CODEBUILD_RESOLVED_SOURCE_VERSION.$BUILD_ID",
                "make login");
        assertThat(spec.phase(PhaseType.POST_BUILD).orElseThrow().commands()).containsExactly("make clean", "make logout");
        assertThat(spec.artifacts()).isEmpty();
    }

    @Test
    void windowsCommandsAndNumberLikeVariablesKeepTheirText() {
        BuildSpec spec = Fixtures.valid("sample-windows-csharp-framework.yml");

        assertThat(spec.env().variables()).containsExactly(
                Map.entry("SOLUTION", ".\\CSharpHelloWorld.sln"),
                Map.entry("PACKAGE_DIRECTORY", ".\\packages"),
                Map.entry("DOTNET_FRAMEWORK", "4.6.2"));
        assertThat(spec.phase(PhaseType.BUILD).orElseThrow().commands().get(0))
                .isEqualTo("& \"C:\\ProgramData\\chocolatey\\bin\\NuGet.exe\" restore $env:SOLUTION -PackagesDirectory $env:PACKAGE_DIRECTORY");
        assertThat(spec.artifacts().orElseThrow().files()).containsExactly(".\\CSharpHelloWorld\\bin\\Debug\\*");
    }

    @Test
    void runtimeVersionsKeepTheirTextNotANumber() {
        assertThat(Fixtures.valid("test-report-pytest.yml").phase(PhaseType.INSTALL).orElseThrow().runtimeVersions())
                .containsExactly(Map.entry("python", "3.7"));
        assertThat(Fixtures.valid("sample-runtime-versions-android.yml").phase(PhaseType.INSTALL).orElseThrow().runtimeVersions())
                .containsExactly(Map.entry("android", "28"), Map.entry("java", "openjdk8"));
    }

    @Test
    void trailingSpacesOfPlainCommandsAreNotPartOfTheCommand() {
        assertThat(Fixtures.valid("sample-docker.yml").phase(PhaseType.BUILD).orElseThrow().commands())
                .contains("echo Building the Docker image...");
    }

    @Test
    void aBatchSectionIsKeptAsTheTreeItWasWrittenAs() {
        BuildSpec spec = Fixtures.valid("batch-build-matrix.yml");

        assertThat(spec.batch().orElseThrow().definition()).isEqualTo(Map.of("build-matrix", Map.of(
                "static", Map.of("ignore-failure", "false", "env", Map.of("type", "LINUX_CONTAINER", "privileged-mode", "true")),
                "dynamic", Map.of("env", Map.of(
                        "image", List.of("aws/codebuild/amazonlinux2-x86_64-standard:3.0", "aws/codebuild/windows-base:2.0"),
                        "variables", Map.of("MY_VAR", List.of("VALUE1", "VALUE2", "VALUE3")))))));
        assertThat(spec.toYaml()).contains("      ignore-failure: false\n", "        privileged-mode: true\n");
    }

    @Test
    void everyKeyOfTheBuildspecIsRead() {
        BuildSpec spec = Fixtures.valid("slipway-every-key.yml");

        assertThat(spec.runAs()).hasValue("codebuild-user");
        assertThat(spec.env().shell()).hasValue("bash");
        assertThat(spec.env().variables()).containsEntry("PORT", "8080").containsEntry("PYTHON_VERSION", "3.10")
                .containsEntry("DEBUG", "yes").containsEntry("PATH", "$PATH:/usr/share/ant/bin");
        assertThat(spec.env().secretsManager()).containsEntry("DB_PASSWORD",
                "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db-AbCdEf:password:AWSCURRENT");
        assertThat(spec.env().exportedVariables()).containsExactly("IMAGE_TAG", "APP_VERSION");
        assertThat(spec.env().gitCredentialHelper()).hasValue(true);
        assertThat(spec.proxy()).hasValue(new BuildSpec.Proxy(Optional.of(true), Optional.of(false)));
        assertThat(spec.phase(PhaseType.INSTALL).orElseThrow().onFailure()).hasValue(OnFailure.ABORT);
        assertThat(spec.phase(PhaseType.INSTALL).orElseThrow().runAs()).hasValue("root");
        assertThat(spec.phase(PhaseType.PRE_BUILD).orElseThrow().onFailure())
                .hasValue(new OnFailure(OnFailure.Action.RETRY, 2, Optional.of(".*timed out.*")));
        assertThat(spec.phase(PhaseType.BUILD).orElseThrow().onFailure()).hasValue(OnFailure.CONTINUE);
        assertThat(spec.phase(PhaseType.BUILD).orElseThrow().finallyCommands()).containsExactly("make clean");
        assertThat(spec.phase(PhaseType.POST_BUILD).orElseThrow().commands())
                .containsExactly("[ \"$CODEBUILD_BUILD_SUCCEEDING\" = 1 ] || exit 1", "make publish");
        assertThat(spec.reports().get("arn:aws:codebuild:eu-west-1:123456789012:report-group/unit-tests").fileFormat())
                .hasValue("JunitXml");
        BuildSpec.Artifacts artifacts = spec.artifacts().orElseThrow();
        assertThat(artifacts.excludePaths()).containsExactly("**/*.map");
        assertThat(artifacts.enableSymlinks()).hasValue(true);
        assertThat(artifacts.s3Prefix()).hasValue("builds");
        assertThat(artifacts.secondaryArtifacts().get("docs").baseDirectory()).hasValue("docs");
        assertThat(spec.cache()).hasValue(new BuildSpec.Cache(List.of("/root/.cache/pip/**/*"),
                Optional.of("pip-$(md5sum requirements.txt)"), List.of("pip-"), Optional.of("restore")));
    }

    @Test
    void commandsKeepTheTextYamlGivesThemWhateverTheirStyle() {
        BuildSpec spec = Fixtures.valid("slipway-command-styles.yml");

        assertThat(spec.phase(PhaseType.BUILD).orElseThrow().commands()).containsExactly(
                "echo plain",
                "echo single: quoted",
                "echo double \"quoted\" with\ttab",
                "export PACKAGE_NAME=$(cat package.json | grep name | head -1 | awk -F: '{ print $2 }' | sed 's/[\",]//g')",
                "echo not a comment#here",
                "echo a comment follows",
                "if [ \"$CODEBUILD_BUILD_SUCCEEDING\" = 1 ]; then\n  echo ok\nfi\n",
                "for f in *.txt; do\n  cat \"$f\"\ndone",
                "mvn -B -DskipTests package\n",
                "folded without newline",
                "kept\n\n",
                "");
    }

    @Test
    void version01PlainTextVariablesBecomeEnvVariables() {
        BuildSpec spec = Fixtures.valid("slipway-version-0.1.yml");

        assertThat(spec.version()).isEqualTo("0.1");
        assertThat(spec.oneShellPerCommand()).isTrue();
        assertThat(spec.env().variables()).containsExactly(
                Map.entry("JAVA_HOME", "/usr/lib/jvm/java-8-openjdk-amd64"), Map.entry("RETRIES", "3"));
        assertThat(spec.toYaml()).startsWith("version: 0.1\nenvironment_variables:\n  plaintext:\n    JAVA_HOME: ");
    }

    @Test
    void anchorsAliasesAndMergeKeysAreResolved() {
        BuildSpec spec = Fixtures.valid("slipway-anchors-and-merge-keys.yml");

        assertThat(spec.phase(PhaseType.BUILD).orElseThrow().commands()).containsExactly("make login");
        assertThat(spec.artifacts().orElseThrow().secondaryArtifacts().get("site")).isEqualTo(
                BuildSpec.Artifacts.files("docs/**/*").withDiscardPaths(true).withBaseDirectory("site"));
    }
}
