package dev.slipway.examples.jshell;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class SlipwayShellTest {
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final SlipwayShell shell = new SlipwayShell(new PrintStream(output, true, StandardCharsets.UTF_8));

    @AfterEach
    void close() {
        shell.close();
    }

    private boolean run(String input) throws IOException {
        return shell.run(new BufferedReader(new StringReader(input)), false);
    }

    private String output() {
        return output.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theDesignExampleTypedLineByLineRunsAndPrintsReadableValues() throws IOException {
        boolean ok = run(Files.readString(Path.of("src/main/jshell/design-example.jsh")));

        assertThat(ok).as(output()).isTrue();
        assertThat(output())
                .contains("p ==> Pipeline todobackend")
                .contains("Build [Build: build todobackend in docker-in-aws/codebuild (4 commands)]")
                .contains("r ==> todobackend FAILED in")
                .contains("POST_BUILD        SUCCEEDED")
                .contains("$1 ==> SUCCEEDED")
                .contains("$3 ==> FAILED")
                .doesNotContain("|  Error", "|  Exception", "only /vars");
    }

    @Test
    void aStatementWithoutSemicolonRunsWhenTheNextLineDoesNotContinueIt() throws IOException {
        boolean ok = run("int a = 40\nint b = a + 2\nb\n");

        assertThat(ok).isTrue();
        assertThat(output()).isEqualTo("a ==> 40\nb ==> 42\nb ==> 42\n");
    }

    @Test
    void errorsAreReportedAndTheRunFails() throws IOException {
        boolean ok = run("Pipeline p = pipeline(\"bad name\").stage(\"Build\", codeBuild(\"b1\").image(\"i\").build(\"x\")).build();\n");

        assertThat(ok).isFalse();
        assertThat(output()).contains("|  Exception dev.slipway.core.InvalidPipelineException: pipeline 'bad name' has 1 problem:");
    }

    @Test
    void compileErrorsNameTheLine() throws IOException {
        boolean ok = run("Pipeline p = pipeline(\"x\")\n    .stag(\"A\")\n    .build();\n");

        assertThat(ok).isFalse();
        assertThat(output()).contains("|  Error (line 2 of the snippet): cannot find symbol");
    }
}
