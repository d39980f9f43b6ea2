package io.emkit.io;

import io.emkit.core.Dataset;
import io.emkit.core.IncompleteDataset;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;
import java.util.Objects;

/**
 * A data file read as an {@code n x d} matrix of numbers: the kept columns of a {@link CsvTable}
 * (see there for dialect, header and column rules), every cell a number.
 *
 * <p>A number is a plain decimal ({@code 3.6}, {@code -4e-3}, {@code +1}); Java's type suffixes,
 * hexadecimal floats, infinities, decimal commas and thousands separators are not numbers. A cell
 * that is not a number is an error such as {@code iris.csv line 2, column 4 ("species"): "setosa"
 * is not a number; drop the column with --drop species} (lines are 1-based lines of the file,
 * columns 0-based indices of the file, as {@code --drop} takes them).
 *
 * <p><b>Missing values.</b> With {@link CsvOptions#missingAllowed()}, an empty cell, {@code NA} or
 * {@code NaN} is stored as {@link Double#NaN} and its bit in {@link #missingMask()} is set (bit
 * {@code i * d + j} for row {@code i}, column {@code j}); without it such a cell is an error that
 * suggests {@code --missing}. NaN in the matrix means missing and nothing else.
 *
 * <p>Immutable; the values are held row-major and copied on the way out.
 */
public final class NumericTable {

    private final String source;
    private final List<String> columnNames;
    private final int[] fileColumns;
    private final int n;
    private final int d;
    private final double[] values;
    private final BitSet missing;
    private final int[] lines;
    private final List<String> notes;

    private NumericTable(CsvTable table, double[] values, BitSet missing) {
        this.source = table.source();
        this.columnNames = table.columnNames();
        this.fileColumns = table.keptColumns();
        this.n = table.size();
        this.d = table.columnCount();
        this.values = values;
        this.missing = missing;
        this.lines = new int[n];
        for (int i = 0; i < n; i++) {
            lines[i] = table.line(i);
        }
        this.notes = table.notes();
    }

    /**
     * Reads a data file.
     *
     * @param path the file; its name as given is the source named in messages
     * @param options how to read it
     * @return the table
     * @throws IOException if the file cannot be read (message names the file)
     * @throws IllegalArgumentException if the content is bad: empty, ragged, a selected column that
     *     does not exist, a cell that is not a number, a missing value without
     *     {@link CsvOptions#missingAllowed()}, bytes not valid in the encoding
     */
    public static NumericTable read(Path path, CsvOptions options) throws IOException {
        return of(CsvTable.read(path, options), options);
    }

    /**
     * Reads a data stream to its end (it is not closed).
     *
     * @param in the bytes
     * @param source the name used in messages
     * @param options how to read it
     * @return the table
     * @throws IOException if reading fails
     * @throws IllegalArgumentException as {@link #read(Path, CsvOptions)}
     */
    public static NumericTable read(InputStream in, String source, CsvOptions options) throws IOException {
        return of(CsvTable.read(in, source, options), options);
    }

