package dev.slipway.examples.docs;

import dev.slipway.examples.jshell.SlipwayShell;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every {@code java} code block of README.md compiles against the current API, and the ones that need
 * neither Docker nor AWS (they use the scripted runtime) also run. A block is the body of a method; its
 * {@code import} lines are lifted out; a block that declares a class is compiled as a file of its own. The
 * {@code jshell} blocks run in the Slipway shell, and every script and source path the guide names exists.
 */
class ReadmeCodeTest {
    @TempDir
    Path work;

    record Block(int number, int line, String code) {
        boolean runnable() {
            return code.contains("ScriptedRuntime") && !code.contains("LocalRuntime") && !code.contains("AwsRuntime");
        }

        boolean declaresType() {
            return code.lines().anyMatch(l -> l.matches("^(public |final |abstract )*(class|record|interface|enum) .*"));
        }
    }

    @TestFactory
    Stream<DynamicTest> everyJavaBlockCompiles_andScriptedOnesRun() throws IOException {
        List<Block> blocks = javaBlocks(readme());
        assertThat(blocks).as("java blocks in README.md").hasSizeGreaterThan(5);
        return blocks.stream().map(block -> DynamicTest.dynamicTest(
                "README.md block " + block.number() + " (line " + block.line() + ")" + (block.runnable() ? " runs" : " compiles"),
                () -> compileAndMaybeRun(block)));
    }

    @Test
    void theJshellBlocksRunInTheSlipwayShell() throws IOException {
        List<Block> blocks = blocks(readme(), "jshell");
        assertThat(blocks).as("jshell blocks in README.md").isNotEmpty();
        for (Block block : blocks) {
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            try (SlipwayShell shell = new SlipwayShell(new PrintStream(output, true, StandardCharsets.UTF_8))) {
                boolean ok = shell.run(new BufferedReader(new StringReader(block.code())), false);
                String printed = output.toString(StandardCharsets.UTF_8);
                assertThat(ok).as("README.md jshell block at line %d:%n%s", block.line(), printed).isTrue();
                assertThat(printed).as("README.md jshell block at line %d", block.line())
                        .contains("p ==> Pipeline todobackend", "SUCCEEDED", "[make test, make clean]")
                        .doesNotContain("|  Error", "|  Exception");
            }
        }
    }

    @Test
    void everyFileTheGuideNamesExists() throws IOException {
        Path root = checkout();
        Matcher paths = Pattern.compile("(?<![\\w/.])((?:scripts|bin|examples|runtime-local|runtime-aws|core|dsl)/[\\w./-]*[\\w])")
                .matcher(String.join("\n", readme()));
        List<String> missing = new ArrayList<>();
        int named = 0;
        while (paths.find()) {
            String path = paths.group(1).replace("…/", "");
            if (path.contains("…")) {
                continue;
            }
            named++;
            if (!Files.exists(root.resolve(path))) {
                missing.add(path);
            }
        }
        assertThat(named).isGreaterThan(5);
        assertThat(missing).as("paths README.md names that are not in the checkout").isEmpty();
    }

    private void compileAndMaybeRun(Block block) throws Exception {
        Path dir = work.resolve("block" + block.number());
        String className = "ReadmeBlock" + block.number();
        String source = SnippetCompiler.source(className, block.code(), "", block.declaresType());
        String errors = SnippetCompiler.compile(dir, className, source);
        assertThat(errors).as("README.md block at line %d does not compile:%n%s%n--- as compiled:%n%s",
                block.line(), errors, source).isNull();
        if (block.runnable() && !block.declaresType()) {
            try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
                Object instance = loader.loadClass(className).getConstructor().newInstance();
                instance.getClass().getMethod("run").invoke(instance);
            }
        }
    }

    static List<Block> javaBlocks(List<String> lines) {
        return blocks(lines, "java");
    }

    static List<Block> blocks(List<String> lines, String language) {
        List<Block> blocks = new ArrayList<>();
        StringBuilder current = null;
        int start = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (current == null && line.trim().equals("```" + language)) {
                current = new StringBuilder();
                start = i + 2;
            } else if (current != null && line.trim().equals("```")) {
                blocks.add(new Block(blocks.size() + 1, start, current.toString()));
                current = null;
            } else if (current != null) {
                current.append(line).append('\n');
            }
        }
        return blocks;
    }

    private static List<String> readme() throws IOException {
        return Files.readAllLines(checkout().resolve("README.md"));
    }

    /** The checkout's root: the directory holding README.md and examples/. */
    static Path checkout() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !(Files.isRegularFile(dir.resolve("README.md")) && Files.isDirectory(dir.resolve("examples")))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("the checkout's README.md").isNotNull();
        return dir;
    }
}
