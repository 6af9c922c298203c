package dev.slipway.core.buildspec;

import dev.slipway.core.BuildSpec;
import dev.slipway.core.BuildSpec.Phase;
import dev.slipway.core.PhaseType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BuildSpecWriterTest {

    @Test
    void rendersTheConventionalLayoutAndKeyOrder() {
        BuildSpec spec = BuildSpec.builder()
                .cache(BuildSpec.Cache.paths("/root/.m2/**/*"))
                .artifacts(BuildSpec.Artifacts.files("target/app.jar").withDiscardPaths(true)
                        .withSecondary("docs", BuildSpec.Artifacts.files("docs/**/*")))
                .report("unit", new BuildSpec.Report(List.of("target/surefire-reports/*.xml"), Optional.empty(),
                        Optional.of(false), Optional.of("JUNITXML")))
                .phase(PhaseType.POST_BUILD, Phase.of("make clean"))
                .phase(PhaseType.BUILD, Phase.of("make test").withOnFailure(BuildSpec.OnFailure.CONTINUE).withFinally(List.of("make logs")))
                .phase(PhaseType.INSTALL, new Phase(Optional.empty(), Optional.empty(), Map.of("java", "corretto17"), List.of(), List.of()))
                .proxy(new BuildSpec.Proxy(Optional.of(true), Optional.empty()))
                .env(new BuildSpec.Env(Optional.of("bash"), Map.of("MAKEFLAGS", "-s"), Map.of(), Map.of(), List.of("IMAGE_TAG"),
                        Optional.of(false)))
                .runAs("codebuild-user")
                .build();

        assertThat(spec.toYaml()).isEqualTo("""
                version: 0.2
                run-as: codebuild-user
                env:
                  shell: bash
                  variables:
                    MAKEFLAGS: -s
                  exported-variables:
                    - IMAGE_TAG
                  git-credential-helper: no
                proxy:
                  upload-artifacts: yes
                phases:
                  install:
                    runtime-versions:
                      java: corretto17
                  build:
                    on-failure: CONTINUE
                    commands:
                      - make test
                    finally:
                      - make logs
                  post_build:
                    commands:
                      - make clean
                reports:
                  unit:
                    files:
                      - target/surefire-reports/*.xml
                    discard-paths: no
                    file-format: JUNITXML
                artifacts:
                  files:
                    - target/app.jar
                  discard-paths: yes
                  secondary-artifacts:
                    docs:
                      files:
                        - docs/**/*
                cache:
                  paths:
                    - /root/.m2/**/*
                """);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "8080", "3.10", "yes", "No", "ON", "off", "y", "true", "FALSE", "null", "~", "", "0x1F", "1e3",
            ".inf", "-.5", "2024-01-01", "=", "<<"})
    void valuesThatWouldReadAsAnotherTypeAreQuoted(String text) {
        String yaml = specWithVariable("V", text).toYaml();

        assertThat(yaml).contains("    V: '" + text + "'\n");
        assertThat(BuildSpec.parse(yaml).env().variables()).containsEntry("V", text);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '^', value = {
            "make test | make test",
            "echo $HOME:/x | echo $HOME:/x",
            "-Dskip | -Dskip",
            "echo a: b | 'echo a: b'",
            "echo a #b | 'echo a #b'",
            "*.jar | '*.jar'",
            "&& true | '&& true'",
            "! cmd | '! cmd'",
            "%x | '%x'",
            "@x | '@x'",
            "`date` | '`date`'",
            "- x | '- x'",
            "^echo \"hi\" 'there'^ | ^echo \"hi\" 'there'^",
            "^\"hi\" there^ | ^'\"hi\" there'^",
            "^'hi' there^ | ^\"'hi' there\"^",
            "^\"both\" it's^ | ^'\"both\" it''s'^",
            "^*\\it's^ | ^'*\\it''s'^",
            "^trailing ^ | ^'trailing '^",
            "^ leading^ | ^' leading'^"})
    void commandsArePlainWhenSafeAndQuotedOtherwise(String command, String rendered) {
        String yaml = BuildSpec.builder().phase(PhaseType.BUILD, Phase.of(command)).build().toYaml();

        assertThat(yaml).contains("      - " + rendered + "\n");
        assertThat(BuildSpec.parse(yaml).allCommands()).containsExactly(command);
    }

    @Test
    void multiLineCommandsBecomeLiteralBlocksWithTheRightChomping() {
        String yaml = BuildSpec.builder()
                .phase(PhaseType.BUILD, Phase.of("set -e\nmake", "set -e\nmake\n", "set -e\nmake\n\n", "\n\nafter blank lines"))
                .build().toYaml();

        assertThat(yaml).contains("""
                    commands:
                      - |-
                        set -e
                        make
                      - |
                        set -e
                        make
                      - |+
                        set -e
                        make

                      - |-


                        after blank lines
                """);
    }

    @Test
    void textABlockCannotHoldExactlyIsDoubleQuotedWithEscapes() {
        String yaml = BuildSpec.builder()
                .phase(PhaseType.BUILD, Phase.of("  indented\nfirst line", "tab\there", "crlf\r\nline", "bell\u0007", "nbsp\u00a0"))
                .build().toYaml();

        assertThat(yaml).contains(
                "      - \"  indented\\nfirst line\"\n",
                "      - \"tab\\there\"\n",
                "      - \"crlf\\r\\nline\"\n",
                "      - \"bell\\a\"\n",
                "      - \"nbsp\\xA0\"\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\n  ", "a\n\t b", "a\n \n", "a \nb", "\n", "\n\n", " \n", "#x\ny", "a\n---\nb", "a\n...\nb",
            "a\n- b\n", "a\n\tb\n\n\n", "x\n  \n  y", "\ta\nb", "a\r", "a\n#b", "a\n b: c", "\ud83d\ude00\n\ud83d\ude00",
            "a\u2028b", "a\u0085b\n"})
    void multiLineEdgeCasesReadBackExactly(String command) {
        BuildSpec spec = BuildSpec.builder().phase(PhaseType.BUILD, Phase.of(command)).build();

        assertThat(BuildSpec.parse(spec.toYaml())).as(spec.toYaml()).isEqualTo(spec);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '^', value = {
            "arn:aws:codebuild:eu-west-1:123456789012:report-group/unit | arn:aws:codebuild:eu-west-1:123456789012:report-group/unit",
            "my group | my group",
            "a: b | 'a: b'",
            "#group | '#group'",
            "1 | '1'",
            "ends: | 'ends:'"})
    void mapKeysAreQuotedWhenNeeded(String group, String rendered) {
        BuildSpec spec = BuildSpec.builder().phase(PhaseType.BUILD, Phase.of("make"))
                .report(group, new BuildSpec.Report(List.of("x.xml"), Optional.empty(), Optional.empty(), Optional.empty()))
                .build();

        assertThat(spec.toYaml()).contains("\n  " + rendered + ":\n");
        assertThat(BuildSpec.parse(spec.toYaml())).isEqualTo(spec);
    }

    @Test
    void requiredListsAreWrittenEvenWhenEmpty() {
        BuildSpec spec = BuildSpec.builder()
                .phase(PhaseType.BUILD, Phase.EMPTY.withFinally(List.of("cleanup")))
                .artifacts(BuildSpec.Artifacts.files(new String[0]))
                .build();

        assertThat(spec.toYaml()).contains("  build:\n    commands: []\n    finally:\n", "artifacts:\n  files: []\n");
        assertThat(BuildSpec.parse(spec.toYaml())).isEqualTo(spec);
        assertThat(BuildSpec.empty().toYaml()).isEqualTo("version: 0.2\nphases: {}\n");
        assertThat(BuildSpec.parse(BuildSpec.empty().toYaml())).isEqualTo(BuildSpec.empty());
    }

    @Test
    void version01IsRenderedWithEnvironmentVariablesPlaintext() {
        BuildSpec spec = specWithVariable("JAVA_HOME", "/usr/lib/jvm").toBuilder().version("0.1").build();

        assertThat(spec.toYaml()).startsWith("version: 0.1\nenvironment_variables:\n  plaintext:\n    JAVA_HOME: /usr/lib/jvm\nphases:\n");
        assertThat(BuildSpec.parse(spec.toYaml())).isEqualTo(spec);
    }

    @Test
    void version01CannotHoldParameterStoreVariables() {
        BuildSpec spec = BuildSpec.builder().version("0.1")
                .env(new BuildSpec.Env(Optional.empty(), Map.of(), Map.of("DB", "/db"), Map.of(), List.of(), Optional.empty()))
                .build();

        assertThatThrownBy(spec::toYaml)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("version 0.1 buildspec can only hold plain-text variables");
    }

    @Test
    void batchScalarsStayPlainSoCodeBuildSeesBooleansAndNumbers() {
        BuildSpec spec = BuildSpec.builder().phase(PhaseType.BUILD, Phase.of("make"))
                .batch(new BuildSpec.Batch(Map.of("build-list", List.of(Map.of("identifier", "a b: c", "ignore-failure", "true")))))
                .build();

        assertThat(spec.toYaml()).contains("batch:\n  build-list:\n    - ");
        assertThat(spec.toYaml()).contains("ignore-failure: true\n", "identifier: 'a b: c'\n");
        assertThat(BuildSpec.parse(spec.toYaml())).isEqualTo(spec);
    }

    private static BuildSpec specWithVariable(String name, String value) {
        return BuildSpec.builder()
                .env(BuildSpec.Env.EMPTY.withVariables(Map.of(name, value)))
                .phase(PhaseType.BUILD, Phase.of("make"))
                .build();
    }
}
