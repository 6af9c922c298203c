package dev.slipway.core.buildspec;

import dev.slipway.core.BuildSpec;
import dev.slipway.core.InvalidBuildSpecException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Every file under {@code buildspecs/invalid} starts with {@code # expect: <message>}: the exact error that reading it
 * must give, file name, line, column and key path included.
 */
class InvalidBuildspecsTest {
    private static final String EXPECT = "# expect: ";

    static Stream<Path> invalidBuildspecs() {
        return Fixtures.files("invalid");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidBuildspecs")
    void failsWithTheExpectedLocatedMessage(Path file) {
        String text = Fixtures.read(file);
        assertThat(text).as("first line of %s", file).startsWith(EXPECT);
        String expected = text.substring(EXPECT.length(), text.indexOf('\n'));

        InvalidBuildSpecException error = catchThrowableOfType(InvalidBuildSpecException.class,
                () -> BuildSpec.parse(text, file.getFileName().toString()));

        assertThat(error).as("error for %s", file).isNotNull();
        assertThat(error.getMessage()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidBuildspecs")
    void messagesAreOneLineWithoutJavaInternals(Path file) {
        InvalidBuildSpecException error = catchThrowableOfType(InvalidBuildSpecException.class,
                () -> BuildSpec.parse(Fixtures.read(file), file.getFileName().toString()));

        assertThat(error.getMessage())
                .doesNotContain("\n", "\tat ", "Exception", "org.snakeyaml", "java.", "dev.slipway")
                .doesNotContainPattern("[a-z]+\\.[a-z]+\\.[A-Z][A-Za-z]+");
    }

    @Test
    void thereAreAtLeastFifteenBrokenFiles() {
        assertThat(invalidBuildspecs()).hasSizeGreaterThanOrEqualTo(15);
    }

    @Test
    void theErrorCarriesItsPartsSeparately() {
        Path file = Fixtures.dir("invalid").resolve("command-written-as-mapping.yml");

        InvalidBuildSpecException error = catchThrowableOfType(InvalidBuildSpecException.class, () -> BuildSpec.parse(file));

        assertThat(error.source()).isEqualTo(file.toString());
        assertThat(error.line()).isEqualTo(8);
        assertThat(error.column()).isEqualTo(9);
        assertThat(error.path()).hasValue("phases.build.commands[2]");
        assertThat(error.problem()).isEqualTo("expected a string, got a mapping (quote the command if it contains ': ')");
        assertThat(error.getMessage()).startsWith(file + ":8:9: ");
    }
}
