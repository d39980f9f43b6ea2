package io.emkit.core;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An immutable {@code n × d} matrix of observations in which some cells are missing, with an optional
 * non-negative weight per row: the data of EM "as it was invented" (Dempster, Laird and Rubin 1977),
 * where the missing cells are the latent part.
 *
 * <p>Stored row-major in one flat {@code double[]} in which a missing cell holds NaN (the mask is the
 * set of NaN cells; no boxed values). Rows are grouped by their <em>missingness pattern</em> (the set
 * of observed columns): {@link #pattern(int)} is the pattern's index, shared by all chunk views, so
 * that a model can factor what depends only on the pattern once per pattern instead of once per row.
 *
 * <p>A row may be missing in every column (it then carries no information and models skip it; see
 * {@link #emptyRows()}); a column missing in every row is an error. Every array going in or out is
 * copied, so instances are safe to share between threads. {@link #chunks} cuts by row count only, as
 * {@link Dataset#split} does, but over the rows grouped by pattern (a reordered copy made once when
 * there is more than one pattern): E-step statistics are sums, and long runs of one pattern let a
 * model work on blocks of rows that share their factors.
 */
public final class IncompleteDataset implements Chunkable<IncompleteDataset> {
    private final double[] values;  // n × d, NaN where missing
    private final double[] weights; // null: every weight is 1
    private final int[] patternOfRow;
    private final Patterns patterns;
    private final int firstRow;
    private final int size;
    private final int dimension;
    private volatile IncompleteDataset grouped; // chunks' row order, made on first use

    /** The distinct patterns of the whole data set, shared by every view. */
    private static final class Patterns {
        final boolean[][] observed; // [pattern][column]
        final int[][] observedColumns;
        final int[][] missingColumns;

        Patterns(List<boolean[]> masks) {
            int p = masks.size();
            observed = masks.toArray(new boolean[0][]);
            observedColumns = new int[p][];
            missingColumns = new int[p][];
            for (int q = 0; q < p; q++) {
                boolean[] mask = observed[q];
                int count = 0;
                for (boolean b : mask) {
                    count += b ? 1 : 0;
                }
                int[] obs = new int[count];
                int[] mis = new int[mask.length - count];
                int o = 0;
                int m = 0;
                for (int a = 0; a < mask.length; a++) {
                    if (mask[a]) {
                        obs[o++] = a;
                    } else {
                        mis[m++] = a;
                    }
                }
                observedColumns[q] = obs;
                missingColumns[q] = mis;
            }
        }
    }

    private IncompleteDataset(double[] values, double[] weights, int[] patternOfRow, Patterns patterns,
            int firstRow, int size, int dimension) {
        this.values = values;
        this.weights = weights;
        this.patternOfRow = patternOfRow;
        this.patterns = patterns;
        this.firstRow = firstRow;
        this.size = size;
        this.dimension = dimension;
    }

    /**
     * A copy of rectangular data in which NaN marks a missing cell.
     *
     * @param rows {@code n × d}, {@code n >= 1}, {@code d >= 1}; NaN is missing, infinities are errors.
     *     Not modified.
     * @return the data set
     * @throws IllegalArgumentException if the data are empty or ragged, hold an infinity
     *     ({@code "x[4][1] is Infinity"}), or a column is missing in every row ({@code "column 2 is
     *     missing in every row"})
     */
    public static IncompleteDataset of(double[][] rows) {
        Objects.requireNonNull(rows, "rows");
        checkArgument(rows.length > 0, "data are empty: no rows");
        Objects.requireNonNull(rows[0], "row 0 is null");
        int d = rows[0].length;
        checkArgument(d > 0, "data have no columns");
        double[] values = new double[Math.multiplyExact(rows.length, d)];
        for (int i = 0; i < rows.length; i++) {
            double[] row = Objects.requireNonNull(rows[i], "a row is null");
            checkArgument(row.length == d,
                    "data are ragged: row %s has %s values but row 0 has %s", i, row.length, d);
            System.arraycopy(row, 0, values, i * d, d);
        }
        return checked(values, rows.length, d);
    }

    /**
     * A copy of rectangular data with an explicit mask; the values of masked cells are ignored.
     *
     * @param rows {@code n × d}; unmasked cells must be finite. Not modified.
     * @param missing {@code n × d}, {@code true} where the cell is missing. Not modified.
     * @return the data set
     * @throws IllegalArgumentException as {@link #of(double[][])}, if the shapes differ, or if an
     *     unmasked cell is not finite
     */
    public static IncompleteDataset of(double[][] rows, boolean[][] missing) {
        Objects.requireNonNull(rows, "rows");
        Objects.requireNonNull(missing, "missing");
        checkArgument(missing.length == rows.length, "missing has %s rows but the data have %s",
                missing.length, rows.length);
        checkArgument(rows.length > 0, "data are empty: no rows");
        int d = Objects.requireNonNull(rows[0], "row 0 is null").length;
        checkArgument(d > 0, "data have no columns");
        double[] values = new double[Math.multiplyExact(rows.length, d)];
        for (int i = 0; i < rows.length; i++) {
            double[] row = Objects.requireNonNull(rows[i], "a row is null");
            boolean[] mask = Objects.requireNonNull(missing[i], "a mask row is null");
            checkArgument(row.length == d,
                    "data are ragged: row %s has %s values but row 0 has %s", i, row.length, d);
            checkArgument(mask.length == d, "missing[%s] has %s entries but the data have %s columns",
                    i, mask.length, d);
            for (int a = 0; a < d; a++) {
                double v = row[a];
                if (!mask[a] && !Double.isFinite(v)) {
                    throw new IllegalArgumentException("x[" + i + "][" + a + "] is " + v
                            + " but not marked missing; observed values must be finite");
                }
                values[i * d + a] = mask[a] ? Double.NaN : v;
            }
        }
        return checked(values, rows.length, d);
    }

    /**
     * A copy of row-major data in which NaN marks a missing cell.
     *
     * @param rowMajor {@code n * d} values, sample {@code i} at {@code [i*d, (i+1)*d)}; NaN is missing.
     *     Not modified.
     * @param n number of samples, {@code >= 1}
     * @param d dimension, {@code >= 1}
     * @return the data set
     * @throws IllegalArgumentException on a size mismatch, an infinity or a column missing in every row
     */
    public static IncompleteDataset ofRowMajor(double[] rowMajor, int n, int d) {
        checkArgument(n >= 1, "data are empty: n (%s) must be >= 1", n);
        checkArgument(d >= 1, "dimension d (%s) must be >= 1", d);
        checkArgument(rowMajor.length == (long) n * d,
                "%s values given for %s rows of dimension %s", rowMajor.length, n, d);
        return checked(rowMajor.clone(), n, d);
    }

    /**
     * Complete data seen as incomplete data with no missing cell (same rows, same weights).
     *
     * @param data the data. Not modified.
     * @return the data set
     */
    public static IncompleteDataset of(Dataset data) {
        Objects.requireNonNull(data, "data");
        int n = data.size();
        int d = data.dimension();
        double[] values = new double[Math.multiplyExact(n, d)];
        data.copyRows(0, n, values, 0);
        IncompleteDataset out = checked(values, n, d);
        if (data.isWeighted()) {
            double[] w = new double[n];
            data.copyWeights(0, n, w, 0);
            return out.withWeights(w);
        }
        return out;
    }

    private static IncompleteDataset checked(double[] values, int n, int d) {
        boolean[] seen = new boolean[d];
        Map<BitSet, Integer> ids = new HashMap<>();
        List<boolean[]> masks = new ArrayList<>();
        int[] patternOfRow = new int[n];
        BitSet key = new BitSet(d);
        for (int i = 0; i < n; i++) {
            key.clear();
            for (int a = 0; a < d; a++) {
                double v = values[i * d + a];
                if (Double.isNaN(v)) {
                    continue;
                }
                if (Double.isInfinite(v)) {
                    throw new IllegalArgumentException("x[" + i + "][" + a + "] is " + v
                            + "; observed values must be finite (NaN marks a missing cell)");
                }
                key.set(a);
                seen[a] = true;
            }
            Integer id = ids.get(key);
            if (id == null) {
                id = masks.size();
                BitSet copy = (BitSet) key.clone();
                ids.put(copy, id);
                boolean[] mask = new boolean[d];
                for (int a = copy.nextSetBit(0); a >= 0; a = copy.nextSetBit(a + 1)) {
                    mask[a] = true;
                }
                masks.add(mask);
            }
            patternOfRow[i] = id;
        }
        for (int a = 0; a < d; a++) {
            if (!seen[a]) {
                throw new IllegalArgumentException("column " + a
                        + " is missing in every row; drop it (it carries no information)");
            }
        }
        return new IncompleteDataset(values, null, patternOfRow, new Patterns(masks), 0, n, d);
    }

    /**
     * The same rows with the given weights (replacing any weights this data set had).
     *
     * @param rowWeights length {@code n}, each finite and {@code >= 0}, with a positive sum. Not
     *     modified.
     * @return a new data set sharing the rows
     * @throws IllegalArgumentException naming the offending index and value, or if all are zero
     */
    public IncompleteDataset withWeights(double[] rowWeights) {
        Objects.requireNonNull(rowWeights, "weights");
        checkArgument(rowWeights.length == size,
                "weights has length %s but the data have %s rows", rowWeights.length, size);
        double sum = 0;
        for (int i = 0; i < rowWeights.length; i++) {
            double w = rowWeights[i];
            if (!(w >= 0 && w < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("weights[" + i + "] is " + w + "; must be finite and >= 0");
            }
            sum += w;
        }
        checkArgument(sum > 0, "sample weights are all zero");
        double[] base = Arrays.copyOfRange(values, firstRow * dimension, (firstRow + size) * dimension);
        int[] rowPatterns = Arrays.copyOfRange(patternOfRow, firstRow, firstRow + size);
        return new IncompleteDataset(base, rowWeights.clone(), rowPatterns, patterns, 0, size, dimension);
    }

    /**
     * Number of samples (rows), including rows missing in every column.
     *
     * @return {@code n >= 1}
     */
    public int size() {
        return size;
    }

    /**
     * Number of features (columns).
     *
     * @return {@code d >= 1}
     */
    public int dimension() {
        return dimension;
    }

    /**
     * Whether rows carry explicit weights.
     *
     * @return false when every weight is 1
     */
    public boolean isWeighted() {
        return weights != null;
    }

    /**
     * Weight of one row (1 when unweighted).
     *
     * @param row 0-based row
     * @return the weight, {@code >= 0}
     */
    public double weight(int row) {
        Objects.checkIndex(row, size);
        return weights == null ? 1.0 : weights[firstRow + row];
    }

    /**
     * One value.
     *
     * @param row 0-based row
     * @param column 0-based column
     * @return {@code x[row][column]}, NaN when the cell is missing
     */
    public double get(int row, int column) {
        Objects.checkIndex(row, size);
        Objects.checkIndex(column, dimension);
        return values[(firstRow + row) * dimension + column];
    }

    /**
     * Whether one cell is missing.
     *
     * @param row 0-based row
     * @param column 0-based column
     * @return true when missing
     */
    public boolean isMissing(int row, int column) {
        return Double.isNaN(get(row, column));
    }

    /**
     * A copy of one row, NaN in its missing cells.
     *
     * @param row 0-based row
     * @return a new array of length {@code d}
     */
    public double[] row(int row) {
        Objects.checkIndex(row, size);
        int start = (firstRow + row) * dimension;
        return Arrays.copyOfRange(values, start, start + dimension);
    }

    /**
     * A copy of all rows, NaN in missing cells.
     *
     * @return a new {@code n × d} array
     */
    public double[][] toArray() {
        double[][] out = new double[size][];
        for (int i = 0; i < size; i++) {
            out[i] = row(i);
        }
        return out;
    }

    /**
     * Copies rows {@code [from, to)} row-major into a caller-owned array (for kernels); missing cells
     * are copied as NaN.
     *
     * @param from first row, inclusive
     * @param to last row, exclusive
     * @param destination receives {@code (to - from) * d} values. Modified.
     * @param offset index of the first value in {@code destination}
     */
    public void copyRows(int from, int to, double[] destination, int offset) {
        Objects.checkFromToIndex(from, to, size);
        System.arraycopy(values, (firstRow + from) * dimension, destination, offset, (to - from) * dimension);
    }

    /**
     * The missingness pattern of a row: an index into the whole data set's distinct patterns, the same
     * in every chunk view.
     *
     * @param row 0-based row
     * @return the pattern index, in {@code [0, patternCount())}
     */
    public int pattern(int row) {
        Objects.checkIndex(row, size);
        return patternOfRow[firstRow + row];
    }

    /**
     * The number of distinct missingness patterns of the whole data set (not only of this view).
     *
     * @return {@code >= 1}
     */
    public int patternCount() {
        return patterns.observed.length;
    }

    /**
     * The observed columns of a pattern, ascending.
     *
     * @param pattern a pattern index
     * @return a new array (empty for a row missing in every column)
     */
    public int[] observedColumns(int pattern) {
        return patterns.observedColumns[Objects.checkIndex(pattern, patternCount())].clone();
    }

    /**
     * The missing columns of a pattern, ascending.
     *
     * @param pattern a pattern index
     * @return a new array (empty for a complete row)
     */
    public int[] missingColumns(int pattern) {
        return patterns.missingColumns[Objects.checkIndex(pattern, patternCount())].clone();
    }

    /**
     * Whether a row has at least one missing cell.
     *
     * @param row 0-based row
     * @return true when some cell is missing
     */
    public boolean hasMissing(int row) {
        return patterns.missingColumns[pattern(row)].length > 0;
    }

    /**
     * Whether a row is missing in every column.
     *
     * @param row 0-based row
     * @return true when nothing of the row is observed
     */
    public boolean isEmptyRow(int row) {
        return patterns.observedColumns[pattern(row)].length == 0;
    }

    /**
     * The number of missing cells in this view.
     *
     * @return a count {@code >= 0}
     */
    public long missingCells() {
        long count = 0;
        for (int i = 0; i < size; i++) {
            count += patterns.missingColumns[patternOfRow[firstRow + i]].length;
        }
        return count;
    }

    /**
     * The share of this view's cells that are missing.
     *
     * @return {@link #missingCells()} / (n · d), in [0, 1]
     */
    public double missingFraction() {
        return missingCells() / ((double) size * dimension);
    }

    /**
     * The number of rows with at least one observed cell: the n of the observed-data criteria (a row
     * missing in every column adds nothing to the likelihood).
     *
     * @return {@code n} minus the number of {@link #emptyRows()}
     */
    public int informativeRowCount() {
        return size - emptyRows().length;
    }

    /**
     * The rows of this view that are missing in every column, ascending: they contribute nothing to a
     * fit, which reports them.
     *
     * @return a new array of 0-based rows
     */
    public int[] emptyRows() {
        int count = 0;
        for (int i = 0; i < size; i++) {
            count += isEmptyRow(i) ? 1 : 0;
        }
        int[] out = new int[count];
        int m = 0;
        for (int i = 0; i < size; i++) {
            if (isEmptyRow(i)) {
                out[m++] = i;
            }
        }
        return out;
    }

    /**
     * Whether no cell of this view is missing.
     *
     * @return true when complete
     */
    public boolean isComplete() {
        for (int i = 0; i < size; i++) {
            if (patterns.missingColumns[patternOfRow[firstRow + i]].length > 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * This view as complete data, with the same rows and weights.
     *
     * @return the data set
     * @throws IllegalStateException if a cell is missing (check {@link #isComplete()})
     */
    public Dataset toDataset() {
        if (!isComplete()) {
            throw new IllegalStateException("the data have " + missingCells()
                    + " missing cells; use a missing-value model or impute them first");
        }
        Dataset out = Dataset.ofRowMajor(
                Arrays.copyOfRange(values, firstRow * dimension, (firstRow + size) * dimension), size, dimension);
        return weights == null ? out : out.withWeights(Arrays.copyOfRange(weights, firstRow, firstRow + size));
    }

    /**
     * The rows of this view with at least one observed value, in order, with their weights: the data a
     * start is computed from (a row missing in every column says nothing).
     *
     * @return this view when no row is empty, else a new data set without the empty rows
     * @throws IllegalArgumentException if every row is empty
     */
    public IncompleteDataset informativeRows() {
        int[] empty = emptyRows();
        if (empty.length == 0) {
            return this;
        }
        double[][] rows = new double[size() - empty.length][];
        double[] w = new double[rows.length];
        int m = 0;
        for (int i = 0; i < size(); i++) {
            if (!isEmptyRow(i)) {
                w[m] = weight(i);
                rows[m++] = row(i);
            }
        }
        IncompleteDataset out = IncompleteDataset.of(rows);
        return isWeighted() ? out.withWeights(w) : out;
    }

    /**
     * The complete rows of this view (in order) as a data set with their weights, or {@code null} when
     * no row is complete or every complete row has weight 0.
     *
     * @return the complete rows, or null
     */
    public Dataset completeRows() {
        int count = 0;
        for (int i = 0; i < size; i++) {
            count += hasMissing(i) ? 0 : 1;
        }
        if (count == 0) {
            return null;
        }
        if (count == size) {
            return weights == null || sumWeights(0, size) > 0 ? toDataset() : null;
        }
        double[] rows = new double[count * dimension];
        double[] w = new double[count];
        int m = 0;
        for (int i = 0; i < size; i++) {
            if (!hasMissing(i)) {
                System.arraycopy(values, (firstRow + i) * dimension, rows, m * dimension, dimension);
                w[m++] = weight(i);
            }
        }
        Dataset out = Dataset.ofRowMajor(rows, count, dimension);
        if (weights == null) {
            return out;
        }
        double sum = 0;
        for (double v : w) {
            sum += v;
        }
        return sum > 0 ? out.withWeights(w) : null;
    }

    private double sumWeights(int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += weights[firstRow + i];
        }
        return sum;
    }

    /**
     * The data with each missing cell replaced by the mean of its column's observed values (weighted
     * by the row weights): the naive baseline imputation, and a start for EM.
     *
     * @return the completed data (same weights)
     */
    public Dataset meanImputed() {
        double[] sum = new double[dimension];
        double[] count = new double[dimension];
        for (int i = 0; i < size; i++) {
            double w = weight(i);
            for (int a = 0; a < dimension; a++) {
                double v = values[(firstRow + i) * dimension + a];
                if (!Double.isNaN(v)) {
                    sum[a] += w * v;
                    count[a] += w;
                }
            }
        }
        double[] filled = Arrays.copyOfRange(values, firstRow * dimension, (firstRow + size) * dimension);
        for (int i = 0; i < size; i++) {
            for (int a = 0; a < dimension; a++) {
                if (Double.isNaN(filled[i * dimension + a])) {
                    filled[i * dimension + a] = count[a] > 0 ? sum[a] / count[a] : meanOfColumn(a);
                }
            }
        }
        Dataset out = Dataset.ofRowMajor(filled, size, dimension);
        return weights == null ? out : out.withWeights(Arrays.copyOfRange(weights, firstRow, firstRow + size));
    }

    /** The unweighted mean of a column's observed values in the view (a column of zero-weight rows). */
    private double meanOfColumn(int a) {
        double sum = 0;
        int count = 0;
        for (int i = 0; i < size; i++) {
            double v = values[(firstRow + i) * dimension + a];
            if (!Double.isNaN(v)) {
                sum += v;
                count++;
            }
        }
        return count > 0 ? sum / count : 0.0;
    }

    /**
     * A view of rows {@code [from, to)}, sharing storage and pattern indices.
     *
     * @param from first row, inclusive
     * @param to last row, exclusive, {@code > from}
     * @return the view
     */
    public IncompleteDataset rows(int from, int to) {
        Objects.checkFromToIndex(from, to, size);
        checkArgument(to > from, "empty row range [%s, %s)", from, to);
        return new IncompleteDataset(values, weights, patternOfRow, patterns, firstRow + from, to - from, dimension);
    }

    /**
     * The number of rows, the unit chunks are measured in.
     *
     * @return {@link #size()}
     */
    @Override
    public long units() {
        return size;
    }

    /**
     * Consecutive views of at most {@code unitsPerChunk} rows covering every row once, with the rows
     * grouped by missingness pattern (stable; the data's own order when it has one pattern); the cut
     * depends only on the data and {@code unitsPerChunk}, never on threads. Use {@link #rows} for
     * views in the data's own order.
     *
     * @param unitsPerChunk rows per chunk, {@code >= 1}
     * @return the chunks, rows grouped by pattern
     */
    @Override
    public List<IncompleteDataset> chunks(int unitsPerChunk) {
        checkArgument(unitsPerChunk >= 1, "rowsPerChunk (%s) must be >= 1", unitsPerChunk);
        IncompleteDataset grouped = groupedByPattern();
        List<IncompleteDataset> out = new ArrayList<>((size + unitsPerChunk - 1) / unitsPerChunk);
        for (int from = 0; from < size; from += unitsPerChunk) {
            out.add(grouped.rows(from, Math.min(size, from + unitsPerChunk)));
        }
        return out;
    }

    /**
     * The same rows reordered so that rows of one pattern are adjacent (patterns in index order, rows
     * in their order within a pattern): what {@link #chunks} cuts, so that an E-step sees long runs of
     * one pattern. This view itself when it has only one pattern; computed once and kept.
     */
    private IncompleteDataset groupedByPattern() {
        IncompleteDataset g = grouped;
        if (g != null) {
            return g;
        }
        int[] count = new int[patternCount() + 1];
        for (int i = 0; i < size; i++) {
            count[patternOfRow[firstRow + i] + 1]++;
        }
        int distinct = 0;
        for (int p = 1; p < count.length; p++) {
            distinct += count[p] > 0 ? 1 : 0;
            count[p] += count[p - 1];
        }
        if (distinct <= 1) {
            g = this;
        } else {
            double[] v = new double[size * dimension];
            double[] w = weights == null ? null : new double[size];
            int[] pat = new int[size];
            for (int i = 0; i < size; i++) {
                int p = patternOfRow[firstRow + i];
                int to = count[p]++;
                System.arraycopy(values, (firstRow + i) * dimension, v, to * dimension, dimension);
                pat[to] = p;
                if (w != null) {
                    w[to] = weights[firstRow + i];
                }
            }
            g = new IncompleteDataset(v, w, pat, patterns, 0, size, dimension);
            g.grouped = g;
        }
        grouped = g;
        return g;
    }

    @Override
    public String toString() {
        return "IncompleteDataset[" + size + " x " + dimension + ", " + missingCells() + " missing cells"
                + (weights == null ? "" : ", weighted") + "]";
    }
}
