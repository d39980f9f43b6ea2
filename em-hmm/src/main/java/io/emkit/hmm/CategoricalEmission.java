package io.emkit.hmm;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Arrays;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Categorical emissions: state {@code s} emits symbol {@code k} with probability
 * {@code probability(s, k)}, {@code k = 0 .. m-1}. An immutable {@code S x m} row-stochastic
 * matrix; factories and accessors copy. Thread-safe.
 */
public final class CategoricalEmission implements Emission {

    private final int states;
    private final int symbols;
    private final double[] probabilities;    // row-major S x m
    private final double[] logProbabilities; // row-major S x m, log 0 = -Infinity

    private CategoricalEmission(int states, int symbols, double[] probabilities) {
        this.states = states;
        this.symbols = symbols;
        this.probabilities = probabilities;
        this.logProbabilities = new double[probabilities.length];
        for (int i = 0; i < probabilities.length; i++) {
            logProbabilities[i] = Math.log(probabilities[i]);
        }
    }

    /**
     * Emissions from an {@code S x m} matrix. Copied.
     *
     * @param probabilities {@code probabilities[s][k] = P(symbol k | state s)}; {@code S, m >= 1},
     *     every row of the same length, entries in {@code [0, 1]}, rows summing to 1
     * @return the emission
     * @throws IllegalArgumentException for ragged rows, a negative or NaN entry, or a row not
     *     summing to 1 (the message names the row and column)
     * @throws NullPointerException if the array or a row is null
     */
    public static CategoricalEmission of(double[][] probabilities) {
        Objects.requireNonNull(probabilities, "probabilities");
        checkArgument(probabilities.length >= 1, "emission probabilities need at least one state");
        Objects.requireNonNull(probabilities[0], "probabilities[0]");
        int m = probabilities[0].length;
        checkArgument(m >= 1, "emission probabilities need at least one symbol");
        double[] flat = new double[probabilities.length * m];
        for (int s = 0; s < probabilities.length; s++) {
            double[] row = Objects.requireNonNull(probabilities[s], "probabilities[" + s + "]");
            checkArgument(row.length == m, "emissions[%s] has length %s, expected %s", s, row.length, m);
            Stochastic.checkProbabilities("emissions[" + s + "]", row, 0, m);
            System.arraycopy(row, 0, flat, s * m, m);
        }
        return new CategoricalEmission(probabilities.length, m, flat);
    }

    /** Wraps a row-major array without copying or checking (M-step output). */
    static CategoricalEmission wrap(int states, int symbols, double[] rowMajor) {
        return new CategoricalEmission(states, symbols, rowMajor);
    }

    @Override
    public int states() {
        return states;
    }

    /**
     * The alphabet size.
     *
     * @return {@code m}
     */
    public int symbols() {
        return symbols;
    }

    /**
     * One emission probability.
     *
     * @param state the state
     * @param symbol the symbol
     * @return {@code P(symbol | state)}
     * @throws IndexOutOfBoundsException for a bad index
     */
    public double probability(int state, int symbol) {
        Objects.checkIndex(state, states);
        Objects.checkIndex(symbol, symbols);
        return probabilities[state * symbols + symbol];
    }

    /**
     * The matrix as a new {@code S x m} array.
     *
     * @return a copy
     */
    public double[][] toArray() {
        double[][] out = new double[states][];
        for (int s = 0; s < states; s++) {
            out[s] = Arrays.copyOfRange(probabilities, s * symbols, (s + 1) * symbols);
        }
        return out;
    }

    double[] raw() {
        return probabilities;
    }

    /** {@inheritDoc} {@code S * (m - 1)}. */
    @Override
    public int parameterCount() {
        return states * (symbols - 1);
    }

    @Override
    public void checkCompatible(Sequences data) {
        checkArgument(data.isCategorical(), "categorical emissions need categorical sequences, got %s", data);
        checkSymbols(data, symbols);
    }

    /** Checks every symbol of {@code data} against the alphabet size, naming the first offender. */
    static void checkSymbols(Sequences data, int symbols) {
        if (data.maxSymbol() < symbols) {
            return;
        }
        for (int r = 0; r < data.size(); r++) {
            int[] seq = data.rawSymbols(r);
            for (int t = 0; t < seq.length; t++) {
                if (seq[t] >= symbols) {
                    throw new IllegalArgumentException("sequences[" + r + "][" + t + "] (" + seq[t]
                            + ") is out of range: symbols must be in [0, " + symbols + ")");
                }
            }
        }
        throw new IllegalArgumentException("the data hold symbol " + data.maxSymbol()
                + ", out of range: symbols must be in [0, " + symbols + ")");
    }

    @Override
    public void logDensities(Sequences data, int sequence, double[] out) {
        gather(logProbabilities, data.rawSymbols(sequence), out);
    }

    /** Probabilities cannot overflow and are renormalised every step, so no shift is needed. */
    @Override
    public double shiftedDensities(Sequences data, int sequence, double[] out) {
        gather(probabilities, data.rawSymbols(sequence), out);
        return 0;
    }

    /** out[s·T + t] = table[s·m + o_t] for every state s and step t. */
    private void gather(double[] table, int[] symbolsOfSequence, double[] out) {
        int length = symbolsOfSequence.length;
        for (int s = 0; s < states; s++) {
            int rowOffset = s * symbols;
            int outOffset = s * length;
            for (int t = 0; t < length; t++) {
                out[outOffset + t] = table[rowOffset + symbolsOfSequence[t]];
            }
        }
    }

    @Override
    public Sequences sample(int[] path, RandomGenerator random) {
        int[] out = new int[path.length];
        for (int t = 0; t < path.length; t++) {
            out[t] = draw(probabilities, path[t] * symbols, symbols, random);
        }
        return Sequences.ofSymbols(new int[][] {out});
    }

    /** Draws an index from the distribution {@code p[offset .. offset+n)}. */
    static int draw(double[] p, int offset, int n, RandomGenerator random) {
        double u = random.nextDouble();
        double cumulative = 0;
        int last = 0;
        for (int k = 0; k < n; k++) {
            double pk = p[offset + k];
            if (pk > 0) {
                cumulative += pk;
                last = k;
                if (u < cumulative) {
                    return k;
                }
            }
        }
        return last; // round-off: u above the computed total
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CategoricalEmission e && e.symbols == symbols
                && Arrays.equals(e.probabilities, probabilities);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(probabilities);
    }

    @Override
    public String toString() {
        return "CategoricalEmission" + Arrays.deepToString(toArray());
    }
}
