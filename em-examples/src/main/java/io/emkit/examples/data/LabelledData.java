package io.emkit.examples.data;

import java.util.List;
import java.util.Objects;

/**
 * A bundled data set: an {@code n x d} feature matrix, optionally one class label per row, and the
 * names of the columns and classes. Immutable; arrays are copied on the way in and out.
 */
public final class LabelledData {

    private final String name;
    private final double[][] features;
    private final int[] labels;
    private final List<String> columns;
    private final List<String> classes;

    /**
     * Makes a data set.
     *
     * @param name a short name (for messages)
     * @param features {@code n x d}, rectangular. Copied.
     * @param labels {@code n} labels in {@code 0..classes.size()-1}, or an empty array for
     *     unlabelled data. Copied.
     * @param columns {@code d} column names
     * @param classes the class names, indexed by label
     * @throws IllegalArgumentException on inconsistent sizes or a label out of range
     */
    public LabelledData(String name, double[][] features, int[] labels, List<String> columns,
            List<String> classes) {
        this.name = Objects.requireNonNull(name, "name");
        this.features = copy(features);
        this.labels = labels.clone();
        this.columns = List.copyOf(columns);
        this.classes = List.copyOf(classes);
        if (labels.length != 0 && labels.length != features.length) {
            throw new IllegalArgumentException(name + ": " + labels.length + " labels for "
                    + features.length + " rows");
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes.size()) {
                throw new IllegalArgumentException(name + ": labels[" + i + "] (" + labels[i]
                        + ") must be in 0.." + (classes.size() - 1));
            }
        }
        for (int i = 0; i < features.length; i++) {
            if (features[i].length != columns.size()) {
                throw new IllegalArgumentException(name + ": row " + i + " has " + features[i].length
                        + " values but there are " + columns.size() + " columns");
            }
        }
    }

    /**
     * The data set's name.
     *
     * @return e.g. {@code "iris"}
     */
    public String name() {
        return name;
    }

    /**
     * The number of rows.
     *
     * @return {@code n}
     */
    public int size() {
        return features.length;
    }

    /**
     * The number of feature columns.
     *
     * @return {@code d}
     */
    public int dimension() {
        return columns.size();
    }

    /**
     * The features.
     *
     * @return a fresh {@code n x d} copy
     */
    public double[][] features() {
        return copy(features);
    }

    /**
     * The class labels.
     *
     * @return a fresh array of length {@code n}, or empty when the data are unlabelled
     */
    public int[] labels() {
        return labels.clone();
    }

    /**
     * The feature column names.
     *
     * @return {@code d} names
     */
    public List<String> columns() {
        return columns;
    }

    /**
     * The class names, indexed by label.
     *
     * @return the names, empty for unlabelled data
     */
    public List<String> classes() {
        return classes;
    }

    /**
     * The first {@code rows} rows (for quick tests), or all of them.
     *
     * @param rows how many rows to keep, {@code >= 1}
     * @return a new data set
     */
    public LabelledData head(int rows) {
        int n = Math.min(rows, features.length);
        double[][] part = new double[n][];
        System.arraycopy(features, 0, part, 0, n);
        int[] partLabels = labels.length == 0 ? labels : java.util.Arrays.copyOf(labels, n);
        return new LabelledData(name, part, partLabels, columns, classes);
    }

    private static double[][] copy(double[][] rows) {
        double[][] copy = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            copy[i] = rows[i].clone();
        }
        return copy;
    }
}
