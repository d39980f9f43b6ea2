package io.emkit.core;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * An immutable {@code n × d} matrix of finite observations, one sample per row, with an optional
 * non-negative weight per row (a weight of 2 counts like the row twice).
 *
 * <p>Stored row-major in one flat array; {@link #split} makes chunk views that share it without
 * copying, which is how models partition data for the parallel E-step. Every array going in or out
 * is copied, so instances are safe to share between threads.
 */
public final class Dataset implements Chunkable<Dataset> {
    private final double[] values;
    private final double[] weights; // null: every weight is 1
    private final int firstRow;
    private final int size;
    private final int dimension;
    private final double totalWeight;
    private final double magnitudeBound; // max |x| over the values checked when the array came in

    private Dataset(double[] values, double[] weights, int firstRow, int size, int dimension,
            double magnitudeBound) {
        this.values = values;
        this.magnitudeBound = magnitudeBound;
        this.weights = weights;
        this.firstRow = firstRow;
        this.size = size;
        this.dimension = dimension;
        double total = size;
        if (weights != null) {
            total = 0;
            for (int i = firstRow; i < firstRow + size; i++) {
                total += weights[i];
            }
        }
        this.totalWeight = total;
    }

    /**
     * A copy of rectangular, finite, unweighted data.
     *
     * @param rows {@code n × d}, {@code n >= 1}, {@code d >= 1}. Not modified.
     * @return the data set
     * @throws IllegalArgumentException if the data are empty, ragged ({@code "row 3 has 2 values but
     *     row 0 has 3"}) or hold a NaN or infinity ({@code "x[4][1] is NaN"})
     */
    public static Dataset of(double[][] rows) {
        Objects.requireNonNull(rows, "rows");
        checkArgument(rows.length > 0, "data are empty: no rows");
        Objects.requireNonNull(rows[0], "row 0 is null");
        int d = rows[0].length;
        checkArgument(d > 0, "data have no columns");
        double[] values = new double[rows.length * d];
        for (int i = 0; i < rows.length; i++) {
            double[] row = Objects.requireNonNull(rows[i], "a row is null");
            checkArgument(row.length == d,
                    "data are ragged: row %s has %s values but row 0 has %s", i, row.length, d);
            System.arraycopy(row, 0, values, i * d, d);
        }
        return checked(values, rows.length, d, null);
    }

    /**
     * A copy of rectangular, finite data with one weight per row.
     *
     * @param rows {@code n × d}. Not modified.
     * @param weights length {@code n}, each finite and {@code >= 0}, not all zero. Not modified.
     * @return the data set
     * @throws IllegalArgumentException as {@link #of(double[][])}, or naming the offending weight
     */
    public static Dataset of(double[][] rows, double[] weights) {
        return of(rows).withWeights(weights);
    }

    /**
     * A copy of row-major data.
     *
     * @param rowMajor {@code n * d} finite values, sample {@code i} at {@code [i*d, (i+1)*d)}. Not
     *     modified.
     * @param n number of samples, {@code >= 1}
     * @param d dimension, {@code >= 1}
     * @return the data set
     * @throws IllegalArgumentException on a size mismatch or a non-finite value
     */
    public static Dataset ofRowMajor(double[] rowMajor, int n, int d) {
        checkArgument(n >= 1, "data are empty: n (%s) must be >= 1", n);
        checkArgument(d >= 1, "dimension d (%s) must be >= 1", d);
        checkArgument(rowMajor.length == (long) n * d,
                "%s values given for %s rows of dimension %s", rowMajor.length, n, d);
        return checked(rowMajor.clone(), n, d, null);
    }

    private static Dataset checked(double[] values, int n, int d, double[] weights) {
        double largest = 0;
        for (int i = 0; i < values.length; i++) {
            double v = values[i];
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException(
                        "x[" + (i / d) + "][" + (i % d) + "] is " + v + "; data must be finite");
            }
            double magnitude = Math.abs(v);
            if (magnitude > largest) {
                largest = magnitude;
            }
        }
        return new Dataset(values, weights, 0, n, d, largest);
    }

    /**
     * The same rows with the given weights (replacing any weights this data set had).
     *
     * @param rowWeights length {@code n}, each finite and {@code >= 0}, with a positive sum. Not
     *     modified.
     * @return a new data set sharing the rows
     * @throws IllegalArgumentException naming the offending index and value, or if all are zero
     */
    public Dataset withWeights(double[] rowWeights) {
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
        double[] base = firstRow == 0 && size * dimension == values.length
                ? values : Arrays.copyOfRange(values, firstRow * dimension, (firstRow + size) * dimension);
        return new Dataset(base, rowWeights.clone(), 0, size, dimension, magnitudeBound);
    }

    /**
     * An upper bound on {@code |x|} over every value of the data set, known without a pass over them:
     * the largest magnitude among the values checked when the data set was made. A view made by
     * {@link #rows}, {@link #split} or {@link #chunks} keeps its parent's bound, so its own largest
     * value may be smaller. Models use it to rule out overflow of their sums cheaply.
     *
     * @return a finite bound, {@code >= 0}
     */
    public double magnitudeBound() {
        return magnitudeBound;
    }

    /**
     * Number of samples (rows).
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
     * Sum of all row weights ({@code n} when unweighted).
     *
     * @return a value {@code > 0}
     */
    public double totalWeight() {
        return totalWeight;
    }

    /**
     * One value.
     *
     * @param row 0-based row
     * @param column 0-based column
     * @return {@code x[row][column]}
     */
    public double get(int row, int column) {
        Objects.checkIndex(row, size);
        Objects.checkIndex(column, dimension);
        return values[(firstRow + row) * dimension + column];
    }

    /**
     * A copy of one row.
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
     * A copy of all rows.
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
     * Copies rows {@code [from, to)} row-major into a caller-owned array (for kernels).
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
     * Copies the weights of rows {@code [from, to)} into a caller-owned array (1s when unweighted).
     *
     * @param from first row, inclusive
     * @param to last row, exclusive
     * @param destination receives {@code to - from} values. Modified.
     * @param offset index of the first value in {@code destination}
     */
    public void copyWeights(int from, int to, double[] destination, int offset) {
        Objects.checkFromToIndex(from, to, size);
        if (weights == null) {
            Arrays.fill(destination, offset, offset + (to - from), 1.0);
        } else {
            System.arraycopy(weights, firstRow + from, destination, offset, to - from);
        }
    }

    /**
     * A view of rows {@code [from, to)}, sharing storage.
     *
     * @param from first row, inclusive
     * @param to last row, exclusive, {@code > from}
     * @return the view
     */
    public Dataset rows(int from, int to) {
        Objects.checkFromToIndex(from, to, size);
        checkArgument(to > from, "empty row range [%s, %s)", from, to);
        return new Dataset(values, weights, firstRow + from, to - from, dimension, magnitudeBound);
    }

    /**
     * Consecutive views of at most {@code rowsPerChunk} rows covering the data in order. The split
     * depends only on {@code n} and {@code rowsPerChunk}.
     *
     * @param rowsPerChunk at least 1
     * @return at least one chunk
     */
    public List<Dataset> split(int rowsPerChunk) {
        checkArgument(rowsPerChunk >= 1, "rowsPerChunk (%s) must be >= 1", rowsPerChunk);
        List<Dataset> chunks = new ArrayList<>((size + rowsPerChunk - 1) / rowsPerChunk);
        for (int from = 0; from < size; from += rowsPerChunk) {
            chunks.add(rows(from, Math.min(size, from + rowsPerChunk)));
        }
        return chunks;
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
     * Chunks of {@code unitsPerChunk} rows: {@link #split(int)}.
     *
     * @param unitsPerChunk rows per chunk, {@code >= 1}
     * @return the chunks in row order
     */
    @Override
    public List<Dataset> chunks(int unitsPerChunk) {
        return split(unitsPerChunk);
    }

    @Override
    public String toString() {
        return "Dataset[" + size + " x " + dimension + (weights == null ? "" : ", weighted") + "]";
    }
}