    /**
     * Parses the kept cells of a table as numbers.
     *
     * @param table the cells
     * @param options only {@link CsvOptions#missingAllowed()} is used
     * @return the numbers
     * @throws IllegalArgumentException if a cell is not a number or a disallowed missing value
     */
    public static NumericTable of(CsvTable table, CsvOptions options) {
        Objects.requireNonNull(table, "table");
        int n = table.size();
        int d = table.columnCount();
        int[] file = table.keptColumns();
        List<String> names = table.fileColumnNames();
        double[] values = new double[Math.multiplyExact(n, d)];
        BitSet missing = new BitSet();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                String cell = table.cell(i, j);
                Double value = Messages.number(cell);
                if (value != null) {
                    values[i * d + j] = value;
                } else if (Messages.isMissingToken(cell)) {
                    if (!options.missingAllowed()) {
                        throw new IllegalArgumentException(Messages.at(table.source(), table.line(i), file[j], names)
                                + ": " + Messages.missing(cell));
                    }
                    values[i * d + j] = Double.NaN;
                    missing.set(i * d + j);
                } else {
                    throw new IllegalArgumentException(Messages.at(table.source(), table.line(i), file[j], names)
                            + ": " + Messages.notANumber(cell, file[j], names));
                }
            }
        }
        return new NumericTable(table, values, missing);
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
     * The names of the columns, in matrix order.
     *
     * @return {@code d} names, or an empty list when the file had no header
     */
    public List<String> columnNames() {
        return columnNames;
    }

    /**
     * The 0-based file column of each matrix column.
     *
     * @return a fresh array of length {@code d}
     */
    public int[] fileColumns() {
        return fileColumns.clone();
    }

    /**
     * The number of samples (data rows), {@code n}.
     *
     * @return at least 1
     */
    public int size() {
        return n;
    }

    /**
     * The number of columns of every sample, {@code d}.
     *
     * @return at least 1
     */
    public int dimension() {
        return d;
    }

    /**
     * One value.
     *
     * @param row 0-based row
     * @param column 0-based matrix column
     * @return the value; NaN when missing
     * @throws IndexOutOfBoundsException if an index is out of range
     */
    public double get(int row, int column) {
        java.util.Objects.checkIndex(row, n);
        java.util.Objects.checkIndex(column, d);
        return values[row * d + column];
    }

    /**
     * The values, row-major.
     *
     * @return a fresh array of length {@code n * d}; missing cells are NaN
     */
    public double[] toRowMajor() {
        return values.clone();
    }

    /**
     * The values as rows.
     *
     * @return a fresh {@code n x d} array; missing cells are NaN
     */
    public double[][] toArray() {
        double[][] rows = new double[n][];
        for (int i = 0; i < n; i++) {
            rows[i] = java.util.Arrays.copyOfRange(values, i * d, (i + 1) * d);
        }
        return rows;
    }

    /**
     * Whether a cell is missing.
     *
     * @param row 0-based row
     * @param column 0-based matrix column
     * @return {@code true} for an empty, {@code NA} or {@code NaN} cell read with missing values allowed
     * @throws IndexOutOfBoundsException if an index is out of range
     */
    public boolean isMissing(int row, int column) {
        java.util.Objects.checkIndex(row, n);
        java.util.Objects.checkIndex(column, d);
        return missing.get(row * d + column);
    }

    /**
     * The missing cells: bit {@code i * d + j} is set when row {@code i}, column {@code j} is missing.
     *
     * @return a fresh copy
     */
    public BitSet missingMask() {
        return (BitSet) missing.clone();
    }

    /**
     * How many cells are missing.
     *
     * @return 0 when none (always 0 without {@link CsvOptions#missingAllowed()})
     */
    public int missingCount() {
        return missing.cardinality();
    }

    /**
     * The 1-based file line of a row, for messages about it.
     *
     * @param row 0-based row
     * @return the line
     * @throws IndexOutOfBoundsException if {@code row} is out of range
     */
    public int line(int row) {
        return lines[row];
    }

    /**
     * The reader's notes (see {@link CsvTable#notes()}).
     *
     * @return the notes, possibly empty
     */
    public List<String> notes() {
        return notes;
    }

    /**
     * The values as an unweighted {@link Dataset}.
     *
     * @return a new data set holding a copy of the values
     * @throws IllegalStateException if a cell is missing
     */
    public Dataset toDataset() {
        if (!missing.isEmpty()) {
            int first = missing.nextSetBit(0);
            throw new IllegalStateException(source + " line " + lines[first / d] + " has a missing value; this"
                    + " data set cannot hold missing values");
        }
        return Dataset.ofRowMajor(values, n, d);
    }

    /**
     * The values as an {@link IncompleteDataset}: missing cells (see {@link #missingMask()}) stay
     * missing, for the models that use them.
     *
     * @return a new data set holding a copy of the values
     * @throws IllegalArgumentException if a column is missing in every row (naming it:
     *     {@code "X.csv: column \"waiting\" is missing in every row; drop it with --drop waiting"})
     */
    public IncompleteDataset toIncompleteDataset() {
        for (int a = 0; a < d; a++) {
            boolean seen = false;
            for (int i = 0; i < n && !seen; i++) {
                seen = !missing.get(i * d + a);
            }
            if (!seen) {
                String name = columnNames.isEmpty() ? String.valueOf(fileColumns[a]) : columnNames.get(a);
                throw new IllegalArgumentException(source + ": column \"" + name
                        + "\" is missing in every row; drop it with --drop " + name);
            }
        }
        return IncompleteDataset.ofRowMajor(values, n, d);
    }
}
