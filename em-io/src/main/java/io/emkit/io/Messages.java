package io.emkit.io;

import java.util.List;
import java.util.regex.Pattern;

/** Cell parsing and the pieces of error messages shared by the readers. */
final class Messages {

    /** At most this many characters of a cell are quoted in a message. */
    static final int SHOWN_CHARACTERS = 40;

    private static final Pattern DECIMAL_COMMA = Pattern.compile("[-+]?\\d*,\\d+([eE][-+]?\\d+)?");
    private static final Pattern SIMPLE_NAME = Pattern.compile("[^,\\s\"'\\\\]+");

    private Messages() {}

    /**
     * A cell for a message: at most {@link #SHOWN_CHARACTERS} characters (then "..."), with quotes,
     * backslashes and control characters escaped so that the message stays on one line.
     */
    static String shown(String text) {
        StringBuilder out = new StringBuilder();
        int end = Math.min(text.length(), SHOWN_CHARACTERS);
        if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        for (int i = 0; i < end; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029' || c == '\uFEFF') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        if (end < text.length()) {
            out.append("...");
        }
        return out.toString();
    }

    /** The cell's value when it is a plain finite decimal number, or null. */
    static Double number(String cell) {
        String s = cell.strip();
        if (s.isEmpty()) {
            return null;
        }
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            boolean allowed = (ch >= '0' && ch <= '9') || ch == '.' || ch == '-' || ch == '+' || ch == 'e' || ch == 'E';
            if (!allowed) {
                return null;
            }
        }
        try {
            double value = Double.parseDouble(s);
            return Double.isFinite(value) ? value : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static boolean isNumber(String cell) {
        return number(cell) != null;
    }

    static boolean isMissingToken(String cell) {
        return CsvOptions.MISSING_TOKENS.contains(cell.strip());
    }

    /** Whether a cell looks like a number written with a decimal comma ("1,5"). */
    static boolean decimalComma(String cell) {
        return DECIMAL_COMMA.matcher(cell.strip()).matches();
    }

    /** {@code column 4 ("species")}, or {@code column 4} without a name. */
    static String column(int index, List<String> names) {
        if (index < names.size() && !names.get(index).isEmpty()) {
            return "column " + index + " (\"" + shown(names.get(index)) + "\")";
        }
        return "column " + index;
    }

    /** How to name a column on the command line: its name when that is one plain token, else its index. */
    static String token(int index, List<String> names) {
        if (index < names.size()) {
            String name = names.get(index);
            if (SIMPLE_NAME.matcher(name).matches() && !name.chars().allMatch(Character::isDigit)) {
                return name;
            }
        }
        return Integer.toString(index);
    }

    /** {@code x.csv line 5, column 2 ("b")}. */
    static String at(String source, int line, int column, List<String> names) {
        return source + " line " + line + ", " + column(column, names);
    }

    static String missingHint() {
        return "use --missing to treat empty cells, NA and NaN as missing";
    }

    /** Why a cell is not a number, ending with the fix. */
    static String notANumber(String cell, int column, List<String> names) {
        String s = cell.strip();
        if (decimalComma(s)) {
            return "\"" + shown(s) + "\" is not a number (decimal commas are not read; write 1.5, not 1,5)";
        }
        return "\"" + shown(s) + "\" is not a number; drop the column with --drop " + token(column, names);
    }

    /** Why a missing-value token is an error, with the fix. */
    static String missing(String cell) {
        String s = cell.strip();
        return (s.isEmpty() ? "the cell is empty" : "\"" + s + "\" marks a missing value") + "; " + missingHint();
    }
}
