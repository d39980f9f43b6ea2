package io.emkit.examples.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Observation sequences read from a sequence CSV: an id per sequence and, per sequence, a
 * {@code T x d} array of observations (for categorical data {@code d = 1} and each value is an
 * integer symbol).
 *
 * <p>Immutable: arrays are copied on the way out.
 */
public final class SequenceTable {

    private final List<String> header;
    private final List<String> ids;
    private final List<double[][]> sequences;
    private final int dimension;
    private final boolean categorical;

    SequenceTable(List<String> header, List<String> ids, List<double[][]> sequences, int dimension,
            boolean categorical) {
        this.header = List.copyOf(header);
        this.ids = List.copyOf(ids);
        this.sequences = List.copyOf(Objects.requireNonNull(sequences, "sequences"));
        this.dimension = dimension;
        this.categorical = categorical;
    }

    /**
     * The column names of the header line.
     *
     * @return the names, or an empty list when there was no header
     */
    public List<String> header() {
        return header;
    }

    /**
     * The sequence ids, in order of appearance (an id that reappears after another one starts a new
     * sequence and appears twice here).
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
        return sequences.size();
    }

    /**
     * The observation dimension: 1 for categorical data.
     *
     * @return {@code d >= 1}
     */
    public int dimension() {
        return dimension;
    }

    /**
     * Whether the observations are integer symbols.
     *
     * @return {@code true} for categorical data
     */
    public boolean categorical() {
        return categorical;
    }

    /**
     * The total number of observations over all sequences.
     *
     * @return the sum of the sequence lengths
     */
    public int totalLength() {
        int total = 0;
        for (double[][] sequence : sequences) {
            total += sequence.length;
        }
        return total;
    }

    /**
     * One sequence's observations.
     *
     * @param index 0-based sequence index
     * @return a fresh {@code T x d} copy
     * @throws IndexOutOfBoundsException if {@code index} is out of range
     */
    public double[][] sequence(int index) {
        double[][] source = sequences.get(index);
        double[][] copy = new double[source.length][];
        for (int t = 0; t < source.length; t++) {
            copy[t] = source[t].clone();
        }
        return copy;
    }

    /**
     * One categorical sequence's symbols.
     *
     * @param index 0-based sequence index
     * @return a fresh array of length T
     * @throws IllegalStateException if the data are not categorical
     * @throws IndexOutOfBoundsException if {@code index} is out of range
     */
    public int[] symbols(int index) {
        if (!categorical) {
            throw new IllegalStateException("the sequences are not categorical");
        }
        double[][] source = sequences.get(index);
        int[] symbols = new int[source.length];
        for (int t = 0; t < source.length; t++) {
            symbols[t] = (int) source[t][0];
        }
        return symbols;
    }

    /**
     * All categorical sequences.
     *
     * @return one fresh symbol array per sequence
     * @throws IllegalStateException if the data are not categorical
     */
    public List<int[]> allSymbols() {
        List<int[]> all = new ArrayList<>(sequences.size());
        for (int s = 0; s < sequences.size(); s++) {
            all.add(symbols(s));
        }
        return all;
    }

    /**
     * All real-valued sequences.
     *
     * @return one fresh {@code T x d} array per sequence
     */
    public List<double[][]> allSequences() {
        List<double[][]> all = new ArrayList<>(sequences.size());
        for (int s = 0; s < sequences.size(); s++) {
            all.add(sequence(s));
        }
        return all;
    }
}
