package dev.slipway.core.internal.buildspec;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

final class YamlScalars {
    private static final String INDICATORS = "-?:,[]{}#&*!|>'\"%@`";
    private static final Set<String> TYPED_WORDS = Set.of(
            "y", "n", "yes", "no", "on", "off", "true", "false", "null", "~", "=", "<<");
    private static final Pattern NUMBER_LIKE = Pattern.compile("[-+]?\\.?[0-9].*|[-+]?\\.(?:inf|nan)", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    private YamlScalars() {
    }

    static String key(String text) {
        return isPlainSafe(text) && !looksTyped(text) ? text : quoted(text);
    }

    static String value(String text, int blockIndent, boolean keepTypedPlain) {
        if (isPlainSafe(text) && (keepTypedPlain || !looksTyped(text))) {
            return text;
        }
        if (fitsLiteralBlock(text)) {
            return literalBlock(text, blockIndent);
        }
        return quoted(text);
    }

    static boolean looksTyped(String text) {
        return TYPED_WORDS.contains(text.toLowerCase(Locale.ROOT)) || NUMBER_LIKE.matcher(text).matches();
    }

    static boolean isPlainSafe(String text) {
        if (text.isEmpty() || text.startsWith("---") || text.startsWith("...")) {
            return false;
        }
        char first = text.charAt(0);
        char last = text.charAt(text.length() - 1);
        if (first == ' ' || last == ' ' || last == ':') {
            return false;
        }
        if (INDICATORS.indexOf(first) >= 0 && !(first == '-' && text.length() > 1 && text.charAt(1) != ' ')) {
            return false;
        }
        if (text.contains(": ") || text.contains(" #")) {
            return false;
        }
        return text.codePoints().allMatch(YamlScalars::isPlainChar);
    }

    private static boolean isPlainChar(int c) {
        return c >= 0x20 && c != 0x7F && isPrintable(c) && c != 0x85 && c != 0xA0 && c != 0x2028 && c != 0x2029 && c != 0xFEFF;
    }

    private static boolean isPrintable(int c) {
        return (c >= 0x20 && c <= 0x7E) || c == 0x85 || (c >= 0xA0 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)
                || (c >= 0x10000 && c <= 0x10FFFF);
    }

    private static boolean fitsLiteralBlock(String text) {
        if (!text.contains("\n")) {
            return false;
        }
        String[] lines = text.split("\n", -1);
        int firstContent = 0;
        while (firstContent < lines.length && lines[firstContent].isEmpty()) {
            firstContent++;
        }
        if (firstContent == lines.length || lines[firstContent].startsWith(" ") || lines[firstContent].startsWith("\t")) {
            return false;
        }
        return text.codePoints().allMatch(c -> c == '\n' || c == '\t' || isPlainChar(c));
    }

    private static String literalBlock(String text, int indent) {
        int trailingBreaks = 0;
        while (trailingBreaks < text.length() && text.charAt(text.length() - 1 - trailingBreaks) == '\n') {
            trailingBreaks++;
        }
        String chomping = trailingBreaks == 0 ? "-" : trailingBreaks == 1 ? "" : "+";
        String body = trailingBreaks == 0 ? text : text.substring(0, text.length() - 1);
        String margin = " ".repeat(indent);
        StringBuilder block = new StringBuilder("|").append(chomping);
        for (String line : body.split("\n", -1)) {
            block.append('\n');
            if (!line.isEmpty()) {
                block.append(margin).append(line);
            }
        }
        return block.toString();
    }

    static String quoted(String text) {
        boolean needsEscapes = !text.codePoints().allMatch(YamlScalars::isPlainChar);
        boolean preferDouble = text.indexOf('\'') >= 0 && text.indexOf('"') < 0 && text.indexOf('\\') < 0;
        if (!needsEscapes && !preferDouble) {
            return "'" + text.replace("'", "''") + "'";
        }
        StringBuilder quoted = new StringBuilder("\"");
        text.codePoints().forEach(c -> quoted.append(escape(c)));
        return quoted.append('"').toString();
    }

    private static String escape(int c) {
        return switch (c) {
            case '"' -> "\\\"";
            case '\\' -> "\\\\";
            case '\n' -> "\\n";
            case '\t' -> "\\t";
            case '\r' -> "\\r";
            case 0 -> "\\0";
            case 0x07 -> "\\a";
            case 0x08 -> "\\b";
            case 0x0B -> "\\v";
            case 0x0C -> "\\f";
            case 0x1B -> "\\e";
            default -> isPlainChar(c) ? new String(Character.toChars(c))
                    : c <= 0xFF ? String.format("\\x%02X", c)
                    : c <= 0xFFFF ? String.format("\\u%04X", c)
                    : String.format("\\U%08X", c);
        };
    }
}
