package dev.slipway.examples.docs;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every {@code <pre>{@code …}</pre>} example in the Javadoc of the public modules compiles against the current
 * API, so that the examples users read in their IDE cannot drift from it. An example is the body of a method
 * in a class whose fields are the names examples take as given: {@code pipeline}, {@code runtime}, {@code result}…
 */
class JavadocExamplesTest {
    private static final List<String> MODULES = List.of("core", "dsl", "runtime-local", "runtime-aws");
    private static final String GIVEN = String.join("\n",
            "  Pipeline pipeline, p;",
            "  PipelineResult result, r;",
            "  BuildResult build;",
            "  Action action;",
            "  BuildSpec spec;");

    @TempDir
    Path work;

    record Example(Path file, int line, String module, String code) {
        String given() {
            return GIVEN + "\n" + (module.equals("runtime-aws") ? "  AwsRuntime runtime, aws;" : "  LocalRuntime runtime;");
        }
    }

    @TestFactory
    Stream<DynamicTest> everyJavadocExampleCompiles() throws IOException {
        Path root = ReadmeCodeTest.checkout();
        List<Example> examples = new ArrayList<>();
        for (String module : MODULES) {
            try (Stream<Path> files = Files.walk(root.resolve(module).resolve("src/main/java"))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java") && !f.toString().contains("/internal/")).toList()) {
                    examples.addAll(examples(root, module, file));
                }
            }
        }
        assertThat(examples).as("Javadoc examples").hasSizeGreaterThan(20);
        return examples.stream().map(example -> DynamicTest.dynamicTest(
                root.relativize(example.file()) + ":" + example.line(), () -> compile(example, examples.indexOf(example))));
    }

    private void compile(Example example, int number) throws IOException {
        String className = "JavadocExample" + number;
        String source = SnippetCompiler.source(className, example.code(), example.given(), false);
        String errors = SnippetCompiler.compile(work.resolve("example" + number), className, source);
        assertThat(errors).as("the example at %s:%d does not compile:%n%s%n--- as compiled:%n%s",
                example.file(), example.line(), errors, source).isNull();
    }

    static List<Example> examples(Path root, String module, Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        List<Example> found = new ArrayList<>();
        StringBuilder current = null;
        int start = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).replaceFirst("^\\s*\\*? ?", "");
            if (current == null && line.trim().equals("<pre>{@code")) {
                current = new StringBuilder();
                start = i + 2;
            } else if (current != null && line.trim().equals("}</pre>")) {
                found.add(new Example(file, start, module, current.toString()
                        .replace("&lt;", "<").replace("&gt;", ">").replace("&#64;", "@").replace("&amp;", "&")));
                current = null;
            } else if (current != null) {
                current.append(line).append('\n');
            }
        }
        return found;
    }
}
