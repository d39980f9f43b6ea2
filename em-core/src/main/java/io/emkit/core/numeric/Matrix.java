package io.emkit.core.numeric;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Arrays;
import java.util.Objects;

/**
 * An immutable, finite, dense {@code rows × columns} matrix of doubles, stored row-major.
 *
 * <p>Used for parameter values (covariances, transition matrices). Every array going in or out is
 * copied, so a {@code Matrix} can be shared freely between threads. Equality is element-wise
 * ({@link Double#compare} semantics).
 */
public final class Matrix {
    private final int rows;
    private final int columns;
    private final double[] values;

    private Matrix(int rows, int columns, double[] values) {
        this.rows = rows;
        this.columns = columns;
        this.values = values;
    }

    /**
     * A copy of a rectangular array of finite values.
     *
     * @param array {@code rows × columns}, at least 1 × 1. Not modified.
     * @return the matrix
     * @throws IllegalArgumentException if the array is empty or ragged, or holds a NaN or infinity
     *     (the message names the index)
     */
    public static Matrix of(double[][] array) {
        Objects.requireNonNull(array, "array");
        checkArgument(array.length > 0, "matrix must have at least one row");
        Objects.requireNonNull(array[0], "row 0");
        int columns = array[0].length;
        checkArgument(columns > 0, "matrix must have at least one column");
        double[] values = new double[array.length * columns];
        for (int i = 0; i < array.length; i++) {
            double[] row = Objects.requireNonNull(array[i], () -> "row is null");
            checkArgument(row.length == columns,
                    "matrix is ragged: row %s has %s values but row 0 has %s", i, row.length, columns);
            System.arraycopy(row, 0, values, i * columns, columns);
        }
        return checkedFinite(array.length, columns, values);
    }

    /**
     * A copy of row-major values.
     *
     * @param rows at least 1
     * @param columns at least 1
     * @param rowMajor {@code rows * columns} finite values, element {@code (i, j)} at
     *     {@code i * columns + j}. Not modified.
     * @return the matrix
     * @throws IllegalArgumentException on a size mismatch or a non-finite value
     */
    public static Matrix ofRowMajor(int rows, int columns, double[] rowMajor) {
        checkArgument(rows >= 1 && columns >= 1, "shape (%s x %s) must be at least 1 x 1", rows, columns);
        checkArgument(rowMajor.length == rows * columns,
                "%s values given for a %s x %s matrix", rowMajor.length, rows, columns);
        return checkedFinite(rows, columns, rowMajor.clone());
    }

    /**
     * The {@code n × n} identity.
     *
     * @param n at least 1
     * @return the identity matrix
     */
    public static Matrix identity(int n) {
        double[] diagonal = new double[n];
        Arrays.fill(diagonal, 1.0);
        return diagonal(diagonal);
    }

    /**
     * A square diagonal matrix.
     *
     * @param diagonal its diagonal, finite. Not modified.
     * @return the matrix
     */
    public static Matrix diagonal(double... diagonal) {
        int n = diagonal.length;
        checkArgument(n >= 1, "diagonal must not be empty");
        double[] values = new double[n * n];
        for (int i = 0; i < n; i++) {
            values[i * n + i] = diagonal[i];
        }
        return checkedFinite(n, n, values);
    }

    private static Matrix checkedFinite(int rows, int columns, double[] values) {
        for (int i = 0; i < values.length; i++) {
            double v = values[i];
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException(
                        "matrix[" + (i / columns) + "][" + (i % columns) + "] is " + v + "; must be finite");
            }
        }
        return new Matrix(rows, columns, values);
    }

    /**
     * Number of rows.
     *
     * @return at least 1
     */
    public int rows() {
        return rows;
    }

    /**
     * Number of columns.
     *
     * @return at least 1
     */
    public int columns() {
        return columns;
    }

    /**
     * One element.
     *
     * @param row 0-based row
     * @param column 0-based column
     * @return the value
     * @throws IndexOutOfBoundsException if an index is out of range
     */
    public double get(int row, int column) {
        Objects.checkIndex(row, rows);
        Objects.checkIndex(column, columns);
        return values[row * columns + column];
    }

    /**
     * A copy of one row.
     *
     * @param row 0-based row
     * @return a new array of length {@link #columns()}
     */
    public double[] row(int row) {
        Objects.checkIndex(row, rows);
        return Arrays.copyOfRange(values, row * columns, (row + 1) * columns);
    }

    /**
     * A copy of the diagonal.
     *
     * @return a new array of length {@code min(rows, columns)}
     */
    public double[] diagonal() {
        double[] out = new double[Math.min(rows, columns)];
        for (int i = 0; i < out.length; i++) {
            out[i] = values[i * columns + i];
        }
        return out;
    }

    /**
     * A copy as a nested array.
     *
     * @return a new {@code rows × columns} array
     */
    public double[][] toArray() {
        double[][] out = new double[rows][];
        for (int i = 0; i < rows; i++) {
            out[i] = row(i);
        }
        return out;
    }

    /**
     * A copy of the row-major values.
     *
     * @return a new array of length {@code rows * columns}
     */
    public double[] toRowMajor() {
        return values.clone();
    }

    /**
     * Copies the row-major values into a caller-owned array, for kernels.
     *
     * @param destination receives {@code rows * columns} values. Modified.
     * @param offset where the first value goes
     */
    public void copyTo(double[] destination, int offset) {
        System.arraycopy(values, 0, destination, offset, values.length);
    }

    /**
     * Whether the matrix is square and {@code |a_ij - a_ji| <= tolerance * max|a|}.
     *
     * @param relativeTolerance tolerance relative to the largest magnitude
     * @return true if symmetric within the tolerance
     */
    public boolean isSymmetric(double relativeTolerance) {
        if (rows != columns) {
            return false;
        }
        double scale = 0;
        for (double v : values) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < i; j++) {
                if (Math.abs(values[i * columns + j] - values[j * columns + i]) > relativeTolerance * scale) {
                    return false;
                }
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Matrix that && rows == that.rows && columns == that.columns
                && Arrays.equals(values, that.values);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * rows + columns) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return Arrays.deepToString(toArray());
    }
}
