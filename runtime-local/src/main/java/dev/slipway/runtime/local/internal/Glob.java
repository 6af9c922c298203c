package dev.slipway.runtime.local.internal;

import java.util.regex.Pattern;

/**
 * A buildspec path pattern, as CodeBuild reads {@code artifacts.files}, {@code base-directory},
 * {@code exclude-paths} and {@code cache.paths}: {@code *} within one path segment, {@code ?} one character,
 * {@code **} any number of segments ({@code **}{@code /*} is every file below, {@code d/*} the files directly
 * in {@code d}). Paths are relative and use {@code /}; a leading {@code ./} is ignored.
 */
public final class Glob {
    private final String text;
    private final Pattern pattern;

    private Glob(String text, Pattern pattern) {
        this.text = text;
        this.pattern = pattern;
    }

    public static Glob of(String glob) {
        String text = normalize(glob);
        return new Glob(text, Pattern.compile(toRegex(text)));
    }

    public boolean matches(String path) {
        return pattern.matcher(path).matches();
    }

    /** Whether the pattern has no wildcards: it names one path. */
    public boolean isLiteral() {
        return isLiteral(text);
    }

    public String text() {
        return text;
    }

    /** The directories before the first wildcard: {@code target/lib/*.jar} → {@code target/lib}. */
    public String literalDirectory() {
        String[] parts = text.split("/");
        StringBuilder dir = new StringBuilder();
        for (int i = 0; i < parts.length - 1 && isLiteral(parts[i]); i++) {
            if (dir.length() > 0) {
                dir.append('/');
            }
            dir.append(parts[i]);
        }
        if (isLiteral() && parts.length == 1) {
            return "";
        }
        return dir.toString();
    }

    static String normalize(String glob) {
        String s = glob.strip().replace('\\', '/');
        while (s.startsWith("./")) {
            s = s.substring(2);
        }
        while (s.endsWith("/") && s.length() > 1) {
            s = s.substring(0, s.length() - 1);
        }
        return s.equals(".") ? "" : s;
    }

    private static boolean isLiteral(String s) {
        return s.indexOf('*') < 0 && s.indexOf('?') < 0 && s.indexOf('[') < 0;
    }

    private static String toRegex(String glob) {
        StringBuilder regex = new StringBuilder();
        int i = 0;
        while (i < glob.length()) {
            char c = glob.charAt(i);
            if (c == '*') {
                boolean doubleStar = i + 1 < glob.length() && glob.charAt(i + 1) == '*';
                if (doubleStar) {
                    boolean segmentStart = i == 0 || glob.charAt(i - 1) == '/';
                    boolean slashAfter = i + 2 < glob.length() && glob.charAt(i + 2) == '/';
                    if (segmentStart && slashAfter) {
                        regex.append("(?:[^/]*/)*");
                        i += 3;
                    } else {
                        regex.append(".*");
                        i += 2;
                    }
                } else {
                    regex.append("[^/]*");
                    i++;
                }
            } else if (c == '?') {
                regex.append("[^/]");
                i++;
            } else if (c == '[') {
                int close = glob.indexOf(']', i + 1);
                if (close < 0) {
                    regex.append("\\[");
                    i++;
                } else {
                    String set = glob.substring(i + 1, close).replace("\\", "\\\\");
                    if (set.startsWith("!")) {
                        set = "^" + set.substring(1);
                    }
                    regex.append('[').append(set).append(']');
                    i = close + 1;
                }
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
                i++;
            }
        }
        return regex.toString();
    }

    @Override
    public String toString() {
        return text;
    }
}
