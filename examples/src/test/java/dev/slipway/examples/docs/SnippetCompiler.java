package dev.slipway.examples.docs;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Compiles a documentation snippet against the test class path: the snippet's {@code import} lines are lifted
 * out, the rest becomes the body of {@code public void run()} in a class that may declare fields the snippet
 * refers to (a snippet's own locals shadow them).
 */
final class SnippetCompiler {
    static final String IMPORTS = String.join("\n",
            "import static dev.slipway.dsl.Slipway.*;",
            "import dev.slipway.core.*;",
            "import dev.slipway.dsl.*;",
            "import dev.slipway.testing.*;",
            "import dev.slipway.report.*;",
            "import dev.slipway.runtime.local.*;",
            "import dev.slipway.runtime.aws.*;",
            "import java.net.URI;",
            "import java.nio.file.*;",
            "import java.time.*;",
            "import java.util.*;");

    private SnippetCompiler() {
    }

    /** The source of class {@code className} around {@code snippet}; {@code fields} are declared in the class. */
    static String source(String className, String snippet, String fields, boolean declaresType) {
        String imports = snippet.lines().filter(l -> l.startsWith("import ")).collect(Collectors.joining("\n"));
        String body = snippet.lines().filter(l -> !l.startsWith("import ")).collect(Collectors.joining("\n"));
        return declaresType
                ? IMPORTS + "\n" + imports + "\n" + body + "\nclass " + className + " { }\n"
                : IMPORTS + "\n" + imports + "\npublic class " + className + " {\n" + fields
                        + "\n  public void run() throws Exception {\n" + body + "\n  }\n}\n";
    }

    /** Compiles {@code source} into {@code dir}; returns null when it compiles, else javac's complaints. */
    static String compile(Path dir, String className, String source) throws IOException {
        Path file = Files.createDirectories(dir).resolve(className + ".java");
        Files.writeString(file, source);
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
            boolean ok = compiler.getTask(null, files, diagnostics,
                    List.of("-classpath", System.getProperty("java.class.path"), "-d", dir.toString(), "-proc:none"),
                    null, files.getJavaFileObjects(file)).call();
            return ok ? null : describe(diagnostics.getDiagnostics());
        }
    }

    private static String describe(List<Diagnostic<? extends JavaFileObject>> diagnostics) {
        return diagnostics.stream().filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                .map(d -> "  line " + d.getLineNumber() + ": " + d.getMessage(Locale.ROOT))
                .collect(Collectors.joining("\n"));
    }
}
