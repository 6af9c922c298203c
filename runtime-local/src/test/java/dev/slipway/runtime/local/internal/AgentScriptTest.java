package dev.slipway.runtime.local.internal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The shell side of the agent, run with this machine's shells (no Docker needed). */
class AgentScriptTest {
    @TempDir
    Path dir;

    @Test
    void valuesAreQuotedForAnyShell() {
        assertThat(AgentScript.quote("it's")).isEqualTo("'it'\\''s'");
        assertThat(AgentScript.exportLine("A", "$x `y`")).isEqualTo("export A='$x `y`'\n");
        assertThatThrownBy(() -> AgentScript.exportLine("not-a-name", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AgentScript.run("n", "bash; rm -rf /", "/env", true, "true")).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sh", "bash"})
    void theChildScriptCarriesExportsAndTheDirectoryOverAndAnExitEndsOnlyItsCommand(String shell) throws Exception {
        Path work = Files.createDirectories(dir.resolve("it's a dir"));
        Path env = dir.resolve("env");
        Files.writeString(env, AgentScript.exportLine("GREETING", "hello 'world'") + "cd " + AgentScript.quote(dir.toString()) + "\n");

        assertThat(run(shell, env, true, "export FOO=\"a'b\\\"c\"; cd " + AgentScript.quote(work.toString()) + "; exit 3")).isEqualTo(3);
        assertThat(run(shell, env, true, "[ \"$FOO\" = \"a'b\\\"c\" ] && [ \"$(pwd)\" = " + AgentScript.quote(work.toString())
                + " ] && [ \"$GREETING\" = \"hello 'world'\" ]")).isEqualTo(0);
        assertThat(run(shell, env, false, "export BAR=1")).isEqualTo(0);
        assertThat(run(shell, env, true, "[ -z \"$BAR\" ]")).isEqualTo(0);
    }

    @Test
    void printedVariablesComeBackBetweenMarkers() {
        String script = AgentScript.printVariables("N", List.of("A", "bad-name", "B"));
        assertThat(script).contains("${A+x}").contains("${B+x}").doesNotContain("bad-name");
    }

    private int run(String shell, Path env, boolean save, String command) throws Exception {
        Path child = dir.resolve("child.sh");
        Files.writeString(child, AgentScript.CHILD_SCRIPT);
        Path script = dir.resolve("script.sh");
        Files.writeString(script, AgentScript.scriptOf(command).replace(AgentScript.CHILD, child.toString()), StandardCharsets.UTF_8);
        Process p = new ProcessBuilder(shell, script.toString(), env.toString(), save ? "1" : "0")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int code = p.waitFor();
        assertThat(out).as("output of " + command).doesNotContain("not found").doesNotContain("syntax error");
        return code;
    }
}
