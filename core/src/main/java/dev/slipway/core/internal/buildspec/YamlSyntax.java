package dev.slipway.core.internal.buildspec;

import dev.slipway.core.InvalidBuildSpecException;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.ReaderException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;

import java.util.Optional;

final class YamlSyntax {
    private YamlSyntax() {
    }

    // The whole text goes into the reader's buffer at once: snakeyaml-engine 2.10 overruns its buffer when a
    // surrogate pair straddles a buffer boundary (an emoji at character 1024 of a longer file).
    static Optional<Node> compose(String yaml, String source) {
        LoadSettings settings = LoadSettings.builder()
                .setLabel(source)
                .setMaxAliasesForCollections(200)
                .setBufferSize(Math.max(1024, yaml.length() + 1))
                .build();
        try {
            return new Compose(settings).composeString(yaml);
        } catch (MarkedYamlEngineException e) {
            throw located(e, source);
        } catch (ReaderException e) {
            int[] lineColumn = lineAndColumn(yaml, e.getPosition());
            throw new InvalidBuildSpecException(source, lineColumn[0], lineColumn[1], "",
                    "invalid YAML: the character " + codePoint(e.getCodePoint()) + " is not allowed in YAML text");
        } catch (YamlEngineException e) {
            throw new InvalidBuildSpecException(source, 0, 0, "", "invalid YAML: " + oneLine(e.getMessage()));
        }
    }

    private static InvalidBuildSpecException located(MarkedYamlEngineException e, String source) {
        String problem = oneLine(e.getProblem());
        String context = oneLine(e.getContext());
        Optional<Mark> at = e.getProblemMark().or(e::getContextMark);
        String text;
        if (problem.contains("(TAB)")) {
            text = "a tab character is used for indentation; indent with spaces";
        } else if (context.contains("quoted scalar") && problem.contains("end of stream")) {
            at = e.getContextMark().or(() -> e.getProblemMark());
            text = "this quoted text is never closed (missing closing quote)";
        } else if (problem.contains("'<block sequence start>'")) {
            text = "bad indentation: this list item does not line up with the lines above it";
        } else if (problem.contains("'<block mapping start>'")) {
            text = "bad indentation: this key does not line up with the keys above it";
        } else if (problem.contains("expected <block end>, but found '<scalar>'")) {
            text = "bad indentation or a missing ':' before this text";
        } else if (problem.equals("mapping values are not allowed here")) {
            text = "unexpected ':' (a value that contains ': ' must be quoted)";
        } else if (problem.contains("but found another document")) {
            text = "a buildspec must be a single YAML document, found a second one";
        } else {
            text = problem + (context.isEmpty() ? "" : " (" + context + ")");
        }
        int line = at.map(m -> m.getLine() + 1).orElse(0);
        int column = at.map(m -> m.getColumn() + 1).orElse(0);
        return new InvalidBuildSpecException(source, line, column, "", "invalid YAML: " + text);
    }

    private static String oneLine(String text) {
        if (text == null) {
            return "";
        }
        return text.replace("\r", "\\r").replace("\n", " ").replace("\t", "\\t").trim();
    }

    private static String codePoint(int codePoint) {
        return String.format("U+%04X", codePoint);
    }

    private static int[] lineAndColumn(String text, int codePointIndex) {
        int line = 1;
        int column = 1;
        int index = 0;
        for (int i = 0; i < text.length() && index < codePointIndex; i += Character.charCount(text.codePointAt(i)), index++) {
            if (text.charAt(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return new int[] {line, column};
    }
}
