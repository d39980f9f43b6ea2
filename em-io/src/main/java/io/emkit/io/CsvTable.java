package io.emkit.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A data file read as text cells: the dialect resolved, the header separated, the kept columns
 * chosen. {@link NumericTable} and {@link SequenceTable} turn it into numbers.
 *
 * <h2>What is read</h2>
 * <ul>
 *   <li><b>Encoding:</b> {@link CsvOptions#encoding()}, decoded strictly: a byte sequence that is not
 *       valid in it is an error naming its byte offset (0-based) and line. A leading byte order mark
 *       is skipped.
 *   <li><b>Quoting:</b> RFC 4180 (Apache Commons CSV): a field in double quotes may hold the
 *       delimiter, line breaks, and {@code ""} for a quote. Spaces around fields are ignored. Lines
 *       end in LF or CRLF. Blank lines are skipped; a line whose first character is the comment
 *       character ({@code #}) is skipped.
 *   <li><b>Delimiter auto-detection</b> ({@link CsvOptions.Delimiter#AUTO}): over the first 20
 *       non-comment lines, counting only characters outside quotes, the first of tab, {@code ;},
 *       {@code ,} that occurs the same non-zero number of times on every line; failing that, the one
 *       of them that occurs most often on the first line; failing that (one column), {@code ,}.
 *       Tab and {@code ;} come first because a {@code ;} file often holds decimal commas.
 *   <li><b>Header auto-detection</b> ({@link CsvOptions.Header#AUTO}): the first line is a header
 *       when one of its cells is neither a number nor a missing-value token (empty, {@code NA},
 *       {@code NaN}), or when it is pandas' header of unnamed integer columns ({@code ,0,1,2}). Sequence
 *       files ({@link SequenceTable}) use their own rule, documented there.
 *   <li><b>Row index columns:</b> when the header's first name is empty (pandas {@code to_csv} with its
 *       index, R {@code write.csv} with row names {@code ""}) or the header has one name fewer than
 *       the data lines (R {@code write.table}), column 0 is a row index: it is dropped unless
 *       {@link CsvOptions#columns()} are given, and a note says so.
 *   <li><b>Columns:</b> {@link CsvOptions#columns()} keeps the named columns in the given order;
 *       otherwise every column except the row index and {@link CsvOptions#dropIfPresent()}; then
 *       {@link CsvOptions#drop()} removes columns. Indices always count the file's columns.
 * </ul>
 *
 * <p>Not read: decimal commas ({@code 1,5}; reported with a hint), thousands separators, and
 * quoted line breaks inside the first lines are counted as line content for delimiter detection.
 *
 * <p>Every error is an {@link IllegalArgumentException} with one line that names the file, line and
 * column and the fix, e.g. {@code x.csv line 5 has 3 fields but line 1 has 2; ...}. I/O failures are
 * {@link IOException}s whose message names the file. Instances are immutable.
 */
public final class CsvTable {

    /** How many non-comment lines delimiter detection looks at. */
    static final int DETECTION_LINES = 20;

    /** Which header rule {@link CsvOptions.Header#AUTO} applies. */
    enum HeaderRule {
        NUMERIC, SEQUENCE
    }

    private final String source;
    private final char delimiter;
    private final int headerLine;
    private final List<String> fileColumnNames;
    private final int fileColumns;
    private final int[] kept;
    private final List<String[]> rows;
    private final int[] lines;
    private final List<String> notes;

    private CsvTable(String source, char delimiter, int headerLine, List<String> fileColumnNames, int fileColumns,
            int[] kept, List<String[]> rows, int[] lines, List<String> notes) {
        this.source = source;
        this.delimiter = delimiter;
        this.headerLine = headerLine;
        this.fileColumnNames = List.copyOf(fileColumnNames);
        this.fileColumns = fileColumns;
        this.kept = kept;
        this.rows = rows;
        this.lines = lines;
        this.notes = List.copyOf(notes);
    }

    /**
     * Reads a file.
     *
     * @param path the file; its name as given is the source named in messages
     * @param options how to read it
     * @return the table
     * @throws IOException if the file cannot be read (message: {@code "x.csv: no such file"},
     *     {@code "x.csv: permission denied"}, ...)
     * @throws IllegalArgumentException if the content is bad (see the class notes)
     */
    public static CsvTable read(Path path, CsvOptions options) throws IOException {
        return parse(readBytes(path), path.toString(), options, HeaderRule.NUMERIC);
    }

    /**
     * Reads a stream to its end (it is not closed).
     *
     * @param in the bytes
     * @param source the name used in messages
     * @param options how to read it
     * @return the table
     * @throws IOException if reading fails
     * @throws IllegalArgumentException if the content is bad
     */
    public static CsvTable read(InputStream in, String source, CsvOptions options) throws IOException {
        return parse(in.readAllBytes(), source, options, HeaderRule.NUMERIC);
    }

    static byte[] readBytes(Path path) throws IOException {
        Objects.requireNonNull(path, "path");
        String name = path.toString();
        if (Files.isDirectory(path)) {
            throw new FileSystemException(name, null, "is a folder, not a data file");
        }
        try {
            return Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(name, null, "no such file");
        } catch (AccessDeniedException e) {
            throw new AccessDeniedException(name, null, "permission denied");
        } catch (FileSystemException e) {
            throw new FileSystemException(name, null, "cannot read (" + e.getReason() + ")");
        }
    }

    static CsvTable parse(byte[] bytes, String source, CsvOptions options, HeaderRule rule) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(options, "options");
        String text = decode(bytes, options.encoding(), source);
        bytes = null; // the file's bytes are not needed past this point: let a large file's copy go
        if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
            text = text.substring(1);
        }
        char delimiter = options.delimiter() == CsvOptions.Delimiter.AUTO
                ? detectDelimiter(text, options.comment()) : options.delimiter().character();
        if (options.comment() != null && options.comment() == delimiter) {
            throw new IllegalArgumentException("the comment character " + options.comment()
                    + " is also the delimiter; choose another --delimiter");
        }
        List<String[]> records = new ArrayList<>();
        Lines recordLines = new Lines();
        records(text, source, delimiter, options.comment(), records, recordLines);
        text = null; // nor the text: the records hold the cells
        return fromRecords(source, delimiter, records, recordLines, options, rule);
    }

    /**
     * A table of records that another reader has already split into fields (em-spark: Spark's CSV
     * source), with every rule after tokenising applied as for a file: header detection, row index
     * columns, equal field counts, column selection, and the same messages.
     *
     * @param source the name used in messages
     * @param delimiter the delimiter the records were split at (named in messages)
     * @param records every non-blank, non-comment record of the file in order, header included; each
     *     field without its quotes and surrounding spaces. Not modified; the arrays are kept.
     * @param lines the 1-based line of each record, for messages
     * @param options how to read: header, columns, drops; the dialect options are not used
     * @return the table
     * @throws IllegalArgumentException if there are no records, the lines do not match the records,
     *     or the content is bad (see the class notes)
     */
    public static CsvTable ofRecords(String source, char delimiter, List<String[]> records, int[] lines,
            CsvOptions options) {
        return fromRecords(source, delimiter, records, lines, options, HeaderRule.NUMERIC);
    }

    static CsvTable fromRecords(String source, char delimiter, List<String[]> records, int[] lines,
            CsvOptions options, HeaderRule rule) {
        Objects.requireNonNull(records, "records");
        Objects.requireNonNull(lines, "lines");
        if (lines.length != records.size()) {
            throw new IllegalArgumentException("lines (" + lines.length + ") must hold one line per record ("
                    + records.size() + ")");
        }
        Lines recordLines = new Lines();
        for (int line : lines) {
            recordLines.add(line);
        }
        return fromRecords(source, delimiter, new ArrayList<>(records), recordLines, options, rule);
    }

    private static CsvTable fromRecords(String source, char delimiter, List<String[]> records,
            Lines recordLines, CsvOptions options, HeaderRule rule) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(options, "options");
        if (records.isEmpty()) {
            throw new IllegalArgumentException(source + ": the file is empty (no data lines)");
        }
        List<String> notes = new ArrayList<>();
        boolean header = switch (options.header()) {
            case YES -> true;
            case NO -> false;
            case AUTO -> rule == HeaderRule.NUMERIC ? numericHeader(records) : sequenceHeader(records, source, notes);
        };
        int headerLine = 0;
        List<String> names = new ArrayList<>();
        if (header) {
            headerLine = recordLines.get(0);
            for (String name : records.get(0)) {
                names.add(name.strip());
            }
            records.remove(0);
            recordLines.removeFirst();
            if (records.isEmpty()) {
                throw new IllegalArgumentException(source + ": no data lines after the header (line " + headerLine
                        + ")");
            }
        }
        int width = records.get(0).length;
        boolean rowIndex = false;
        boolean headerShort = false;
        if (header && names.size() == width - 1) {
            // R write.table: row names have no header cell.
            names.add(0, "");
            rowIndex = true;
            headerShort = true;
        } else if (header && !names.isEmpty() && names.get(0).isEmpty() && width > 1) {
            rowIndex = true;
        }
        if (header && names.size() != width) {
            throw new IllegalArgumentException(source + " line " + recordLines.get(0) + " has " + width
                    + " fields but the header (line " + headerLine + ") has " + names.size()
                    + "; every line needs the same number of fields (quote a field that holds the delimiter "
                    + displayDelimiter(delimiter) + ")");
        }
        String reference = header && !headerShort
                ? "the header (line " + headerLine + ") has " + width
                : "line " + recordLines.get(0) + " has " + width;
        for (int r = 1; r < records.size(); r++) {
            if (records.get(r).length != width) {
                throw new IllegalArgumentException(source + " line " + recordLines.get(r) + " has "
                        + records.get(r).length + " fields but " + reference
                        + "; every line needs the same number of fields (quote a field that holds the delimiter "
                        + displayDelimiter(delimiter) + ")");
            }
        }
        int[] kept = select(source, options, names, width, rowIndex, notes);
        int[] lineArray = recordLines.toArray();
        return new CsvTable(source, delimiter, headerLine, names, width, kept, records, lineArray, notes);
    }

    private static String displayDelimiter(char delimiter) {
        return delimiter == '\t' ? "tab" : "\"" + delimiter + "\"";
    }

    // ---- decoding --------------------------------------------------------------------------

    static String decode(byte[] bytes, Charset charset, String source) {
        CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        // Validate in pieces through a small buffer, then build the String in one step: a large file
        // then costs its bytes and one compact String, not also a char array twice its size.
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(1 << 14);
        while (true) {
            CoderResult result = decoder.decode(in, out, true);
            if (result.isError()) {
                throw notDecodable(bytes, in.position(), charset, source);
            }
            out.clear();
            if (result.isUnderflow()) {
                break;
            }
        }
        CoderResult flushed = decoder.flush(out);
        if (flushed.isError()) {
            throw notDecodable(bytes, in.position(), charset, source);
        }
        return new String(bytes, charset);
    }

    private static IllegalArgumentException notDecodable(byte[] bytes, int offset, Charset charset, String source) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        String fix = charset.equals(StandardCharsets.UTF_8)
                ? "use --encoding latin1, or the file's encoding"
                : "use --encoding with the file's encoding";
        return new IllegalArgumentException(String.format("%s: not %s at byte %d; %s (line %d has the byte 0x%02x)",
                source, charset.name(), offset, fix, line, offset < bytes.length ? bytes[offset] & 0xff : 0));
    }

    // ---- records ---------------------------------------------------------------------------

    /** A growable list of line numbers without a boxed Integer per record. */
    private static final class Lines {
        private int[] values = new int[64];
        private int size;

        void add(int line) {
            if (size == values.length) {
                values = java.util.Arrays.copyOf(values, 2 * size);
            }
            values[size++] = line;
        }

        int get(int index) {
            Objects.checkIndex(index, size);
            return values[index];
        }

        void removeFirst() {
            System.arraycopy(values, 1, values, 0, --size);
        }

        int[] toArray() {
            return java.util.Arrays.copyOf(values, size);
        }
    }

    /**
     * Parses the records. A cell equal to the same column's cell of the previous record shares its
     * String (a sequence id repeated on a million rows is then one object, not a million).
     */
    private static void records(String text, String source, char delimiter, Character comment, List<String[]> records,
            Lines lines) {
        CSVFormat format = CSVFormat.RFC4180.builder()
                .setDelimiter(delimiter)
                .setCommentMarker(comment)
                .setIgnoreEmptyLines(true)
                .setIgnoreSurroundingSpaces(true)
                .get();
        try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
            String[] previous = new String[0];
            for (CSVRecord record : parser) {
                String[] fields = record.values();
                for (int c = 0; c < fields.length && c < previous.length; c++) {
                    if (fields[c].equals(previous[c])) {
                        fields[c] = previous[c];
                    }
                }
                long end = parser.getCurrentLineNumber();
                int breaks = 0;
                for (String field : fields) {
                    breaks += lineBreaks(field);
                }
                if (fields.length == 1 && fields[0].isBlank() && breaks == 0) {
                    continue; // a line of spaces
                }
                records.add(fields);
                previous = fields;
                lines.add((int) Math.max(1, end - breaks));
            }
        } catch (UncheckedIOException | IOException e) {
            Throwable cause = e instanceof UncheckedIOException && e.getCause() != null ? e.getCause() : e;
            String why = String.valueOf(cause.getMessage());
            String line = after(why, "line: ");
            String start = after(why, "(startline ");
            if (why.contains("EOF reached before encapsulated token finished")) {
                throw new IllegalArgumentException(source + " line " + start + ": a quoted field is never closed;"
                        + " check the quotes (a quote inside a quoted field is written \"\")");
            }
            if (why.contains("Invalid character between encapsulated token and delimiter")) {
                throw new IllegalArgumentException(source + " line " + line + ": text after a closing quote;"
                        + " a quote inside a quoted field is written \"\"");
            }
            throw new IllegalArgumentException(source + ": cannot parse (" + Messages.shown(why) + ")");
        }
    }

    /** The digits after a marker in a Commons CSV message, or "?". */
    private static String after(String message, String marker) {
        int at = message.indexOf(marker);
        if (at < 0) {
            return "?";
        }
        int from = at + marker.length();
        int to = from;
        while (to < message.length() && Character.isDigit(message.charAt(to))) {
            to++;
        }
        return to > from ? message.substring(from, to) : "?";
    }

    /** Line breaks inside a field (CRLF counts once), to keep line numbers of later records right. */
    static int lineBreaks(String field) {
        int breaks = 0;
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 == field.length() || field.charAt(i + 1) != '\n'))) {
                breaks++;
            }
        }
        return breaks;
    }

    // ---- delimiter detection ---------------------------------------------------------------

    static char detectDelimiter(String text, Character comment) {
        char[] candidates = {'\t', ';', ','};
        List<int[]> counts = new ArrayList<>();
        int[] current = new int[candidates.length];
        boolean inQuotes = false;
        boolean lineStart = true;
        boolean content = false;
        for (int i = 0; i < text.length() && counts.size() < DETECTION_LINES; i++) {
            char c = text.charAt(i);
            if (lineStart && !inQuotes && comment != null && c == comment) {
                while (i < text.length() && text.charAt(i) != '\n') {
                    i++;
                }
                continue;
            }
            lineStart = false;
            if (c == '"') {
                inQuotes = !inQuotes;
                content = true;
            } else if (!inQuotes && (c == '\n' || c == '\r')) {
                if (content) {
                    counts.add(current);
                }
                current = new int[candidates.length];
                content = false;
                lineStart = true;
            } else {
                if (!inQuotes) {
                    for (int k = 0; k < candidates.length; k++) {
                        if (c == candidates[k]) {
                            current[k]++;
                        }
                    }
                }
                if (!Character.isWhitespace(c)) {
                    content = true;
                }
            }
        }
        if (content && counts.size() < DETECTION_LINES) {
            counts.add(current);
        }
        if (counts.isEmpty()) {
            return ',';
        }
        for (int k = 0; k < candidates.length; k++) {
            int first = counts.get(0)[k];
            boolean consistent = first > 0;
            for (int[] line : counts) {
                consistent &= line[k] == first;
            }
            if (consistent) {
                return candidates[k];
            }
        }
        int best = -1;
        for (int k = 0; k < candidates.length; k++) {
            if (counts.get(0)[k] > 0 && (best < 0 || counts.get(0)[k] > counts.get(0)[best])) {
                best = k;
            }
        }
        return best < 0 ? ',' : candidates[best];
    }

    // ---- header detection ------------------------------------------------------------------

    private static boolean numericHeader(List<String[]> records) {
        String[] first = records.get(0);
        for (String cell : first) {
            if (!Messages.isNumber(cell) && !Messages.isMissingToken(cell)) {
                return true;
            }
        }
        return pandasIntegerColumns(first);
    }

    /** pandas' header for a frame with an unnamed index and the default integer column names: ",0,1,2". */
    private static boolean pandasIntegerColumns(String[] first) {
        if (first.length < 2 || !first[0].isBlank()) {
            return false;
        }
        for (int c = 1; c < first.length; c++) {
            if (!first[c].strip().equals(Integer.toString(c - 1))) {
                return false;
            }
        }
        return true;
    }

    /**
     * The sequence-file rule: column 0 (an id, any text) never decides. The first line is a header
     * when one of its other cells is text in a column whose later cells include a number; when every
     * such text cell is in a textual column (string symbols), it is a header only when none of those
     * cells reappears further down its column (a name, not a symbol).
     */
    private static boolean sequenceHeader(List<String[]> records, String source, List<String> notes) {
        String[] first = records.get(0);
        int probe = Math.min(records.size(), 1000);
        List<Integer> textual = new ArrayList<>();
        for (int c = 1; c < first.length; c++) {
            String cell = first[c];
            if (Messages.isNumber(cell) || Messages.isMissingToken(cell)) {
                continue;
            }
            for (int r = 1; r < probe; r++) {
                if (c < records.get(r).length && Messages.isNumber(records.get(r)[c])) {
                    return true;
                }
            }
            textual.add(c);
        }
        if (textual.isEmpty()) {
            return pandasIntegerColumns(first);
        }
        for (int c : textual) {
            Set<String> later = new HashSet<>();
            for (int r = 1; r < records.size(); r++) {
                if (c < records.get(r).length) {
                    later.add(records.get(r)[c].strip());
                }
            }
            if (later.contains(first[c].strip())) {
                return false;
            }
        }
        notes.add(source + ": took line 1 as a header because its values do not occur again in their columns;"
                + " use --header no if it is data");
        return true;
    }

    // ---- column selection ------------------------------------------------------------------

    private static int[] select(String source, CsvOptions options, List<String> names, int width, boolean rowIndex,
            List<String> notes) {
        List<Integer> kept = new ArrayList<>();
        if (!options.columns().isEmpty()) {
            for (String token : options.columns()) {
                kept.add(resolve(source, "--columns", token, names, width));
            }
        } else {
            for (int c = 0; c < width; c++) {
                kept.add(c);
            }
            List<Integer> dropped = new ArrayList<>();
            for (String token : options.drop()) {
                dropped.add(resolve(source, "--drop", token, names, width));
            }
            if (rowIndex && !dropped.contains(0)) {
                kept.remove(Integer.valueOf(0));
                notes.add(source + ": column 0 has no header name (a pandas or R row index); dropped it"
                        + " (name it in --columns to keep it)");
            }
            for (String name : options.dropIfPresent()) {
                int c = names.indexOf(name);
                if (c >= 0 && kept.contains(c) && !dropped.contains(c)
                        && !options.drop().contains(name)) {
                    kept.remove(Integer.valueOf(c));
                    notes.add(source + ": dropped " + Messages.column(c, names)
                            + " by default; name it in --columns to keep it");
                }
            }
        }
        for (String token : options.drop()) {
            kept.remove(Integer.valueOf(resolve(source, "--drop", token, names, width)));
        }
        if (kept.isEmpty()) {
            throw new IllegalArgumentException(source + ": no columns left after --columns and --drop; "
                    + available(names, width));
        }
        return kept.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int resolve(String source, String option, String token, List<String> names, int width) {
        int at = names.indexOf(token);
        if (at >= 0) {
            if (names.lastIndexOf(token) != at) {
                throw new IllegalArgumentException(source + ": " + option + " names \"" + Messages.shown(token)
                        + "\", but columns " + at + " and " + names.lastIndexOf(token)
                        + " both have that name; name them by 0-based index");
            }
            return at;
        }
        if (!token.isEmpty() && token.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
            int index;
            try {
                index = Integer.parseInt(token);
            } catch (NumberFormatException e) {
                index = Integer.MAX_VALUE;
            }
            if (index < width) {
                return index;
            }
            throw new IllegalArgumentException(source + ": " + option + " names column " + token
                    + ", but the file has " + width + " columns (0-based indices 0.." + (width - 1) + ")");
        }
        throw new IllegalArgumentException(source + ": " + option + " names \"" + Messages.shown(token)
                + "\", which is not a column; " + available(names, width));
    }

    private static String available(List<String> names, int width) {
        if (names.isEmpty()) {
            return "the file has no header, so name its " + width + " columns by 0-based index 0.." + (width - 1);
        }
        StringBuilder list = new StringBuilder("the columns are: ");
        int shown = Math.min(names.size(), 30);
        for (int c = 0; c < shown; c++) {
            if (c > 0) {
                list.append(", ");
            }
            list.append(names.get(c).isEmpty() ? "(" + c + ": no name)" : Messages.shown(names.get(c)));
        }
        if (shown < names.size()) {
            list.append(", ... (").append(names.size()).append(" in all)");
        }
        return list.toString();
    }

    // ---- accessors -------------------------------------------------------------------------

    /**
     * The name of the data used in messages (the path as given).
     *
     * @return the source name
     */
    public String source() {
        return source;
    }

    /**
     * The delimiter used (detected or given).
     *
     * @return {@code ','}, {@code ';'} or a tab
     */
    public char delimiter() {
        return delimiter;
    }

    /**
     * Whether the file had a header line.
     *
     * @return {@code true} when a header was read
     */
    public boolean hasHeader() {
        return headerLine > 0;
    }

    /**
     * The 1-based line of the header.
     *
     * @return the line, or 0 without a header
     */
    public int headerLine() {
        return headerLine;
    }

    /**
     * The names of every column of the file (a row index column has the name {@code ""}).
     *
     * @return one name per file column, or an empty list without a header
     */
    public List<String> fileColumnNames() {
        return fileColumnNames;
    }

    /**
     * The number of columns of the file, kept or not.
     *
     * @return at least 1
     */
    public int fileColumnCount() {
        return fileColumns;
    }

    /**
     * The file indices of the kept columns, in the kept order.
     *
     * @return a fresh array of 0-based file column indices
     */
    public int[] keptColumns() {
        return kept.clone();
    }

    /**
     * The number of kept columns.
     *
     * @return at least 1
     */
    public int columnCount() {
        return kept.length;
    }

    /**
     * The names of the kept columns.
     *
     * @return one name per kept column, or an empty list without a header
     */
    public List<String> columnNames() {
        if (fileColumnNames.isEmpty()) {
            return List.of();
        }
        List<String> names = new ArrayList<>(kept.length);
        for (int c : kept) {
            names.add(fileColumnNames.get(c));
        }
        return List.copyOf(names);
    }

    /**
     * The number of data rows.
     *
     * @return at least 1
     */
    public int size() {
        return rows.size();
    }

    /**
     * A cell of a kept column, as written (quotes removed, surrounding spaces stripped).
     *
     * @param row 0-based data row
     * @param column 0-based index among the kept columns
     * @return the text
     * @throws IndexOutOfBoundsException if an index is out of range
     */
    public String cell(int row, int column) {
        return rows.get(row)[kept[column]];
    }

    /**
     * The 1-based line where a data row starts.
     *
     * @param row 0-based data row
     * @return the line number in the file
     * @throws IndexOutOfBoundsException if {@code row} is out of range
     */
    public int line(int row) {
        return lines[row];
    }

    /**
     * What the reader decided on its own that a user should know (a dropped row index or default
     * column, a guessed header), one line each, starting with the source name. Library code prints
     * nothing; a command-line tool prints these on stderr.
     *
     * @return the notes, possibly empty
     */
    public List<String> notes() {
        return notes;
    }
}
