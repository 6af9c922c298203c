package dev.slipway.examples.jshell;

import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.ExpressionSnippet;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.Completeness;
import jdk.jshell.VarSnippet;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * JShell with Slipway imported, where fluent chains may be typed the way Java code is written — with the
 * next line starting with a dot:
 *
 * <pre>
 * slipway&gt; Pipeline p = pipeline("todobackend")
 *    ...&gt;     .stage("Build", codeBuild("todobackend").image("slipway/debian").build("make test"))
 *    ...&gt;     .build();
 * p ==&gt; Pipeline todobackend …
 * </pre>
 *
 * <p>Plain JShell runs {@code Pipeline p = pipeline("todobackend")} at once, because it is a complete statement
 * without its semicolon, and then refuses the {@code .stage(…)} line. Here a statement without its semicolon
 * waits for the next line: if that starts with a dot it continues the statement, otherwise (or on an empty
 * line) the statement runs. Started by {@code bin/slipway-jshell}; reads a script file, or standard input.
 */
public final class SlipwayShell implements AutoCloseable {
    static final List<String> IMPORTS = List.of(
            "import static dev.slipway.dsl.Slipway.*;",
            "import dev.slipway.core.*;",
            "import dev.slipway.testing.ScriptedRuntime;",
            "import dev.slipway.runtime.local.LocalRuntime;",
            "import dev.slipway.runtime.aws.AwsRuntime;",
            "import dev.slipway.report.*;",
            "import java.nio.file.*;",
            "import java.time.Duration;");

    private final JShell shell;
    private final SourceCodeAnalysis analysis;
    private final PrintStream out;
    private boolean failed;

    public SlipwayShell(PrintStream out) {
        this.out = out;
        this.shell = JShell.builder().executionEngine("local").out(out).err(out).build();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            shell.addToClasspath(entry);
        }
        this.analysis = shell.sourceCodeAnalysis();
        IMPORTS.forEach(this::evalAll);
    }

    public static void main(String[] args) throws IOException {
        Console console = System.console();
        boolean interactive = args.length == 0 && console != null;
        try (SlipwayShell shell = new SlipwayShell(System.out)) {
            Reader input = args.length > 0
                    ? Files.newBufferedReader(Path.of(args[0]), StandardCharsets.UTF_8)
                    : new InputStreamReader(System.in, StandardCharsets.UTF_8);
            if (interactive) {
                System.out.println("Slipway shell (JShell), Slipway imported. /exit to leave.");
                System.out.println("A statement without its ';' may go on in the next line starting with '.'; an empty line runs it.");
            }
            boolean ok = shell.run(new BufferedReader(input), interactive);
            System.exit(ok ? 0 : 1);
        }
    }

    /** Runs every snippet of the input; returns false when one of them failed. */
    public boolean run(BufferedReader in, boolean interactive) throws IOException {
        StringBuilder pending = new StringBuilder();
        while (true) {
            if (interactive) {
                out.print(pending.length() == 0 ? "slipway> " : "   ...> ");
                out.flush();
            }
            String line = in.readLine();
            if (line == null) {
                evalAll(pending.toString());
                return !failed;
            }
            String trimmed = line.trim();
            if (pending.length() == 0 && isCommand(trimmed)) {
                if (command(trimmed)) {
                    return !failed;
                }
                continue;
            }
            boolean waiting = pending.length() > 0 && completeness(pending.toString()) == Completeness.COMPLETE_WITH_SEMI;
            if (waiting && !trimmed.startsWith(".")) {
                evalAll(pending.toString());
                pending.setLength(0);
                if (trimmed.isEmpty()) {
                    continue;
                }
                if (isCommand(trimmed)) {
                    if (command(trimmed)) {
                        return !failed;
                    }
                    continue;
                }
            }
            pending.append(line).append('\n');
            switch (completeness(pending.toString())) {
                case COMPLETE -> {
                    evalAll(pending.toString());
                    pending.setLength(0);
                }
                case EMPTY -> pending.setLength(0);
                default -> { }   // incomplete, or complete without ';': read on
            }
        }
    }

    private static boolean isCommand(String line) {
        return line.startsWith("/") && !line.startsWith("//") && !line.startsWith("/*");
    }

    /** Handles a /command; returns true for /exit. */
    private boolean command(String command) {
        switch (command.split("\\s+")[0]) {
            case "/exit" -> {
                return true;
            }
            case "/vars" -> shell.variables().forEach(v ->
                    out.println("|    " + v.typeName() + " " + v.name() + " = " + shell.varValue(v)));
            case "/imports" -> shell.imports().forEach(i -> out.println("|    " + i.source().trim()));
            default -> out.println("|  only /vars, /imports and /exit are known here; use bin/slipway-jshell --jshell for plain JShell");
        }
        return false;
    }

    private Completeness completeness(String source) {
        return analysis.analyzeCompletion(source).completeness();
    }

    private void evalAll(String source) {
        String rest = source;
        while (!rest.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(rest);
            if (!info.completeness().isComplete()) {
                eval(rest);
                return;
            }
            eval(info.source());
            rest = info.remaining();
        }
    }

    private void eval(String snippetSource) {
        for (SnippetEvent event : shell.eval(snippetSource)) {
            if (event.causeSnippet() != null) {
                continue;
            }
            if (event.status() == Snippet.Status.REJECTED) {
                failed = true;
                shell.diagnostics(event.snippet()).forEach(d -> report(event.snippet(), d));
            } else if (event.exception() != null) {
                failed = true;
                describe(event.exception());
            } else if (event.value() != null && event.snippet().subKind().hasValue()) {
                out.println(nameOf(event.snippet()) + " ==> " + event.value());
            }
        }
    }

    private static String nameOf(Snippet snippet) {
        if (snippet instanceof VarSnippet var) {
            return var.name();
        }
        return snippet instanceof ExpressionSnippet expression ? expression.name() : snippet.id();
    }

    private void report(Snippet snippet, Diag diag) {
        String source = snippet.source();
        int line = source.substring(0, (int) Math.max(0, Math.min(diag.getPosition(), source.length()))).split("\n", -1).length;
        out.println("|  Error (line " + line + " of the snippet): " + diag.getMessage(Locale.ROOT));
    }

    private void describe(Exception exception) {
        String type = exception instanceof EvalException eval ? eval.getExceptionClassName() : exception.getClass().getName();
        out.println("|  Exception " + type + ": " + exception.getMessage());
    }

    @Override
    public void close() {
        shell.close();
    }
}
