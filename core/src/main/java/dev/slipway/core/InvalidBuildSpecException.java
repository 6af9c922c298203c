package dev.slipway.core;

import java.util.Optional;

/**
 * A buildspec that cannot be read: says where ({@code buildspec.yml:12:7}), which key
 * ({@code phases.build.commands[2]}) and what was expected.
 *
 * <pre>
 * buildspec.yml:12:7: phases.build.commands[2]: expected a string, got a mapping
 * </pre>
 */
public class InvalidBuildSpecException extends SlipwayException {
    private final String source;
    private final int line;
    private final int column;
    private final String path;
    private final String problem;

    /**
     * @param source  file name or {@code <inline>}
     * @param line    1-based line, or 0 when unknown
     * @param column  1-based column, or 0 when unknown
     * @param path    key path such as {@code phases.build.commands[2]}, or empty for the document
     * @param problem what is wrong and what was expected
     */
    public InvalidBuildSpecException(String source, int line, int column, String path, String problem) {
        super(format(source, line, column, path, problem));
        this.source = source;
        this.line = line;
        this.column = column;
        this.path = path;
        this.problem = problem;
    }

    public InvalidBuildSpecException(String source, String problem, Throwable cause) {
        super(format(source, 0, 0, "", problem), cause);
        this.source = source;
        this.line = 0;
        this.column = 0;
        this.path = "";
        this.problem = problem;
    }

    private static String format(String source, int line, int column, String path, String problem) {
        StringBuilder s = new StringBuilder(source);
        if (line > 0) {
            s.append(':').append(line);
            if (column > 0) {
                s.append(':').append(column);
            }
        }
        s.append(": ");
        if (path != null && !path.isEmpty()) {
            s.append(path).append(": ");
        }
        return s.append(problem).toString();
    }

    public String source() {
        return source;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    /** The key path, such as {@code phases.build.commands[2]}; empty when the document itself is wrong. */
    public Optional<String> path() {
        return path == null || path.isEmpty() ? Optional.empty() : Optional.of(path);
    }

    public String problem() {
        return problem;
    }
}
