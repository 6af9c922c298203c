package dev.slipway.core.buildspec;

import dev.slipway.core.BuildSpec;
import dev.slipway.core.InvalidBuildSpecException;
import dev.slipway.core.PhaseType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BuildSpecReaderTest {
    private static final String MINIMAL = "version: 0.2\nphases:\n  build:\n    commands:\n      - make\n";

    @Test
    void versionIsReadAsItsTextNeverAsANumber() {
        assertThat(BuildSpec.parse(MINIMAL).version()).isEqualTo("0.2");
        assertThat(BuildSpec.parse(MINIMAL.replace("0.2", "\"0.1\"")).version()).isEqualTo("0.1");
    }

    @Test
    void scalarValuesKeepTheirExactText() {
        BuildSpec spec = BuildSpec.parse("""
                version: 0.2
                env:
                  variables:
                    PORT: 8080
                    RATIO: 1e3
                    MASK: 0x1F
                    ENABLED: yes
                    NOTHING_QUOTED: ''
                    TILDE_QUOTED: "~"
                    OCTAL: 0755
                phases:
                  install:
                    runtime-versions:
                      python: 3.10
                """);

        assertThat(spec.env().variables()).containsExactly(
                Map.entry("PORT", "8080"), Map.entry("RATIO", "1e3"), Map.entry("MASK", "0x1F"), Map.entry("ENABLED", "yes"),
                Map.entry("NOTHING_QUOTED", ""), Map.entry("TILDE_QUOTED", "~"), Map.entry("OCTAL", "0755"));
        assertThat(spec.phase(PhaseType.INSTALL).orElseThrow().runtimeVersions()).containsExactly(Map.entry("python", "3.10"));
    }

    @ParameterizedTest
    @CsvSource({"yes, true", "no, false", "true, true", "false, false", "YES, true", "No, false", "TRUE, true", "'\"yes\"', true"})
    void yesNoKeysAcceptYesNoTrueAndFalseInAnyCase(String written, boolean expected) {
        BuildSpec spec = BuildSpec.parse(MINIMAL + "artifacts:\n  files:\n    - a\n  discard-paths: " + written + "\n");

        assertThat(spec.artifacts().orElseThrow().discardPaths()).hasValue(expected);
    }

    @Test
    void aPhaseWithEveryCommandCommentedOutHasNoCommands() {
        BuildSpec spec = BuildSpec.parse("""
                version: 0.2
                phases:
                  install:
                  build:
                    commands:
                      # - make
                """);

        assertThat(spec.phase(PhaseType.INSTALL)).hasValue(BuildSpec.Phase.EMPTY);
        assertThat(spec.phase(PhaseType.BUILD)).hasValue(BuildSpec.Phase.EMPTY);
    }

    @Test
    void phasesAreKeptInRunOrderWhateverOrderTheFileUses() {
        BuildSpec spec = BuildSpec.parse("""
                version: 0.2
                phases:
                  post_build:
                    commands: [c]
                  install:
                    commands: [a]
                """);

        assertThat(spec.allCommands()).containsExactly("a", "c");
    }

    @Test
    void theClassicUnquotedColonIsAnErrorAtTheCommand() {
        assertThatThrownBy(() -> BuildSpec.parse(MINIMAL + "      - echo foo: bar\n", "buildspec.yml"))
                .isInstanceOf(InvalidBuildSpecException.class)
                .hasMessage("buildspec.yml:6:9: phases.build.commands[1]: expected a string, got a mapping (quote the command if it contains ': ')");
    }

    @Test
    void anUnknownKeyFarFromAnyValidKeyListsTheValidOnes() {
        assertThatThrownBy(() -> BuildSpec.parse(MINIMAL.replace("commands", "steps")))
                .hasMessage("<inline>:4:5: phases.build: unknown key 'steps'; expected one of run-as, on-failure, runtime-versions, commands, finally");
    }

    @Test
    void keysDifferingOnlyInCaseOrSeparatorAreSuggested() {
        assertThatThrownBy(() -> BuildSpec.parse(MINIMAL + "artifacts:\n  files: [a]\n  Discard_Paths: yes\n"))
                .hasMessage("<inline>:8:3: artifacts: unknown key 'Discard_Paths'; did you mean 'discard-paths'?");
    }

    @Test
    void aRetryCountOutOfRangeIsALocatedError() {
        assertThatThrownBy(() -> BuildSpec.parse(MINIMAL.replace("    commands:", "    on-failure: RETRY-101\n    commands:")))
                .hasMessage("<inline>:4:17: phases.build.on-failure: retry count must be within 0..100, got 101");
    }

    @Test
    void aRecursiveAliasInBatchIsRefused() {
        assertThatThrownBy(() -> BuildSpec.parse(MINIMAL + "batch:\n  build-graph: &g\n    - *g\n"))
                .isInstanceOf(InvalidBuildSpecException.class)
                .hasMessageContaining("recursive");
    }

    @Test
    void parsesFromPathAndNamesTheFileInErrors(@TempDir Path dir) throws Exception {
        Path good = Files.writeString(dir.resolve("buildspec.yml"), MINIMAL);
        Path bad = Files.writeString(dir.resolve("broken.yml"), "version: 0.9\nphases: {}\n");

        assertThat(BuildSpec.parse(good).allCommands()).containsExactly("make");
        assertThatThrownBy(() -> BuildSpec.parse(bad))
                .hasMessage(bad + ":1:10: version: unsupported version '0.9'; supported versions are 0.2 and 0.1");
    }

    @Test
    void aMissingFileIsAnInvalidBuildSpecNamingTheFile(@TempDir Path dir) {
        Path missing = dir.resolve("nope.yml");

        assertThatThrownBy(() -> BuildSpec.parse(missing))
                .isInstanceOf(InvalidBuildSpecException.class)
                .hasMessageStartingWith(missing + ": cannot read the file");
    }

    @Test
    void parsesFromAStreamAndFromAString() {
        BuildSpec fromStream = BuildSpec.parse(new ByteArrayInputStream(MINIMAL.getBytes(StandardCharsets.UTF_8)));

        assertThat(fromStream).isEqualTo(BuildSpec.parse(MINIMAL));
        assertThatThrownBy(() -> BuildSpec.parse(new ByteArrayInputStream(new byte[0])))
                .hasMessage("<stream>: the buildspec is empty");
        assertThatThrownBy(() -> BuildSpec.parse("  \n# nothing\n"))
                .hasMessage("<inline>: the buildspec is empty");
    }

    @Test
    void anEmojiAcrossTheYamlReadersBufferBoundaryIsRead() {
        String prefix = "version: 0.2\nphases:\n  build:\n    commands:\n      - echo ";
        String command = "echo " + "x".repeat(1024 - prefix.length()) + "\ud83d\ude00 done";
        String yaml = prefix.substring(0, prefix.length() - "echo ".length()) + command + "\n";

        assertThat(yaml.charAt(1024)).isEqualTo('\ud83d');
        assertThat(BuildSpec.parse(yaml).allCommands()).containsExactly(command);
    }

    @Test
    void nonPrintableCharactersAreAYamlErrorWithAPosition() {
        assertThatThrownBy(() -> BuildSpec.parse("version: 0.2\nphases:\n  build:\n    commands: [\"a\u0001\"]\n"))
                .hasMessage("<inline>:4:18: invalid YAML: the character U+0001 is not allowed in YAML text");
    }
}
