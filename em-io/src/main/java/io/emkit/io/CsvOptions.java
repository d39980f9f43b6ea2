package io.emkit.io;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * How to read a data file: the dialect (delimiter, header, comments, encoding), which columns to
 * keep, and whether missing values are allowed. Immutable; build with {@link #builder()} and change
 * with {@link #toBuilder()}.
 *
 * <p>Columns are named by their header name or by their 0-based index in the file (an index counts
 * every column of the file, including one that is dropped automatically). A token that equals a
 * header name is that name, even when it is made of digits; otherwise a token of digits is an
 * index.
 *
 * <p>Missing values are the tokens of {@link #MISSING_TOKENS}: an empty cell, {@code NA} and
 * {@code NaN}. With {@link #missingAllowed()} they are read as NaN and flagged in the table's mask;
 * without it they are errors that say how to allow them.
 *
 * @param delimiter the field separator, or {@link Delimiter#AUTO} to detect it
 * @param header whether the first non-comment line is a header, or {@link Header#AUTO} to detect it
 * @param columns the columns to keep, in this order (empty: every column)
 * @param drop the columns to remove
 * @param dropIfPresent columns removed by default when the file has them and {@code columns} is
 *     empty (for example {@code label}, the label column {@code em gmm sample} writes); matched by
 *     exact header name, silently absent otherwise, and reported in the table's notes when dropped
 * @param comment the character that starts a comment line at the start of a line, or {@code null}
 *     for none
 * @param encoding the character encoding; a UTF-8 byte order mark is skipped in any case
 * @param missingAllowed whether empty cells, {@code NA} and {@code NaN} are missing values
 */
public record CsvOptions(Delimiter delimiter, Header header, List<String> columns, List<String> drop,
        List<String> dropIfPresent, Character comment, Charset encoding, boolean missingAllowed) {

    /** The tokens that mark a missing value (compared after stripping surrounding spaces). */
    public static final List<String> MISSING_TOKENS = List.of("", "NA", "NaN");

    /** The default comment character. */
    public static final char DEFAULT_COMMENT = '#';

    /** The field separator of a file. */
    public enum Delimiter {
        /** Detect from the first lines: tab, then {@code ;}, then {@code ,} (see {@link CsvTable}). */
        AUTO('\0'),
        /** {@code ,}. */
        COMMA(','),
        /** {@code ;} (Excel in many European locales). */
        SEMICOLON(';'),
        /** A tab character. */
        TAB('\t');

        private final char character;

        Delimiter(char character) {
            this.character = character;
        }

        /**
         * The separator character.
         *
         * @return the character; {@code '\0'} for {@link #AUTO}
         */
        public char character() {
            return character;
        }

        /**
         * Parses a command-line value: {@code auto}, {@code ,} or {@code comma}, {@code ;} or
         * {@code semicolon}, {@code tab} or a tab character.
         *
         * @param text the value
         * @return the delimiter
         * @throws IllegalArgumentException naming the accepted values
         */
        public static Delimiter parse(String text) {
            Objects.requireNonNull(text, "text");
            switch (text.equals("\t") ? "tab" : text.strip().toLowerCase(Locale.ROOT)) {
                case "auto":
                    return AUTO;
                case ",":
                case "comma":
                    return COMMA;
                case ";":
                case "semicolon":
                    return SEMICOLON;
                case "tab":
                case "\\t":
                    return TAB;
                default:
                    throw new IllegalArgumentException("--delimiter must be auto, \",\", \";\" or tab, not \""
                            + Messages.shown(text) + "\"");
            }
        }

        /** The name used in messages: {@code ","}, {@code ";"}, {@code tab} or {@code auto}. */
        String displayName() {
            return this == TAB ? "tab" : this == AUTO ? "auto" : "\"" + character + "\"";
        }
    }

    /** Whether a file starts with a header line. */
    public enum Header {
        /**
         * Detect: the first non-comment line is a header when one of its cells is text that is not a
         * number and not a missing-value token (see {@link CsvTable} for the exact rule).
         */
        AUTO,
        /** The first non-comment line is a header. */
        YES,
        /** There is no header: the first line is data. */
        NO;

        /**
         * Parses a command-line value: {@code auto}, {@code yes} or {@code no}.
         *
         * @param text the value
         * @return the header mode
         * @throws IllegalArgumentException naming the accepted values
         */
        public static Header parse(String text) {
            Objects.requireNonNull(text, "text");
            switch (text.strip().toLowerCase(Locale.ROOT)) {
                case "auto":
                    return AUTO;
                case "yes":
                case "true":
                    return YES;
                case "no":
                case "false":
                    return NO;
                default:
                    throw new IllegalArgumentException("--header must be auto, yes or no, not \""
                            + Messages.shown(text) + "\"");
            }
        }
    }

    /**
     * Validates and copies the lists.
     *
     * @param delimiter the field separator, or {@link Delimiter#AUTO}
     * @param header whether the first non-comment line is a header, or {@link Header#AUTO}
     * @param columns the columns to keep, in this order (empty: every column)
     * @param drop the columns to remove
     * @param dropIfPresent columns removed by default when present
     * @param comment the comment character, or {@code null}
     * @param encoding the character encoding
     * @param missingAllowed whether empty cells, {@code NA} and {@code NaN} are missing values
     * @throws NullPointerException if a field other than {@code comment} is null
     * @throws IllegalArgumentException if a column token is blank or listed twice, or the comment
     *     character is a quote, a line break, or the delimiter
     */
    public CsvOptions {
        Objects.requireNonNull(delimiter, "delimiter");
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(encoding, "encoding");
        columns = checkTokens("--columns", columns);
        drop = checkTokens("--drop", drop);
        dropIfPresent = List.copyOf(dropIfPresent);
        if (comment != null && (comment == '"' || comment == '\n' || comment == '\r'
                || comment == delimiter.character())) {
            throw new IllegalArgumentException("the comment character (" + Messages.shown(comment.toString())
                    + ") must not be a quote, a line break or the delimiter");
        }
    }

    private static List<String> checkTokens(String option, List<String> tokens) {
        List<String> copy = List.copyOf(tokens);
        for (int i = 0; i < copy.size(); i++) {
            if (copy.get(i).isBlank()) {
                throw new IllegalArgumentException(option + " entry " + i + " is empty");
            }
            if (copy.subList(0, i).contains(copy.get(i))) {
                throw new IllegalArgumentException(option + " lists \"" + Messages.shown(copy.get(i)) + "\" twice");
            }
        }
        return copy;
    }

    /**
     * The defaults: delimiter and header detected, every column, {@code #} comments, UTF-8, missing
     * values not allowed.
     *
     * @return the default options
     */
    public static CsvOptions defaults() {
        return builder().build();
    }

    /**
     * A builder with the defaults of {@link #defaults()}.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder that starts from these options.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.delimiter = delimiter;
        b.header = header;
        b.columns = new ArrayList<>(columns);
        b.drop = new ArrayList<>(drop);
        b.dropIfPresent = new ArrayList<>(dropIfPresent);
        b.comment = comment;
        b.encoding = encoding;
        b.missingAllowed = missingAllowed;
        return b;
    }

    /**
     * Splits a command-line column list ({@code eruptions,waiting} or {@code 0,3}) at its commas.
     *
     * @param list the list; {@code null} or blank gives an empty list
     * @return the stripped, non-empty tokens
     */
    public static List<String> splitList(String list) {
        List<String> tokens = new ArrayList<>();
        if (list == null) {
            return tokens;
        }
        for (String part : list.split(",", -1)) {
            if (!part.isBlank()) {
                tokens.add(part.strip());
            }
        }
        return tokens;
    }

    /**
     * Parses an encoding name such as {@code UTF-8}, {@code latin1} or {@code windows-1252}.
     *
     * @param name the name or alias Java knows
     * @return the charset
     * @throws IllegalArgumentException if Java does not know it
     */
    public static Charset charset(String name) {
        Objects.requireNonNull(name, "name");
        try {
            return Charset.forName(name.strip());
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new IllegalArgumentException("--encoding: unknown encoding \"" + Messages.shown(name)
                    + "\"; use for example UTF-8, latin1 (ISO-8859-1) or windows-1252");
        }
    }

    /** A mutable builder of {@link CsvOptions}. */
    public static final class Builder {
        private Delimiter delimiter = Delimiter.AUTO;
        private Header header = Header.AUTO;
        private List<String> columns = new ArrayList<>();
        private List<String> drop = new ArrayList<>();
        private List<String> dropIfPresent = new ArrayList<>();
        private Character comment = DEFAULT_COMMENT;
        private Charset encoding = StandardCharsets.UTF_8;
        private boolean missingAllowed;

        private Builder() {}

        /**
         * Sets the delimiter. Default {@link Delimiter#AUTO}.
         *
         * @param value the delimiter
         * @return this builder
         */
        public Builder delimiter(Delimiter value) {
            this.delimiter = Objects.requireNonNull(value, "delimiter");
            return this;
        }

        /**
         * Sets the header mode. Default {@link Header#AUTO}.
         *
         * @param value the mode
         * @return this builder
         */
        public Builder header(Header value) {
            this.header = Objects.requireNonNull(value, "header");
            return this;
        }

        /**
         * Keeps only these columns, in this order (names or 0-based indices). Default: all.
         *
         * @param value the tokens; copied
         * @return this builder
         */
        public Builder columns(List<String> value) {
            this.columns = new ArrayList<>(value);
            return this;
        }

        /**
         * Removes these columns (names or 0-based indices). Default: none.
         *
         * @param value the tokens; copied
         * @return this builder
         */
        public Builder drop(List<String> value) {
            this.drop = new ArrayList<>(value);
            return this;
        }

        /**
         * Columns dropped by default when present and no {@link #columns} are given (exact header
         * names). Default: none.
         *
         * @param value the names; copied
         * @return this builder
         */
        public Builder dropIfPresent(List<String> value) {
            this.dropIfPresent = new ArrayList<>(value);
            return this;
        }

        /**
         * Sets the comment character, or {@code null} for none. Default {@code #}.
         *
         * @param value the character
         * @return this builder
         */
        public Builder comment(Character value) {
            this.comment = value;
            return this;
        }

        /**
         * Sets the encoding. Default UTF-8.
         *
         * @param value the charset
         * @return this builder
         */
        public Builder encoding(Charset value) {
            this.encoding = Objects.requireNonNull(value, "encoding");
            return this;
        }

        /**
         * Whether empty cells, {@code NA} and {@code NaN} are missing values. Default {@code false}.
         *
         * @param value {@code true} to allow them
         * @return this builder
         */
        public Builder missingAllowed(boolean value) {
            this.missingAllowed = value;
            return this;
        }

        /**
         * Builds the options.
         *
         * @return the options
         * @throws IllegalArgumentException as the record's constructor
         */
        public CsvOptions build() {
            return new CsvOptions(delimiter, header, columns, drop, dropIfPresent, comment, encoding, missingAllowed);
        }
    }
}
