package io.emkit.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Observation sequences read from a data file, for hidden Markov models: the first kept column is
 * the sequence id (any text), the other kept columns the observation of one step, either one
 * symbol ({@link Kind#SYMBOLS}) or {@code d} numbers ({@link Kind#VECTORS}). Dialect, encoding and
 * column selection are those of {@link CsvTable}; a row index column (pandas, R) is dropped first,
 * so the id is the first column after it.
 *
 * <p><b>Sequences.</b> The rows of one id form one sequence, in file order; sequences are in order of
 * first appearance. The rows of an id must be consecutive: an id that reappears after another id is
 * an error ({@code sequence id "a" reappears at line 57 after other ids; group each sequence's rows
 * together}), never silently a new sequence nor silently merged, since a file sorted by something
 * else would give wrong transitions either way.
 *
 * <p><b>Symbols.</b> When every symbol cell is a number, the symbols are integers and each must be a
 * non-negative integer (the alphabet is {@code 0..max}); {@link #symbolNames()} is empty. Otherwise
 * every symbol is a string: symbol {@code k} is the {@code k}-th distinct string in order of first
 * appearance, and {@link #symbolNames()} is that vocabulary (so {@code "1"} and {@code "a"} in one
 * column are both strings). With {@link CsvOptions#missingAllowed()} an empty, {@code NA} or
 * {@code NaN} symbol cell is a missing symbol: its code is {@link #MISSING_SYMBOL}, it takes no
 * place in the vocabulary and does not decide whether the symbols are integers or strings; without
 * it such a cell is an error.
 *
 * <p><b>Header auto-detection</b> differs from {@link NumericTable}'s because ids and string
 * symbols are text: the id column never decides; the first line is a header when one of its other
 * cells is text in a column that holds a number further down; when all such text cells are in
 * textual columns (string symbols), the first line is a header only when none of its cells there
 * occurs again further down its column (a name, not a symbol), and a note says so. {@code --header
 * yes|no} overrides.
 *
 * <p><b>Missing values</b> (with {@link CsvOptions#missingAllowed()}) are NaN for
 * {@link Kind#VECTORS} and {@link #MISSING_SYMBOL} for {@link Kind#SYMBOLS}, with their bit set in
 * {@link #missingMask()} (bit {@code o * d + j} for the {@code o}-th observation over all sequences
 * in order, column {@code j}; {@code d = 1} for symbols).
 *
 * <p>Immutable; arrays are copied on the way out.
 */
public final class SequenceTable {

    /** What one step's observation is. */
    public enum Kind {
        /** One symbol per step: a non-negative integer, or a string of a vocabulary. */
        SYMBOLS,
        /** {@code d >= 1} numbers per step. */
        VECTORS
    }

    /**
     * The code of a missing symbol in {@link #symbols(int)} (read only with
     * {@link CsvOptions#missingAllowed()}).
     */
    public static final int MISSING_SYMBOL = -1;

    private final String source;
    private final Kind kind;
    private final List<String> columnNames;
    private final List<String> ids;
    private final int[] starts;
    private final int dimension;
    private final double[] values;
    private final int[] symbols;
    private final List<String> symbolNames;
    private final BitSet missing;
    private final int[] lines;
    private final List<String> notes;

    private SequenceTable(String source, Kind kind, List<String> columnNames, List<String> ids, int[] starts,
            int dimension, double[] values, int[] symbols, List<String> symbolNames, BitSet missing, int[] lines,
            List<String> notes) {
        this.source = source;
        this.kind = kind;
        this.columnNames = List.copyOf(columnNames);
        this.ids = List.copyOf(ids);
        this.starts = starts;
        this.dimension = dimension;
        this.values = values;
        this.symbols = symbols;
        this.symbolNames = List.copyOf(symbolNames);
        this.missing = missing;
        this.lines = lines;
        this.notes = List.copyOf(notes);
    }

    /**
     * Reads a sequence file.
     *
     * @param path the file; its name as given is the source named in messages
     * @param options how to read it
     * @param kind symbols or vectors
     * @return the sequences
     * @throws IOException if the file cannot be read (message names the file)
     * @throws IllegalArgumentException if the content is bad (as {@link NumericTable}, plus: fewer
     *     than two kept columns, more than one symbol column, an empty id, an id that reappears, a
     *     numeric symbol that is not a non-negative integer, a missing symbol without
     *     {@link CsvOptions#missingAllowed()})
     */
    public static SequenceTable read(Path path, CsvOptions options, Kind kind) throws IOException {
        return of(CsvTable.parse(CsvTable.readBytes(path), path.toString(), options, CsvTable.HeaderRule.SEQUENCE),
                options, kind);
    }

    /**
     * Reads a sequence stream to its end (it is not closed).
     *
     * @param in the bytes
     * @param source the name used in messages
     * @param options how to read it
     * @param kind symbols or vectors
     * @return the sequences
     * @throws IOException if reading fails
     * @throws IllegalArgumentException as {@link #read(Path, CsvOptions, Kind)}
     */
    public static SequenceTable read(InputStream in, String source, CsvOptions options, Kind kind)
            throws IOException {
        return of(CsvTable.parse(in.readAllBytes(), source, options, CsvTable.HeaderRule.SEQUENCE), options, kind);
    }

    /**
     * Sequences from records that another reader has already split into fields (em-spark: Spark's CSV
     * source), read with every rule of {@link #read(Path, CsvOptions, Kind)} after tokenising.
     *
     * @param source the name used in messages
     * @param delimiter the delimiter the records were split at
     * @param records every non-blank, non-comment record in file order, header included, fields
     *     without quotes and surrounding spaces. Not modified.
     * @param lines the 1-based line of each record
     * @param options how to read (header, columns, drops, missing values)
     * @param kind symbols or vectors
     * @return the sequences
     * @throws IllegalArgumentException as {@link #read(Path, CsvOptions, Kind)}, or if the lines do not
     *     match the records
     */
    public static SequenceTable ofRecords(String source, char delimiter, List<String[]> records, int[] lines,
            CsvOptions options, Kind kind) {
        return of(CsvTable.fromRecords(source, delimiter, records, lines, options, CsvTable.HeaderRule.SEQUENCE),
                options, kind);
    }

    private static SequenceTable of(CsvTable table, CsvOptions options, Kind kind) {
        Objects.requireNonNull(kind, "kind");
        int d = observationColumns(table, kind);
        Runs runs = Runs.of(table);
        List<String> observationNames = table.columnNames().isEmpty() ? List.of()
                : table.columnNames().subList(1, d + 1);
        return kind == Kind.VECTORS ? readVectors(table, options, d, runs, observationNames)
                : readSymbols(table, options, runs, observationNames);
    }

    /** The number of observation columns kept after the id: at least 1, exactly 1 for symbols. */
    private static int observationColumns(CsvTable table, Kind kind) {
        int[] file = table.keptColumns();
        List<String> names = table.fileColumnNames();
        if (file.length < 2) {
            throw new IllegalArgumentException(table.source() + ": a sequence file needs a sequence id column and"
                    + " at least one observation column, but only " + Messages.column(file[0], names) + " is kept");
        }
        int d = file.length - 1;
        if (kind == Kind.SYMBOLS && d != 1) {
            throw new IllegalArgumentException(table.source() + ": symbol sequences need exactly one symbol column"
                    + " after the id, but " + d + " columns are kept after " + Messages.column(file[0], names)
                    + "; choose them with --columns ID,SYMBOL");
        }
        return d;
    }

    /**
     * The sequences as runs of rows with the same id: the ids in file order, where each run starts
     * (and the row count at the end), and each row's 1-based line.
     */
    private record Runs(List<String> ids, int[] starts, int[] lines) {
        /** @throws IllegalArgumentException if an id is empty or reappears after other ids */
        static Runs of(CsvTable table) {
            String source = table.source();
            int n = table.size();
            List<String> ids = new ArrayList<>();
            List<Integer> starts = new ArrayList<>();
            Map<String, Integer> lastLine = new HashMap<>();
            String current = null;
            int[] lines = new int[n];
            for (int i = 0; i < n; i++) {
                String id = table.cell(i, 0);
                lines[i] = table.line(i);
                if (id.isEmpty()) {
                    throw new IllegalArgumentException(at(table, lines[i], 0)
                            + ": the sequence id is empty");
                }
                if (!id.equals(current)) {
                    Integer previous = lastLine.get(id);
                    if (previous != null) {
                        throw new IllegalArgumentException(source + ": sequence id \"" + Messages.shown(id)
                                + "\" reappears at line " + lines[i] + " after other ids (its rows so far end at line "
                                + previous + "); group each sequence's rows together");
                    }
                    ids.add(id);
                    starts.add(i);
                    current = id;
                }
                lastLine.put(id, lines[i]);
            }
            starts.add(n);
            return new Runs(ids, starts.stream().mapToInt(Integer::intValue).toArray(), lines);
        }
    }

    /** The place of a cell in messages: the source, its line, and kept column {@code kept} (0 = the id). */
    private static String at(CsvTable table, int line, int kept) {
        return Messages.at(table.source(), line, table.keptColumns()[kept], table.fileColumnNames());
    }

    /** Vector observations: every kept cell after the id a number, or a missing token if allowed. */
    private static SequenceTable readVectors(CsvTable table, CsvOptions options, int d, Runs runs,
            List<String> observationNames) {
        int[] lines = runs.lines();
        int n = table.size();
        BitSet missing = new BitSet();
        double[] values = new double[Math.multiplyExact(n, d)];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                String cell = table.cell(i, j + 1);
                Double value = Messages.number(cell);
                if (value != null) {
                    values[i * d + j] = value;
                } else if (Messages.isMissingToken(cell)) {
                    if (!options.missingAllowed()) {
                        throw new IllegalArgumentException(at(table, lines[i], j + 1)
                                + ": " + Messages.missing(cell));
                    }
                    values[i * d + j] = Double.NaN;
                    missing.set(i * d + j);
                } else {
                    throw new IllegalArgumentException(at(table, lines[i], j + 1)
                            + ": " + Messages.notANumber(cell, table.keptColumns()[j + 1],
                                    table.fileColumnNames()));
                }
            }
        }
        return new SequenceTable(table.source(), Kind.VECTORS, observationNames, runs.ids(), runs.starts(), d, values,
                null, List.of(), missing, lines, table.notes());
    }

    /**
     * Symbol observations: non-negative integers used as they are when every present cell is a
     * number, else words coded in order of first appearance.
     */
    private static SequenceTable readSymbols(CsvTable table, CsvOptions options, Runs runs,
            List<String> observationNames) {
        int[] lines = runs.lines();
        int n = table.size();
        BitSet missing = new BitSet();
        boolean allowMissing = options.missingAllowed();
        boolean numeric = true;
        for (int i = 0; i < n && numeric; i++) {
            String cell = table.cell(i, 1);
            if (allowMissing && Messages.isMissingToken(cell)) {
                missing.set(i);
                continue;
            }
            if (cell.isEmpty()) {
                throw new IllegalArgumentException(at(table, lines[i], 1)
                        + ": the symbol is empty; " + Messages.missingHint());
            }
            numeric = Messages.isNumber(cell);
        }
        int[] codes = new int[n];
        List<String> vocabulary = new ArrayList<>();
        if (numeric) {
            for (int i = 0; i < n; i++) {
                String cell = table.cell(i, 1);
                if (missing.get(i)) {
                    codes[i] = MISSING_SYMBOL;
                    continue;
                }
                double value = Messages.number(cell);
                if (!(value >= 0 && value == Math.rint(value) && value <= Integer.MAX_VALUE - 1)) {
                    throw new IllegalArgumentException(at(table, lines[i], 1) + ": \""
                            + Messages.shown(cell) + "\" is not a symbol (a non-negative integer, or a word such as"
                            + " H for string symbols)");
                }
                codes[i] = (int) value;
            }
        } else {
            Map<String, Integer> index = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                String cell = table.cell(i, 1);
                if (allowMissing && Messages.isMissingToken(cell)) {
                    missing.set(i);
                    codes[i] = MISSING_SYMBOL;
                    continue;
                }
                if (cell.isEmpty()) {
                    throw new IllegalArgumentException(at(table, lines[i], 1)
                            + ": the symbol is empty; " + Messages.missingHint());
                }
                codes[i] = index.computeIfAbsent(cell, key -> index.size());
            }
            vocabulary.addAll(index.keySet());
        }
        return new SequenceTable(table.source(), Kind.SYMBOLS, observationNames, runs.ids(), runs.starts(), 1, null,
                codes, vocabulary, missing, lines, table.notes());
    }

    /**
     * The name of the data used in messages.
     *
     * @return the source name
     */
    public String source() {
        return source;
    }

    /**
     * What an observation is.
     *
     * @return symbols or vectors
     */
    public Kind kind() {
        return kind;
    }

    /**
     * Whether each observation is one symbol.
     *
     * @return {@code kind() == SYMBOLS}
     */
    public boolean categorical() {
        return kind == Kind.SYMBOLS;
    }

    /**
     * The names of the observation columns.
     *
     * @return {@code dimension()} names, or an empty list without a header
     */
    public List<String> columnNames() {
        return columnNames;
    }

    /**
     * The sequence ids, in order of first appearance; distinct.
     *
     * @return one id per sequence
     */
    public List<String> ids() {
        return ids;
    }

    /**
     * The number of sequences.
     *
     * @return at least 1
     */
    public int count() {
        return ids.size();
    }

    /**
     * The length of one sequence.
     *
     * @param sequence 0-based sequence index
     * @return at least 1
     * @throws IndexOutOfBoundsException if out of range
     */
    public int length(int sequence) {
        Objects.checkIndex(sequence, count());
        return starts[sequence + 1] - starts[sequence];
    }

    /**
     * The total number of observations over all sequences.
     *
     * @return the sum of the lengths
     */
    public int totalLength() {
        return starts[starts.length - 1];
    }

    /**
     * The observation dimension: 1 for symbols.
     *
     * @return {@code d >= 1}
     */
    public int dimension() {
        return dimension;
    }

    /**
     * The string symbols' vocabulary: symbol {@code k} stands for {@code symbolNames().get(k)}.
     *
     * @return the distinct strings in order of first appearance, or an empty list for integer
     *     symbols and for vectors
     */
    public List<String> symbolNames() {
        return symbolNames;
    }

    /**
     * Whether the symbols are strings (see {@link #symbolNames()}).
     *
     * @return {@code true} when the file held string symbols
     */
    public boolean hasSymbolNames() {
        return !symbolNames.isEmpty();
    }

    /**
     * One sequence's symbols (codes into {@link #symbolNames()} for string symbols;
     * {@link #MISSING_SYMBOL} where a symbol is missing).
     *
     * @param sequence 0-based sequence index
     * @return a fresh array of length {@code length(sequence)}
     * @throws IllegalStateException if the observations are vectors
     * @throws IndexOutOfBoundsException if out of range
     */
    public int[] symbols(int sequence) {
        if (kind != Kind.SYMBOLS) {
            throw new IllegalStateException("the sequences hold vectors, not symbols");
        }
        Objects.checkIndex(sequence, count());
        return java.util.Arrays.copyOfRange(symbols, starts[sequence], starts[sequence + 1]);
    }

    /**
     * Every sequence's symbols.
     *
     * @return one fresh array per sequence
     * @throws IllegalStateException if the observations are vectors
     */
    public List<int[]> allSymbols() {
        List<int[]> all = new ArrayList<>(count());
        for (int s = 0; s < count(); s++) {
            all.add(symbols(s));
        }
        return all;
    }

    /**
     * One sequence's observations as rows (symbols as their codes).
     *
     * @param sequence 0-based sequence index
     * @return a fresh {@code T x d} array
     * @throws IndexOutOfBoundsException if out of range
     */
    public double[][] sequence(int sequence) {
        Objects.checkIndex(sequence, count());
        int from = starts[sequence];
        int length = starts[sequence + 1] - from;
        double[][] rows = new double[length][];
        for (int t = 0; t < length; t++) {
            if (kind == Kind.SYMBOLS) {
                rows[t] = new double[] {symbols[from + t]};
            } else {
                rows[t] = java.util.Arrays.copyOfRange(values, (from + t) * dimension, (from + t + 1) * dimension);
            }
        }
        return rows;
    }

    /**
     * One sequence's vector observations, row-major: {@code values[t·d + j]}.
     *
     * @param sequence 0-based sequence index
     * @return a fresh array of {@code T·d} values
     * @throws IndexOutOfBoundsException if out of range
     * @throws IllegalStateException for symbol sequences (use {@link #symbols})
     */
    public double[] values(int sequence) {
        Objects.checkIndex(sequence, count());
        if (kind == Kind.SYMBOLS) {
            throw new IllegalStateException("symbol sequences have no vector values; use symbols(" + sequence + ")");
        }
        return java.util.Arrays.copyOfRange(values, starts[sequence] * dimension, starts[sequence + 1] * dimension);
    }

    /**
     * Every sequence's observations as rows.
     *
     * @return one fresh {@code T x d} array per sequence
     */
    public List<double[][]> allSequences() {
        List<double[][]> all = new ArrayList<>(count());
        for (int s = 0; s < count(); s++) {
            all.add(sequence(s));
        }
        return all;
    }

    /**
     * The missing cells of vector observations (see the class notes).
     *
     * @return a fresh copy; empty without missing values
     */
    public BitSet missingMask() {
        return (BitSet) missing.clone();
    }

    /**
     * The 1-based file line of one step, for messages about it.
     *
     * @param sequence 0-based sequence index
     * @param step 0-based step
     * @return the line
     * @throws IndexOutOfBoundsException if out of range
     */
    public int line(int sequence, int step) {
        Objects.checkIndex(step, length(sequence));
        return lines[starts[sequence] + step];
    }

    /**
     * The reader's notes (see {@link CsvTable#notes()}).
     *
     * @return the notes, possibly empty
     */
    public List<String> notes() {
        return notes;
    }
}
