package dev.slipway.report;

import dev.slipway.core.spi.SecretMasker;

import java.util.regex.Pattern;

/**
 * Builds the page. Everything that did not come from this package goes through {@link #text} or {@link #attr}:
 * secret values of the pipeline masked, terminal escapes removed, HTML escaped.
 */
final class Html {
    private static final Pattern ANSI = Pattern.compile("\u001B(?:\\[[0-?]*[ -/]*[@-~]|\\][^\u0007\u001B]*(?:\u0007|\u001B\\\\)?|[@-_])");
    private static final Pattern CONTROL = Pattern.compile("[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]");

    private final StringBuilder out = new StringBuilder(64 * 1024);
    private final SecretMasker masker;

    Html(SecretMasker masker) {
        this.masker = masker;
    }

    /** Markup written by this package (never user or run data). */
    Html raw(String markup) {
        out.append(markup);
        return this;
    }

    /** Text content: masked, cleaned and escaped. */
    Html text(String text) {
        out.append(t(text));
        return this;
    }

    /** Text content as a string, for building markup inline. */
    String t(String text) {
        return escape(clean(masker.mask(text == null ? "" : text)));
    }

    /** {@code  name="value"} with the value masked and escaped. */
    String attr(String name, String value) {
        return " " + name + "=\"" + t(value) + "\"";
    }

    @Override
    public String toString() {
        return out.toString();
    }

    static String escape(String text) {
        StringBuilder s = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String replacement = switch (c) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\'' -> "&#39;";
                default -> null;
            };
            if (replacement != null && s == null) {
                s = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (s != null) {
                if (replacement != null) {
                    s.append(replacement);
                } else {
                    s.append(c);
                }
            }
        }
        return s == null ? text : s.toString();
    }

    /**
     * Terminal colours and cursor moves removed; of a line redrawn with carriage returns (a progress bar), the
     * last drawing; other control characters dropped.
     */
    static String clean(String text) {
        String s = text;
        if (s.indexOf('\u001B') >= 0) {
            s = ANSI.matcher(s).replaceAll("");
        }
        if (s.indexOf('\r') >= 0) {
            StringBuilder lines = new StringBuilder();
            for (String line : s.split("\n", -1)) {
                String trimmed = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
                int cr = trimmed.lastIndexOf('\r');
                if (lines.length() > 0) {
                    lines.append('\n');
                }
                lines.append(cr >= 0 ? trimmed.substring(cr + 1) : trimmed);
            }
            s = lines.toString();
        }
        return hasControl(s) ? CONTROL.matcher(s).replaceAll("") : s;
    }

    private static boolean hasControl(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7F) {
                return true;
            }
        }
        return false;
    }
}
