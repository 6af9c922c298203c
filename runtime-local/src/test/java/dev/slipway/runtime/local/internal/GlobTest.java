package dev.slipway.runtime.local.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class GlobTest {
    @Test
    void doubleStarSlashStarMatchesEveryFileAtAnyDepth() {
        Glob all = Glob.of("**/*");
        assertThat(all.matches("a.txt")).isTrue();
        assertThat(all.matches("d/e/f.txt")).isTrue();
    }

    @Test
    void starMatchesWithinOneDirectoryOnly() {
        Glob direct = Glob.of("d/*");
        assertThat(direct.matches("d/a.txt")).isTrue();
        assertThat(direct.matches("d/e/a.txt")).isFalse();
        assertThat(direct.matches("a.txt")).isFalse();
    }

    @Test
    void doubleStarBelowADirectoryMatchesEverythingUnderIt() {
        Glob below = Glob.of("d/**/*");
        assertThat(below.matches("d/a")).isTrue();
        assertThat(below.matches("d/e/f/g")).isTrue();
        assertThat(below.matches("x/d/a")).isFalse();
        assertThat(Glob.of("**/*.jar").matches("app.jar")).isTrue();
        assertThat(Glob.of("**/*.jar").matches("lib/x/app.jar")).isTrue();
        assertThat(Glob.of("**/*.jar").matches("lib/app.jar.txt")).isFalse();
    }

    @Test
    void questionMarksClassesAndLiteralsMatchAsInAShell() {
        assertThat(Glob.of("file?.txt").matches("file1.txt")).isTrue();
        assertThat(Glob.of("file?.txt").matches("file10.txt")).isFalse();
        assertThat(Glob.of("file[0-9].txt").matches("file7.txt")).isTrue();
        assertThat(Glob.of("file[!0-9].txt").matches("file7.txt")).isFalse();
        assertThat(Glob.of("a+b (1).txt").matches("a+b (1).txt")).isTrue();
        assertThat(Glob.of("./target/app.jar").matches("target/app.jar")).isTrue();
    }

    @Test
    void theLiteralDirectoryIsWhatComesBeforeTheFirstWildcard() {
        assertThat(Glob.of("target/lib/*.jar").literalDirectory()).isEqualTo("target/lib");
        assertThat(Glob.of("target/app.jar").literalDirectory()).isEqualTo("target");
        assertThat(Glob.of("**/*").literalDirectory()).isEmpty();
        assertThat(Glob.of("dist*/x").literalDirectory()).isEmpty();
        assertThat(Glob.of("app.jar").literalDirectory()).isEmpty();
        assertThat(Glob.of("target/app.jar").isLiteral()).isTrue();
        assertThat(Glob.of("target/*.jar").isLiteral()).isFalse();
    }
}
