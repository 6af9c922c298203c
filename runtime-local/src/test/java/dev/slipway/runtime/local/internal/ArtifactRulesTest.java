package dev.slipway.runtime.local.internal;

import dev.slipway.core.BuildSpec;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ArtifactRulesTest {
    @Test
    void filesAreRelativeToTheSourceDirectoryWithoutABaseDirectory() {
        ArtifactRules rules = ArtifactRules.of(BuildSpec.Artifacts.files("target/*.jar", "README"));

        assertThat(rules.target("target/app.jar")).contains("target/app.jar");
        assertThat(rules.target("target/lib/dep.jar")).isEmpty();
        assertThat(rules.target("README")).contains("README");
        assertThat(rules.root()).isEmpty();
    }

    @Test
    void aBaseDirectoryIsLeftOutOfThePathsAndNarrowsWhatIsCopied() {
        ArtifactRules rules = ArtifactRules.of(BuildSpec.Artifacts.files("**/*").withBaseDirectory("build/out"));

        assertThat(rules.target("build/out/app/index.html")).contains("app/index.html");
        assertThat(rules.target("build/other.txt")).isEmpty();
        assertThat(rules.root()).isEqualTo("build/out");
    }

    @Test
    void aBaseDirectoryGlobTakesTheContentsOfEveryMatchingDirectory() {
        ArtifactRules rules = ArtifactRules.of(BuildSpec.Artifacts.files("*").withBaseDirectory("dist*"));

        assertThat(rules.target("dist1/a.txt")).contains("a.txt");
        assertThat(rules.target("dist-linux/b.txt")).contains("b.txt");
        assertThat(rules.target("other/c.txt")).isEmpty();
        assertThat(rules.target("dist1/sub/d.txt")).isEmpty();
        assertThat(rules.root()).isEmpty();
    }

    @Test
    void discardPathsKeepsFileNamesAndExcludePathsLeaveFilesOut() {
        ArtifactRules rules = ArtifactRules.of(BuildSpec.Artifacts.files("**/*").withBaseDirectory("out")
                .withDiscardPaths(true).withExcludePaths(List.of("**/*.tmp", "secret")));

        assertThat(rules.target("out/com/example/A.class")).contains("A.class");
        assertThat(rules.target("out/x/y.tmp")).isEmpty();
        assertThat(rules.target("out/secret/key")).isEmpty();
    }

    @Test
    void aFilesEntryNamingADirectoryTakesEverythingBelowIt() {
        ArtifactRules rules = ArtifactRules.of(BuildSpec.Artifacts.files("target/classes"));

        assertThat(rules.target("target/classes/a/B.class")).contains("target/classes/a/B.class");
        assertThat(rules.root()).isEqualTo("target");
    }

    @Test
    void patternsThatMatchedNothingAreListed() {
        ArtifactRules rules = ArtifactRules.of(BuildSpec.Artifacts.files("*.jar", "*.war"));
        rules.target("app.jar");

        assertThat(rules.unmatchedPatterns()).containsExactly("*.war");
    }

    @Test
    void theRootIsTheDirectoryAllPatternsShare() {
        assertThat(ArtifactRules.of(BuildSpec.Artifacts.files("target/lib/*.jar", "target/app.jar")).root()).isEqualTo("target");
        assertThat(ArtifactRules.of(BuildSpec.Artifacts.files("a/x", "b/y")).root()).isEmpty();
        assertThat(ArtifactRules.of(BuildSpec.Artifacts.files("*").withBaseDirectory("out/dist*")).root()).isEqualTo("out");
    }
}
