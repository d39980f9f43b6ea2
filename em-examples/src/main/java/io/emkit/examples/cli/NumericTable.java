package io.emkit.examples.cli;

import io.emkit.core.Dataset;
import java.util.List;
import java.util.Objects;

/**
 * A rectangular table of finite numbers read from a data CSV, with its optional header.
 *
 * <p>Immutable: the rows are copied on the way in and out.
 */
public final class NumericTable {

    private final List<String> header;
    private final double[][] rows;
    private final int dimension;

    NumericTable(List<String> header, double[][] rows, int dimension) {
        this.header = List.copyOf(Objects.requireNonNull(header, "header"));
        this.rows = rows;
        this.dimension = dimension;
    }

    /**
     * The column names from the header line.
     *
     * @return the names, or an empty list when the file had no header
     */
    public List<String> header() {
        return header;
    }

    /**
     * The number of samples (data lines).
     *
     * @return {@code n >= 1}
     */
    public int size() {
        return rows.length;
    }

    /**
     * The number of columns of every sample.
     *
     * @return {@code d >= 1}
     */
    public int dimension() {
        return dimension;
    }

    /**
     * The samples.
     *
     * @return a fresh n x d copy
     */
    public double[][] toArray() {
        double[][] copy = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            copy[i] = rows[i].clone();
        }
        return copy;
    }

    /**
     * The samples as an unweighted {@link Dataset}.
     *
     * @return a new data set holding a copy of the rows
     */
    public Dataset toDataset() {
        return Dataset.of(rows);
    }
}
