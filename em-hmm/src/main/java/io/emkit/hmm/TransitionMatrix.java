package io.emkit.hmm;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Arrays;
import java.util.Objects;

/**
 * An immutable {@code S x S} row-stochastic matrix: {@code get(i, j) = P(next state = j | state = i)}.
 *
 * <p>Every row holds probabilities in {@code [0, 1]} summing to 1 within
 * {@value Stochastic#SUM_TOLERANCE}. A zero entry is a structural zero: Baum-Welch keeps it
 * exactly zero, which is how left-to-right models are expressed. Factories copy; accessors copy.
 * Thread-safe.
 */
public final class TransitionMatrix implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    private final int states;
    private final double[] probabilities; // row-major S x S

    private TransitionMatrix(int states, double[] probabilities) {
        this.states = states;
        this.probabilities = probabilities;
    }

    /**
     * A matrix from its rows. Copied.
     *
     * @param rows {@code S x S}, {@code S >= 1}; {@code rows[i][j] = P(j | i)}
     * @return the matrix
     * @throws IllegalArgumentException if it is not square, an entry is negative, NaN or above 1,
     *     or a row does not sum to 1 (the message names the row, column and value)
     * @throws NullPointerException if {@code rows} or a row is null
     */
    public static TransitionMatrix of(double[][] rows) {
        Objects.requireNonNull(rows, "rows");
        int s = rows.length;
        checkArgument(s >= 1, "a transition matrix needs at least one state");
        double[] flat = new double[s * s];
        for (int i = 0; i < s; i++) {
            double[] row = Objects.requireNonNull(rows[i], "rows[" + i + "]");
            checkArgument(row.length == s, "transitions[%s] has length %s, expected %s (square)", i, row.length, s);
            System.arraycopy(row, 0, flat, i * s, s);
        }
        return ofRowMajor(s, flat);
    }

    /**
     * A matrix from a row-major array. Copied.
     *
     * @param states {@code S >= 1}
     * @param rowMajor {@code S * S} entries, entry {@code i * S + j} is {@code P(j | i)}
     * @return the matrix
     * @throws IllegalArgumentException as for {@link #of(double[][])}
     */
    public static TransitionMatrix ofRowMajor(int states, double[] rowMajor) {
        Objects.requireNonNull(rowMajor, "rowMajor");
        checkArgument(states >= 1, "states (%s) must be >= 1", states);
        checkArgument(rowMajor.length == states * states, "rowMajor has length %s, expected %s",
                rowMajor.length, states * states);
        double[] copy = rowMajor.clone();
        for (int i = 0; i < states; i++) {
            Stochastic.checkProbabilities("transitions[" + i + "]", copy, i * states, states);
        }
        return new TransitionMatrix(states, copy);
    }

    /** Wraps without copying or checking; for the M-step, whose rows are normalised by construction. */
    static TransitionMatrix wrap(int states, double[] rowMajor) {
        return new TransitionMatrix(states, rowMajor);
    }

    /**
     * The number of states.
     *
     * @return {@code S}
     */
    public int states() {
        return states;
    }

    /**
     * One transition probability.
     *
     * @param from the current state
     * @param to the next state
     * @return {@code P(to | from)}
     * @throws IndexOutOfBoundsException for a bad index
     */
    public double get(int from, int to) {
        Objects.checkIndex(from, states);
        Objects.checkIndex(to, states);
        return probabilities[from * states + to];
    }

    /**
     * One row. Copied.
     *
     * @param from the current state
     * @return the distribution of the next state
     */
    public double[] row(int from) {
        Objects.checkIndex(from, states);
        return Arrays.copyOfRange(probabilities, from * states, (from + 1) * states);
    }

    /**
     * All entries as a new {@code S x S} array.
     *
     * @return a copy
     */
    public double[][] toArray() {
        double[][] out = new double[states][];
        for (int i = 0; i < states; i++) {
            out[i] = row(i);
        }
        return out;
    }

    /**
     * All entries as a new row-major array of length {@code S * S}.
     *
     * @return a copy
     */
    public double[] toRowMajor() {
        return probabilities.clone();
    }

    /** The internal row-major array (never modify). */
    double[] raw() {
        return probabilities;
    }

    /**
     * The number of non-zero entries, i.e. transitions that are not structural zeros.
     *
     * @return a count in {@code [S, S * S]}
     */
    public int nonZeroCount() {
        int count = 0;
        for (double p : probabilities) {
            if (p != 0) {
                count++;
            }
        }
        return count;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TransitionMatrix m && m.states == states
                && Arrays.equals(m.probabilities, probabilities);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(probabilities);
    }

    @Override
    public String toString() {
        return "TransitionMatrix" + Arrays.deepToString(toArray());
    }
}
